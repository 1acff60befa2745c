import { SESv2Client } from '@aws-sdk/client-sesv2';
import { DescribeExecutionCommand, GetExecutionHistoryCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { recognitionDeadlines } from '../../functions/domain/recognition-deadlines.js';
import { berlinDate } from '../../functions/domain/working-days.js';
import { handler as createHandler } from '../../functions/staff/create-recognition-case.js';
import { handler as getHandler } from '../../functions/staff/get-recognition-case.js';
import { handler as listHandler } from '../../functions/staff/list-recognition-cases.js';
import { handler as openHandler } from '../../functions/staff/open-recognition-case.js';
import { CreateRecognitionCase, GetRecognitionCase, ListRecognitionCases, OpenRecognitionCase } from '../../schemas/routes/index.js';
import { staffEvent as event } from '../fixtures.js';
import {
  call,
  CASE_ID,
  caseBody,
  caseItem,
  conditionFailed,
  COORDINATOR,
  draftItem,
  type Handler,
  participantItem,
  PID,
  STATE_MACHINE,
  storedFact,
} from './recognition-helpers.js';

/** The recognition case routes (create, open a draft, read, list) with a mocked SDK; every answer checked against its contract. */
const ddb = mockClient(DynamoDBDocumentClient);
const sfn = mockClient(SFNClient);
mockClient(SESv2Client);

const onGet = (items: Record<string, Record<string, unknown> | undefined>) =>
  ddb.on(GetCommand).callsFake((input: { Key: { PK: string } }) => ({ Item: items[input.Key.PK.split('#')[0]!] }));
const puts = () => ddb.commandCalls(PutCommand).map((c) => c.args[0].input);
const today = () => berlinDate(new Date());

beforeEach(() => {
  ddb.reset();
  sfn.reset();
  sfn.on(StartExecutionCommand).resolves({ executionArn: 'x' });
  ddb.on(PutCommand).resolves({});
  ddb.on(UpdateCommand).resolves({});
});

describe('POST /api/staff/recognition-cases', () => {
  const create = (body: unknown, opts: { claims?: Record<string, string>; key?: string; lang?: string } = {}) =>
    call(
      CreateRecognitionCase,
      createHandler as Handler,
      event({
        method: 'POST',
        path: '/api/staff/recognition-cases',
        body,
        claims: opts.claims,
        headers: { ...(opts.key ? { 'idempotency-key': opts.key } : {}), ...(opts.lang ? { 'accept-language': opts.lang } : {}) },
      }),
    );

  it('stores one case with one conditional Put, listed for the site and the participant, starts its workflow with the id only, audits once', async () => {
    onGet({ PARTICIPANT: participantItem() });
    const res = await create(caseBody(), { key: 'case-click-0001' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: expect.stringMatching(/^[0-9a-f]{32}$/), version: 1 });
    const put = puts().find((p) => p.Item?.['type'] === 'RecognitionCase')!;
    expect(put.ConditionExpression).toBe('attribute_not_exists(PK)');
    expect(put.Item).toMatchObject({
      PK: `RECOGNITION#${res.body.id}`,
      SK: 'CASE',
      GSI1PK: 'SITE#marxloh#RECOGNITION',
      GSI1SK: expect.stringMatching(new RegExp(`^RECOGNITION#.*#${res.body.id}$`)),
      GSI3PK: `PARTICIPANT#${PID}#RECOGNITION`,
      participantReference: 'AB12-CD34',
      facts: [],
      costs: [],
      checklist: expect.objectContaining({ cv_german: { state: 'missing', since: today() } }),
    });
    // No deadline runs yet: not on "Heute". No name of the participant on the case.
    expect(put.Item).not.toHaveProperty('GSI4PK');
    expect(JSON.stringify(put.Item)).not.toContain('Beispielfrau');
    expect(sfn.commandCalls(StartExecutionCommand)[0]!.args[0].input).toEqual({ stateMachineArn: STATE_MACHINE, name: res.body.id, input: JSON.stringify({ caseId: res.body.id }) });
    expect(puts().find((p) => p.Item?.['type'] === 'Audit')?.Item).toMatchObject({ PK: `PARTICIPANT#${PID}`, action: 'recognition.created', detail: { caseId: res.body.id } });
  });

  it('answers a double click (same Idempotency-Key, same body) with the same case, and the same key with another body with 422', async () => {
    onGet({ PARTICIPANT: participantItem() });
    const first = await create(caseBody(), { key: 'case-click-0002' });
    const stored = puts().find((p) => p.Item?.['type'] === 'RecognitionCase')!.Item!;
    ddb.on(PutCommand).callsFake((input: any) => {
      if (input.Item.type === 'RecognitionCase') throw conditionFailed();
      return {};
    });
    onGet({ PARTICIPANT: participantItem(), RECOGNITION: stored });
    const second = await create(caseBody(), { key: 'case-click-0002' });
    expect(second).toMatchObject({ status: 201, body: first.body });
    const other = await create(caseBody({ fastTrack: true }), { key: 'case-click-0002' });
    expect(other).toMatchObject({ status: 422, body: { code: 'idempotency_key_reused' } });
  });

  it('refuses bad input with a 400 naming each field in the caller\'s language, and stores nothing', async () => {
    onGet({ PARTICIPANT: participantItem() });
    const res = await create(caseBody({ regulated: 'ja' }));
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ path: 'regulated', code: 'invalid_type', message: 'Diese Angabe hat das falsche Format.' }]);
    const unnamed = await create(caseBody({ competentBody: 'other' }));
    expect(unnamed.body.errors).toEqual([{ path: 'competentBodyName', code: 'required', message: 'Bitte füllen Sie dieses Feld aus.' }]);
    const english = await create(caseBody({ qualification: { country: 'XX', title: 'x', profession: 'y', year: 2015 } }), { lang: 'en' });
    expect(english.body.errors).toEqual([{ path: 'qualification.country', code: 'invalid_option', message: 'Please choose one of the answers.' }]);
    const extra = await create({ ...caseBody(), costs: [] });
    expect(extra.body.errors).toEqual([expect.objectContaining({ path: 'costs', code: 'unknown_field' })]);
    expect((await create(caseBody(), { key: 'bad key!' })).body.code).toBe('invalid_idempotency_key');
    expect(puts()).toHaveLength(0);
  });

  it("answers 409 for a withdrawn participant, 404 for another site's, 403 for a coordinator (without touching the table)", async () => {
    onGet({ PARTICIPANT: participantItem({ status: 'withdrawn' }) });
    expect(await create(caseBody())).toMatchObject({
      status: 409,
      body: { code: 'recognition_participant_withdrawn', message: 'Die Person ist abgemeldet. Für sie kann kein Anerkennungsverfahren angelegt werden.' },
    });
    onGet({ PARTICIPANT: participantItem({ site: 'hochfeld' }) });
    expect((await create(caseBody())).status).toBe(404);
    onGet({});
    expect((await create(caseBody())).status).toBe(404);
    ddb.reset();
    expect((await create(caseBody(), { claims: COORDINATOR })).status).toBe(403);
    expect(ddb.calls()).toHaveLength(0);
  });

  it('answers 503 when the workflow cannot be started, so the console sends the same request again', async () => {
    onGet({ PARTICIPANT: participantItem() });
    sfn.on(StartExecutionCommand).rejects(new Error('service unavailable'));
    expect(await create(caseBody(), { key: 'case-click-0003' })).toMatchObject({ status: 503, body: { code: 'server_error' } });
  });
});

