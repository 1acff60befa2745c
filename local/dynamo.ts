import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceNotFoundException,
  type AttributeValue,
  type TableDescription,
} from '@aws-sdk/client-dynamodb';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { TABLE_SPEC } from '../infra/table-spec.js';
import { Worker } from 'node:worker_threads';
import { PortInUseError } from './listen.js';
import type { MeterSnapshot } from './dynamo-meter.mjs';

export type { MeterSnapshot, MeteredOperation, MeteredTable } from './dynamo-meter.mjs';

/** A change record shaped like a DynamoDB stream record (NEW_IMAGE), for the local pipe. */
export interface ChangeRecord {
  eventName: 'INSERT' | 'MODIFY';
  dynamodb: { Keys: Record<string, AttributeValue>; NewImage: Record<string, AttributeValue> };
}

export interface LocalDynamo {
  endpoint: string;
  client: DynamoDBClient;
  onChange(listener: (record: ChangeRecord) => void): void;
  /** Resolves once every change made so far has reached the listeners. */
  sync(): Promise<void>;
  /**
   * The request meter (only if started with `meter: true`, else it rejects): per table and
   * operation the requests, their bytes and the capacity units DynamoDB on-demand would bill
   * (local/dynamo-meter.mjs), counted since the start or the last resetMeter().
   */
  meter(): Promise<MeterSnapshot>;
  /** Sets the meter's counters to zero; resolves with what they held. */
  resetMeter(): Promise<MeterSnapshot>;
  stop(): Promise<void>;
}

/**
 * dynalite (LevelDB under dataDir, or memory) in a worker thread, plus a change feed: dynalite has
 * no streams, so successful PutItem calls are observed on the wire and handed on as stream-shaped
 * records. (Our code creates items only with PutItem; updates never create the items the pipe
 * watches.)
 */
