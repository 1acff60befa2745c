import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalCloud } from '../../local/cloud.js';
import type { Registered } from './console-helpers.js';
import { allItems, portsOf, startCloud, tempDataDir } from './helpers.js';
import { registerIn } from './placement-helpers.js';
import { caseItem, mailsAbout, openCase, record, recognitionExecution, setDocuments, staffCall } from './recognition-helpers.js';

/**
 * The RecognitionCase workflow on the real local cloud, driven by its clock: each deadline (and
 * the translation and adaptation reminders) reminds the team exactly once when it passes; a
 * request for documents moves the decision reminder by its length; recording the decision stops
 * the reminders; a withdrawal ends the workflow; restarts during the waits lose and double nothing.
 */
let cloud: LocalCloud;
const dataDir = tempDataDir();
const MINUTE = 60_000;
const berlin = (local: string) => Date.parse(local);
// Monday 1 March 2027, 10:00 in Duisburg: every case is opened then.
const T0 = berlin('2027-03-01T10:00:00+01:00');
const ids: Record<string, string> = {};
let person: Registered;

const moveTo = async (t: number) => {
  cloud.clock.advanceTo(t);
  await cloud.workflows.idle();
};
const restart = async () => {
  const ports = portsOf(cloud);
  await cloud.stop();
  cloud = await startCloud({ dataDir, ...ports });
  await cloud.workflows.idle();
};
const count = async (k: string) => (await mailsAbout(cloud, ids[k]!)).length;
const counts = async () => Object.fromEntries(await Promise.all(Object.keys(ids).map(async (k) => [k, await count(k)] as const)));
const status = async (k: string) => (await recognitionExecution(cloud, ids[k]!)).status;
const get = async (k: string) => (await staffCall(cloud, 'GET', `/api/staff/recognition-cases/${ids[k]}`)).body;

beforeAll(async () => {
  cloud = await startCloud({ dataDir });
  cloud.clock.advanceTo(T0 - 3600_000);
  person = await registerIn(cloud, { firstName: 'Yara', lastName: 'Anerkennungsfrau', lang: 'ar' });
  cloud.clock.advanceTo(T0);
});
afterAll(async () => {
  await cloud?.stop();
});

const inReview = [
  { type: 'application_received', date: '2027-02-01' },
  { type: 'receipt_confirmed', date: '2027-02-05' },
  { type: 'documents_complete', date: '2027-03-01' },
];

const draftsOf = async (participantId: string) => (await allItems(cloud)).filter((i) => i.type === 'RecognitionCase' && i.draft === true && i.participantId === participantId);