describe('POST /api/staff/recognition-cases/{id}/open', () => {
  const { participantId: _p, ...fields } = caseBody();
  const open = (body: unknown, claims?: Record<string, string>) =>
    call(OpenRecognitionCase, openHandler as Handler, event({ method: 'POST', path: `/api/staff/recognition-cases/${CASE_ID}/open`, params: { id: CASE_ID }, body, claims }));

  it('turns the draft into a case on its version (same id and place, the intake\'s checklist kept), audits it and starts the workflow', async () => {
    onGet({ RECOGNITION: draftItem(), PARTICIPANT: participantItem() });
    const res = await open({ version: 1, ...fields });
    expect(res).toMatchObject({ status: 200, body: { id: CASE_ID, version: 2 } });
    const put = puts().find((p) => p.Item?.['type'] === 'RecognitionCase')!;
    expect(put.ConditionExpression).toContain('version = :version AND #draft = :true');
    expect(put.ExpressionAttributeValues).toMatchObject({ ':version': 1, ':site': 'marxloh' });
    expect(put.Item).toMatchObject({ id: CASE_ID, createdAt: '2027-02-01T09:00:00.000Z', competentBody: 'bezirksregierung', GSI1SK: `RECOGNITION#2027-02-01T09:00:00.000Z#${CASE_ID}` });
    expect(put.Item!['checklist'].certificates).toEqual({ state: 'at_hand', since: '2027-02-01' });
    expect(put.Item).not.toHaveProperty('draft');
    expect(puts().find((p) => p.Item?.['type'] === 'Audit')?.Item).toMatchObject({ action: 'recognition.opened', detail: { caseId: CASE_ID } });
    expect(sfn.commandCalls(StartExecutionCommand)[0]!.args[0].input.name).toBe(CASE_ID);
  });

  it('answers a stale version with 409 version_conflict, an opened case with status_conflict, another site with 404, a coordinator with 403', async () => {
    onGet({ RECOGNITION: draftItem({ version: 2 }), PARTICIPANT: participantItem() });
    expect((await open({ version: 1, ...fields })).body.code).toBe('version_conflict');
    onGet({ RECOGNITION: caseItem(), PARTICIPANT: participantItem() });
    expect((await open({ version: 1, ...fields })).body.code).toBe('status_conflict');
    onGet({ RECOGNITION: draftItem({ site: 'hochfeld' }), PARTICIPANT: participantItem() });
    expect((await open({ version: 1, ...fields })).status).toBe(404);
    expect((await open({ version: 1, ...fields }, COORDINATOR)).status).toBe(403);
    const missing = await open({ ...fields });
    expect(missing.body.errors).toEqual([expect.objectContaining({ path: 'version', code: 'required' })]);
    expect(puts()).toHaveLength(0);
  });
});

