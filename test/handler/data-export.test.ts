import { BatchGetCommand, DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { handler as getDocument } from '../../functions/staff/get-data-export-document.js';
import { handler as getExport } from '../../functions/staff/get-data-export.js';
import { GetParticipantDataExport, GetParticipantDataExportDocument } from '../../schemas/routes/data-export.js';
import { checkResponse } from '../contract.js';
import { lambdaContext, staffEvent, storedParticipant } from '../fixtures.js';

const ddb = mockClient(DynamoDBDocumentClient);
const ID = '0123456789abcdef0123456789abcdef';
const ME = '5f0c7d3e-1111-4a2b-9c3d-000000000001'; // the counsellor of the sample staff event

const profile = (extra: Record<string, unknown> = {}) => ({ PK: `PARTICIPANT#${ID}`, SK: 'PROFILE', type: 'Participant', ...storedParticipant({ id: ID, ...extra }) });
const event = (path: string, query?: Record<string, string>, claims?: Record<string, string>): APIGatewayProxyEventV2 =>
  staffEvent({ path, params: { id: ID }, ...(query ? { query } : {}), ...(claims ? { claims } : {}) });

function table(p: Record<string, unknown>) {
  ddb.on(GetCommand).resolves({ Item: p });
  ddb.on(QueryCommand).callsFake((input: any) => ({ Items: input.IndexName ? [] : [p, { PK: p['PK'], SK: 'AUDIT#2026-11-26T09:00:00.000Z#0a0b0c0d', type: 'Audit', at: '2026-11-26T09:00:00.000Z', actor: ME, role: 'staff', action: 'participant.read' }] }));
  ddb.on(BatchGetCommand).callsFake((input: any) => ({ Responses: { [Object.keys(input.RequestItems)[0]!]: [] } }));
}

beforeEach(() => {
  ddb.reset();
  ddb.on(PutCommand).resolves({});
});

describe('GET /api/staff/participants/{id}/data-export', () => {
  it('answers the copy its contract describes, audited first (who, when, format; no personal data)', async () => {
    table(profile());
    const res = checkResponse(GetParticipantDataExport, await getExport(event(`/api/staff/participants/${ID}/data-export`), lambdaContext));
    expect(res.status).toBe(200);
    expect(res.body.items.map((i: any) => i.kind)).toEqual(['Participant', 'Audit']);
    expect(res.body.items[0].attributes.entry.person.lastName).toBe('Beispielfrau');
    expect(res.headers['content-disposition']).toBe('attachment; filename="datenauskunft-AB12-CD34.json"');
    const audit = ddb.commandCalls(PutCommand).map((c) => c.args[0].input.Item!).find((i) => i['type'] === 'Audit')!;
    expect(audit).toMatchObject({ action: 'participant.data_export', actor: ME, role: 'staff', detail: { format: 'json' } });
    expect(JSON.stringify(audit)).not.toMatch(/Beispielfrau|Jana|example\.org/);
  });

  it('refuses a counsellor the person is not assigned to (403), another site (404) and a coordinator (403), auditing nothing', async () => {
    table(profile({ assignedTo: { sub: 'someone-else', username: 'x', assignedAt: '2026-11-26T09:00:00.000Z', assignedBy: 'y' } }));
    expect(checkResponse(GetParticipantDataExport, await getExport(event(`/api/staff/participants/${ID}/data-export`), lambdaContext)).status).toBe(403);
    table(profile({ site: 'hochfeld' }));
    expect(checkResponse(GetParticipantDataExport, await getExport(event(`/api/staff/participants/${ID}/data-export`), lambdaContext)).status).toBe(404);
    expect(ddb.commandCalls(PutCommand).filter((c) => c.args[0].input.Item?.['type'] === 'Audit')).toHaveLength(0);
    const coordinator = await getExport(event(`/api/staff/participants/${ID}/data-export`, undefined, { 'cognito:groups': '[coordinator]' }), lambdaContext);
    expect(checkResponse(GetParticipantDataExport, coordinator).status).toBe(403);
  });
});

describe('GET /api/staff/participants/{id}/data-export.html', () => {
  it('answers the document in the language asked for, Farsi right-to-left', async () => {
    table(profile());
    const res = checkResponse(GetParticipantDataExportDocument, await getDocument(event(`/api/staff/participants/${ID}/data-export.html`, { lang: 'fa' }), lambdaContext));
    expect(res.status).toBe(200);
    expect(res.body).toContain('<html lang="fa" dir="rtl">');
    expect(res.body).toContain('<bdi>Beispielfrau</bdi>');
    expect(res.headers['content-security-policy']).toBe("default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
  });

  it('refuses an unknown language with 400 before reading anything', async () => {
    const res = checkResponse(GetParticipantDataExportDocument, await getDocument(event(`/api/staff/participants/${ID}/data-export.html`, { lang: 'klingon' }), lambdaContext));
    expect(res.status).toBe(400);
    expect(ddb.calls()).toHaveLength(0);
  });
});