describe('a recognition case\'s deadlines on the clock', () => {
  it('starts from the intake: one draft from its qualification answers, without a workflow', async () => {
    const drafts = await draftsOf(person.id);
    expect(drafts).toHaveLength(1);
    expect(drafts[0]).toMatchObject({ participantReference: person.reference, qualification: { country: 'PL', profession: 'Bürokauffrau' } });
    expect(cloud.workflows.executionArn('RecognitionCase', drafts[0]!['id'])).toBeTruthy();
    await expect(recognitionExecution(cloud, drafts[0]!['id'])).rejects.toThrow();
  });

  it('opens cases whose workflows wait for the next reminder the domain computes, with the case id only', async () => {
    // R: the receipt is due one month after the application (Thu 1 April 2027).
    ids['R'] = await openCase(cloud, person.id);
    await record(cloud, ids['R'], { type: 'application_received', date: '2027-03-01' });
    // D, X, P: decision due 3 months after the documents were complete (§ 6: Tue 1 June 2027).
    for (const k of ['D', 'X', 'P']) {
      ids[k] = await openCase(cloud, person.id);
      await record(cloud, ids[k], ...inReview);
    }
    // T: a translation ordered today reminds after 3 weeks (Mon 22 March).
    ids['T'] = await openCase(cloud, person.id);
    await setDocuments(cloud, ids['T'], [{ kind: 'translations', state: 'translation_ordered' }]);
    // W: withdrawn before its receipt was due.
    ids['W'] = await openCase(cloud, person.id);
    await record(cloud, ids['W'], { type: 'application_received', date: '2027-03-01' });

    const r = await get('R');
    expect(r.deadlines.receipt).toMatchObject({ due: '2027-04-01', status: 'open', basis: '§ 6 Abs. 2 BQFG' });
    expect(r.workflow).toMatchObject({ status: 'RUNNING', currentState: 'AwaitChange', nextDueAt: '2027-04-01T22:00:00.000Z' });
    expect((await get('D')).deadlines.decision).toMatchObject({ due: '2027-06-01', status: 'open' });
    const exec = await recognitionExecution(cloud, ids['R']);
    expect(JSON.parse(exec.input)).toEqual({ caseId: ids['R'] });
    expect(JSON.stringify(exec.events)).not.toMatch(/Yara|Anerkennungsfrau|Pflegefachkraft/);
    expect(await counts()).toEqual({ R: 0, D: 0, X: 0, P: 0, T: 0, W: 0 });
  });

  it('ends the workflow of a withdrawn case at once', async () => {
    await moveTo(berlin('2027-03-05T10:00:00+01:00'));
    await record(cloud, ids['W']!, { type: 'withdrawn', date: '2027-03-05', reason: 'Umzug' });
    expect(await status('W')).toBe('SUCCEEDED');
  });

  it('moves the decision reminder by the length of a request for documents (21 days: 1 June → 22 June)', async () => {
    await moveTo(berlin('2027-03-10T10:00:00+01:00'));
    await record(cloud, ids['D']!, { type: 'documents_requested', date: '2027-03-10', periodEnds: '2027-03-30' });
    const d = await get('D');
    expect(d.deadlines.decision).toMatchObject({ due: '2027-06-22', suspendedDays: 21, status: 'open' });
    expect(d.reminders).toEqual([expect.objectContaining({ kind: 'decision_overdue', due: '2027-06-22', remindAt: '2027-06-22T22:00:00.000Z', sent: false })]);
    expect(d.workflow.nextDueAt).toBe('2027-06-22T22:00:00.000Z');
  });

  it('reminds of a translation ordered three weeks ago once, when the three weeks have passed', async () => {
    await moveTo(berlin('2027-03-22T23:59:00+01:00'));
    expect(await count('T')).toBe(0);
    await moveTo(berlin('2027-03-23T00:00:00+01:00') + MINUTE);
    const [mail, ...more] = await mailsAbout(cloud, ids['T']!);
    expect(more).toHaveLength(0);
    expect(mail!.subject).toBe(`BIWAQ: Übersetzung seit drei Wochen beauftragt – ${person.reference}`);
    expect(mail!.body.text).toContain(`${cloud.apiUrl}/console/recognition-cases/${ids['T']}`);
    expect(mail!.body.text).not.toMatch(/Yara|Anerkennungsfrau|Pflegefachkraft|شهادة/);
    await moveTo(berlin('2027-03-24T10:00:00+01:00'));
    expect(await count('T')).toBe(1);
    expect((await get('T')).reminders).toEqual([expect.objectContaining({ kind: 'translation_pending', sent: true })]);
  });

  it('loses and doubles nothing across a restart while every case waits', async () => {
    await restart();
    expect(await counts()).toEqual({ R: 0, D: 0, X: 0, P: 0, T: 1, W: 0 });
    expect(await draftsOf(person.id)).toHaveLength(1); // the intake's draft, still once
    for (const k of ['R', 'D', 'X', 'P', 'T']) expect(await status(k)).toBe('RUNNING');
    expect((await get('R')).workflow).toMatchObject({ currentState: 'AwaitChange', nextDueAt: '2027-04-01T22:00:00.000Z' });
  });

  it('tells the team once when the receipt deadline passed unmet, and shows the case overdue', async () => {
    await moveTo(berlin('2027-04-01T23:59:00+02:00'));
    expect(await count('R')).toBe(0);
    expect((await get('R')).overdue).toBe(false);
    await moveTo(berlin('2027-04-02T00:00:00+02:00') + MINUTE);
    const mails = await mailsAbout(cloud, ids['R']!);
    expect(mails.map((m) => m.subject)).toEqual([`BIWAQ: Frist überschritten: Eingangsbestätigung – ${person.reference}`]);
    expect(mails[0]!.body.text).toContain('bis zum 01.04.2027');
    const r = await get('R');
    expect(r).toMatchObject({ overdue: true, deadlines: { receipt: { status: 'overdue' } } });
    const list = await staffCall(cloud, 'GET', '/api/staff/recognition-cases?overdue=true');
    expect(list.body.items.map((i: any) => i.id)).toEqual([ids['R']]);
    await moveTo(berlin('2027-05-10T10:00:00+02:00'));
    expect(await count('R')).toBe(1);
    expect(await count('W')).toBe(0); // withdrawn before its receipt was due
  });

  it('stops the reminders with the decision; after a partial one the adaptation follow-up is the last', async () => {
    await moveTo(berlin('2027-05-20T10:00:00+02:00'));
    await record(cloud, ids['X']!, { type: 'decision', date: '2027-05-20', result: 'full' });
    await record(cloud, ids['P']!, { type: 'decision', date: '2027-05-20', result: 'partial', differences: ['Praxis in der Intensivpflege'] });
    expect(await status('X')).toBe('SUCCEEDED');
    expect(await status('P')).toBe('RUNNING');
    // The original decision day passes: D's moved, X's and P's met — no mail.
    await moveTo(berlin('2027-06-02T00:00:00+02:00') + MINUTE);
    expect(await counts()).toMatchObject({ D: 0, X: 0, P: 0 });
  });

  it('loses and doubles nothing across a restart during the adaptation follow-up\'s wait', async () => {
    await moveTo(berlin('2027-06-10T10:00:00+02:00'));
    await restart();
    expect(await counts()).toEqual({ R: 1, D: 0, X: 0, P: 0, T: 1, W: 0 });
    await moveTo(berlin('2027-06-17T23:59:00+02:00'));
    expect(await count('P')).toBe(0);
    await moveTo(berlin('2027-06-18T00:00:00+02:00') + MINUTE);
    expect((await mailsAbout(cloud, ids['P']!)).map((m) => m.subject)).toEqual([`BIWAQ: Nach teilweiser Gleichwertigkeit: nächster Schritt offen – ${person.reference}`]);
    expect(await status('P')).toBe('SUCCEEDED'); // nothing left to remind
  });

  it('tells the team once when the moved decision deadline passed unmet', async () => {
    await moveTo(berlin('2027-06-22T23:59:00+02:00'));
    expect(await count('D')).toBe(0);
    await moveTo(berlin('2027-06-23T00:00:00+02:00') + MINUTE);
    expect((await mailsAbout(cloud, ids['D']!)).map((m) => m.subject)).toEqual([`BIWAQ: Frist überschritten: Entscheidung – ${person.reference}`]);
    await moveTo(berlin('2027-08-31T10:00:00+02:00'));
    expect(await counts()).toEqual({ R: 1, D: 1, X: 0, P: 1, T: 1, W: 0 });
    const d = await get('D');
    expect(d.workflow.history.map((h: any) => h.text)).toContain('Entscheidung überfällig – Team informiert');
    expect((await caseItem(cloud, ids['D']!))['sentReminders']).toEqual(new Set(['decision_overdue:2027-06-22']));
  });
});
