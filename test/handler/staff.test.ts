import { DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { handler as getParticipant } from '../../functions/staff/get-participant.js';
import { handler as listParticipants } from '../../functions/staff/list-participants.js';
import { GetParticipant, ListParticipants } from '../../schemas/routes/staff.js';
import { checkResponse } from '../contract.js';
import { lambdaContext, readEvent, storedParticipant } from '../fixtures.js';

const ddb = mockClient(DynamoDBDocumentClient);
const ID = '0123456789abcdef0123456789abcdef';

const withClaims = (event: APIGatewayProxyEventV2, claims: Record<string, string>) => {
  const e = structuredClone(event) as any;
  e.requestContext.authorizer.jwt.claims = { ...e.requestContext.authorizer.jwt.claims, ...claims };
  return e as APIGatewayProxyEventV2;
};
const call = async (h: typeof getParticipant, event: APIGatewayProxyEventV2) => {
  const contract = h === (getParticipant as unknown) ? GetParticipant : ListParticipants;
  const { status, body } = checkResponse(contract, await h(event, lambdaContext));
  return { status, body };
};
const profile = (site: string) => ({ PK: `PARTICIPANT#${ID}`, SK: 'PROFILE', ...storedParticipant({ id: ID, site }) });

// The record reads the profile partition, a page of the audit trail and the placements (an index): answer each query with its items.
const onQuery = (items: Record<string, any>[]) =>
  ddb.on(QueryCommand).callsFake((input: any) => ({
    Items: input.IndexName ? [] : items.filter((i) => (String(input.KeyConditionExpression).includes('begins_with') ? String(i.SK).startsWith('AUDIT#') : !String(i.SK).startsWith('AUDIT#'))),
  }));

beforeEach(() => {
  ddb.reset();
  ddb.on(PutCommand).resolves({});
});

describe('GET /api/staff/participants/{id}', () => {
  it("returns the own site's record and audits the read before answering", async () => {
    onQuery([profile('marxloh')]);
    const res = await call(getParticipant, readEvent('get-staff-participant.json'));
    expect(res.status).toBe(200);
    expect(res.body.participant.reference).toBe('AB12-CD34');
    const audit = ddb.commandCalls(PutCommand)[0]!.args[0].input.Item!;
    expect(audit).toMatchObject({ type: 'Audit', action: 'participant.read', role: 'staff', actor: '5f0c7d3e-1111-4a2b-9c3d-000000000001' });
    expect(res.body.audit.at(-1).action).toBe('participant.read');
  });

  it("answers another site's record with 404 and audits nothing", async () => {
    onQuery([profile('hochfeld')]);
    const res = await call(getParticipant, readEvent('get-staff-participant.json'));
    expect(res.status).toBe(404);
    expect(ddb.commandCalls(PutCommand)).toHaveLength(0);
  });

  it('refuses coordinators (403) without touching the table', async () => {
    const res = await call(getParticipant, withClaims(readEvent('get-staff-participant.json'), { 'cognito:groups': '[coordinator]' }));
    expect(res.status).toBe(403);
    expect(ddb.calls()).toHaveLength(0);
  });
});

describe('GET /api/staff/participants', () => {
  it("queries the caller's site partition, newest first, never a scan", async () => {
    ddb.on(QueryCommand).resolves({ Items: [] });
    const event = { ...readEvent('get-staff-participant.json'), pathParameters: undefined, queryStringParameters: { status: 'new', limit: '10' } };
    const res = await call(listParticipants, event as APIGatewayProxyEventV2);
    expect(res.status).toBe(200);
    const input = ddb.commandCalls(QueryCommand)[0]!.args[0].input;
    expect(input).toMatchObject({ IndexName: 'GSI2', ScanIndexForward: false, Limit: 10, ExpressionAttributeValues: { ':pk': 'SITE#marxloh#STATUS#new' } });
  });
});
