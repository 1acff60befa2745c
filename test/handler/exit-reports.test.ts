import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { SFNClient, StopExecutionCommand } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { berlinDate } from '../../functions/domain/working-days.js';
import { handler as correctExit } from '../../functions/staff/correct-exit.js';
import { handler as exitParticipant } from '../../functions/staff/exit-participant.js';
import { handler as exportKpisCsv } from '../../functions/staff/export-kpis-csv.js';
import { handler as exportKpisXlsx } from '../../functions/staff/export-kpis-xlsx.js';
import { handler as exportParticipants } from '../../functions/staff/export-participants-csv.js';
import { handler as getKpis } from '../../functions/staff/get-kpis.js';
import { CorrectExit, ExitParticipant } from '../../schemas/routes/exit.js';
import { GetKpis, GetKpisCsv, GetKpisXlsx, GetParticipantsCsv } from '../../schemas/routes/reports.js';
import { checkResponse } from '../contract.js';
import { lambdaContext, staffEvent, storedParticipant } from '../fixtures.js';

const ddb = mockClient(DynamoDBDocumentClient);
const sfn = mockClient(SFNClient);
const ID = '0123456789abcdef0123456789abcdef';
const today = berlinDate(new Date());
const SITUATION = { employmentStatus: 'employed', jobSearching: 'no', inEducationOrTraining: 'no', qualificationGained: 'no' };
const LEAD = { 'cognito:groups': '[lead]' };
const COORDINATOR = { 'cognito:groups': '[coordinator]', 'custom:site': '' };

const contacted = (extra: Record<string, unknown> = {}) =>
  storedParticipant({ id: ID, status: 'contacted', version: 3, firstContact: { date: today, channel: 'phone', recordedAt: `${today}T08:00:00.000Z`, recordedBy: 'x' }, workflows: { intake: 'arn:aws:states:eu-central-1:000000000000:execution:IntakeRegistration:intake-1' }, ...extra });

const post = async (h: typeof exitParticipant, body: unknown, claims: Record<string, string> = {}) => {
  const contract = h === exitParticipant ? ExitParticipant : CorrectExit;
  const path = h === exitParticipant ? `/api/staff/participants/${ID}/exit` : `/api/staff/participants/${ID}/exit/corrections`;
  return checkResponse(contract, await h(staffEvent({ method: 'POST', path, params: { id: ID }, body, claims }), lambdaContext));
};

beforeEach(() => {
  ddb.reset();
  sfn.reset();
  ddb.on(PutCommand).resolves({});
  ddb.on(QueryCommand).resolves({ Items: [] });
  sfn.on(StopExecutionCommand).resolves({});
});

