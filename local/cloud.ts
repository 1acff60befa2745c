import './polyfills.js';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Server } from 'node:http';
import { DEMO_SITES } from '../schemas/sites.js';
import { createApiServer } from './api-server.js';
import { ensureTable, startDynamo } from './dynamo.js';
import { connectIntakePipe, redriveUnfinishedIntakes, type PipeControl } from './intake-pipe.js';
import { close, listen } from './listen.js';
import { startMail } from './mail.js';
import { seedDemoData } from './seed.js';
import type { LocalSettings } from './settings.js';
import { serveWeb } from './web-assets.js';
import { LocalAuth } from './auth.js';
import { WorkflowRunner } from './workflow-runner.js';

export const LOCAL_TABLE_NAME = 'biwaq-local';

export interface LocalCloud {
  apiUrl: string;
  mailEndpoint: string;
  inboxUrl: string;
  dynamoEndpoint: string;
  tableName: string;
  dynamo: DynamoDBClient;
  workflows: WorkflowRunner;
  intakePipe: PipeControl;
  /** The local stand-in for Cognito: issues and verifies staff tokens. */
  auth: LocalAuth;
  /** Unfinished intakes started again at this start (after a restart). */
  redriven: number;
  seeded: boolean;
  stop(): Promise<void>;
}

/**
 * Starts the embedded local cloud: dynalite, aws-ses-v2-local, the workflow runner and the local
 * API. Handlers reach the services only through the SDK's standard endpoint variables.
 */
export async function startLocalCloud(settings: LocalSettings): Promise<LocalCloud> {
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const s of stops.reverse()) await s().catch(() => undefined);
  };
  try {
    const dynamo = await startDynamo({ port: settings.dynamoPort, host: settings.host, dataDir: settings.dataDir });
    stops.push(dynamo.stop);
    const mail = await startMail({ port: settings.mailPort, host: settings.host });
    stops.push(mail.stop);

    let auth: LocalAuth | undefined;
    const api = createApiServer({
      rateLimitPerMinute: settings.rateLimitPerMinute,
      verifyStaff: (authorization) => auth?.verify(authorization) ?? Promise.resolve(undefined),
      fallback: async (req, res) => (auth ? await auth.handle(req, res) : false) || serveWeb(req, res),
    });
    const apiPort = await listen(api, settings.port, settings.host, 'PORT');
    const apiUrl = `http://${settings.host}:${apiPort}`;
    stops.push(() => close(api as Server));
    auth = await LocalAuth.create(`${apiUrl}/local/auth`, settings.dataDir);

    configureHandlerEnvironment({ dynamoEndpoint: dynamo.endpoint, mailEndpoint: mail.endpoint, apiUrl });
    await ensureTable(dynamo.client, LOCAL_TABLE_NAME);

    const workflows = new WorkflowRunner();
    stops.splice(stops.length - 1, 0, () => workflows.stop()); // stop workflows before the services they use
    const intakePipe = connectIntakePipe(dynamo.onChange, workflows);
    const redriven = await redriveUnfinishedIntakes(dynamo.client, LOCAL_TABLE_NAME, workflows);
    const seeded = settings.seed ? await seedDemoData(dynamo.client, LOCAL_TABLE_NAME) : false;

    return {
      apiUrl,
      mailEndpoint: mail.endpoint,
      inboxUrl: mail.inboxUrl,
      dynamoEndpoint: dynamo.endpoint,
      tableName: LOCAL_TABLE_NAME,
      dynamo: dynamo.client,
      workflows,
      intakePipe,
      auth,
      redriven,
      seeded,
      stop: stopAll,
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}

/** The variables the handlers read (functions/lib/config.ts), as CDK sets them on AWS. */
function configureHandlerEnvironment(e: { dynamoEndpoint: string; mailEndpoint: string; apiUrl: string }): void {
  const env = process.env;
  env['AWS_REGION'] ??= 'eu-central-1';
  env['AWS_ACCESS_KEY_ID'] ??= 'local';
  env['AWS_SECRET_ACCESS_KEY'] ??= 'local';
  env['AWS_ENDPOINT_URL_DYNAMODB'] = e.dynamoEndpoint;
  env['AWS_ENDPOINT_URL_SESV2'] = e.mailEndpoint;
  env['TABLE_NAME'] = LOCAL_TABLE_NAME;
  env['SITES'] ??= JSON.stringify(DEMO_SITES);
  env['MAIL_FROM'] ??= 'no-reply@biwaq.example';
  env['CONSOLE_URL'] = `${e.apiUrl}/console`;
  env['PROJECT_ID'] ??= 'biwaq-local';
  env['POWERTOOLS_LOG_LEVEL'] ??= env['LOG_LEVEL'] ?? 'WARN';
}
