import './polyfills.js';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import { ORIGIN_VERIFY_VARIABLE } from '../functions/lib/origin-verify.js';
import { stateMachineArnVariable, WORKFLOWS, type TaskSpec, type WorkflowSpec } from '../infra/workflow-specs.js';
import { DEMO_SITES } from '../schemas/sites.js';
import { berlinDate } from '../functions/domain/working-days.js';
import { createApiServer } from './api-server.js';
import { Clock, handleClockRequest } from './clock.js';
import { dateFollows } from './clock-date.js';
import { ensureTable, startDynamo, type LocalDynamo } from './dynamo.js';
import { connectSchedules, type ScheduleControl } from './scheduler.js';
import { connectStreamTriggers, redriveStreamTriggers, type PipeControl } from './stream-pipe.js';
import { close, listen } from './listen.js';
import { startMail } from './mail.js';
import { seedDemoData, seedDemoPlacement } from './seed.js';
import { seedDemoFigures } from './seed-figures.js';
import type { LocalSettings } from './settings.js';
import { createSfnServer } from './stepfunctions/api.js';
import { SFN_TABLE_NAME, SfnStore } from './stepfunctions/store.js';
import { serveWeb } from './web-assets.js';
import { DEMO_USERS, LocalAuth } from './auth.js';
import { WorkflowRunner } from './stepfunctions/runner.js';

const LOOPBACK = '127.0.0.1';

export const LOCAL_TABLE_NAME = 'biwaq-local';

export interface LocalCloud {
  apiUrl: string;
  mailEndpoint: string;
  inboxUrl: string;
  dynamoEndpoint: string;
  /** The local Step Functions API (the handlers' AWS_ENDPOINT_URL_SFN). */
  sfnEndpoint: string;
  tableName: string;
  /** Where executions, their history and task tokens are kept. */
  sfnTableName: string;
  dynamo: DynamoDBClient;
  workflows: WorkflowRunner;
  /** The workflow clock (also at GET/POST /local/clock): tests move it forward. */
  clock: Clock;
  intakePipe: PipeControl;
  /** The nightly schedules (EventBridge Scheduler on AWS) on the workflow clock. */
  schedules: ScheduleControl;
  /**
   * The local stand-in for Cognito: an authorization server at `${apiUrl}/local/auth` (code flow
   * with PKCE for the console, `POST /local/auth/token` for scripts) and the staff token check.
   */
  auth: LocalAuth;
  /** The DynamoDB request meter, if the options asked for it (`dynamo: { meter: true }`; the bench's cost run). */
  dynamoMeter?: Pick<LocalDynamo, 'meter' | 'resetMeter'>;
  /**
   * Unfinished workflows started again at this start (after a restart): executions still
   * RUNNING, plus intakes whose workflow had never started.
   */
  redriven: number;
  seeded: boolean;
  /** How many further demo participants this start entered (DEMO_PARTICIPANTS, once). */
  demoFigures: number;
  stop(): Promise<void>;
}

/** What tests and tools add to a local cloud (never read from the environment). */
export interface LocalCloudOptions {
  workflows?: {
    /** Test-only state machines (e.g. test/workflows/*.asl.json) and the task modules they use. */
    extraWorkflows?: WorkflowSpec[];
    extraTasks?: TaskSpec[];
    /** Multiplies retry intervals (default 1; they also follow the clock). */
    retryIntervalScale?: number;
    maxConcurrentTasks?: number;
  };
  /** `meter: true` counts DynamoDB requests and capacity units (local/dynamo-meter.mjs); off by default. */
  dynamo?: { meter?: boolean };
}

/**
 * Starts the embedded local cloud: dynalite, aws-ses-v2-local, the local Step Functions (runner
 * and API) and the local API. Handlers reach the services only through the SDK's standard
 * endpoint variables.
 */
