import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Runtime } from 'aws-cdk-lib/aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import cdkJson from '../../cdk.json' with { type: 'json' };
import { buildApp } from '../../infra/app.js';
import { RUNTIME } from '../../infra/constructs/lambda-function.js';
import { ROUTES } from '../../infra/routes.js';
import { TASKS, WORKFLOWS, type TableStreamTrigger } from '../../infra/workflow-specs.js';
import { DEMO_SITES } from '../../schemas/sites.js';
import { ORIGIN_VERIFY_HEADER, ORIGIN_VERIFY_VARIABLE } from '../../functions/lib/origin-verify.js';

// The intake workflow's stream trigger, as the registry declares it.
const INTAKE_TRIGGER = WORKFLOWS.find((w) => w.id === 'IntakeRegistration')!.trigger as TableStreamTrigger;

/** The app as `cdk synth` builds it (cdk.json context), without bundling the functions. */
function synth(context: Record<string, unknown> = {}) {
  // A demo synth (demo sites, placeholder inboxes), as `npm run synth` makes one.
  const app = new App({ context: { ...cdkJson.context, demo: true, ...context, 'aws:cdk:bundling-stacks': [] } });
  return buildApp(app);
}

let main: Template;
let edge: Template;

beforeAll(() => {
  const stacks = synth();
  main = Template.fromStack(stacks.main);
  edge = Template.fromStack(stacks.edge!);
});

describe('table', () => {
  it('has the key design of functions/data/keys.ts', () => {
    main.resourceCountIs('AWS::DynamoDB::GlobalTable', 1);
    const key = (hash: string, range: string) => [
      { AttributeName: hash, KeyType: 'HASH' },
      { AttributeName: range, KeyType: 'RANGE' },
    ];
    main.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      KeySchema: key('PK', 'SK'),
      BillingMode: 'PAY_PER_REQUEST',
      GlobalSecondaryIndexes: [
        { IndexName: 'GSI1', KeySchema: key('GSI1PK', 'GSI1SK'), Projection: { ProjectionType: 'ALL' } },
        { IndexName: 'GSI2', KeySchema: key('GSI2PK', 'GSI2SK'), Projection: { ProjectionType: 'ALL' } },
        { IndexName: 'GSI3', KeySchema: key('GSI3PK', 'GSI3SK'), Projection: { ProjectionType: 'ALL' } },
        { IndexName: 'GSI4', KeySchema: key('GSI4PK', 'GSI4SK'), Projection: { ProjectionType: 'ALL' } },
        { IndexName: 'GSI5', KeySchema: key('GSI5PK', 'GSI5SK'), Projection: { ProjectionType: 'ALL' } },
      ],
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      StreamSpecification: { StreamViewType: 'NEW_IMAGE' },
    });
  });

  it('protects the data: KMS key with rotation, PITR, deletion protection, retained', () => {
    main.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
        Replicas: [
          Match.objectLike({
            DeletionProtectionEnabled: true,
            PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
            SSESpecification: { KMSMasterKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^DataKey'), 'Arn'] } },
          }),
        ],
      }),
    });
    main.hasResource('AWS::KMS::Key', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({ EnableKeyRotation: true, Description: Match.stringLikeRegexp('table') }),
    });
  });
});

