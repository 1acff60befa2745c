import { DeleteItemCommand, GetItemCommand, PutItemCommand, QueryCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTable, startDynamo, type LocalDynamo } from '../../local/dynamo.js';

/**
 * The opt-in DynamoDB meter on a real dynalite: it counts per table and operation, estimates
 * capacity units from the items before and after, and changes nothing the client sees.
 */
let dynamo: LocalDynamo;
const TABLE = 'meter-test';
const key = { PK: { S: 'PARTICIPANT#1' }, SK: { S: 'PROFILE' } };
const big = 'x'.repeat(1500);

beforeAll(async () => {
  dynamo = await startDynamo({ port: 0, host: '127.0.0.1', meter: true });
  await ensureTable(dynamo.client, TABLE); // the application table's schema: GSI1, GSI2
  await dynamo.resetMeter();
});
afterAll(async () => {
  await dynamo?.stop();
});

describe('DynamoDB meter', () => {
  it('counts requests and bytes, and estimates WRU and RRU as on-demand bills them', async () => {
    const c = dynamo.client;
    await c.send(new PutItemCommand({ TableName: TABLE, Item: { ...key, GSI1PK: { S: 'SITE#a' }, GSI1SK: { S: '1' }, big: { S: big } } }));
    // An update of a 1.5 KB item is billed by its size, not by the few bytes the request carries.
    await c.send(new UpdateItemCommand({ TableName: TABLE, Key: key, UpdateExpression: 'SET n = :n', ExpressionAttributeValues: { ':n': { N: '1' } } }));
    const got = await c.send(new GetItemCommand({ TableName: TABLE, Key: key, ConsistentRead: true }));
    const queried = await c.send(new QueryCommand({ TableName: TABLE, KeyConditionExpression: 'PK = :p', ExpressionAttributeValues: { ':p': key.PK } }));
    const asked = await c.send(
      new QueryCommand({ TableName: TABLE, KeyConditionExpression: 'PK = :p', ExpressionAttributeValues: { ':p': key.PK }, ReturnConsumedCapacity: 'TOTAL' }),
    );
    const failed = await c
      .send(new PutItemCommand({ TableName: TABLE, Item: key, ConditionExpression: 'attribute_not_exists(PK)' }))
      .catch((e: Error) => e.name);
    await c.send(new DeleteItemCommand({ TableName: TABLE, Key: key }));

    // What the client sees is unchanged: ConsumedCapacity only if asked for.
    expect(got.ConsumedCapacity).toBeUndefined();
    expect(queried.ConsumedCapacity).toBeUndefined();
    expect(asked.ConsumedCapacity?.CapacityUnits).toBe(0.5);
    expect(failed).toBe('ConditionalCheckFailedException');

    const m = (await dynamo.meter()).tables[TABLE]!;
    expect(m.operations['PutItem']).toMatchObject({ requests: 2, errors: 1, conditionalFailures: 1, wru: 2 + 2 });
    expect(m.operations['UpdateItem']).toMatchObject({ requests: 1, wru: 2 });
    expect(m.operations['GetItem']).toMatchObject({ requests: 1, rru: 1 });
    expect(m.operations['Query']).toMatchObject({ requests: 2, rru: 0.5 + 0.5 }); // eventually consistent
    expect(m.operations['DeleteItem']).toMatchObject({ requests: 1, wru: 2 });
    expect(m.operations['PutItem']!.requestBytes).toBeGreaterThan(1500);
    expect(m.operations['GetItem']!.responseBytes).toBeGreaterThan(1500);
    // GSI1: entered by the put, changed by the update, left by the delete; each entry 1.5 KB.
    expect(m.indexes).toEqual({ GSI1: { writes: 3, wru: 6 } });
  });

  it('resets, and is off unless asked for', async () => {
    const before = await dynamo.resetMeter();
    expect(Object.keys(before.tables)).toContain(TABLE);
    expect((await dynamo.meter()).tables).toEqual({});
    const plain = await startDynamo({ port: 0, host: '127.0.0.1' });
    try {
      await expect(plain.meter()).rejects.toThrow(/meter is off/);
    } finally {
      await plain.stop();
    }
  });
});
