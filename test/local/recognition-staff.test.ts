import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalCloud } from '../../local/cloud.js';
import { registerParticipant } from '../../functions/use-cases/register-participant.js';
import { validIntake } from '../fixtures.js';
import { register, type Registered } from './console-helpers.js';
import { allItems, postJson, startCloud } from './helpers.js';
import { caseFields, recognitionExecution, staffCall } from './recognition-helpers.js';

/**
 * Recognition cases through the real local cloud and its sign-in: the intake leaves one draft,
 * the counsellor opens it, records facts and documents; the participant's record and "Heute"
 * show it; another site, a coordinator and a forged token get nothing.
 */
let cloud: LocalCloud;
let person: Registered;
let other: Registered;
let draftId: string;
const drafts = async (participantId: string) => (await allItems(cloud)).filter((i) => i.type === 'RecognitionCase' && i.participantId === participantId);

beforeAll(async () => {
  cloud = await startCloud();
  person = await register(cloud, { firstName: 'Olena', lastName: 'Entwurfsfrau', site: 'marxloh' });
  other = await register(cloud, { firstName: 'Hadi', lastName: 'Hochfeldmann', site: 'hochfeld' });
});
afterAll(async () => {
  await cloud?.stop();
});

describe('the draft an intake leaves', () => {
  it('is created once from the qualification answers, even if the intake and its registration step run again', async () => {
    const [draft, ...more] = await drafts(person.id);
    expect(more).toHaveLength(0);
    expect(draft).toMatchObject({ draft: true, site: 'marxloh', participantReference: person.reference, qualification: { country: 'PL', profession: 'Bürokauffrau', year: 2010 } });
    expect(draft!['checklist']).toMatchObject({ certificates: { state: 'at_hand' }, cv_german: { state: 'at_hand' }, id_document: { state: 'missing' } });
    draftId = draft!['id'];
    // A retried registration step (the same submission) and a double-sent intake (the same key) add nothing.
    const submission = (await allItems(cloud)).find((i) => i.type === 'Submission' && i.reference === person.reference)!;
    await registerParticipant(submission['id']);
    const body = validIntake();
    body.person.lastName = 'Doppelklick';
    body.contact.email = 'doppelklick@example.org';
    for (let i = 0; i < 2; i++) expect((await postJson(cloud, '/api/intake', body, { 'idempotency-key': 'recognition-double-0001' })).status).toBe(202);
    await cloud.workflows.idle();
    expect(await drafts(person.id)).toHaveLength(1);
    const clicked = (await allItems(cloud)).find((i) => i.type === 'Participant' && i.entry.person.lastName === 'Doppelklick')!;
    expect(await drafts(clicked['id'])).toHaveLength(1);
  });

  it('shows in the list as a draft and on the record; it has no workflow until it is opened', async () => {
    const list = await staffCall(cloud, 'GET', '/api/staff/recognition-cases?state=draft');
    expect(list.status).toBe(200);
    expect(list.body.items.map((i: any) => i.id)).toContain(draftId);
    const record = await staffCall(cloud, 'GET', `/api/staff/participants/${person.id}`);
    expect(record.body.recognitionCases).toEqual([expect.objectContaining({ id: draftId, state: 'draft', country: 'PL' })]);
    const events = await staffCall(cloud, 'POST', `/api/staff/recognition-cases/${draftId}/events`, { version: 1, type: 'application_received', date: '2026-11-02' });
    expect(events).toMatchObject({ status: 409, body: { code: 'recognition_case_draft' } });
  });

  it('is opened by the counsellor with the case fields, keeps its id and checklist, and starts its workflow', async () => {
    const opened = await staffCall(cloud, 'POST', `/api/staff/recognition-cases/${draftId}/open`, { version: 1, ...caseFields({ qualification: { country: 'PL', title: 'Technik administracji', profession: 'Bürokauffrau', year: 2010 } }) });
    expect(opened).toMatchObject({ status: 200, body: { id: draftId, version: 2 } });
    await cloud.workflows.idle();
    const c = await staffCall(cloud, 'GET', `/api/staff/recognition-cases/${draftId}`);
    expect(c.body).toMatchObject({ state: 'preparing', case: { draft: false, competentBody: 'ihk_fosa' }, checklist: { certificates: { state: 'at_hand' } } });
    expect((await recognitionExecution(cloud, draftId)).status).toBe('RUNNING');
    const again = await staffCall(cloud, 'POST', `/api/staff/recognition-cases/${draftId}/open`, { version: 2, ...caseFields() });
    expect(again.body.code).toBe('status_conflict');
  });
});

