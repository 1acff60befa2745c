import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { handler } from '../../functions/retention/sweep.js';
import { RECORD_PAGE } from '../../functions/use-cases/retention-sweep.js';
import { lambdaContext, placementBody } from '../fixtures.js';

/** The SweepRetention task over a mocked table: the other records' page (delete when expired, anonymise an ended placement's contact), paging, conditions. */
const ddb = mockClient(DynamoDBDocumentClient);
const NOW = '2028-06-01T01:00:00.000Z';
const conditionFailed = () => new ConditionalCheckFailedException({ message: 'condition', $metadata: {} });
const audit = (i: number) => ({ PK: `PARTICIPANT#${'a'.repeat(32)}`, SK: `AUDIT#2025-05-01T10:00:00.000Z#${String(i).padStart(8, '0')}`, GSI5PK: 'RETENTION#RECORDS', GSI5SK: '2028-05-02T00:00:00.000Z#audit_entry#', expiresAt: Date.parse('2028-05-02T00:00:00.000Z') / 1000 });
const placement = (extra: Record<string, unknown>) => ({
  PK: `PLACEMENT#${'b'.repeat(32)}`, SK: 'PLACEMENT', GSI5PK: 'RETENTION#RECORDS', GSI5SK: `2027-05-01T00:00:00.000Z#employer_contact#${'b'.repeat(32)}`,
  ...placementBody('2027-04-01'), id: 'b'.repeat(32), site: 'marxloh', participantReference: 'AB12-CD34', participantFirstName: 'Amal', seriousObstacles: false,
  maxDays: 42, contentHash: 'h', createdAt: '2027-04-01T09:00:00.000Z', createdBy: 'sub', updatedAt: '2027-04-01T09:00:00.000Z', version: 4, ...extra,
});
const run = () => handler({}, lambdaContext);
const queries = (index: string) => ddb.commandCalls(QueryCommand).filter((c) => c.args[0].input.IndexName === index);

beforeEach(() => {
  ddb.reset();
  vi.useFakeTimers({ now: Date.parse(NOW), toFake: ['Date'] });
  ddb.on(QueryCommand, { IndexName: 'GSI4' }).resolves({ Items: [] });
});

describe('the retention sweep: records other than people', () => {
  it('deletes what expired, on the condition that it still has, and asks for the next page only after a full one', async () => {
    ddb.on(QueryCommand, { IndexName: 'GSI5' }).resolves({ Items: Array.from({ length: RECORD_PAGE }, (_, i) => audit(i)) });
    ddb.on(DeleteCommand).resolves({});
    expect(await run()).toMatchObject({ deleted: RECORD_PAGE, anonymised: 0, more: true });
    const del = ddb.commandCalls(DeleteCommand)[0]!.args[0].input;
    expect(del).toMatchObject({ Key: { PK: audit(0).PK, SK: audit(0).SK }, ConditionExpression: '#ttl <= :now', ExpressionAttributeValues: { ':now': Date.parse(NOW) / 1000 } });
    expect(queries('GSI5')[0]!.args[0].input.ExpressionAttributeValues).toEqual({ ':pk': 'RETENTION#RECORDS', ':until': `${NOW}$` });

    ddb.on(QueryCommand, { IndexName: 'GSI5' }).resolves({ Items: [audit(1)] });
    expect(await run()).toMatchObject({ deleted: 1, more: false });
  });

  it('stops paging when a full page made no progress (nothing could be deleted)', async () => {
    ddb.on(QueryCommand, { IndexName: 'GSI5' }).resolves({ Items: Array.from({ length: RECORD_PAGE }, (_, i) => audit(i)) });
    ddb.on(DeleteCommand).rejects(conditionFailed());
    expect(await run()).toMatchObject({ deleted: 0, more: false });
  });

  it("anonymises an ended placement's employer contact a year after its end, on the version read", async () => {
    ddb.on(QueryCommand, { IndexName: 'GSI5' }).resolves({ Items: [placement({ status: 'cancelled', cancellation: { at: '2027-04-02T10:00:00.000Z', by: 'sub', role: 'staff' }, supervisor: { name: 'Herr Meister', phone: '0203 111' } })] });
    ddb.on(UpdateCommand).resolves({});
    expect(await run()).toMatchObject({ anonymised: 1, deleted: 0 });
    const u = ddb.commandCalls(UpdateCommand)[0]!.args[0].input;
    expect(u.UpdateExpression).toContain('employer.contactName = :gone');
    expect(u.UpdateExpression).toContain('REMOVE employer.phone, supervisor, GSI5PK, GSI5SK');
    expect(u).toMatchObject({ ConditionExpression: 'version = :version', ExpressionAttributeValues: { ':gone': '', ':version': 4 } });
  });

  it('looks again later at a placement that has not ended, or ended less than a year ago', async () => {
    ddb.on(QueryCommand, { IndexName: 'GSI5' }).resolves({ Items: [placement({ status: 'expired', expiredAt: '2027-09-10T10:00:00.000Z' })] });
    ddb.on(UpdateCommand).resolves({});
    expect(await run()).toMatchObject({ anonymised: 0 });
    const u = ddb.commandCalls(UpdateCommand)[0]!.args[0].input;
    expect(u).toMatchObject({ UpdateExpression: 'SET GSI5SK = :sk', ExpressionAttributeValues: { ':sk': `2028-09-11T00:00:00.000Z#employer_contact#${'b'.repeat(32)}` } });
  });
});