describe('POST /api/staff/participants/{id}/exit', () => {
  it('records the exit on the version seen, audits it, marks the figures unsettled and ends the intake workflow', async () => {
    ddb.on(GetCommand).resolves({ Item: contacted() });
    ddb.on(UpdateCommand).resolves({ Attributes: contacted({ status: 'exited', version: 4, exit: { date: today, outcome: 'employment', employmentKind: 'marginal', situation: SITUATION, recordedAt: 'now', recordedBy: 'x' } }) });
    const res = await post(exitParticipant, { version: 3, date: today, outcome: 'employment', employmentKind: 'marginal', employerName: 'Bäckerei Korn', situation: SITUATION });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'exited', version: 4, corrections: 0 });
    const write = ddb.commandCalls(UpdateCommand)[0]!.args[0].input;
    expect(write.ConditionExpression).toContain('version = :version');
    expect(write.ConditionExpression).toContain('attribute_exists(firstContact)');
    expect(write.UpdateExpression).toContain('GSI3PK = :upk');
    expect(write.ExpressionAttributeValues).toMatchObject({ ':version': 3, ':upk': 'REPORT#UNSETTLED', ':gsi2pk': 'SITE#marxloh#STATUS#exited' });
    expect((write.ExpressionAttributeValues![':exit'] as any).employerName).toBe('Bäckerei Korn');
    expect(ddb.commandCalls(PutCommand).map((c) => c.args[0].input.Item!['action'])).toContain('participant.exited');
    expect(sfn.commandCalls(StopExecutionCommand).map((c) => c.args[0].input.executionArn)).toEqual([contacted().workflows.intake]);
  });

  it('refuses before a first contact, after a withdrawal and a second time (409 with the rule), a stale version (409)', async () => {
    for (const [stored, code] of [
      [storedParticipant({ id: ID, status: 'new', version: 3 }), 'exit_needs_first_contact'],
      [storedParticipant({ id: ID, status: 'withdrawn', version: 3 }), 'participant_withdrawn_exit'],
      [contacted({ status: 'exited' }), 'participant_exited'],
      [contacted({ version: 5 }), 'version_conflict'],
    ] as const) {
      ddb.on(GetCommand).resolves({ Item: stored });
      const res = await post(exitParticipant, { version: 3, date: today, outcome: 'none', situation: SITUATION });
      expect([res.status, res.body.code]).toEqual([409, code]);
    }
    expect(ddb.commandCalls(UpdateCommand)).toHaveLength(0);
  });

  it('a write refused meanwhile (someone was quicker) is 409 version_conflict', async () => {
    ddb.on(GetCommand).resolvesOnce({ Item: contacted() }).resolves({ Item: contacted({ version: 4 }) });
    ddb.on(UpdateCommand).rejects(new ConditionalCheckFailedException({ message: 'no', $metadata: {} }));
    const res = await post(exitParticipant, { version: 3, date: today, outcome: 'none', situation: SITUATION });
    expect([res.status, res.body.code]).toEqual([409, 'version_conflict']);
  });

  it('answers 400 with translated field errors: the details that belong to the outcome, the date', async () => {
    ddb.on(GetCommand).resolves({ Item: contacted() });
    const a = await post(exitParticipant, { version: 3, date: today, outcome: 'improved_prospects', employerName: 'X', situation: SITUATION });
    expect(a.status).toBe(400);
    expect(a.body.errors.map((e: any) => `${e.path} ${e.code}`).sort()).toEqual(['employerName not_applicable', 'improvedReason required']);
    expect(a.body.errors.find((e: any) => e.path === 'improvedReason').message).toBe('Bitte füllen Sie dieses Feld aus.');
    const b = await post(exitParticipant, { version: 3, date: today, outcome: 'improved_prospects', improvedReason: 'other', situation: SITUATION });
    expect(b.body.errors.map((e: any) => `${e.path} ${e.code}`)).toEqual(['improvedReasonText required']);
    const c = await post(exitParticipant, { version: 3, date: '2999-01-01', outcome: 'none', situation: SITUATION });
    expect(c.body.errors.map((e: any) => `${e.path} ${e.code}`)).toEqual(['date date_in_future']);
    const d = await post(exitParticipant, { version: 3, date: '2000-01-01', outcome: 'none', situation: SITUATION });
    expect(d.body.errors.map((e: any) => `${e.path} ${e.code}`)).toEqual(['date exit_before_first_contact']);
    const e = await post(exitParticipant, { version: 3, date: today, outcome: 'none' });
    expect(e.body.errors.map((x: any) => `${x.path} ${x.code}`)).toEqual(['situation required']);
    expect(ddb.commandCalls(UpdateCommand)).toHaveLength(0);
  });

  it('refuses coordinators (403) and answers another site like an unknown id (404)', async () => {
    expect((await post(exitParticipant, { version: 3, date: today, outcome: 'none', situation: SITUATION }, COORDINATOR)).status).toBe(403);
    ddb.on(GetCommand).resolves({ Item: contacted({ site: 'hochfeld' }) });
    expect((await post(exitParticipant, { version: 3, date: today, outcome: 'none', situation: SITUATION })).status).toBe(404);
  });
});

