import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ArnFormat, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { ApplicationLogLevel, Architecture, LoggingFormat, Runtime, SystemLogLevel, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { BUNDLE } from '../bundling.js';
import type { Access } from '../routes.js';
import { stateMachineArnVariable, type WorkflowAction } from '../workflow-specs.js';
import type { Mail } from './mail.js';
import { acknowledgeWildcardAction, acknowledgeWildcardResource } from './nag.js';
import type { Table } from './table.js';

/** Repository root: entries in ROUTES and TASKS are relative to it. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The newest Node.js runtime aws-cdk-lib 2.276.0 offers (cdk-nag L1 checks the same list). */
export const RUNTIME = Runtime.NODEJS_24_X;

/** What an `access` entry can be granted on. */
export interface FunctionResources {
  table: Table;
  mail: Mail;
}

/** A state machine this function may act on (from the workflow registry's `callers`). */
export interface WorkflowGrant {
  id: string;
  stateMachine: StateMachine;
  actions: readonly WorkflowAction[];
}

export interface HandlerFunctionProps {
  /** Handler module relative to the repository root; exports `handler`. */
  entry: string;
  access: readonly Access[];
  /** The state machines it may start, read, stop or call back on, and nothing else. */
  workflows?: readonly WorkflowGrant[];
  /** The variables functions/lib/config.ts reads, shared by all functions. */
  environment: Record<string, string>;
  resources: FunctionResources;
  timeout: Duration;
  description?: string;
}

/**
 * One Lambda function for one handler module: bundled ESM with the SDK inside, ARM64, the newest
 * Node runtime, JSON logs to its own log group, X-Ray, and a role holding exactly the grants its
 * `access` list names (its own role, so no AWSLambdaBasicExecutionRole with logs on `*`).
 */
export class HandlerFunction extends Construct {
  readonly function: NodejsFunction;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: HandlerFunctionProps) {
    super(scope, id);
    const entry = join(REPO_ROOT, props.entry);
    if (!existsSync(entry)) throw new Error(`${id}: handler module ${props.entry} does not exist`);

    this.logGroup = new LogGroup(this, 'Logs', {
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY, // holds no personal data (functions/lib/logger.ts) and no audit trail
    });
    const role = new Role(this, 'Role', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    this.logGroup.grantWrite(role);

    const workflows = props.workflows ?? [];
    const stateMachineEnv = Object.fromEntries(workflows.map((w) => [stateMachineArnVariable(w.id), w.stateMachine.stateMachineArn]));

    this.function = new NodejsFunction(this, 'Function', {
      entry,
      handler: 'handler',
      projectRoot: REPO_ROOT,
      depsLockFilePath: join(REPO_ROOT, 'package-lock.json'),
      description: props.description ?? props.entry,
      runtime: RUNTIME,
      architecture: Architecture.ARM_64,
      memorySize: 512,
      timeout: props.timeout,
      role,
      logGroup: this.logGroup,
      loggingFormat: LoggingFormat.JSON,
      applicationLogLevelV2: ApplicationLogLevel.INFO,
      systemLogLevelV2: SystemLogLevel.WARN,
      tracing: Tracing.ACTIVE,
      awsSdkConnectionReuse: false, // SDK v3 keeps connections alive by itself
      environment: {
        ...props.environment,
        ...stateMachineEnv,
        POWERTOOLS_SERVICE_NAME: 'biwaq-workflows',
        NODE_OPTIONS: '--enable-source-maps',
      },
      bundling: {
        // The shared settings (infra/bundling.ts): `npm run bench` measures what deploys.
        format: BUNDLE.format === 'esm' ? OutputFormat.ESM : OutputFormat.CJS,
        target: BUNDLE.target,
        mainFields: BUNDLE.mainFields,
        banner: BUNDLE.banner, // ESM bundles still meet require() inside some CommonJS dependencies
        minify: BUNDLE.minify,
        sourceMap: BUNDLE.sourceMap,
        sourcesContent: BUNDLE.sourcesContent,
        externalModules: [], // bundle the pinned SDK instead of the runtime's: one version, measured by the bench
      },
    });

    this.grant(props.access, props.resources);
    for (const w of workflows) this.grantWorkflow(w);
    // Lambda's X-Ray calls (PutTraceSegments, PutTelemetryRecords) have no resource-level permissions.
    acknowledgeWildcardResource(this, '*', 'X-Ray tracing: xray:PutTraceSegments/PutTelemetryRecords support only Resource "*".');
  }

  private grant(access: readonly Access[], { table, mail }: FunctionResources): void {
    const fn = this.function;
    for (const a of new Set(access)) {
      switch (a) {
        case 'table:read':
          table.table.grants.readData(fn);
          acknowledgeWildcardResource(this, `${table.table.tableArn}/index/*`, 'Queries the table\'s GSIs (site listing, status, name search, agenda, assignment; functions/data/keys.ts): the grant covers this table\'s indexes only.');
          break;
        case 'table:write':
          table.table.grants.writeData(fn);
          // CDK's write grant names the indexes too (a write-only function, e.g. GetStaffMe's directory entry, has no read grant to carry it).
          if (!access.includes('table:read')) acknowledgeWildcardResource(this, `${table.table.tableArn}/index/*`, 'CDK\'s write grant lists the table\'s GSIs beside the table: the grant covers this table\'s indexes only.');
          for (const action of ['kms:ReEncrypt*', 'kms:GenerateDataKey*']) {
            acknowledgeWildcardAction(this, action, 'DynamoDB writes with the table\'s customer-managed key: the wildcard actions are limited to that one key ARN.');
          }
          break;
        case 'mail:send':
          mail.grantSendEmail(fn);
          break;
        default: {
          const never: never = a;
          throw new Error(`unknown access ${String(never)}`);
        }
      }
    }
  }

  /** Least privilege per state machine: only the actions the registry names for this function. */
  private grantWorkflow({ stateMachine: sm, actions }: WorkflowGrant): void {
    const fn = this.function;
    const executions = `${executionArnPrefix(sm)}:*`;
    for (const action of new Set(actions)) {
      switch (action) {
        case 'start':
          sm.grants.startExecution(fn);
          break;
        case 'read':
          fn.addToRolePolicy(new PolicyStatement({ actions: ['states:ListExecutions'], resources: [sm.stateMachineArn] }));
          fn.addToRolePolicy(new PolicyStatement({ actions: ['states:DescribeExecution', 'states:GetExecutionHistory'], resources: [executions] }));
          acknowledgeWildcardResource(this, executions, 'Execution names are generated per run: reads are limited to executions of this state machine.');
          break;
        case 'stop':
          fn.addToRolePolicy(new PolicyStatement({ actions: ['states:StopExecution'], resources: [executions] }));
          acknowledgeWildcardResource(this, executions, 'Execution names are generated per run: stopping is limited to executions of this state machine.');
          break;
        case 'callback':
          sm.grants.taskResponse(fn);
          break;
        default: {
          const never: never = action;
          throw new Error(`unknown workflow action ${String(never)}`);
        }
      }
    }
  }
}

/** arn:…:states:<region>:<account>:execution:<state machine name> */
function executionArnPrefix(sm: StateMachine): string {
  return Stack.of(sm).formatArn({ service: 'states', resource: 'execution', resourceName: sm.stateMachineName, arnFormat: ArnFormat.COLON_RESOURCE_NAME });
}
