import { SendTaskSuccessCommand, SFNClient, TaskTimedOut } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { berlinDate } from '../../functions/domain/working-days.js';
import { handler as costHandler } from '../../functions/staff/post-recognition-cost.js';
import { handler as eventHandler } from '../../functions/staff/post-recognition-event.js';
import { handler as documentsHandler } from '../../functions/staff/update-recognition-documents.js';
import { PostRecognitionCost, PostRecognitionEvent, UpdateRecognitionDocuments } from '../../schemas/routes/index.js';
import { staffEvent as event } from '../fixtures.js';
import { call, CASE_ID, caseItem, conditionFailed, COORDINATOR, draftItem, type Handler, PID, storedFact } from './recognition-helpers.js';

/** The changes to a recognition case (checklist, facts, costs) with a mocked SDK; every answer checked against its contract. */
const ddb = mockClient(DynamoDBDocumentClient);
const sfn = mockClient(SFNClient);
const today = () => berlinDate(new Date());
const future = () => berlinDate(new Date(Date.now() + 3 * 86_400_000));

let stored: Record<string, any>;
const store = (item: Record<string, any>) => {
  stored = item;
  ddb.on(GetCommand).callsFake(() => ({ Item: stored }));
  // The conditional update answers ALL_NEW: the stored case one version on, with its task token.
  ddb.on(UpdateCommand).callsFake(() => ({ Attributes: { ...stored, version: stored['version'] + 1 } }));
};
const updates = () => ddb.commandCalls(UpdateCommand).map((c) => c.args[0].input).filter((u) => String(u.Key?.['PK']).startsWith('RECOGNITION#'));
const audits = () => ddb.commandCalls(PutCommand).map((c) => c.args[0].input.Item!).filter((i) => i['type'] === 'Audit');
const path = (what: string) => `/api/staff/recognition-cases/${CASE_ID}/${what}`;

beforeEach(() => {
  ddb.reset();
  sfn.reset();
  ddb.on(PutCommand).resolves({});
  sfn.on(SendTaskSuccessCommand).resolves({});
});