describe('functions', () => {
  it('one function per route and per workflow task, ARM64 on the newest Node runtime', () => {
    // CDK's own helper functions (the pages' BucketDeployment) are not ours.
    const functions = Object.fromEntries(
      Object.entries(main.findResources('AWS::Lambda::Function')).filter(([id]) => !id.startsWith('CustomCDK')),
    );
    expect(Object.keys(functions)).toHaveLength(ROUTES.length + TASKS.length);
    for (const fn of Object.values(functions)) {
      expect(fn.Properties.Runtime).toBe(RUNTIME.name);
      expect(fn.Properties.Architectures).toEqual(['arm64']);
      expect(fn.Properties.TracingConfig).toEqual({ Mode: 'Active' });
      expect(fn.Properties.LoggingConfig.LogGroup).toBeDefined();
      expect(Object.keys(fn.Properties.Environment.Variables)).toEqual(
        expect.arrayContaining(['TABLE_NAME', 'SITES', 'MAIL_FROM', 'CONSOLE_URL', 'PUBLIC_URL', 'PROJECT_ID', 'FUNDER_RETENTION_END', 'POWERTOOLS_SERVICE_NAME', 'NODE_OPTIONS']),
      );
    }
    // The newest Node runtime this aws-cdk-lib knows (cdk-nag L1 compares against the same list).
    const nodeVersion = (r: Runtime) => Number(/^nodejs(\d+)\.x$/.exec(r.name)?.[1] ?? 0);
    const newest = [...Runtime.ALL].sort((a, b) => nodeVersion(a) - nodeVersion(b)).pop()!;
    expect(RUNTIME.name).toBe(newest.name);
  });

  it('passes the demo sites and the default console URL (the distribution) in the environment', () => {
    main.hasResourceProperties('AWS::Lambda::Function', {
      Description: 'POST /api/intake',
      Environment: {
        Variables: Match.objectLike({
          SITES: JSON.stringify(DEMO_SITES), // cdk.json has no `sites`
          MAIL_FROM: cdkJson.context.mailFrom,
          CONSOLE_URL: { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [Match.stringLikeRegexp('^WebDistribution'), 'DomainName'] }, '/console']] },
          PUBLIC_URL: { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [Match.stringLikeRegexp('^WebDistribution'), 'DomainName'] }]] },
          NODE_OPTIONS: '--enable-source-maps',
        }),
      },
    });
  });

  it('grants only what the access list names: no table access for GetHealth', () => {
    const policies = main.findResources('AWS::IAM::Policy', {
      Properties: { Roles: [{ Ref: Match.stringLikeRegexp('^ApiRoutesGetHealthRole') }] },
    });
    const statements = Object.values(policies).flatMap((p) => p.Properties.PolicyDocument.Statement);
    const actions = statements.flatMap((s: { Action: string | string[] }) => [s.Action].flat());
    expect(actions.sort()).toEqual(['logs:CreateLogStream', 'logs:PutLogEvents', 'xray:PutTelemetryRecords', 'xray:PutTraceSegments']);
  });

  it('lets the mail tasks send only from MAIL_FROM', () => {
    main.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^WorkflowsTasksSendConfirmationRole') }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: 'ses:SendEmail',
            Condition: { StringEquals: { 'ses:FromAddress': cdkJson.context.mailFrom } },
          }),
        ]),
      },
    });
  });
});

describe('API', () => {
  it('has exactly the routes of ROUTES', () => {
    const routes = Object.values(main.findResources('AWS::ApiGatewayV2::Route')).map((r) => r.Properties.RouteKey);
    // A page route that also answers HEAD (mail scanners) has a HEAD route to the same function.
    const expected = ROUTES.flatMap((r) => [`${r.method} ${r.path}`, ...(r.contract.head ? [`HEAD ${r.path}`] : [])]);
    expect(routes.sort()).toEqual(expected.sort());
    expect(routes).toContain('HEAD /p/{linkId}');
  });

  it('has no authorizer on public routes', () => {
    for (const route of ROUTES.filter((r) => r.auth === 'public')) {
      main.hasResourceProperties('AWS::ApiGatewayV2::Route', {
        RouteKey: `${route.method} ${route.path}`,
        AuthorizationType: 'NONE',
        AuthorizerId: Match.absent(),
      });
    }
  });

  it('puts the Cognito JWT authorizer on every staff route, checking the pool issuer and the console client', () => {
    const authorizers = main.findResources('AWS::ApiGatewayV2::Authorizer');
    expect(Object.keys(authorizers)).toHaveLength(1);
    const [authorizerId, authorizer] = Object.entries(authorizers)[0]!;
    expect(authorizer.Properties).toMatchObject({
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Audience: [{ Ref: expect.stringMatching(/^AuthStaffPoolConsoleClient/) }],
        Issuer: { 'Fn::Join': ['', expect.arrayContaining(['https://cognito-idp.eu-central-1.amazonaws.com/', { Ref: expect.stringMatching(/^AuthStaffPool/) }])] },
      },
    });
    const staffRoutes = ROUTES.filter((r) => r.auth === 'staff');
    expect(staffRoutes.length).toBeGreaterThan(0);
    for (const route of staffRoutes) {
      main.hasResourceProperties('AWS::ApiGatewayV2::Route', {
        RouteKey: `${route.method} ${route.path}`,
        AuthorizationType: 'JWT',
        AuthorizerId: { Ref: authorizerId },
      });
    }
  });

  it('has a staff user pool with MFA, a strong password policy, no self sign-up and one group per role', () => {
    main.hasResourceProperties('AWS::Cognito::UserPool', {
      MfaConfiguration: 'ON',
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      Policies: { PasswordPolicy: Match.objectLike({ MinimumLength: 12, RequireSymbols: true, RequireNumbers: true }) },
      Schema: Match.arrayWith([Match.objectLike({ Name: 'site', AttributeDataType: 'String' })]),
      UserPoolTier: 'PLUS',
    });
    const groups = Object.values(main.findResources('AWS::Cognito::UserPoolGroup')).map((g) => g.Properties.GroupName);
    expect(groups.sort()).toEqual(['coordinator', 'lead', 'staff']);
    // Users cannot change their own site: the console client may read it, never write it.
    const client = Object.values(main.findResources('AWS::Cognito::UserPoolClient'))[0]!.Properties;
    expect(client.ReadAttributes).toContain('custom:site');
    expect(client.WriteAttributes).not.toContain('custom:site');
    expect(client.GenerateSecret).toBe(false);
  });

  it('logs access and throttles the stage', () => {
    main.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('routeKey') },
      DefaultRouteSettings: { ThrottlingBurstLimit: Match.anyValue(), ThrottlingRateLimit: Match.anyValue() },
    });
  });
});