export async function startLocalCloud(settings: LocalSettings, options: LocalCloudOptions = {}): Promise<LocalCloud> {
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const s of stops.reverse()) await s().catch(() => undefined);
  };
  try {
    // The backing services stay on loopback whatever HOST says: they have no authentication.
    const dynamo = await startDynamo({ port: settings.dynamoPort, host: LOOPBACK, dataDir: settings.dataDir, meter: options.dynamo?.meter });
    stops.push(dynamo.stop);
    const mail = await startMail({ port: settings.mailPort, host: LOOPBACK });
    stops.push(mail.stop);

    let auth: LocalAuth | undefined;
    let clock: Clock | undefined;
    let ready = false; // /health says starting until unfinished workflows have resumed
    const api = createApiServer({
      rateLimitPerMinute: settings.rateLimitPerMinute,
      ready: () => ready,
      verifyStaff: (authorization) => auth?.verify(authorization) ?? Promise.resolve(undefined),
      fallback: async (req, res) =>
        (await handleClockRequest(req, res, clock)) ||
        (auth ? (await auth.handle(req, res)) || auth.serveConsoleConfig(req, res) : false) ||
        serveWeb(req, res),
    });
    const apiPort = await listen(api, settings.port, settings.host, 'PORT');
    const apiUrl = `http://${settings.host}:${apiPort}`;
    stops.push(() => close(api as Server));
    auth = await LocalAuth.create(`${apiUrl}/local/auth`, settings.dataDir);

    let workflows: WorkflowRunner | undefined;
    const sfn = createSfnServer(() => workflows);
    const sfnPort = await listen(sfn, settings.sfnPort, LOOPBACK, 'SFN_PORT');
    const sfnEndpoint = `http://${LOOPBACK}:${sfnPort}`;
    stops.push(() => close(sfn));

    configureHandlerEnvironment({ dynamoEndpoint: dynamo.endpoint, mailEndpoint: mail.endpoint, sfnEndpoint, apiUrl, workflows: options.workflows?.extraWorkflows });
    await ensureTable(dynamo.client, LOCAL_TABLE_NAME);

    // Executions survive a restart in their own table; the clock never goes back (demo time).
    const store = new SfnStore(dynamo.client);
    await store.ensureTable();
    clock = new Clock({ scale: settings.timeScale, start: Math.max(Date.now(), (await store.getClock()) ?? 0) });
    dateFollows(clock);
    stops.push(async () => dateFollows(undefined));
    clock.onAdvance((now) => void store.putClock(now).catch(() => undefined));
    // idle() first lets the change feed catch up, so an execution the pipe is about to start counts.
    workflows = new WorkflowRunner({ store, clock, dynamo: dynamo.client, settle: dynamo.sync, ...options.workflows });
    const runner = workflows;
    stops.push(() => runner.stop()); // stops first: workflows before the services they use
    const registry = [...WORKFLOWS, ...(options.workflows?.extraWorkflows ?? [])];
    const intakePipe = connectStreamTriggers(dynamo.onChange, workflows, registry);
    const schedules = connectSchedules(clock, workflows, registry);
    stops.push(async () => schedules.stop());
    const resumed = await workflows.resume();
    const redriven = resumed + (await redriveStreamTriggers(dynamo.client, LOCAL_TABLE_NAME, workflows, registry));
    const seeded = settings.seed ? await seedDemoData(dynamo.client, LOCAL_TABLE_NAME) : false;
    ready = true;
    if (seeded) {
      // The demo placement goes through the staff API, which needs the registered participants.
      await workflows.idle();
      const counsellor = DEMO_USERS.find((u) => u.username === 'berater.marxloh')!;
      await seedDemoPlacement(apiUrl, await auth.issue(counsellor), berlinDate(new Date()));
      await workflows.idle();
    }
    const token = (site: string) => auth.issue(DEMO_USERS.find((u) => u.role === 'staff' && u.site === site)!);
    const demoFigures = settings.seed
      ? await seedDemoFigures(dynamo.client, LOCAL_TABLE_NAME, settings.demoParticipants, { apiUrl, token, today: berlinDate(new Date()), idle: () => runner.idle() })
      : 0;
    if (demoFigures) await workflows.idle();

    return {
      apiUrl,
      mailEndpoint: mail.endpoint,
      inboxUrl: mail.inboxUrl,
      dynamoEndpoint: dynamo.endpoint,
      sfnEndpoint,
      tableName: LOCAL_TABLE_NAME,
      sfnTableName: SFN_TABLE_NAME,
      dynamo: dynamo.client,
      workflows,
      clock,
      intakePipe,
      schedules,
      auth,
      dynamoMeter: options.dynamo?.meter ? { meter: dynamo.meter, resetMeter: dynamo.resetMeter } : undefined,
      redriven,
      seeded,
      demoFigures,
      stop: stopAll,
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}

/** The variables the handlers read (functions/lib/config.ts), as CDK sets them on AWS. */
function configureHandlerEnvironment(e: {
  dynamoEndpoint: string;
  mailEndpoint: string;
  sfnEndpoint: string;
  apiUrl: string;
  workflows: WorkflowSpec[] | undefined;
}): void {
  const env = process.env;
  env['AWS_REGION'] ??= 'eu-central-1';
  env['AWS_ACCESS_KEY_ID'] ??= 'local';
  env['AWS_SECRET_ACCESS_KEY'] ??= 'local';
  env['AWS_ENDPOINT_URL_DYNAMODB'] = e.dynamoEndpoint;
  env['AWS_ENDPOINT_URL_SESV2'] = e.mailEndpoint;
  env['AWS_ENDPOINT_URL_SFN'] = e.sfnEndpoint;
  // As CDK sets them for functions with workflow access (infra/constructs/lambda-function.ts).
  for (const wf of [...WORKFLOWS, ...(e.workflows ?? [])]) {
    env[stateMachineArnVariable(wf.id)] =
      `arn:aws:states:${env['AWS_REGION']}:000000000000:stateMachine:${wf.id}`;
  }
  env['TABLE_NAME'] = LOCAL_TABLE_NAME;
  env['SITES'] ??= JSON.stringify(DEMO_SITES);
  env['MAIL_FROM'] ??= 'no-reply@biwaq.example';
  env['CONSOLE_URL'] = `${e.apiUrl}/console`;
  // Employers' links and the Origin their page's POST must come from (the local API serves /p/*).
  env['PUBLIC_URL'] = e.apiUrl;
  env['PROJECT_ID'] ??= 'biwaq-local';
  // The origin secret CloudFront adds on AWS; here the local API server adds it (local/api-server.ts), so the check runs.
  env[ORIGIN_VERIFY_VARIABLE] ??= randomBytes(24).toString('hex');
  env['POWERTOOLS_LOG_LEVEL'] ??= env['LOG_LEVEL'] ?? 'WARN';
}