describe('GET /api/staff/recognition-cases/{id}', () => {
  const get = (claims?: Record<string, string>) => call(GetRecognitionCase, getHandler as Handler, event({ path: `/api/staff/recognition-cases/${CASE_ID}`, params: { id: CASE_ID }, claims }));

  it('shows the case with its state, the domain\'s deadlines, the facts in force, reminders, costs and the workflow, without its token; audits the read', async () => {
    const received = storedFact('application_received', '2026-09-01');
    const wrongReceipt = storedFact('receipt_confirmed', '2026-09-20');
    const receipt = storedFact('receipt_confirmed', '2026-09-15', { supersedes: wrongReceipt.id });
    const complete = storedFact('documents_complete', '2026-10-31');
    const facts = [received, wrongReceipt, receipt, complete];
    const item = caseItem({
      facts,
      payer: 'anerkennungszuschuss',
      costs: [{ id: 'k1', date: '2026-08-20', kind: 'translation', amountCents: 12000, recordedAt: 'x', recordedBy: 'y' }],
      taskToken: 'secret-token',
      tokenVersion: 5,
      contentHash: 'hash',
      sentReminders: new Set(['x']),
    });
    onGet({ RECOGNITION: item });
    sfn.on(DescribeExecutionCommand).resolves({ status: 'RUNNING' });
    sfn.on(GetExecutionHistoryCommand).resolves({
      events: [
        { id: 1, type: 'ExecutionStarted', timestamp: new Date('2026-09-01T10:00:00Z') },
        { id: 2, type: 'TaskStateEntered', timestamp: new Date('2026-09-01T10:00:01Z'), stateEnteredEventDetails: { name: 'AwaitChange' } },
      ],
    });
    const res = await get();
    expect(res.status).toBe(200);
    expect(res.body.case).toMatchObject({ id: CASE_ID, draft: false, regulated: true, competentBody: 'bezirksregierung', extensionCapped: false, euQualification: null });
    expect(res.body.state).toBe('in_review');
    // Exactly what the domain computes today (a regulated profession: § 13).
    const expected = JSON.parse(JSON.stringify(recognitionDeadlines({ regulated: true, fastTrack: false }, facts as never, today())));
    expect(res.body.deadlines).toEqual(expected);
    expect(res.body.deadlines.receipt).toMatchObject({ status: 'met', metOn: '2026-09-15', basis: '§ 13 Abs. 2 BQFG' });
    expect(res.body.deadlines.decision).toMatchObject({ due: '2027-02-01', basis: '§ 13 Abs. 3 BQFG', extended: false, suspendedDays: 0 });
    expect(res.body.facts.map((f: any) => [f.type, f.inForce, f.supersededBy])).toEqual([
      ['application_received', true, null],
      ['receipt_confirmed', false, receipt.id],
      ['receipt_confirmed', true, null],
      ['documents_complete', true, null],
    ]);
    expect(res.body.allowedNext).toEqual(['documents_requested', 'skills_analysis_started', 'extension_granted', 'decision', 'withdrawn']);
    expect(res.body.reminders).toEqual([{ kind: 'decision_overdue', due: '2027-02-01', remindAt: '2027-02-01T23:00:00.000Z', document: null, sent: false }]);
    expect(res.body.grantWarning).toEqual({ code: 'costs_before_grant_application', firstCostOn: '2026-08-20', grantAppliedOn: null });
    expect(res.body.workflow).toMatchObject({ name: 'recognition', status: 'RUNNING', currentState: 'AwaitChange', nextDueAt: '2027-02-01T23:00:00.000Z' });
    expect(JSON.stringify(res.body)).not.toMatch(/secret-token|contentHash|sentReminders/);
    expect(puts()[0]!.Item).toMatchObject({ PK: `PARTICIPANT#${PID}`, type: 'Audit', action: 'recognition.read', detail: { caseId: CASE_ID } });
  });

  it('shows a draft from the intake as a draft: no deadlines, no workflow', async () => {
    onGet({ RECOGNITION: draftItem() });
    const res = await get();
    expect(res).toMatchObject({ status: 200, body: { state: 'draft', deadlines: {}, facts: [], workflow: null, case: { draft: true, competentBody: null, qualification: { title: null } } } });
    expect(res.body.outstandingDocuments).not.toContain('certificates');
    expect(sfn.calls()).toHaveLength(0);
  });

  it("answers another site's case with 404 (nothing audited) and a coordinator with 403; a workflow that cannot be read does not fail the read", async () => {
    onGet({ RECOGNITION: caseItem({ site: 'hochfeld' }) });
    expect((await get()).status).toBe(404);
    expect(puts()).toHaveLength(0);
    expect((await get(COORDINATOR)).status).toBe(403);
    onGet({ RECOGNITION: caseItem() });
    sfn.on(DescribeExecutionCommand).rejects(new Error('throttled'));
    expect(await get()).toMatchObject({ status: 200, body: { workflow: { status: 'UNKNOWN' } } });
  });
});

