/**
 * Job: the store of the local Step Functions — executions, their history and the task tokens it
 * handed out, in a table of their own in the local dynalite (LevelDB under DATA_DIR for `npm start`),
 * so they survive a restart. Written through the AWS SDK like everything else.
 *
 * | item            | PK                 | SK           | notes                                              |
 * |-----------------|--------------------|--------------|----------------------------------------------------|
 * | execution       | `EXEC#<arn>`       | `EXEC`       | index ByMachine (machine, startKey); ByRunning (run, sparse: only while RUNNING) |
 * | history chunk   | `EXEC#<arn>`       | `EV#<first>` | events `<first>`…`last` as a JSON array in `events` (ids count from 1) |
 * | task token      | `TOKEN#<sha256>`   | `TOKEN`      | only the hash of the token is stored                |
 * | clock           | `CLOCK`            | `CLOCK`      | the workflow clock, so demo time never goes back    |
 */
import { CreateTableCommand, DescribeTableCommand, ResourceNotFoundException, type DynamoDBClient, type TableDescription } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { isActiveTable, waitUntilActive, type TableWaitOptions } from '../dynamo.js';

export const SFN_TABLE_NAME = 'biwaq-local-sfn';

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

export interface ExecutionRecord {
  executionArn: string;
  stateMachineArn: string;
  workflow: string;
  name: string;
  status: ExecutionStatus;
  /** The input as the caller gave it (a JSON string). */
  input: string;
  output?: string;
  error?: string;
  cause?: string;
  /** Epoch ms on the workflow clock. */
  startDate: number;
  stopDate?: number;
  /** How often the execution was started again from the top (after a restart of the local cloud). */
  redriveCount: number;
  redriveDate?: number;
}

/** A history event as GetExecutionHistory returns it, timestamp in epoch ms. */
export interface StoredEvent {
  id: number;
  previousEventId: number;
  timestamp: number;
  type: string;
  [details: string]: unknown;
}

export interface TokenRecord {
  executionArn: string;
  stateName: string;
  createdAt: number;
}

/** History chunks stay well below DynamoDB's 400 KB item limit. */
const CHUNK_BYTES = 200 * 1024;

const execKey = (arn: string) => ({ PK: `EXEC#${arn}`, SK: 'EXEC' });
const eventSk = (id: number) => `EV#${String(id).padStart(9, '0')}`;
const startKey = (startDate: number, name: string) => `${String(Math.floor(startDate)).padStart(15, '0')}#${name}`;

export class SfnStore {
  private readonly doc: DynamoDBDocumentClient;

  constructor(
    private readonly client: DynamoDBClient,
    readonly tableName: string = SFN_TABLE_NAME,
  ) {
    this.doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  }