describe('PATCH /api/staff/recognition-cases/{id}/documents', () => {
  const patch = (body: unknown, opts: { claims?: Record<string, string>; lang?: string } = {}) =>
    call(
      UpdateRecognitionDocuments,
      documentsHandler as Handler,
      event({ method: 'PATCH', path: path('documents'), params: { id: CASE_ID }, body, claims: opts.claims, headers: opts.lang ? { 'accept-language': opts.lang } : {} }),
    );

  it('sets the items on the version seen in one conditional write, audits which, and wakes the waiting workflow', async () => {
    store(caseItem({ taskToken: 'tok-1', tokenVersion: 1 }));
    const res = await patch({ version: 1, documents: [{ kind: 'cv_german', state: 'at_hand' }, { kind: 'translations', state: 'translation_ordered', date: '2026-11-04' }] });
    expect(res).toMatchObject({ status: 200, body: { id: CASE_ID, version: 2 } });
    const [u] = updates();
    expect(u!.UpdateExpression).toMatch(/^SET checklist\.#k0 = :k0, checklist\.#k1 = :k1, version = version \+ :one, updatedAt = :at REMOVE #apk, #ask$/);
    expect(u!.ConditionExpression).toBe('attribute_exists(PK) AND site = :site AND version = :version AND attribute_not_exists(#draft)');
    expect(u!.ExpressionAttributeNames).toMatchObject({ '#k0': 'cv_german', '#k1': 'translations' });
    expect(u!.ExpressionAttributeValues).toMatchObject({ ':k0': { state: 'at_hand', since: today() }, ':k1': { state: 'translation_ordered', since: '2026-11-04' }, ':version': 1 });
    expect(audits()[0]).toMatchObject({ PK: `PARTICIPANT#${PID}`, action: 'recognition.documents', detail: { caseId: CASE_ID, documents: 'cv_german:at_hand,translations:translation_ordered' } });
    expect(sfn.commandCalls(SendTaskSuccessCommand)[0]!.args[0].input).toEqual({ taskToken: 'tok-1', output: '{"changed":true}' });
  });

  it('writes nothing when every item already has its state (its `since` stays)', async () => {
    store(caseItem());
    expect(await patch({ version: 1, documents: [{ kind: 'cv_german', state: 'missing' }] })).toMatchObject({ status: 200, body: { version: 1 } });
    expect(updates()).toHaveLength(0);
  });

  it('refuses an unknown state, a kind twice, a date in the future, with translated messages at the fields', async () => {
    store(caseItem());
    const bad = await patch({ version: 1, documents: [{ kind: 'cv_german', state: 'lost' }] });
    expect(bad.body.errors).toEqual([{ path: 'documents.0.state', code: 'invalid_option', message: 'Bitte wählen Sie eine der Antworten.' }]);
    const twice = await patch({ version: 1, documents: [{ kind: 'cv_german', state: 'at_hand' }, { kind: 'cv_german', state: 'submitted' }] });
    expect(twice.body.errors).toEqual([expect.objectContaining({ path: 'documents', code: 'duplicate_values' })]);
    const later = await patch({ version: 1, documents: [{ kind: 'cv_german', state: 'at_hand', date: future() }] }, { lang: 'en' });
    expect(later).toMatchObject({ status: 400, body: { code: 'invalid_request', errors: [{ path: 'documents.0.date', code: 'date_in_future', message: 'The date must not be in the future.' }] } });
    expect((await patch({ version: 1, documents: [] })).body.errors).toEqual([expect.objectContaining({ path: 'documents', code: 'choose_at_least' })]);
    expect(updates()).toHaveLength(0);
  });

  it('answers a stale version (also one lost in a race) with 409, a draft with recognition_case_draft, another site 404, a coordinator 403', async () => {
    store(caseItem({ version: 3 }));
    expect((await patch({ version: 2, documents: [{ kind: 'cv_german', state: 'at_hand' }] })).body.code).toBe('version_conflict');
    store(caseItem());
    ddb.on(UpdateCommand).callsFake(() => {
      stored = { ...stored, version: 2 };
      throw conditionFailed();
    });
    expect((await patch({ version: 1, documents: [{ kind: 'cv_german', state: 'at_hand' }] })).body.code).toBe('version_conflict');
    store(draftItem());
    const draft = await patch({ version: 1, documents: [{ kind: 'cv_german', state: 'at_hand' }] });
    expect(draft).toMatchObject({ status: 409, body: { code: 'recognition_case_draft' } });
    store(caseItem({ site: 'hochfeld' }));
    expect((await patch({ version: 1, documents: [{ kind: 'cv_german', state: 'at_hand' }] })).status).toBe(404);
    expect((await patch({ version: 1, documents: [{ kind: 'cv_german', state: 'at_hand' }] }, { claims: COORDINATOR })).status).toBe(403);
  });
});

describe('POST /api/staff/recognition-cases/{id}/events', () => {
  const post = (body: unknown, opts: { lang?: string; claims?: Record<string, string> } = {}) =>
    call(
      PostRecognitionEvent,
      eventHandler as Handler,
      event({ method: 'POST', path: path('events'), params: { id: CASE_ID }, body, claims: opts.claims, headers: opts.lang ? { 'accept-language': opts.lang } : {} }),
    );

  it('appends the fact (never edits), puts the new deadline on "Heute", audits it and wakes the workflow', async () => {
    store(caseItem({ taskToken: 'tok-2' }));
    const res = await post({ version: 1, type: 'application_received', date: '2026-11-16' });
    expect(res).toMatchObject({ status: 201, body: { id: CASE_ID, version: 2, factId: expect.stringMatching(/^[0-9a-f]{32}$/) } });
    const [u] = updates();
    expect(u!.UpdateExpression).toBe('SET facts = list_append(facts, :fact), version = version + :one, updatedAt = :at, #apk = :apk, #ask = :ask');
    expect(u!.ExpressionAttributeValues![':fact']).toEqual([
      { type: 'application_received', date: '2026-11-16', id: res.body.factId, recordedAt: expect.any(String), recordedBy: '5f0c7d3e-1111-4a2b-9c3d-000000000001', role: 'staff' },
    ]);
    // Receipt due one month after (§ 13 Abs. 2): Wed 16 Dec 2026; on the agenda at the end of that day.
    expect(u!.ExpressionAttributeValues).toMatchObject({ ':apk': 'SITE#marxloh#AGENDA', ':ask': `2026-12-16T23:00:00.000Z#recognition.deadline#${CASE_ID}` });
    expect(audits()[0]).toMatchObject({ action: 'recognition.fact', detail: { caseId: CASE_ID, factId: res.body.factId, type: 'application_received', date: '2026-11-16', supersedes: null } });
    expect(sfn.commandCalls(SendTaskSuccessCommand)).toHaveLength(1);
  });

  it('takes the decision off "Heute", and answers 201 even if the workflow could not be woken', async () => {
    const facts = [storedFact('application_received', '2026-06-01'), storedFact('receipt_confirmed', '2026-06-10'), storedFact('documents_complete', '2026-07-01')];
    store(caseItem({ facts, version: 4, taskToken: 'old' }));
    sfn.on(SendTaskSuccessCommand).rejects(new TaskTimedOut({ message: 'no longer waiting', $metadata: {} }));
    const res = await post({ version: 4, type: 'decision', date: '2026-09-30', result: 'partial', differences: ['Praxisanteil Intensivpflege'] });
    expect(res).toMatchObject({ status: 201, body: { version: 5 } });
    expect(updates()[0]!.UpdateExpression).toMatch(/REMOVE #apk, #ask$/);
  });

  it('refuses a fact out of order with 409, a German message naming what may come next, and `allowed`; nothing is written', async () => {
    store(caseItem());
    const res = await post({ version: 1, type: 'decision', date: '2026-11-16', result: 'full' });
    expect(res).toMatchObject({
      status: 409,
      body: {
        code: 'recognition_fact_out_of_order',
        message: '„decision“ vom 2026-11-16 passt an dieser Stelle nicht in den Ablauf des Verfahrens. Möglich ist hier: application_received, withdrawn.',
        allowed: ['application_received', 'withdrawn'],
      },
    });
    const english = await post({ version: 1, type: 'receipt_confirmed', date: '2026-11-16' }, { lang: 'en' });
    expect(english.body.message).toBe('"receipt_confirmed" of 2026-11-16 does not fit the order of the procedure at this point. Possible here: application_received, withdrawn.');
    const closed = caseItem({ facts: [storedFact('withdrawn', '2026-10-01', { reason: 'Umzug' })] });
    store(closed);
    expect((await post({ version: 1, type: 'application_received', date: '2026-11-16' })).body).toMatchObject({ allowed: [], message: expect.stringContaining('Möglich ist hier: kein weiterer Schritt.') });
    expect(updates()).toHaveLength(0);
    expect(audits()).toHaveLength(0);
  });

  it('refuses a second extension and, for an EU qualification in a regulated profession, one over a month — each with its rule and `allowed`', async () => {
    const inReview = [storedFact('application_received', '2026-06-01'), storedFact('receipt_confirmed', '2026-06-10'), storedFact('documents_complete', '2026-07-01')];
    store(caseItem({ facts: [...inReview, storedFact('extension_granted', '2026-09-01', { months: 1, reason: 'Gutachten' })] }));
    const second = await post({ version: 1, type: 'extension_granted', date: '2026-09-20', weeks: 2, reason: 'noch ein Gutachten' });
    expect(second.body).toEqual({
      code: 'recognition_second_extension',
      message: 'Die Entscheidungsfrist darf nur einmal verlängert werden (§ 6 Abs. 3, § 13 Abs. 3 BQFG); sie wurde am 2026-09-01 verlängert. Korrigieren Sie bei Bedarf diese Verlängerung.',
      allowed: ['documents_requested', 'skills_analysis_started', 'decision', 'withdrawn'],
    });
    store(caseItem({ qualification: { country: 'PL', title: 'Pielęgniarka', profession: 'Pflegefachkraft', year: 2015 }, facts: inReview }));
    const long = await post({ version: 1, type: 'extension_granted', date: '2026-09-20', months: 2, reason: 'Gutachten' });
    expect(long).toMatchObject({ status: 409, body: { code: 'recognition_extension_too_long', message: expect.stringContaining('höchstens um 1 Monat oder 4 Wochen') } });
    expect((await post({ version: 1, type: 'extension_granted', date: '2026-09-20', weeks: 4, reason: 'Gutachten' })).status).toBe(201);
  });

  it('takes a correction as a new fact that supersedes; an unknown or already corrected original is refused', async () => {
    const original = storedFact('application_received', '2026-11-02');
    store(caseItem({ facts: [original] }));
    const fixed = await post({ version: 1, type: 'application_received', date: '2026-11-03', supersedes: original.id });
    expect(fixed.status).toBe(201);
    expect(updates()[0]!.ExpressionAttributeValues![':fact'][0]).toMatchObject({ supersedes: original.id, date: '2026-11-03' });
    const unknown = await post({ version: 1, type: 'application_received', date: '2026-11-03', supersedes: 'e'.repeat(32) });
    expect(unknown).toMatchObject({ status: 409, body: { code: 'recognition_fact_unknown', message: expect.stringContaining('eeee'), allowed: ['receipt_confirmed', 'withdrawn'] } });
    const correction = storedFact('application_received', '2026-11-03', { supersedes: original.id });
    store(caseItem({ facts: [original, correction] }));
    const again = await post({ version: 1, type: 'application_received', date: '2026-11-04', supersedes: original.id });
    expect(again.body).toMatchObject({ code: 'recognition_fact_already_superseded', message: expect.stringContaining(correction.id) });
  });

  it('refuses bad fields with translated 400s: a period ending before the request, months and weeks, a day in the future, an unknown type', async () => {
    store(caseItem());
    const period = await post({ version: 1, type: 'documents_requested', date: '2026-11-10', periodEnds: '2026-11-09' });
    expect(period.body.errors).toEqual([{ path: 'periodEnds', code: 'period_ends_before_date', message: 'Die Frist der Stelle darf nicht vor dem Tag der Anforderung enden.' }]);
    const both = await post({ version: 1, type: 'extension_granted', date: '2026-11-10', months: 1, weeks: 2, reason: 'x' }, { lang: 'en' });
    expect(both.body.errors).toEqual([{ path: 'months', code: 'months_or_weeks', message: 'Please give the extension either in months or in weeks, not both.' }]);
    const later = await post({ version: 1, type: 'application_received', date: future() });
    expect(later.body.errors).toEqual([{ path: 'date', code: 'date_in_future', message: 'Das Datum darf nicht in der Zukunft liegen.' }]);
    expect((await post({ version: 1, type: 'appeal', date: '2026-11-10' })).status).toBe(400);
    expect((await post({ type: 'application_received', date: '2026-11-10' })).body.errors).toEqual([expect.objectContaining({ path: 'version', code: 'required' })]);
    expect(updates()).toHaveLength(0);
  });

  it('answers a stale version with 409 version_conflict, a draft with recognition_case_draft, another site 404, a coordinator 403', async () => {
    store(caseItem({ version: 2 }));
    expect((await post({ version: 1, type: 'application_received', date: '2026-11-16' })).body.code).toBe('version_conflict');
    store(draftItem());
    expect((await post({ version: 1, type: 'application_received', date: '2026-11-16' })).body.code).toBe('recognition_case_draft');
    store(caseItem({ site: 'hochfeld' }));
    expect((await post({ version: 1, type: 'application_received', date: '2026-11-16' })).status).toBe(404);
    expect((await post({ version: 1, type: 'application_received', date: '2026-11-16' }, { claims: COORDINATOR })).status).toBe(403);
  });
});

describe('POST /api/staff/recognition-cases/{id}/costs', () => {
  const post = (body: unknown) => call(PostRecognitionCost, costHandler as Handler, event({ method: 'POST', path: path('costs'), params: { id: CASE_ID }, body }));

  it('appends a cost on the version seen and audits it; refuses a negative amount and a stale version', async () => {
    store(caseItem());
    const res = await post({ version: 1, date: '2026-11-20', kind: 'translation', amountCents: 8900 });
    expect(res).toMatchObject({ status: 201, body: { version: 2 } });
    expect(updates()[0]!.UpdateExpression).toContain('costs = list_append(costs, :cost)');
    expect(audits()[0]).toMatchObject({ action: 'recognition.cost', detail: { caseId: CASE_ID, kind: 'translation' } });
    expect((await post({ version: 1, date: '2026-11-20', kind: 'fee', amountCents: -1 })).body.errors).toEqual([expect.objectContaining({ path: 'amountCents', code: 'too_small' })]);
    store(caseItem({ version: 2 }));
    expect((await post({ version: 1, date: '2026-11-20', kind: 'fee', amountCents: 100 })).body.code).toBe('version_conflict');
  });
});
