import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceNotFoundException,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { mkdirSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { TABLE_SPEC } from '../infra/table-spec.js';
import { close, listen } from './listen.js';

/** A change record shaped like a DynamoDB stream record (NEW_IMAGE), for the local pipe. */
export interface ChangeRecord {
  eventName: 'INSERT' | 'MODIFY';
  dynamodb: { Keys: Record<string, AttributeValue>; NewImage: Record<string, AttributeValue> };
}

export interface LocalDynamo {
  endpoint: string;
  client: DynamoDBClient;
  onChange(listener: (record: ChangeRecord) => void): void;
  stop(): Promise<void>;
}

/**
 * dynalite (LevelDB under dataDir, or memory) plus a change feed: dynalite has no streams, so
 * successful PutItem calls are observed on the wire and handed on as stream-shaped records.
 * (Our code creates items only with PutItem; updates never create the items the pipe watches.)
 */
export async function startDynamo(opts: { port: number; host: string; dataDir?: string }): Promise<LocalDynamo> {
  let path: string | undefined;
  if (opts.dataDir) {
    path = join(opts.dataDir, 'dynamodb');
    mkdirSync(path, { recursive: true });
  }
  const server = dynalite({ path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  const listeners: ((r: ChangeRecord) => void)[] = [];

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (!String(req.headers['x-amz-target'] ?? '').endsWith('.PutItem')) return;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    res.on('finish', () => {
      if (res.statusCode !== 200 || listeners.length === 0) return;
      let item: Record<string, AttributeValue> | undefined;
      try {
        item = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { Item?: Record<string, AttributeValue> }).Item;
      } catch {
        return;
      }
      if (!item?.['PK'] || !item['SK']) return;
      const record: ChangeRecord = {
        eventName: 'INSERT',
        dynamodb: { Keys: { PK: item['PK'], SK: item['SK'] }, NewImage: item },
      };
      for (const l of listeners) l(record);
    });
  });

  const port = await listen(server, opts.port, opts.host, 'DYNAMO_PORT');
  const endpoint = `http://${opts.host}:${port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: process.env['AWS_REGION'] ?? 'eu-central-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  return {
    endpoint,
    client,
    onChange: (l) => listeners.push(l),
    stop: async () => {
      client.destroy();
      await close(server);
    },
  };
}

/** Creates the table on first start; later starts find it in LevelDB. */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<'created' | 'exists'> {
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
    return 'exists';
  } catch (err) {
    if (!(err instanceof ResourceNotFoundException)) throw err;
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
  return 'created';
}