describe('workflows', () => {
  it('one Standard state machine per workflow, logging ALL, tracing on', () => {
    main.resourceCountIs('AWS::StepFunctions::StateMachine', WORKFLOWS.length);
    for (const wf of WORKFLOWS) {
      main.hasResourceProperties('AWS::StepFunctions::StateMachine', {
        StateMachineType: 'STANDARD',
        LoggingConfiguration: Match.objectLike({ Level: 'ALL' }),
        TracingConfiguration: { Enabled: true },
        DefinitionSubstitutions: Object.fromEntries(
          wf.tasks.map((t) => [`${t}FunctionArn`, { 'Fn::GetAtt': [Match.stringLikeRegexp(`^WorkflowsTasks${t}Function`), 'Arn'] }]),
        ),
      });
    }
  });

  it('lets a state machine invoke its task functions and nothing else', () => {
    const [policy] = Object.values(
      main.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: Match.stringLikeRegexp('^WorkflowsIntakeRegistrationRole') }] } }),
    );
    const invoke = policy!.Properties.PolicyDocument.Statement.filter((s: { Action: string }) => s.Action === 'lambda:InvokeFunction');
    const wf = WORKFLOWS.find((w) => w.id === 'IntakeRegistration')!;
    expect(invoke.flatMap((s: { Resource: unknown }) => [s.Resource].flat())).toHaveLength(wf.tasks.length);
  });

  it('lets the TrialPlacement state machine invoke its seven task functions, and each route act only as the registry says', () => {
    const [policy] = Object.values(
      main.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: Match.stringLikeRegexp('^WorkflowsTrialPlacementRole') }] } }),
    );
    const invoke = policy!.Properties.PolicyDocument.Statement.filter((s: { Action: string }) => s.Action === 'lambda:InvokeFunction');
    expect(invoke.flatMap((s: { Resource: unknown }) => [s.Resource].flat())).toHaveLength(WORKFLOWS.find((w) => w.id === 'TrialPlacement')!.tasks.length);
    const statesActions = (route: string) =>
      Object.values(main.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: Match.stringLikeRegexp(`^ApiRoutes${route}Role`) }] } }))
        .flatMap((p) => p.Properties.PolicyDocument.Statement)
        .flatMap((s: { Action: string | string[] }) => [s.Action].flat())
        .filter((a: string) => a.startsWith('states:'))
        .sort();
    expect(statesActions('CreatePlacement')).toEqual(['states:StartExecution']);
    expect(statesActions('CancelPlacement')).toEqual(['states:StopExecution']);
    expect(statesActions('GetPlacement')).toEqual(['states:DescribeExecution', 'states:GetExecutionHistory', 'states:ListExecutions']);
    expect(statesActions('ListPlacements')).toEqual([]);
    expect(statesActions('PostEmployerPage')).toEqual(['states:SendTaskFailure', 'states:SendTaskHeartbeat', 'states:SendTaskSuccess']);
    expect(statesActions('GetEmployerPage')).toEqual([]);
    main.hasResourceProperties('AWS::Lambda::Function', {
      Description: 'POST /api/staff/placements',
      Environment: { Variables: Match.objectLike({ TRIAL_PLACEMENT_STATE_MACHINE_ARN: { Ref: Match.stringLikeRegexp('^WorkflowsTrialPlacementStateMachine') } }) },
    });
  });

  it('lets the RecognitionCase state machine invoke its three task functions; the case routes start, read or wake it as the registry says', () => {
    const [policy] = Object.values(
      main.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: Match.stringLikeRegexp('^WorkflowsRecognitionCaseRole') }] } }),
    );
    const invoke = policy!.Properties.PolicyDocument.Statement.filter((s: { Action: string }) => s.Action === 'lambda:InvokeFunction');
    expect(invoke.flatMap((s: { Resource: unknown }) => [s.Resource].flat())).toHaveLength(3);
    const statesActions = (route: string) =>
      Object.values(main.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: Match.stringLikeRegexp(`^ApiRoutes${route}Role`) }] } }))
        .flatMap((p) => p.Properties.PolicyDocument.Statement)
        .flatMap((s: { Action: string | string[] }) => [s.Action].flat())
        .filter((a: string) => a.startsWith('states:'))
        .sort();
    expect(statesActions('CreateRecognitionCase')).toEqual(['states:StartExecution']);
    expect(statesActions('OpenRecognitionCase')).toEqual(['states:StartExecution']);
    expect(statesActions('GetRecognitionCase')).toEqual(['states:DescribeExecution', 'states:GetExecutionHistory', 'states:ListExecutions']);
    expect(statesActions('PostRecognitionEvent')).toEqual(['states:SendTaskFailure', 'states:SendTaskHeartbeat', 'states:SendTaskSuccess']);
    expect(statesActions('UpdateRecognitionDocuments')).toEqual(['states:SendTaskFailure', 'states:SendTaskHeartbeat', 'states:SendTaskSuccess']);
    expect(statesActions('ListRecognitionCases')).toEqual([]);
    expect(statesActions('PostRecognitionCost')).toEqual([]);
    main.hasResourceProperties('AWS::Lambda::Function', {
      Description: 'POST /api/staff/recognition-cases/{id}/events',
      Environment: { Variables: Match.objectLike({ RECOGNITION_CASE_STATE_MACHINE_ARN: { Ref: Match.stringLikeRegexp('^WorkflowsRecognitionCaseStateMachine') } }) },
    });
  });

  it('lets the exit stop every workflow of the participant, and nothing else; the figures touch no workflow', () => {
    const statements = (route: string) =>
      Object.values(main.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: Match.stringLikeRegexp(`^ApiRoutes${route}Role`) }] } }))
        .flatMap((p) => p.Properties.PolicyDocument.Statement)
        .filter((s: { Action: string | string[] }) => [s.Action].flat().some((a) => a.startsWith('states:')));
    const exit = statements('ExitParticipant');
    expect([...new Set(exit.flatMap((s: { Action: string | string[] }) => [s.Action].flat()))]).toEqual(['states:StopExecution']);
    const resources = JSON.stringify(exit.map((s: { Resource: unknown }) => s.Resource));
    for (const wf of ['IntakeRegistration', 'TrialPlacement', 'RecognitionCase']) expect(resources, wf).toContain(`Workflows${wf}StateMachine`);
    for (const route of ['CorrectExit', 'GetKpis', 'GetKpisCsv', 'GetKpisXlsx', 'GetParticipantsCsv']) expect(statements(route), route).toEqual([]);
  });

  it('answers the XLSX export as bytes: an HTTP API with payload format 2.0 decodes isBase64Encoded (no binaryMediaTypes, which only REST APIs have)', () => {
    main.hasResourceProperties('AWS::ApiGatewayV2::Api', { ProtocolType: 'HTTP' });
    const integrations = Object.values(main.findResources('AWS::ApiGatewayV2::Integration'));
    expect(integrations.length).toBeGreaterThan(0);
    for (const i of integrations) expect(i.Properties.PayloadFormatVersion).toBe('2.0');
    const routes = Object.values(main.findResources('AWS::ApiGatewayV2::Route')).map((r) => r.Properties.RouteKey);
    expect(routes).toEqual(expect.arrayContaining(['GET /api/staff/reports/kpis.xlsx', 'GET /api/staff/reports/kpis.csv', 'GET /api/staff/reports/participants.csv']));
  });

  it('alarms on failed and timed-out executions', () => {
    for (const metric of ['ExecutionsFailed', 'ExecutionsTimedOut']) {
      main.hasResourceProperties('AWS::CloudWatch::Alarm', { Namespace: 'AWS/States', MetricName: metric, AlarmActions: Match.anyValue() });
    }
  });

  it('starts the retention sweep once a night through EventBridge Scheduler, with a role for that state machine only', () => {
    main.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(30 2 * * ? *)',
      ScheduleExpressionTimezone: 'Europe/Berlin',
      Target: Match.objectLike({ Arn: { Ref: Match.stringLikeRegexp('^WorkflowsRetentionSweepStateMachine') }, Input: '{}' }),
    });
    const policies = main.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: Match.stringLikeRegexp('^WorkflowsRetentionSweepSchedule') }] } });
    const statements = Object.values(policies).flatMap((p: any) => p.Properties.PolicyDocument.Statement);
    expect(statements).toEqual([expect.objectContaining({ Action: 'states:StartExecution', Resource: { Ref: expect.stringMatching(/^WorkflowsRetentionSweepStateMachine/) } })]);
  });

  it('starts the intake workflow from the table stream through a pipe', () => {
    main.hasResourceProperties('AWS::Pipes::Pipe', {
      Source: { 'Fn::GetAtt': [Match.stringLikeRegexp('^DataTable'), 'StreamArn'] },
      SourceParameters: {
        DynamoDBStreamParameters: Match.objectLike({ StartingPosition: 'LATEST', BatchSize: 1, DeadLetterConfig: Match.anyValue() }),
        FilterCriteria: { Filters: [{ Pattern: JSON.stringify(INTAKE_TRIGGER.filterPattern) }] },
      },
      Target: { Ref: Match.stringLikeRegexp('^WorkflowsIntakeRegistrationStateMachine') },
      TargetParameters: {
        InputTemplate: INTAKE_TRIGGER.inputTemplate,
        StepFunctionStateMachineParameters: { InvocationType: 'FIRE_AND_FORGET' },
      },
    });
    main.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true });
    main.hasResourceProperties('AWS::CloudWatch::Alarm', { Namespace: 'AWS/SQS', MetricName: 'ApproximateNumberOfMessagesVisible' });
  });
});