describe('POST /api/staff/participants/{id}/exit/corrections', () => {
  const exit = { date: today, outcome: 'none', situation: SITUATION, recordedAt: 'then', recordedBy: 'x' };
  it('replaces the exit in force, keeps the earlier one and audits the correction', async () => {
    ddb.on(GetCommand).resolves({ Item: contacted({ status: 'exited', exit }) });
    ddb.on(UpdateCommand).resolves({ Attributes: contacted({ status: 'exited', version: 4, exit: { ...exit, outcome: 'training' }, exitHistory: [exit] }) });
    const res = await post(correctExit, { version: 3, date: today, outcome: 'training', trainingOccupation: 'Fachlagerist', situation: SITUATION, reason: 'Ausbildungsvertrag kam später' });
    expect([res.status, res.body.corrections]).toEqual([200, 1]);
    const write = ddb.commandCalls(UpdateCommand)[0]!.args[0].input;
    expect(write.UpdateExpression).toContain('list_append(if_not_exists(exitHistory');
    expect(write.ExpressionAttributeValues![':replaced']).toEqual([exit]);
    expect((write.ExpressionAttributeValues![':exit'] as any).correctionReason).toBe('Ausbildungsvertrag kam später');
    expect(ddb.commandCalls(PutCommand).map((c) => c.args[0].input.Item!['action'])).toContain('participant.exit_corrected');
  });

  it('refuses without an exit (409 exit_not_recorded) and without a reason (400)', async () => {
    ddb.on(GetCommand).resolves({ Item: contacted() });
    const res = await post(correctExit, { version: 3, date: today, outcome: 'training', situation: SITUATION, reason: 'x' });
    expect([res.status, res.body.code]).toEqual([409, 'exit_not_recorded']);
    const bad = await post(correctExit, { version: 3, date: today, outcome: 'training', situation: SITUATION });
    expect(bad.body.errors.map((e: any) => `${e.path} ${e.code}`)).toEqual(['reason required']);
  });
});

const counter = (site: string, day: string, n: Record<string, number>) => ({ PK: `REPORT#${site}`, SK: `DAY#${day}`, site, day, cleanups: 0, inflight: {}, ...n });
const COUNTERS: Record<string, any[]> = {
  'REPORT#marxloh': [counter('marxloh', '2026-01-05', { participants: 3, unemployed: 2, longTermUnemployed: 1, migrantBackground: 3, employment: 1, training: 0, improvedProspects: 1 }), counter('marxloh', '2026-02-09', { participants: 1, unemployed: 1, longTermUnemployed: 1, migrantBackground: 0, employment: 0, training: 1, improvedProspects: 0 })],
  'REPORT#hochfeld': [counter('hochfeld', '2026-01-20', { participants: 4, unemployed: 4, longTermUnemployed: 2, migrantBackground: 4, employment: 1, training: 0, improvedProspects: 0 })],
};
const onCounters = () =>
  ddb.on(QueryCommand).callsFake((input: any) => ({ Items: input.IndexName ? [] : (COUNTERS[input.ExpressionAttributeValues[':pk']] ?? []) }));
const get = async (h: typeof getKpis, contract: any, path: string, claims: Record<string, string> = {}, query?: Record<string, string>) =>
  checkResponse(contract, await h(staffEvent({ path, claims, ...(query ? { query } : {}) }), lambdaContext));

