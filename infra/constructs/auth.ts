import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AccountRecovery,
  CfnManagedLoginBranding,
  CfnUserPoolGroup,
  ClientAttributes,
  FeaturePlan,
  ManagedLoginVersion,
  Mfa,
  OAuthScope,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  UserPoolClient,
  UserPoolClientIdentityProvider,
  UserPoolDomain,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { CLAIM, ROLES } from '../../schemas/staff.js';

export interface AuthProps {
  /** Where managed login may send the browser back with a code: the console page (`…/console/`). */
  callbackUrls: string[];
  /** Where Cognito's `/logout` may send the browser afterwards. */
  logoutUrls: string[];
  /**
   * The managed login's domain: a Cognito prefix domain (`<prefix>.auth.<region>.amazoncognito.com`)
   * or a custom domain with its ACM certificate (us-east-1).
   */
  domain: { prefix: string } | { domainName: string; certificateArn: string };
}

/**
 * Staff sign-in: a Cognito user pool with one group per role and a `site` attribute that users
 * cannot change themselves (the console client may read it, never write it). MFA is required,
 * there is no self sign-up, and threat protection blocks credential stuffing. The console signs in
 * through Cognito's managed login with the authorization code flow and PKCE (a public client, no
 * secret). The HTTP API's JWT authorizer checks the pool's ID tokens (they carry groups and site)
 * on every staff route.
 */
export class Auth extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;
  readonly domain: UserPoolDomain;
  readonly authorizer: HttpJwtAuthorizer;
  /** The pool's OpenID Connect issuer (discovery at `<issuer>/.well-known/openid-configuration`). */
  readonly issuer: string;
  /** `https://` + the managed login's domain: authorize, token, revoke, logout. */
  readonly signInUrl: string;

  constructor(scope: Construct, id: string, props: AuthProps) {
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

    // The console: a browser app (public client, no secret) signing in through managed login with
    // the authorization code grant and PKCE; short-lived ID tokens, renewed with rotating refresh
    // tokens; SRP stays for scripts (InitiateAuth).
    const readable = new ClientAttributes()
      .withStandardAttributes({ email: true, emailVerified: true })
      .withCustomAttributes(siteAttribute);
    const writable = new ClientAttributes().withStandardAttributes({ email: true });
    this.client = this.userPool.addClient('ConsoleClient', {
      generateSecret: false,
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true, implicitCodeGrant: false, clientCredentials: false },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: props.callbackUrls,
        logoutUrls: props.logoutUrls,
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      authSessionValidity: Duration.minutes(5), // time to finish the login and MFA steps
      idTokenValidity: Duration.minutes(15),
      accessTokenValidity: Duration.minutes(15),
      refreshTokenValidity: Duration.hours(10), // one working day, then sign in again
      refreshTokenRotationGracePeriod: Duration.seconds(10), // every renewal replaces the refresh token
      enableTokenRevocation: true,
      readAttributes: readable,
      writeAttributes: writable,
    });

    this.domain = this.userPool.addDomain('SignInDomain', {
      ...('prefix' in props.domain
        ? { cognitoDomain: { domainPrefix: props.domain.prefix } }
        : {
            customDomain: {
              domainName: props.domain.domainName,
              certificate: Certificate.fromCertificateArn(this, 'SignInCertificate', props.domain.certificateArn),
            },
          }),
      managedLoginVersion: ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });
    // Managed login needs a style per app client: Cognito's own defaults.
    new CfnManagedLoginBranding(this, 'ManagedLoginBranding', {
      userPoolId: this.userPool.userPoolId,
      clientId: this.client.userPoolClientId,
      useCognitoProvidedValues: true,
    }).node.addDependency(this.domain);
    this.signInUrl = this.domain.baseUrl();

    const region = Stack.of(this).region;
    this.issuer = `https://cognito-idp.${region}.amazonaws.com/${this.userPool.userPoolId}`;
    this.authorizer = new HttpJwtAuthorizer('StaffJwt', this.issuer, {
      jwtAudience: [this.client.userPoolClientId],
      identitySource: ['$request.header.Authorization'],
    });
  }
}
