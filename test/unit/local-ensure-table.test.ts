import { CreateTableCommand, DescribeTableCommand, DynamoDBClient, ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { ensureTable } from '../../local/dynamo.js';
import { SfnStore } from '../../local/stepfunctions/store.js';

// CreateTable answers while the table is still CREATING; dynalite answers every other call on it
// with ResourceNotFoundException (seen as `npm run bench` dying in SfnStore.getClock).
const ddb = mockClient(DynamoDBClient);
const doc = mockClient(DynamoDBDocumentClient);
let calls: string[];

const notFound = () => new ResourceNotFoundException({ message: 'Requested resource not found', $metadata: {} });

/** A table that does not exist, then is CREATING for `creatingAnswers` DescribeTable calls, then ACTIVE. */
function fakeTable(opts: { exists: boolean; creatingAnswers: number }) {
  let created = opts.exists;
  let creating = opts.creatingAnswers;
  ddb.on(DescribeTableCommand).callsFake(() => {
    calls.push('DescribeTable');
    if (!created) throw notFound();
    if (creating > 0) {
      creating--;
      calls.push('(CREATING)');
      return { Table: { TableStatus: 'CREATING', GlobalSecondaryIndexes: [{ IndexName: 'ByMachine', IndexStatus: 'CREATING' }] } };
    }
    calls.push('(ACTIVE)');
    return { Table: { TableStatus: 'ACTIVE', GlobalSecondaryIndexes: [{ IndexName: 'ByMachine', IndexStatus: 'ACTIVE' }] } };
  });
  ddb.on(CreateTableCommand).callsFake(() => {
    calls.push('CreateTable');
    created = true;
    return { TableDescription: { TableStatus: 'CREATING' } };
  });
  doc.on(GetCommand).callsFake(() => {
    calls.push('GetItem');
    return {};
  });
}

const client = () => new DynamoDBClient({ region: 'eu-central-1', endpoint: 'http://127.0.0.1:1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });

beforeEach(() => {
  ddb.reset();
  doc.reset();
  calls = [];
  ddb.onAnyCommand().callsFake(() => void calls.push('other DynamoDB call'));
  doc.onAnyCommand().callsFake(() => void calls.push('other document call'));
});

afterAll(() => {
  ddb.restore();
  doc.restore();
});

describe('ensureTable waits until the table is ACTIVE', () => {
  it('the Step Functions store: nothing reads the table before DescribeTable reports ACTIVE', async () => {
    fakeTable({ exists: false, creatingAnswers: 3 });
    const store = new SfnStore(client());
    expect(await store.ensureTable({ intervalMs: 1 })).toBe('created');
    await store.getClock();
    expect(calls).toEqual([
      'DescribeTable',
      'CreateTable',
      ...Array.from({ length: 3 }, () => ['DescribeTable', '(CREATING)']).flat(),
      'DescribeTable',
      '(ACTIVE)',
      'GetItem',
    ]);
  });

  it('the main table: resolves only once DescribeTable reports ACTIVE', async () => {
    fakeTable({ exists: false, creatingAnswers: 2 });
    expect(await ensureTable(client(), 'biwaq-test', { intervalMs: 1 })).toBe('created');
    expect(calls).toEqual(['DescribeTable', 'CreateTable', 'DescribeTable', '(CREATING)', 'DescribeTable', '(CREATING)', 'DescribeTable', '(ACTIVE)']);
  });

  it('a table found while still CREATING (another start made it) is waited for too', async () => {
    fakeTable({ exists: true, creatingAnswers: 2 });
    expect(await new SfnStore(client()).ensureTable({ intervalMs: 1 })).toBe('exists');
    expect(await ensureTable(client(), 'biwaq-test', { intervalMs: 1 })).toBe('exists');
    expect(calls.filter((c) => c === 'CreateTable')).toEqual([]);
    expect(calls.at(-1)).toBe('(ACTIVE)');
  });

  it('gives up after a bounded wait with an error naming the table and its status', async () => {
    fakeTable({ exists: false, creatingAnswers: Number.POSITIVE_INFINITY });
    await expect(ensureTable(client(), 'biwaq-test', { intervalMs: 1, timeoutMs: 50 })).rejects.toThrow(/biwaq-test.*not ACTIVE.*CREATING/);
    fakeTable({ exists: false, creatingAnswers: Number.POSITIVE_INFINITY });
    await expect(new SfnStore(client()).ensureTable({ intervalMs: 1, timeoutMs: 50 })).rejects.toThrow(/biwaq-local-sfn.*not ACTIVE.*CREATING/);
  });

  it('passes on errors other than a missing table at once', async () => {
    ddb.on(DescribeTableCommand).rejects(new Error('connect ECONNREFUSED'));
    await expect(ensureTable(client(), 'biwaq-test', { intervalMs: 1 })).rejects.toThrow('ECONNREFUSED');
  });
});