describe('GET /api/staff/reports/kpis', () => {
  it('sums the counter items: per site and in total, the placement rate; one Query per site and one for the unsettled', async () => {
    onCounters();
    const res = await get(getKpis, GetKpis, '/api/staff/reports/kpis', COORDINATOR);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ participants: 8, unemployed: 7, longTermUnemployed: 4, migrantBackground: 7, employment: 2, training: 1, improvedProspects: 1, placementRate: 3 / 8 });
    expect(res.body.sites.map((s: any) => [s.site, s.participants, s.placementRate])).toEqual([['marxloh', 4, 0.5], ['hochfeld', 4, 0.25]]);
    const queries = ddb.commandCalls(QueryCommand).map((c) => c.args[0].input);
    expect(queries).toHaveLength(3);
    expect(queries[0]).toMatchObject({ IndexName: 'GSI3', ExpressionAttributeValues: { ':pk': 'REPORT#UNSETTLED' } });
    expect(queries.slice(1).map((q) => q.KeyConditionExpression)).toEqual(['PK = :pk AND SK BETWEEN :from AND :to', 'PK = :pk AND SK BETWEEN :from AND :to']);
  });

  it("staff see their own site; another site is 403; a period reads only its days", async () => {
    onCounters();
    const own = await get(getKpis, GetKpis, '/api/staff/reports/kpis', {}, { from: '2026-02-01', to: '2026-02-28' });
    expect(own.body.sites.map((s: any) => s.site)).toEqual(['marxloh']);
    const q = ddb.commandCalls(QueryCommand).at(-1)!.args[0].input;
    expect(q.ExpressionAttributeValues).toMatchObject({ ':pk': 'REPORT#marxloh', ':from': 'DAY#2026-02-01', ':to': 'DAY#2026-02-28' });
    expect((await get(getKpis, GetKpis, '/api/staff/reports/kpis', {}, { site: 'hochfeld' })).status).toBe(403);
  });

  it('none: 0 and a placement rate of 0', async () => {
    const res = await get(getKpis, GetKpis, '/api/staff/reports/kpis', LEAD);
    expect(res.body).toMatchObject({ participants: 0, placementRate: 0 });
  });
});

describe('the exports', () => {
  it('kpis.csv: text/csv, an attachment, BOM and `;`, audited at each site', async () => {
    onCounters();
    const res = await get(exportKpisCsv, GetKpisCsv, '/api/staff/reports/kpis.csv', COORDINATOR);
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toBe('attachment; filename="biwaq-zahlen-alle-standorte-anfang-bis-heute.csv"');
    expect(res.body.startsWith('\uFEFFStandort;Eintrittsmonat;Teilnehmende;')).toBe(true);
    expect(res.body).toContain('BIWAQ Marxloh;2026-01;3;2;1;3;1;0;1;33,3 %\r\n');
    expect(res.body).toContain('Alle Standorte;gesamt;8;7;4;7;2;1;1;37,5 %\r\n');
    const audits = ddb.commandCalls(PutCommand).map((c) => c.args[0].input.Item!).filter((i) => i['type'] === 'SiteAudit');
    expect(audits.map((a) => `${a['site']} ${a['action']}`)).toEqual(['marxloh report.kpis_csv', 'hochfeld report.kpis_csv']);
  });

  it('kpis.xlsx: base64-encoded for API Gateway, the workbook content type', async () => {
    onCounters();
    const raw: any = await exportKpisXlsx(staffEvent({ path: '/api/staff/reports/kpis.xlsx', claims: LEAD }), lambdaContext);
    checkResponse(GetKpisXlsx, raw);
    expect(raw.isBase64Encoded).toBe(true);
    expect(Buffer.from(raw.body, 'base64').subarray(0, 2).toString('latin1')).toBe('PK');
  });

  it('participants.csv: leads only', async () => {
    expect((await get(exportParticipants, GetParticipantsCsv, '/api/staff/reports/participants.csv', COORDINATOR)).status).toBe(403);
    expect((await get(exportParticipants, GetParticipantsCsv, '/api/staff/reports/participants.csv')).status).toBe(403);
    const res = await get(exportParticipants, GetParticipantsCsv, '/api/staff/reports/participants.csv', LEAD);
    expect(res.status).toBe(200);
    expect(ddb.commandCalls(QueryCommand)[0]!.args[0].input).toMatchObject({ IndexName: 'GSI1', Limit: 200, ExpressionAttributeValues: { ':pk': 'SITE#marxloh' } });
  });
});
