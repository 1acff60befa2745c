import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpApi, HttpMethod, HttpStage, LogGroupLogDestination, type IHttpRouteAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import type { RouteSpec } from '../routes.js';
import { workflowGrantsOf } from '../workflow-specs.js';
import { HandlerFunction, type FunctionResources } from './lambda-function.js';
import { acknowledge } from './nag.js';
import { ORIGIN_VERIFY_VARIABLE } from '../../functions/lib/origin-verify.js';

export interface ApiProps {
  routes: readonly RouteSpec[];
  resources: FunctionResources;
  /** The state machines by workflow id; each route gets grants on those the registry names for it. */
  stateMachines: Record<string, StateMachine>;
  environment: Record<string, string>;
  /** Guards every `auth: 'staff'` route (the Cognito JWT authorizer). Required once such a route exists. */
  staffAuthorizer?: IHttpRouteAuthorizer;
  /** The origin secret CloudFront adds (infra/constructs/origin-secret.ts); every route function checks it first. */
  originSecret: string;
  /** Stage-wide throttling; the WAF rate rule in front of CloudFront is the per-IP limit. */
  throttle?: { rateLimit: number; burstLimit: number };
}

/**
 * The HTTP API built from the route table: one function per route. Reached through CloudFront
 * (same origin as the pages), so no CORS.
 */
export class Api extends Construct {
  readonly httpApi: HttpApi;
  readonly stage: HttpStage;
  readonly functions: Record<string, HandlerFunction> = {};

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);
    this.httpApi = new HttpApi(this, 'HttpApi', {
      description: 'BIWAQ Workflows API (served through CloudFront)',
      createDefaultStage: false,
    });

    // Access logs without personal data: the route template instead of the path, no IP, no user agent.
    const accessLogs = new LogGroup(this, 'AccessLogs', { retention: RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      autoDeploy: true,
      throttle: props.throttle ?? { rateLimit: 50, burstLimit: 100 },
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            requestTime: '$context.requestTimeEpoch',
            routeKey: '$context.routeKey',
            status: '$context.status',
            protocol: '$context.protocol',
            responseLength: '$context.responseLength',
            responseLatency: '$context.responseLatency',
            integrationLatency: '$context.integrationLatency',
            integrationStatus: '$context.integrationStatus',
            integrationError: '$context.integrationErrorMessage',
            error: '$context.error.message',
          }),
        ),
      },
    });

    const functions = new Construct(this, 'Routes');
    for (const route of props.routes) {
      const handler = new HandlerFunction(functions, route.id, {
        entry: route.entry,
        access: route.access,
        workflows: workflowGrantsOf(route.id).map((g) => {
          const stateMachine = props.stateMachines[g.workflow];
          if (!stateMachine) throw new Error(`${route.id}: unknown workflow ${g.workflow}`);
          return { id: g.workflow, stateMachine, actions: g.actions };
        }),
        environment: { ...props.environment, [ORIGIN_VERIFY_VARIABLE]: props.originSecret },
        resources: props.resources,
        timeout: Duration.seconds(10),
        description: `${route.method} ${route.path}`,
      });
      this.functions[route.id] = handler;

      if (route.auth === 'staff' && !props.staffAuthorizer) {
        throw new Error(`${route.id} is a staff route but the API has no staff authorizer`);
      }
      const routes = this.httpApi.addRoutes({
        path: route.path,
        // A page behind an e-mail link also answers HEAD (mail scanners probe links), by the same function.
        methods: [HttpMethod[route.method], ...(route.contract.head ? [HttpMethod.HEAD] : [])],
        integration: new HttpLambdaIntegration(`${route.id}Integration`, handler.function),
        ...(route.auth === 'staff' ? { authorizer: props.staffAuthorizer } : {}),
      });
      if (route.auth === 'public') {
        for (const r of routes) {
          acknowledge(r, 'APIG4', `${route.method} ${route.path} is public by design (participants and health checks have no account); staff routes get the Cognito JWT authorizer.`);
        }
      }
    }
  }

  /** The execute-api host CloudFront forwards to. */
  get domainName(): string {
    const stack = Stack.of(this);
    return `${this.httpApi.apiId}.execute-api.${stack.region}.${stack.urlSuffix}`;
  }
}
