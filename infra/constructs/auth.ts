import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import {
  AccountRecovery,
  CfnUserPoolGroup,
  ClientAttributes,
  FeaturePlan,
  Mfa,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  UserPoolClient,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { CLAIM, ROLES } from '../../schemas/staff.js';

/**
 * Staff sign-in: a Cognito user pool with one group per role and a `site` attribute that users
 * cannot change themselves (the console client may read it, never write it). MFA is required,
 * there is no self sign-up, and threat protection blocks credential stuffing. The HTTP API's JWT
 * authorizer checks the pool's ID tokens (they carry groups and site) on every staff route.
 */
export class Auth extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;
  readonly authorizer: HttpJwtAuthorizer;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const siteAttribute = CLAIM.site.replace(/^custom:/, '');

    this.userPool = new UserPool(this, 'StaffPool', {
      selfSignUpEnabled: false,
      signInAliases: { username: true, email: true },
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      customAttributes: { [siteAttribute]: new StringAttribute({ minLen: 2, maxLen: 32, mutable: true }) },
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    for (const role of ROLES) {
      new CfnUserPoolGroup(this, `Group${role[0]!.toUpperCase()}${role.slice(1)}`, {
        userPoolId: this.userPool.userPoolId,
        groupName: role,
        description: {
          staff: 'Counsellors: their own site only',
          lead: 'Site leads: their own site, assignment, KPIs, exports',
          coordinator: 'City coordination: figures across sites, no personal data',
        }[role],
      });
    }

    // The console: a browser app (no secret), SRP sign-in, short-lived tokens.
    const readable = new ClientAttributes()
      .withStandardAttributes({ email: true, emailVerified: true })
      .withCustomAttributes(siteAttribute);
    const writable = new ClientAttributes().withStandardAttributes({ email: true });
    this.client = this.userPool.addClient('ConsoleClient', {
      generateSecret: false,
      authFlows: { userSrp: true },
      preventUserExistenceErrors: true,
      idTokenValidity: Duration.minutes(15),
      accessTokenValidity: Duration.minutes(15),
      refreshTokenValidity: Duration.hours(10),
      enableTokenRevocation: true,
      readAttributes: readable,
      writeAttributes: writable,
    });

    const region = Stack.of(this).region;
    this.authorizer = new HttpJwtAuthorizer('StaffJwt', `https://cognito-idp.${region}.amazonaws.com/${this.userPool.userPoolId}`, {
      jwtAudience: [this.client.userPoolClientId],
      identitySource: ['$request.header.Authorization'],
    });
  }
}