describe('GET /api/staff/recognition-cases', () => {
  const list = (query?: Record<string, string>, claims?: Record<string, string>) =>
    call(ListRecognitionCases, listHandler as Handler, event({ path: '/api/staff/recognition-cases', query, claims }));
  const overdueCase = (id: string) =>
    caseItem({ id, PK: `RECOGNITION#${id}`, GSI1SK: `RECOGNITION#2026-01-01T00:00:00.000Z#${id}`, facts: [storedFact('application_received', '2026-01-05')], competentBody: 'ihk_fosa' });

  it("queries the caller's site listing newest first, filters state, overdue and body on read, and audits counts", async () => {
    const open = caseItem();
    const late = overdueCase('a'.repeat(32));
    ddb.on(QueryCommand).resolves({ Items: [open, late, draftItem({ id: 'b'.repeat(32) }), caseItem({ site: 'hochfeld', id: 'd'.repeat(32) })] });
    const all = await list();
    expect(all.body.items.map((i: any) => [i.state, i.overdue])).toEqual([
      ['preparing', false],
      ['submitted', true],
      ['draft', false],
    ]);
    expect(all.body.items[1]).toMatchObject({ competentBody: 'ihk_fosa', nextDeadline: { deadline: 'receipt', due: '2026-02-05', status: 'overdue', basis: '§ 13 Abs. 2 BQFG' } });
    expect(all.body.cursor).toBeNull();
    expect(ddb.commandCalls(QueryCommand)[0]!.args[0].input).toMatchObject({ IndexName: 'GSI1', ScanIndexForward: false, ExpressionAttributeValues: { ':pk': 'SITE#marxloh#RECOGNITION' } });
    expect((await list({ overdue: 'true' })).body.items.map((i: any) => i.id)).toEqual([late.id]);
    expect((await list({ state: 'draft' })).body.items.map((i: any) => i.id)).toEqual(['b'.repeat(32)]);
    expect((await list({ body: 'bezirksregierung' })).body.items.map((i: any) => i.id)).toEqual([CASE_ID]);
    const audits = puts().filter((p) => p.Item?.['type'] === 'SiteAudit').map((p) => p.Item!);
    expect(audits.map((a) => [a['action'], a['detail'].count])).toEqual([
      ['recognition.list', 3],
      ['recognition.list', 1],
      ['recognition.list', 1],
      ['recognition.list', 1],
    ]);
  });

  it('gives 25 a page and a cursor that continues after the last case looked at', async () => {
    const items = Array.from({ length: 30 }, (_, i) => overdueCase(i.toString(16).padStart(32, '0')));
    ddb.on(QueryCommand).resolvesOnce({ Items: items.slice(0, 30), LastEvaluatedKey: { PK: 'x' } }).resolves({ Items: [] });
    const first = await list();
    expect(first.body.items).toHaveLength(25);
    expect(first.body.cursor).toEqual(expect.any(String));
    ddb.reset();
    ddb.on(QueryCommand).resolves({ Items: items.slice(25) });
    ddb.on(PutCommand).resolves({});
    const next = await list({ cursor: first.body.cursor });
    expect(next.body.items).toHaveLength(5);
    expect(ddb.commandCalls(QueryCommand)[0]!.args[0].input.ExclusiveStartKey).toMatchObject({ PK: `RECOGNITION#${items[24]!.id}`, SK: 'CASE', GSI1PK: 'SITE#marxloh#RECOGNITION' });
  });

  it('refuses an unknown state, a forged cursor, and coordinators', async () => {
    expect((await list({ state: 'open' })).status).toBe(400);
    expect((await list({ overdue: 'yes' })).status).toBe(400);
    expect((await list({ cursor: 'eyJ4Ijo' })).body.code).toBe('invalid_cursor');
    expect((await list(undefined, COORDINATOR)).status).toBe(403);
  });
});