describe('monitoring', () => {
  it('alarms on API 5xx and on every function error, into an encrypted topic', () => {
    main.hasResourceProperties('AWS::CloudWatch::Alarm', { Namespace: 'AWS/ApiGateway', MetricName: '5xx' });
    const errors = main.findResources('AWS::CloudWatch::Alarm', { Properties: { Namespace: 'AWS/Lambda', MetricName: 'Errors' } });
    expect(Object.keys(errors)).toHaveLength(ROUTES.length + TASKS.length);
    main.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
  });
});

describe('web', () => {
  it('serves pages from a private bucket (OAC) and /api/*, /health, the employer pages /p/* and the data notice /datenschutz from the API without caching', () => {
    main.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    main.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        CacheBehaviors: [
          // The static API reference first (CloudFront takes the first match), from the pages bucket.
          ...['/api/openapi.json', '/api/docs*'].map((path) =>
            Match.objectLike({ PathPattern: path, CachePolicyId: '658327ea-f89d-4fab-a63d-7e88639e58f6' }), // Managed-CachingOptimized
          ),
          ...['/api/*', '/health', '/p/*', '/datenschutz'].map((path) =>
            Match.objectLike({
              PathPattern: path,
              CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad', // Managed-CachingDisabled
              OriginRequestPolicyId: 'b689b0a8-53d0-40ab-baf2-68738e2966ac', // Managed-AllViewerExceptHostHeader
            }),
          ),
        ],
        Restrictions: { GeoRestriction: { RestrictionType: 'whitelist', Locations: cdkJson.context.allowedCountries } },
        Logging: Match.objectLike({ Bucket: Match.anyValue() }),
        WebACLId: Match.anyValue(),
      }),
    });
  });

  it('adds a secret origin header to every request for the API, and every route function checks the same secret (no way around the WAF)', () => {
    const secrets = main.findResources('AWS::SecretsManager::Secret');
    expect(Object.keys(secrets)).toHaveLength(1);
    const [secretId] = Object.keys(secrets);
    expect(secrets[secretId!]!.Properties.GenerateSecretString).toMatchObject({ PasswordLength: 48 });
    // A CloudFormation dynamic reference to that secret: the value never appears in the template.
    const reference = { 'Fn::Join': ['', ['{{resolve:secretsmanager:', { Ref: secretId }, ':SecretString:::}}']] };
    const [distribution] = Object.values(main.findResources('AWS::CloudFront::Distribution'));
    const origins = distribution!.Properties.DistributionConfig.Origins as any[];
    const apiOrigins = origins.filter((o) => o.CustomOriginConfig);
    expect(apiOrigins).toHaveLength(1);
    expect(apiOrigins[0].OriginCustomHeaders).toEqual([{ HeaderName: ORIGIN_VERIFY_HEADER, HeaderValue: reference }]);
    // The pages bucket's origin has no need of it.
    expect(origins.filter((o) => !o.CustomOriginConfig).every((o) => !o.OriginCustomHeaders)).toBe(true);
    const routeFunctions = Object.values(main.findResources('AWS::Lambda::Function')).filter((f) =>
      ROUTES.some((r) => f.Properties.Description === `${r.method} ${r.path}`),
    );
    expect(routeFunctions).toHaveLength(ROUTES.length);
    for (const f of routeFunctions) {
      expect(f.Properties.Environment.Variables[ORIGIN_VERIFY_VARIABLE], f.Properties.Description).toEqual(reference);
    }
  });

  it('rotates the origin secret when context originSecretGeneration changes', () => {
    const ids = (t: Template) => Object.keys(t.findResources('AWS::SecretsManager::Secret'));
    const rotated = Template.fromStack(synth({ originSecretGeneration: '2' }).main);
    expect(ids(rotated)).toHaveLength(1);
    expect(ids(rotated)[0]).not.toBe(ids(main)[0]);
  });

  it('serves /dir and /dir/ as /dir/index.html (S3 behind OAC has no index documents)', () => {
    main.hasResourceProperties('AWS::CloudFront::Function', { FunctionConfig: Match.objectLike({ Runtime: 'cloudfront-js-2.0' }) });
  });

  it('deploys the pages folder, and skips the deployment while it is missing or empty', () => {
    const dir = mkdtempSync(join(tmpdir(), 'biwaq-web-'));
    try {
      const deployments = () => Template.fromStack(synth({ webDir: dir }).main).findResources('Custom::CDKBucketDeployment');
      expect(Object.keys(deployments())).toHaveLength(0);
      writeFileSync(join(dir, 'index.html'), '<!doctype html><title>BIWAQ</title>');
      expect(Object.keys(deployments())).toHaveLength(1);
      const missing = Template.fromStack(synth({ webDir: join(dir, 'missing') }).main);
      expect(Object.keys(missing.findResources('Custom::CDKBucketDeployment'))).toHaveLength(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    // Three full synths of the app: 6 s on a quiet 2-core machine, over 30 s when it is shared.
  }, 120_000);
});