export async function startDynamo(opts: {
  port: number;
  host: string;
  dataDir?: string;
  /** Counts requests and estimates capacity units (slows dynalite a little: off unless asked). */
  meter?: boolean;
}): Promise<LocalDynamo> {
  let path: string | undefined;
  if (opts.dataDir) {
    path = join(opts.dataDir, 'dynamodb');
    mkdirSync(path, { recursive: true });
  }
  const listeners: ((r: ChangeRecord) => void)[] = [];
  const synced: (() => void)[] = [];
  const metered: ((m: MeterSnapshot | null) => void)[] = [];
  const worker = new Worker(new URL('./dynamo-worker.mjs', import.meta.url), {
    workerData: { path, port: opts.port, host: opts.host, tapPuts: true, meter: opts.meter === true },
  });
  const port = await new Promise<number>((resolve, reject) => {
    worker.once('error', reject);
    worker.on('message', (msg: { listening?: number; error?: string; put?: string; synced?: boolean; meter?: MeterSnapshot | null }) => {
      if (msg.synced) synced.shift()?.();
      else if (msg.meter !== undefined) metered.shift()?.(msg.meter);
      else if (msg.listening !== undefined) resolve(msg.listening);
      else if (msg.error) reject(msg.error === 'EADDRINUSE' || msg.error === 'EACCES' ? new PortInUseError(opts.port, 'DYNAMO_PORT') : new Error(msg.error));
      else if (msg.put && listeners.length) emitPut(msg.put, listeners);
    });
  }).catch(async (err: unknown) => {
    await worker.terminate();
    throw err;
  });

  const endpoint = `http://${opts.host}:${port}`;
  const askMeter = (msg: 'meter' | 'meter-reset') =>
    new Promise<MeterSnapshot>((resolve, reject) => {
      if (!opts.meter) return reject(new Error('the DynamoDB meter is off: start the local dynalite with meter: true'));
      metered.push((m) => (m ? resolve(m) : reject(new Error('the local dynalite stopped'))));
      worker.postMessage(msg);
    });
  const client = new DynamoDBClient({
    endpoint,
    region: process.env['AWS_REGION'] ?? 'eu-central-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  return {
    endpoint,
    client,
    onChange: (l) => listeners.push(l),
    sync: () =>
      new Promise<void>((resolve) => {
        synced.push(resolve);
        worker.postMessage('sync');
      }),
    meter: () => askMeter('meter'),
    resetMeter: () => askMeter('meter-reset'),
    stop: async () => {
      for (const s of synced.splice(0)) s();
      for (const m of metered.splice(0)) m(null);
      client.destroy();
      const stopped = new Promise<void>((resolve) => worker.on('message', (m: { stopped?: boolean }) => m.stopped && resolve()));
      worker.postMessage('stop');
      await stopped;
      await worker.terminate();
    },
  };
}

function emitPut(body: string, listeners: ((r: ChangeRecord) => void)[]): void {
  let item: Record<string, AttributeValue> | undefined;
  try {
    item = (JSON.parse(body) as { Item?: Record<string, AttributeValue> }).Item;
  } catch {
    return;
  }
  if (!item?.['PK'] || !item['SK']) return;
  const record: ChangeRecord = { eventName: 'INSERT', dynamodb: { Keys: { PK: item['PK'], SK: item['SK'] }, NewImage: item } };
  for (const l of listeners) l(record);
}

/** How long ensureTable waits for a table to become ACTIVE (real time), and how often it asks. */
export interface TableWaitOptions {
  timeoutMs?: number;
  intervalMs?: number;
}

/**
 * Creates the table on first start; later starts find it in LevelDB. Resolves only once the table
 * is ACTIVE: CreateTable answers while it is still CREATING, and dynalite answers every other call
 * on a CREATING table with ResourceNotFoundException (on a loaded machine long enough to be seen).
 */
export async function ensureTable(client: DynamoDBClient, tableName: string, wait: TableWaitOptions = {}): Promise<'created' | 'exists'> {
  let existing: TableDescription | undefined;
  try {
    existing = (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table ?? {};
  } catch (err) {
    if (!(err instanceof ResourceNotFoundException)) throw err;
  }
  if (existing) {
    if (!isActiveTable(existing)) await waitUntilActive(client, tableName, wait);
    return 'exists';
  }
  const keyNames = [TABLE_SPEC.partitionKey, TABLE_SPEC.sortKey, ...TABLE_SPEC.globalIndexes.flatMap((g) => [g.partitionKey, g.sortKey])];
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: keyNames.map((name) => ({ AttributeName: name, AttributeType: 'S' })),
      KeySchema: [
        { AttributeName: TABLE_SPEC.partitionKey, KeyType: 'HASH' },
        { AttributeName: TABLE_SPEC.sortKey, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: TABLE_SPEC.globalIndexes.map((g) => ({
        IndexName: g.name,
        KeySchema: [
          { AttributeName: g.partitionKey, KeyType: 'HASH' },
          { AttributeName: g.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
    }),
  );
  await waitUntilActive(client, tableName, wait);
  return 'created';
}

/**
 * Asks DescribeTable until the table and its indexes are ACTIVE; fails after `timeoutMs` (default
 * 15 s) with the last status. Real time (performance.now): Date may follow the workflow clock.
 */
export async function waitUntilActive(client: DynamoDBClient, tableName: string, wait: TableWaitOptions = {}): Promise<void> {
  const timeoutMs = wait.timeoutMs ?? 15_000;
  const deadline = performance.now() + timeoutMs;
  let status: string;
  for (;;) {
    try {
      const out = await client.send(new DescribeTableCommand({ TableName: tableName }));
      if (isActiveTable(out.Table)) return;
      status = `${out.Table?.TableStatus ?? 'no status'}${(out.Table?.GlobalSecondaryIndexes ?? []).map((g) => `, index ${g.IndexName} ${g.IndexStatus}`).join('')}`;
    } catch (err) {
      // Just created and not yet visible to DescribeTable: asked again.
      if (!(err instanceof ResourceNotFoundException)) throw err;
      status = 'not found';
    }
    if (performance.now() >= deadline) {
      // dynalite keeps a table CREATING for good if the process died while creating it.
      throw new Error(`table ${tableName} is not ACTIVE after ${timeoutMs / 1000} s (last seen: ${status}); if a first start was stopped while creating it, remove DATA_DIR`);
    }
    await new Promise((r) => setTimeout(r, wait.intervalMs ?? 20));
  }
}

/** The table and each of its indexes ACTIVE. */
export function isActiveTable(table: TableDescription | undefined): boolean {
  return table?.TableStatus === 'ACTIVE' && (table.GlobalSecondaryIndexes ?? []).every((g) => g.IndexStatus === 'ACTIVE');
}