  /** Creates the table on first start; later starts find it in LevelDB. Resolves once it is ACTIVE (see local/dynamo.ts). */
  async ensureTable(wait: TableWaitOptions = {}): Promise<'created' | 'exists'> {
    let existing: TableDescription | undefined;
    try {
      existing = (await this.client.send(new DescribeTableCommand({ TableName: this.tableName }))).Table ?? {};
    } catch (err) {
      if (!(err instanceof ResourceNotFoundException)) throw err;
    }
    if (existing) {
      if (!isActiveTable(existing)) await waitUntilActive(this.client, this.tableName, wait);
      return 'exists';
    }
    await this.client.send(
      new CreateTableCommand({
        TableName: this.tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: ['PK', 'SK', 'machine', 'startKey', 'run'].map((n) => ({ AttributeName: n, AttributeType: 'S' })),
        KeySchema: [
          { AttributeName: 'PK', KeyType: 'HASH' },
          { AttributeName: 'SK', KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: [
          {
            IndexName: 'ByMachine',
            KeySchema: [
              { AttributeName: 'machine', KeyType: 'HASH' },
              { AttributeName: 'startKey', KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'ALL' },
          },
          {
            IndexName: 'ByRunning',
            KeySchema: [
              { AttributeName: 'run', KeyType: 'HASH' },
              { AttributeName: 'PK', KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'KEYS_ONLY' },
          },
        ],
      }),
    );
    await waitUntilActive(this.client, this.tableName, wait);
    return 'created';
  }

  /** Records a new execution; if one with this ARN exists, returns it and changes nothing. */
  async createExecution(rec: ExecutionRecord): Promise<ExecutionRecord | undefined> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...execKey(rec.executionArn), ...rec, machine: rec.stateMachineArn, startKey: startKey(rec.startDate, rec.name), run: 'RUNNING' },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
      return undefined;
    } catch (err) {
      if ((err as Error).name !== 'ConditionalCheckFailedException') throw err;
    }
    const existing = await this.getExecution(rec.executionArn);
    if (!existing) throw new Error(`execution ${rec.executionArn} exists but cannot be read`);
    return existing;
  }

  async getExecution(executionArn: string): Promise<ExecutionRecord | undefined> {
    const out = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: execKey(executionArn), ConsistentRead: true }));
    return out.Item ? toRecord(out.Item) : undefined;
  }

  /** Writes the final state of an execution (and takes it off the running index). */
  async finishExecution(rec: ExecutionRecord): Promise<void> {
    const values: Record<string, unknown> = { ':status': rec.status, ':stopDate': rec.stopDate ?? Date.now() };
    const names: Record<string, string> = { '#status': 'status', '#run': 'run' };
    const sets = ['#status = :status', 'stopDate = :stopDate'];
    for (const k of ['output', 'error', 'cause'] as const) {
      if (rec[k] !== undefined) {
        sets.push(`#${k} = :${k}`);
        names[`#${k}`] = k;
        values[`:${k}`] = rec[k];
      }
    }
    await this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: execKey(rec.executionArn),
        UpdateExpression: `SET ${sets.join(', ')} REMOVE #run`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      }),
    );
  }

  async recordRedrive(executionArn: string, redriveCount: number, redriveDate: number): Promise<void> {
    await this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: execKey(executionArn),
        UpdateExpression: 'SET redriveCount = :n, redriveDate = :d',
        ExpressionAttributeValues: { ':n': redriveCount, ':d': redriveDate },
      }),
    );
  }

  /** Executions still RUNNING (after a restart: the ones to start again). */
  async runningExecutions(): Promise<ExecutionRecord[]> {
    const arns: string[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: 'ByRunning',
          KeyConditionExpression: '#run = :r',
          ExpressionAttributeNames: { '#run': 'run' },
          ExpressionAttributeValues: { ':r': 'RUNNING' },
          ExclusiveStartKey: start,
        }),
      );
      for (const item of page.Items ?? []) arns.push(String(item['PK']).slice('EXEC#'.length));
      start = page.LastEvaluatedKey;
    } while (start);
    const records = await Promise.all(arns.map((a) => this.getExecution(a)));
    return records.filter((r): r is ExecutionRecord => r?.status === 'RUNNING').sort((a, b) => a.startDate - b.startDate);
  }

  /** Executions of a state machine, newest first, optionally of one status; `next` continues a listing. */
  async listExecutions(
    stateMachineArn: string,
    opts: { status?: ExecutionStatus; limit: number; next?: Record<string, unknown> },
  ): Promise<{ executions: ExecutionRecord[]; next?: Record<string, unknown> }> {
    const executions: ExecutionRecord[] = [];
    let start = opts.next;
    do {
      const page = await this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: 'ByMachine',
          KeyConditionExpression: 'machine = :m',
          ...(opts.status ? { FilterExpression: '#status = :s' } : {}),
          ExpressionAttributeNames: opts.status ? { '#status': 'status' } : undefined,
          ExpressionAttributeValues: { ':m': stateMachineArn, ...(opts.status ? { ':s': opts.status } : {}) },
          ScanIndexForward: false,
          // The limit counts items read before the filter: every item read is used, so `next` is exact.
          Limit: opts.limit - executions.length,
          ExclusiveStartKey: start,
        }),
      );
      executions.push(...(page.Items ?? []).map(toRecord));
      start = page.LastEvaluatedKey;
    } while (start && executions.length < opts.limit);
    return { executions, ...(start ? { next: start } : {}) };
  }

  /**
   * Appends history events, written as chunks (one item per flush, split when large): a history
   * costs a few writes per execution, not one per event.
   */
  async appendEvents(executionArn: string, events: StoredEvent[]): Promise<void> {
    const chunks: StoredEvent[][] = [[]];
    let size = 0;
    for (const e of events) {
      const bytes = JSON.stringify(e).length;
      if (size + bytes > CHUNK_BYTES && chunks.at(-1)!.length > 0) {
        chunks.push([]);
        size = 0;
      }
      chunks.at(-1)!.push(e);
      size += bytes;
    }
    for (const chunk of chunks) {
      if (!chunk.length) continue;
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { PK: `EXEC#${executionArn}`, SK: eventSk(chunk[0]!.id), last: chunk.at(-1)!.id, events: JSON.stringify(chunk) },
        }),
      );
    }
  }

  /** History events in order (or reversed), after (before, reversed) the event id `after`. */
  async history(
    executionArn: string,
    opts: { reverse: boolean; limit: number; after?: number },
  ): Promise<{ events: StoredEvent[]; more: boolean }> {
    let events: StoredEvent[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :ev)',
          ExpressionAttributeValues: { ':pk': `EXEC#${executionArn}`, ':ev': 'EV#' },
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      for (const item of page.Items ?? []) events.push(...(JSON.parse(String(item['events'])) as StoredEvent[]));
      start = page.LastEvaluatedKey;
    } while (start);
    events.sort((a, b) => a.id - b.id);
    if (opts.reverse) events.reverse();
    const after = opts.after;
    if (after !== undefined) events = events.filter((e) => (opts.reverse ? e.id < after : e.id > after));
    return { events: events.slice(0, opts.limit), more: events.length > opts.limit };
  }

  async lastEventId(executionArn: string): Promise<number> {
    const out = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :ev)',
        ExpressionAttributeValues: { ':pk': `EXEC#${executionArn}`, ':ev': 'EV#' },
        ScanIndexForward: false,
        Limit: 1,
        ConsistentRead: true,
      }),
    );
    return Number(out.Items?.[0]?.['last'] ?? 0);
  }

  async putToken(hash: string, token: TokenRecord): Promise<void> {
    await this.doc.send(new PutCommand({ TableName: this.tableName, Item: { PK: `TOKEN#${hash}`, SK: 'TOKEN', ...token } }));
  }

  async getToken(hash: string): Promise<TokenRecord | undefined> {
    const out = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: { PK: `TOKEN#${hash}`, SK: 'TOKEN' }, ConsistentRead: true }));
    return out.Item as TokenRecord | undefined;
  }

  async getClock(): Promise<number | undefined> {
    const out = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: { PK: 'CLOCK', SK: 'CLOCK' }, ConsistentRead: true }));
    const now = out.Item?.['now'];
    return typeof now === 'number' ? now : undefined;
  }

  async putClock(now: number): Promise<void> {
    await this.doc.send(new PutCommand({ TableName: this.tableName, Item: { PK: 'CLOCK', SK: 'CLOCK', now } }));
  }
}

function toRecord(item: Record<string, unknown>): ExecutionRecord {
  const { PK: _pk, SK: _sk, machine: _m, startKey: _s, run: _r, ...rec } = item;
  return { redriveCount: 0, ...rec } as ExecutionRecord;
}