describe('edge stack (us-east-1)', () => {
  it('has a CLOUDFRONT web ACL with managed rules and a rate rule scoped to /api/intake', () => {
    edge.hasResourceProperties('AWS::WAFv2::WebACL', {
      Scope: 'CLOUDFRONT',
      Rules: Match.arrayWith([
        Match.objectLike({
          Name: 'IntakeRateLimit',
          Action: { Block: { CustomResponse: Match.objectLike({ ResponseCode: 429, CustomResponseBodyKey: 'RateLimited' }) } },
          Statement: {
            RateBasedStatement: Match.objectLike({
              Limit: cdkJson.context.intakeRateLimitPer5Min,
              AggregateKeyType: 'IP',
              ScopeDownStatement: {
                ByteMatchStatement: Match.objectLike({ FieldToMatch: { UriPath: {} }, SearchString: '/api/intake' }),
              },
            }),
          },
        }),
        Match.objectLike({
          Statement: {
            ManagedRuleGroupStatement: Match.objectLike({
              VendorName: 'AWS',
              Name: 'AWSManagedRulesCommonRuleSet',
              // the handlers answer oversized bodies with 413 themselves
              RuleActionOverrides: [{ Name: 'SizeRestrictions_BODY', ActionToUse: { Count: {} } }],
            }),
          },
        }),
      ]),
    });
  });

  it('takes the rate limit from context, and is left out when a web ACL ARN is given', () => {
    const custom = Template.fromStack(synth({ intakeRateLimitPer5Min: 250 }).edge!);
    custom.hasResourceProperties('AWS::WAFv2::WebACL', {
      Rules: Match.arrayWith([Match.objectLike({ Statement: { RateBasedStatement: Match.objectLike({ Limit: 250 }) } })]),
    });
    const arn = 'arn:aws:wafv2:us-east-1:111122223333:global/webacl/existing/abc';
    const { edge: none, main: withArn } = synth({ webAclArn: arn });
    expect(none).toBeUndefined();
    Template.fromStack(withArn).hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({ WebACLId: arn }),
    });
  });
});

