import { isAbsolute, join } from 'node:path';
import { Aws, CfnOutput, Fn, Lazy, Stack, Token, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { ROUTES } from '../routes.js';
import { Api } from '../constructs/api.js';
import { Auth } from '../constructs/auth.js';
import { REPO_ROOT } from '../constructs/lambda-function.js';
import { Mail } from '../constructs/mail.js';
import { OriginSecret } from '../constructs/origin-secret.js';
import { Monitoring } from '../constructs/monitoring.js';
import { Table } from '../constructs/table.js';
import { Web } from '../constructs/web.js';
import { Workflows } from '../constructs/workflows.js';
import type { Settings } from './settings.js';

export interface WorkflowsStackProps extends StackProps {
  settings: Settings;
  /** ARN of the CLOUDFRONT web ACL (from the us-east-1 edge stack or context). */
  webAclArn: string;
}

/** The application: table, mail, workflows, API, pages and alarms. Composition only. */
export class WorkflowsStack extends Stack {
  readonly table: Table;
  readonly mail: Mail;
  readonly workflows: Workflows;
  readonly auth: Auth;
  readonly api: Api;
  readonly web: Web;
  readonly monitoring: Monitoring;

  constructor(scope: Construct, id: string, props: WorkflowsStackProps) {
    super(scope, id, props);
    const { settings } = props;

    this.table = new Table(this, 'Data');
    this.mail = new Mail(this, 'Mail', { mailFrom: settings.mailFrom, identity: settings.mailIdentity });

    // Resolved at synth: the default console URL needs the distribution, which is created last.
    const consoleUrl =
      settings.consoleUrl ?? Lazy.string({ produce: () => `https://${this.web.distribution.distributionDomainName}/console` });
    // Employers' links (`/p/<linkId>`, routed to the API by CloudFront) and the Origin their page's POST must carry.
    const publicUrl = settings.domainName
      ? `https://${settings.domainName}`
      : Lazy.string({ produce: () => `https://${this.web.distribution.distributionDomainName}` });
    const environment = {
      TABLE_NAME: this.table.table.tableName,
      SITES: JSON.stringify(settings.sites),
      MAIL_FROM: settings.mailFrom,
      CONSOLE_URL: consoleUrl,
      PUBLIC_URL: publicUrl,
      PROJECT_ID: settings.projectId,
      FUNDER_RETENTION_END: settings.funderRetentionEnd,
    };

    this.workflows = new Workflows(this, 'Workflows', { table: this.table, mail: this.mail, environment });
    // The console page is where managed login sends the browser back (and after sign-out).
    const consolePage = Token.isUnresolved(consoleUrl) ? `${consoleUrl}/` : `${consoleUrl.replace(/\/+$/, '')}/`;
    const callbackUrls = settings.consoleCallbackUrls ?? [consolePage];
    const logoutUrls = settings.consoleLogoutUrls ?? callbackUrls;
    this.auth = new Auth(this, 'Auth', {
      callbackUrls,
      logoutUrls,
      domain:
        settings.authDomainName && settings.authCertificateArn
          ? { domainName: settings.authDomainName, certificateArn: settings.authCertificateArn }
          : // Prefix domains are unique per region across AWS: the stack's own id makes ours so.
            { prefix: settings.authDomainPrefix ?? `${cognitoSafe(settings.projectId)}-staff-${Fn.select(2, Fn.split('/', Aws.STACK_ID))}` },
    });
    const originSecret = new OriginSecret(this, 'OriginSecret', { generation: settings.originSecretGeneration });
    this.api = new Api(this, 'Api', {
      routes: ROUTES,
      originSecret: originSecret.value,
      environment,
      staffAuthorizer: this.auth.authorizer,
      resources: { table: this.table, mail: this.mail },
      stateMachines: this.workflows.stateMachines,
    });
    this.web = new Web(this, 'Web', {
      apiDomainName: this.api.domainName,
      originHeader: { name: originSecret.header, value: originSecret.value },
      webDir: isAbsolute(settings.webDir) ? settings.webDir : join(REPO_ROOT, settings.webDir),
      webAclArn: props.webAclArn,
      allowedCountries: settings.allowedCountries,
      domainName: settings.domainName,
      certificateArn: settings.certificateArn,
      consoleConfig: { issuer: this.auth.issuer, clientId: this.auth.client.userPoolClientId, redirectUri: callbackUrls[0]!, logoutUri: logoutUrls[0]! },
      connectSources: [`https://cognito-idp.${this.region}.amazonaws.com`, this.auth.signInUrl],
    });

    this.monitoring = new Monitoring(this, 'Monitoring', { alarmEmail: settings.alarmEmail });
    this.monitoring.watchApi(this.api);
    this.monitoring.watchFunctions({ ...this.api.functions, ...this.workflows.tasks });
    this.monitoring.notify(...this.workflows.alarms);

    new CfnOutput(this, 'Url', { value: `https://${settings.domainName ?? this.web.distribution.distributionDomainName}` });
    new CfnOutput(this, 'TableName', { value: this.table.table.tableName });
    new CfnOutput(this, 'StaffUserPoolId', { value: this.auth.userPool.userPoolId });
    new CfnOutput(this, 'ConsoleClientId', { value: this.auth.client.userPoolClientId });
    new CfnOutput(this, 'StaffIssuer', { value: this.auth.issuer });
    new CfnOutput(this, 'StaffSignInUrl', { value: this.auth.signInUrl, description: 'Managed login (authorize, token, logout)' });
  }
}

/** A project id as a Cognito domain prefix: lowercase letters, digits, hyphens; none of aws, amazon, cognito. */
function cognitoSafe(projectId: string): string {
  const safe = projectId
    .toLowerCase()
    .replace(/aws|amazon|cognito/g, '')
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 20)
    .replace(/-+$/, '');
  return safe || 'biwaq';
}