describe("the participant's record and \"Heute\"", () => {
  it('lists the participant\'s cases and drafts at this site on the record', async () => {
    const { handler: participantHandler } = await import('../../functions/staff/get-participant.js');
    const { GetParticipant } = await import('../../schemas/routes/staff.js');
    onGet({ PARTICIPANT: participantItem() });
    ddb.on(QueryCommand).callsFake((input: any) => {
      const pk = input.ExpressionAttributeValues[':pk'];
      if (pk === `PARTICIPANT#${PID}#RECOGNITION`) return { Items: [caseItem(), draftItem({ id: 'b'.repeat(32) }), caseItem({ id: 'd'.repeat(32), site: 'hochfeld' })] };
      if (pk === `PARTICIPANT#${PID}` && !input.ExpressionAttributeValues[':prefix']) return { Items: [participantItem()] };
      return { Items: [] };
    });
    const res = await call(GetParticipant, participantHandler as Handler, event({ path: `/api/staff/participants/${PID}`, params: { id: PID } }));
    expect(res.status).toBe(200);
    expect(res.body.recognitionCases.map((c: any) => [c.id, c.state, c.competentBody])).toEqual([
      [CASE_ID, 'preparing', 'bezirksregierung'],
      ['b'.repeat(32), 'draft', null],
    ]);
    expect(ddb.commandCalls(QueryCommand).some((c) => c.args[0].input.IndexName === 'GSI3')).toBe(true);
  });

  it('shows recognition deadlines due this week and overdue ones on "Heute", overdue first, and keeps the other fields', async () => {
    const { handler: todayHandler } = await import('../../functions/staff/get-today.js');
    const { GetToday } = await import('../../schemas/routes/console.js');
    const now = Date.now();
    const day = (offset: number) => berlinDate(new Date(now + offset * 86_400_000));
    // Fast track: the receipt is due 2 weeks after the application — received 11 days ago, due in 3 (a weekend or holiday adds at most 3).
    const dueSoon = caseItem({ id: 'a'.repeat(32), facts: [storedFact('application_received', day(-11))], fastTrack: true });
    const late = caseItem({ id: 'e'.repeat(32), facts: [storedFact('application_received', '2026-09-01')] });
    ddb.on(QueryCommand).resolves({ Items: [late, dueSoon] });
    const res = await call(GetToday, todayHandler as Handler, event({ path: '/api/staff/today' }));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ waiting: [], placements: [], upcoming: [], truncated: false });
    expect(res.body.recognition.map((r: any) => [r.case.id, r.deadline, r.overdue])).toEqual([
      ['e'.repeat(32), 'receipt', true],
      ['a'.repeat(32), 'receipt', false],
    ]);
    expect(res.body.recognition[1]).toMatchObject({ basis: '§ 14a Abs. 2 BQFG', due: expect.any(String) });
    const audit = puts().find((p) => p.Item?.['action'] === 'today.read')!.Item!;
    expect(audit['detail']).toMatchObject({ recognition: 2 });
  });
});