describe('settings', () => {
  it('rejects bad context at synth', () => {
    expect(() => synth({ mailFrom: 'not-an-address' })).toThrow(/mailFrom/);
    expect(() => synth({ sites: '[]' })).toThrow(/sites/);
    expect(() => synth({ domainName: 'biwaq.example' })).toThrow(/certificateArn/);
  });

  const realSite = {
    id: 'marxloh',
    name: 'BIWAQ Marxloh',
    teamEmail: 'team@marxloh.biwaq-duisburg.de',
    leadEmail: 'lead@marxloh.biwaq-duisburg.de',
    office: {
      address: { street: 'Weseler Straße 100', postcode: '47169', city: 'Duisburg' },
      phone: '0203 555 1234',
      openingHours: [{ days: ['mon', 'tue'], opens: '09:00', closes: '15:00' }],
      replyTo: 'buero@marxloh.biwaq-duisburg.de',
    },
    controller: { name: 'Träger Marxloh gGmbH', address: { street: 'Kaiser-Wilhelm-Straße 1', postcode: '47169', city: 'Duisburg' }, email: 'info@traeger-marxloh.de', phone: '0203 555 1000' },
    dpo: { name: 'Datenschutzbeauftragte', email: 'datenschutz@traeger-marxloh.de' },
  };
  const realSites = JSON.stringify([realSite]);

  it('fails fast for a real deployment without sites, or with the demo sites and placeholder inboxes', () => {
    expect(() => synth({ demo: false })).toThrow(/`sites` is required for a deployment/);
    expect(() => synth({ demo: false, sites: JSON.stringify(DEMO_SITES), mailFrom: 'no-reply@biwaq-duisburg.de' })).toThrow(/placeholder address\(es\) team-marxloh@biwaq\.example/);
    expect(() => synth({ demo: false, sites: realSites, mailFrom: 'no-reply@biwaq.example' })).toThrow(/placeholder address\(es\) no-reply@biwaq\.example/);
    expect(() => synth({ demo: 'false', sites: realSites, mailFrom: 'no-reply@example.org' })).toThrow(/placeholder/);
    // The new contact fields are checked too: a placeholder reply-to or DPO inbox, a demo phone number or street.
    const withSite = (patch: (s: any) => void) => {
      const site = structuredClone(realSite) as any;
      patch(site);
      return JSON.stringify([site]);
    };
    const real = { demo: false, mailFrom: 'no-reply@biwaq-duisburg.de' };
    expect(() => synth({ ...real, sites: withSite((s) => (s.office.replyTo = 'buero@biwaq.example')) })).toThrow(/placeholder address\(es\) buero@biwaq\.example/);
    expect(() => synth({ ...real, sites: withSite((s) => (s.dpo.email = 'dsb@datenschutz.test')) })).toThrow(/placeholder address\(es\) dsb@datenschutz\.test/);
    expect(() => synth({ ...real, sites: withSite((s) => (s.office.phone = DEMO_SITES[0]!.office.phone)) })).toThrow(/demo value\(s\) in sites: 0203 000 00 11/);
    expect(() => synth({ ...real, sites: withSite((s) => (s.controller.address = DEMO_SITES[0]!.controller.address)) })).toThrow(/demo value\(s\).*Kaiser-Wilhelm-Straße 280/);
    expect(() => synth({ ...real, sites: withSite((s) => (s.dpo.name = 'DSB (Demo)')) })).toThrow(/demo value/);
    expect(() => synth({ ...real, sites: withSite((s) => delete s.office) })).toThrow(/sites must be .*office/);
    expect(() => synth({ ...real, sites: JSON.stringify(Array.from({ length: 8 }, (_, i) => ({ ...realSite, id: `site-${i}` }))) })).toThrow(/fit into a Lambda environment/);
  });

  it('synthesizes a real deployment with real sites and inboxes, and a demo only when asked for', () => {
    expect(synth({ demo: false, sites: realSites, mailFrom: 'no-reply@biwaq-duisburg.de' }).main).toBeDefined();
    expect(synth({ demo: 'true' }).main).toBeDefined();
  });
});