describe('a case through the API', () => {
  it('takes documents by PATCH and facts by POST, each into the participant\'s audit trail; shows an overdue receipt first on "Heute"', async () => {
    const patched = await staffCall(cloud, 'PATCH', `/api/staff/recognition-cases/${draftId}/documents`, { version: 2, documents: [{ kind: 'id_document', state: 'at_hand' }] });
    expect(patched).toMatchObject({ status: 200, body: { version: 3 } });
    // Received long ago: the receipt deadline has passed unmet.
    const fact = await staffCall(cloud, 'POST', `/api/staff/recognition-cases/${draftId}/events`, { version: 3, type: 'application_received', date: '2026-09-01' });
    expect(fact).toMatchObject({ status: 201, body: { version: 4 } });
    const stale = await staffCall(cloud, 'POST', `/api/staff/recognition-cases/${draftId}/events`, { version: 3, type: 'receipt_confirmed', date: '2026-09-10' });
    expect(stale.body.code).toBe('version_conflict');
    const refused = await staffCall(cloud, 'POST', `/api/staff/recognition-cases/${draftId}/events`, { version: 4, type: 'decision', date: '2026-09-10', result: 'full' });
    expect(refused).toMatchObject({ status: 409, body: { code: 'recognition_fact_out_of_order', allowed: ['receipt_confirmed', 'withdrawn'] } });
    await cloud.workflows.idle();

    const today = await staffCall(cloud, 'GET', '/api/staff/today');
    expect(today.body.recognition).toEqual([expect.objectContaining({ deadline: 'receipt', overdue: true, due: '2026-10-01', case: expect.objectContaining({ id: draftId }) })]);
    const audit = (await staffCall(cloud, 'GET', `/api/staff/participants/${person.id}`)).body.audit.map((a: any) => a.action);
    expect(audit).toEqual(expect.arrayContaining(['recognition.opened', 'recognition.documents', 'recognition.fact']));
    // The team was told once that the receipt is overdue.
    const mails = (await (await import('./helpers.js')).mailsTo(cloud, 'team-marxloh@biwaq.example')).filter((m) => m.subject.includes('Eingangsbestätigung'));
    expect(mails).toHaveLength(1);
  });

  it("answers another site's counsellor with 404 on every route, a coordinator with 403, a forged token with 401", async () => {
    for (const [method, path, body] of [
      ['GET', `/api/staff/recognition-cases/${draftId}`, undefined],
      ['PATCH', `/api/staff/recognition-cases/${draftId}/documents`, { version: 4, documents: [{ kind: 'cv_german', state: 'submitted' }] }],
      ['POST', `/api/staff/recognition-cases/${draftId}/events`, { version: 4, type: 'receipt_confirmed', date: '2026-09-10' }],
      ['POST', `/api/staff/recognition-cases/${draftId}/costs`, { version: 4, date: '2026-09-10', kind: 'fee', amountCents: 100 }],
    ] as const) {
      expect((await staffCall(cloud, method, path, body, 'berater.hochfeld')).status, `${method} ${path}`).toBe(404);
      expect((await staffCall(cloud, method, path, body, 'koordination')).status, `${method} ${path}`).toBe(403);
    }
    const create = await staffCall(cloud, 'POST', '/api/staff/recognition-cases', { participantId: person.id, ...caseFields() }, 'berater.hochfeld');
    expect(create.status).toBe(404);
    expect((await staffCall(cloud, 'GET', '/api/staff/recognition-cases', undefined, 'berater.hochfeld')).body.items.map((i: any) => i.id)).not.toContain(draftId);
    expect((await staffCall(cloud, 'GET', '/api/staff/recognition-cases', undefined, 'koordination')).status).toBe(403);
    const forged = await fetch(`${cloud.apiUrl}/api/staff/recognition-cases/${draftId}`, { headers: { authorization: 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.' } });
    expect(forged.status).toBe(401);
    expect((await allItems(cloud)).find((i) => i.type === 'RecognitionCase' && i.id === draftId)!['version']).toBe(4);
    // The other site's own participant is theirs to open a case for.
    expect((await staffCall(cloud, 'POST', '/api/staff/recognition-cases', { participantId: other.id, ...caseFields() }, 'berater.hochfeld')).status).toBe(201);
  });
});
