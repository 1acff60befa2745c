import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalCloud } from '../../local/cloud.js';
import { staffApi, type Registered } from './console-helpers.js';
import { allItems, getItem, mailsTo, portsOf, startCloud, tempDataDir } from './helpers.js';
import {
  employerPosts,
  employerPostsTogether,
  executionOf,
  lastLinkTo,
  linksTo,
  placementItem,
  registerIn,
  requestPlacement,
  subjects,
} from './placement-helpers.js';

/**
 * The TrialPlacement workflow on the real local cloud, driven by its clock: confirmation →
 * check-in → feedback → outcome; a decline; no answer → two reminders and the expiry, each on its
 * day; a cancellation at each stage; restarts during each wait; every mail exactly once.
 */
let cloud: LocalCloud;
const dataDir = tempDataDir();
const api = staffApi(() => cloud);
const TEAM = 'team-marxloh@biwaq.example';
const SECOND = 1000;
// A callback's timeout is the seconds (whole, rounded up) from the step before it until the due
// time, counted from when the callback starts: it fires up to about a second after the due time.
const AFTER = 60 * SECOND;

// Monday 1 March 2027, 10:00 in Duisburg: every employer is asked then.
const T0 = Date.parse('2027-03-01T10:00:00+01:00');
const TODAY = '2027-03-01';
// The answer: the end of the 3rd (Thu 4), 6th (Tue 9) and 10th (Mon 15) working day.
const FIRST_REMINDER = Date.parse('2027-03-05T00:00:00+01:00');
const SECOND_REMINDER = Date.parse('2027-03-10T00:00:00+01:00');
const EXPIRY = Date.parse('2027-03-16T00:00:00+01:00');
// The placements run Mon 8 – Fri 19 March: the middle day is Sunday 14, so the check-in goes out Monday 15 at 09:00.
const DATES = { startDate: '2027-03-08', endDate: '2027-03-19' };
const CHECK_IN = Date.parse('2027-03-15T09:00:00+01:00');
const LAST_DAY = Date.parse('2027-03-19T09:00:00+01:00');
// The feedback: a reminder after 3 working days (Mon 22 – Wed 24), the counsellor after 6 (Good Friday and Easter Monday skipped).
const FEEDBACK_REMINDER = Date.parse('2027-03-25T00:00:00+01:00');
const ASK_COUNSELLOR = Date.parse('2027-04-01T00:00:00+02:00');

const employer = (k: string) => `betrieb-${k}@firma.example.org`;
const ids: Record<string, string> = {};
let pA: Registered;
let pOther: Registered;

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
const allMails = async () => (await mailsTo(cloud, TEAM)).length + (await Promise.all('ABCDEFG'.split('').map(async (k) => (await mailsTo(cloud, employer(k))).length))).reduce((a, b) => a + b, 0);
const teamAbout = async (k: string, word: string) => (await mailsTo(cloud, TEAM)).filter((m) => m.subject.includes(word) && m.subject.includes(pOrA(k).reference));
const pOrA = (k: string) => (k === 'A' ? pA : pOther);
const status = async (k: string) => (await placementItem(cloud, ids[k]!))['status'];

beforeAll(async () => {
  cloud = await startCloud({ dataDir });
  cloud.clock.advanceTo(T0 - 3600 * SECOND);
  pA = await registerIn(cloud, { firstName: 'Aylin', lastName: 'Erprobungsfrau', lang: 'tr', email: 'aylin@example.org' });
  pOther = await registerIn(cloud, { firstName: 'Boris', lastName: 'Ohnemail', lang: 'de' });
  cloud.clock.advanceTo(T0);
});
afterAll(async () => {
  await cloud?.stop();
});

describe('a trial placement, from the request to the outcome', () => {
  it('asks each employer once, in German with English below: role, dates, hours, the first name and a link', async () => {
    for (const k of 'ABCDEFG') ids[k] = await requestPlacement(cloud, pOrA(k), employer(k), TODAY, k === 'C' ? { startDate: '2027-03-22', endDate: '2027-04-02' } : DATES);
    const [mail] = await mailsTo(cloud, employer('A'));
    expect(mail!.subject).toBe('Anfrage: betriebliche Erprobung als Verkaufshilfe ab 08.03.2027 / Trial placement');
    const text = mail!.body.text!;
    expect(text).toContain('für Aylin an');
    expect(text).toContain('08.03.2027 – 19.03.2027 (12 Tage / days)');
    expect(text).toContain('Stunden pro Woche / Hours per week: 30');
    expect(text).toContain('English: BIWAQ Marxloh asks Bäckerei Korn GmbH for a trial placement for Aylin.');
    expect(text).toMatch(new RegExp(`${cloud.apiUrl}/p/[A-Za-z0-9_-]{43}`));
    expect(text).toContain('bis 15.03.2027'); // the last day the link works
    expect(text).not.toContain('Erprobungsfrau');
    expect(mail!.body.html).toContain(`${cloud.apiUrl}/p/`);

    const a = await placementItem(cloud, ids['A']!);
    expect(a['answerDue']).toMatchObject({
      firstReminderAt: new Date(FIRST_REMINDER).toISOString(),
      secondReminderAt: new Date(SECOND_REMINDER).toISOString(),
      closesAt: new Date(EXPIRY).toISOString(),
    });
    expect([...a['linkHashes']]).toHaveLength(1);
    // The execution knows the placement id and nothing else.
    const exec = await executionOf(cloud, ids['A']!);
    expect(JSON.parse(exec.input)).toEqual({ placementId: ids['A'] });
    const record = await api.get(`/api/staff/placements/${ids['A']}`, 'berater.marxloh');
    expect(record.body.workflow).toMatchObject({ status: 'RUNNING', currentState: 'AwaitAnswer', nextDueAt: new Date(FIRST_REMINDER).toISOString() });
    expect(record.body.workflow.history.map((h: any) => h.text)).toContain('Anfrage an den Betrieb versandt');
  });

  it('takes the employers\' answers once: a double post and two at once record one answer and one set of mails', async () => {
    await moveTo(Date.parse('2027-03-02T10:00:00+01:00'));
    expect(await employerPosts(cloud, await lastLinkTo(cloud, employer('A')), { decision: 'confirm' })).toBe('done');
    expect(await employerPosts(cloud, await lastLinkTo(cloud, employer('A')), { decision: 'decline' })).toBe('answered');
    expect((await employerPostsTogether(cloud, await lastLinkTo(cloud, employer('E')), [{ decision: 'confirm' }, { decision: 'confirm' }])).sort()).toEqual(['answered', 'done']);
    expect(await employerPosts(cloud, await lastLinkTo(cloud, employer('F')), { decision: 'confirm' })).toBe('done');
    expect(await employerPosts(cloud, await lastLinkTo(cloud, employer('G')), { decision: 'confirm' })).toBe('done');
    expect(await employerPosts(cloud, await lastLinkTo(cloud, employer('B')), { decision: 'decline', reason: 'Keine\r\nKapazität' })).toBe('done');

    // The counsellor: once per answer, the reference and a console link only.
    const confirmed = await teamAbout('A', 'zugesagt');
    expect(confirmed).toHaveLength(1);
    expect(confirmed[0]!.body.text).toContain(`/console/placements/${ids['A']}`);
    expect(confirmed[0]!.body.text).not.toMatch(/Korn|Aylin|Verkaufshilfe|firma/);
    expect((await mailsTo(cloud, TEAM)).filter((m) => m.subject.includes('zugesagt'))).toHaveLength(4); // A, E, F, G
    expect(await teamAbout('B', 'abgesagt')).toHaveLength(1);
    // The participant, in their language (Turkish), once; Boris gave no e-mail.
    const toAylin = (await mailsTo(cloud, 'aylin@example.org')).filter((m) => m.subject.includes('deneme'));
    expect(toAylin.map((m) => m.subject)).toEqual(['BIWAQ: Bäckerei Korn GmbH firmasındaki deneme çalışmanız onaylandı']);
    expect(toAylin[0]!.body.text).toContain('08.03.2027 - 19.03.2027');

    const a = await placementItem(cloud, ids['A']!);
    expect(a).toMatchObject({ status: 'confirmed', answer: { decision: 'confirm' }, checkInAt: new Date(CHECK_IN).toISOString(), feedbackAt: new Date(LAST_DAY).toISOString() });
    expect(a['taskToken']).toBeUndefined();
    const b = await api.get(`/api/staff/placements/${ids['B']}`, 'berater.marxloh');
    expect(b.body.placement).toMatchObject({ status: 'declined', answer: { decision: 'decline', reason: 'Keine Kapazität' } });
    expect((await executionOf(cloud, ids['B']!)).status).toBe('SUCCEEDED');
    expect((await api.get(`/api/staff/placements/${ids['A']}`, 'berater.marxloh')).body.workflow).toMatchObject({ currentState: 'WaitForCheckIn', nextDueAt: new Date(CHECK_IN).toISOString() });
  });

  it('stops when cancelled while waiting for the answer, and tells the employer', async () => {
    const d = await placementItem(cloud, ids['D']!);
    expect((await api.post(`/api/staff/placements/${ids['D']}/cancel`, 'berater.marxloh', { version: d['version'] })).status).toBe(200);
    await cloud.workflows.idle();
    expect((await executionOf(cloud, ids['D']!)).status).toBe('ABORTED');
    expect(await subjects(cloud, employer('D'))).toEqual([expect.stringMatching(/^Anfrage/), expect.stringMatching(/^Abgesagt/)]);
    const today = await api.get('/api/staff/today', 'berater.marxloh');
    expect(today.body.placements.map((p: any) => [p.kind, p.placement.id])).toEqual([['placement.answer', ids['C']]]);
  });

  it('loses and doubles nothing across a restart while waiting for an answer or the check-in', async () => {
    const before = await allMails();
    const tokenBefore = (await placementItem(cloud, ids['C']!))['taskToken'];
    await restart();
    expect(cloud.redriven).toBe(7); // A, C, E, F, G, and the two intake follow-ups
    expect(await allMails()).toBe(before);
    expect((await placementItem(cloud, ids['C']!))['taskToken']).not.toBe(tokenBefore); // the resumed wait has a fresh token
  });

  it('reminds an employer without an answer at the end of the 3rd and the 6th working day, with a fresh link, not before', async () => {
    await moveTo(FIRST_REMINDER - SECOND);
    expect(await subjects(cloud, employer('C'))).toHaveLength(1);
    await moveTo(FIRST_REMINDER + AFTER);
    expect(await subjects(cloud, employer('C'))).toEqual([expect.stringMatching(/^Anfrage/), expect.stringMatching(/^Erinnerung/)]);
    expect(await linksTo(cloud, employer('C'))).toHaveLength(2);
    expect([...(await placementItem(cloud, ids['C']!))['linkHashes']]).toHaveLength(2); // the first link still works
    const today = await api.get('/api/staff/today', 'berater.marxloh');
    expect(today.body.placements[0]).toMatchObject({ placement: { id: ids['C'] }, waitedWorkingDays: 3, remindersSent: 1, nextDueAt: new Date(SECOND_REMINDER).toISOString() });
    await moveTo(SECOND_REMINDER - SECOND);
    expect(await subjects(cloud, employer('C'))).toHaveLength(2);
    await moveTo(SECOND_REMINDER + AFTER);
    expect((await subjects(cloud, employer('C'))).at(-1)).toMatch(/^Zweite Erinnerung/);
  });

  it('stops when cancelled while waiting for the check-in: no check-in, the employer is told', async () => {
    await moveTo(Date.parse('2027-03-10T11:00:00+01:00'));
    const e = await placementItem(cloud, ids['E']!);
    expect((await api.post(`/api/staff/placements/${ids['E']}/cancel`, 'berater.marxloh', { version: e['version'] })).body.status).toBe('cancelled');
    await cloud.workflows.idle();
    expect((await executionOf(cloud, ids['E']!)).status).toBe('ABORTED');
    // Within 7 days of the last day, the confirmed ones are on "Heute" with their feedback due.
    await moveTo(Date.parse('2027-03-12T10:00:00+01:00'));
    const feedbackDue = (await api.get('/api/staff/today', 'berater.marxloh')).body.placements.filter((p: any) => p.kind === 'placement.feedback');
    expect(feedbackDue.map((p: any) => p.placement.id).sort()).toEqual([ids['A'], ids['F'], ids['G']].sort());
    expect(feedbackDue[0]).toMatchObject({ dueAt: new Date(LAST_DAY).toISOString(), overdue: false });
  });

  it('checks in with the employer half-way, on the Monday after the middle Sunday, once', async () => {
    await moveTo(CHECK_IN - SECOND);
    expect((await subjects(cloud, employer('A'))).some((s) => s.startsWith('Halbzeit'))).toBe(false);
    await moveTo(CHECK_IN + SECOND);
    for (const k of 'AFG') expect((await subjects(cloud, employer(k))).filter((s) => s.startsWith('Halbzeit')), k).toHaveLength(1);
    expect((await subjects(cloud, employer('E'))).some((s) => s.startsWith('Halbzeit'))).toBe(false);
  });

  it('expires an unanswered request at the end of the 10th working day and tells the counsellor', async () => {
    await moveTo(EXPIRY - SECOND);
    expect(await status('C')).toBe('requested');
    await moveTo(EXPIRY + AFTER);
    expect(await status('C')).toBe('expired');
    expect(await teamAbout('C', 'abgelaufen')).toHaveLength(1);
    expect((await executionOf(cloud, ids['C']!)).status).toBe('SUCCEEDED');
    expect(await subjects(cloud, employer('C'))).toHaveLength(3);
    const history = (await api.get(`/api/staff/placements/${ids['C']}`, 'berater.marxloh')).body.workflow.history.map((h: any) => h.text);
    expect(history).toEqual(expect.arrayContaining(['Erinnerung an den Betrieb versandt', 'Zweite Erinnerung an den Betrieb versandt', expect.stringMatching(/abgelaufen/)]));
  });

  it('loses and doubles nothing across a restart while waiting for the last day', async () => {
    await moveTo(Date.parse('2027-03-17T12:00:00+01:00'));
    const before = await allMails();
    await restart();
    expect(cloud.redriven).toBe(3); // A, F, G
    expect(await allMails()).toBe(before);
  });

  it('asks for feedback on the last day, with a feedback link', async () => {
    await moveTo(LAST_DAY - SECOND);
    expect((await subjects(cloud, employer('A'))).some((s) => s.startsWith('Ihre Rückmeldung'))).toBe(false);
    await moveTo(LAST_DAY + SECOND);
    for (const k of 'AFG') expect((await subjects(cloud, employer(k))).filter((s) => s.startsWith('Ihre Rückmeldung')), k).toHaveLength(1);
    const a = await placementItem(cloud, ids['A']!);
    expect(a).toMatchObject({ linkPurpose: 'feedback', feedbackDue: { firstReminderAt: new Date(FEEDBACK_REMINDER).toISOString(), secondReminderAt: new Date(ASK_COUNSELLOR).toISOString() } });
    const overdue = (await api.get('/api/staff/today', 'berater.marxloh')).body.placements.find((p: any) => p.placement.id === ids['A']);
    expect(overdue).toMatchObject({ kind: 'placement.feedback', overdue: true, nextDueAt: new Date(FEEDBACK_REMINDER).toISOString() });
  });

  it('loses and doubles nothing across a restart while waiting for the feedback', async () => {
    await moveTo(Date.parse('2027-03-20T12:00:00+01:00'));
    const before = await allMails();
    await restart();
    expect(cloud.redriven).toBe(3);
    expect(await allMails()).toBe(before);
  });

  it('records the employer\'s feedback: the placement completed, the outcome on the participant and in their audit trail, once', async () => {
    await moveTo(Date.parse('2027-03-22T10:00:00+01:00'));
    const link = await lastLinkTo(cloud, employer('A'));
    expect(await employerPosts(cloud, link, { outcome: 'employment' })).toBe('done');
    expect(await employerPosts(cloud, link, { outcome: 'none', reason: 'doch nicht' })).toBe('answered');
    expect(await status('A')).toBe('completed');
    expect((await executionOf(cloud, ids['A']!)).status).toBe('SUCCEEDED');
    const participant = await getItem(cloud, `PARTICIPANT#${pA.id}`, 'PROFILE');
    expect(participant!['placementOutcomes']).toEqual({ [ids['A']!]: { outcome: 'employment', at: expect.any(String) } });
    const record = await api.get(`/api/staff/participants/${pA.id}`, 'berater.marxloh');
    expect(record.body.placements).toEqual([expect.objectContaining({ id: ids['A'], status: 'completed', outcome: 'employment' })]);
    const outcomes = record.body.audit.filter((e: any) => e.action === 'placement.outcome');
    expect(outcomes).toEqual([{ at: expect.any(String), actor: 'employer', role: 'employer', action: 'placement.outcome', detail: { placementId: ids['A'], outcome: 'employment' } }]);
    const history = (await api.get(`/api/staff/placements/${ids['A']}`, 'berater.marxloh')).body.workflow.history.map((h: any) => h.text);
    expect(history).toEqual(expect.arrayContaining(['Halbzeit-Nachfrage an den Betrieb versandt', 'Bitte um Rückmeldung an den Betrieb versandt', 'Ergebnis beim Teilnehmenden erfasst']));
  });

  it('stops when cancelled while waiting for the feedback', async () => {
    const f = await placementItem(cloud, ids['F']!);
    expect((await api.post(`/api/staff/placements/${ids['F']}/cancel`, 'berater.marxloh', { version: f['version'] })).body.status).toBe('cancelled');
    await cloud.workflows.idle();
    expect((await executionOf(cloud, ids['F']!)).status).toBe('ABORTED');
  });

  it('without feedback: one reminder after 3 working days, then the counsellor is asked, each once', async () => {
    await moveTo(FEEDBACK_REMINDER - SECOND);
    expect((await subjects(cloud, employer('G'))).some((s) => s.startsWith('Erinnerung: Ihre Rückmeldung'))).toBe(false);
    await moveTo(FEEDBACK_REMINDER + AFTER);
    expect((await subjects(cloud, employer('G'))).filter((s) => s.startsWith('Erinnerung: Ihre Rückmeldung'))).toHaveLength(1);
    await moveTo(ASK_COUNSELLOR - SECOND);
    expect(await teamAbout('G', 'Rückmeldung fehlt')).toHaveLength(0);
    await moveTo(ASK_COUNSELLOR + AFTER);
    expect(await teamAbout('G', 'Rückmeldung fehlt')).toHaveLength(1);
    await moveTo(ASK_COUNSELLOR + 3 * 86_400 * SECOND);
    expect(await teamAbout('G', 'Rückmeldung fehlt')).toHaveLength(1);
    expect((await executionOf(cloud, ids['G']!)).status).toBe('RUNNING'); // the feedback link works until it closes
  });

  it('lets the counsellor record the outcome the employer gave by phone: the waiting workflow ends with it, once', async () => {
    const g = await placementItem(cloud, ids['G']!);
    const noReason = await api.post(`/api/staff/placements/${ids['G']}/outcome`, 'berater.marxloh', { version: g['version'], outcome: 'none' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors).toEqual([expect.objectContaining({ path: 'reason', code: 'required' })]);
    const res = await api.post(`/api/staff/placements/${ids['G']}/outcome`, 'leitung.marxloh', { version: g['version'], outcome: 'none', reason: 'passt fachlich nicht' });
    expect(res.body).toMatchObject({ status: 'completed', version: g['version'] + 1 });
    await cloud.workflows.idle();
    expect((await executionOf(cloud, ids['G']!)).status).toBe('SUCCEEDED');
    expect((await getItem(cloud, `PARTICIPANT#${pOther.id}`, 'PROFILE'))!['placementOutcomes']).toEqual({ [ids['G']!]: { outcome: 'none', at: expect.any(String) } });
    const audit = (await api.get(`/api/staff/participants/${pOther.id}`, 'berater.marxloh')).body.audit.filter((e: any) => e.action === 'placement.outcome');
    expect(audit).toEqual([expect.objectContaining({ role: 'lead', detail: { placementId: ids['G'], outcome: 'none' } })]);
    expect(await employerPosts(cloud, await lastLinkTo(cloud, employer('G')), { outcome: 'employment' })).toBe('answered');
    expect((await api.post(`/api/staff/placements/${ids['G']}/outcome`, 'berater.marxloh', { version: g['version'] + 1, outcome: 'employment' })).body.code).toBe('status_conflict');
  });

  it('sent every mail exactly once, and no execution saw personal data', async () => {
    const expected: Record<string, RegExp[]> = {
      A: [/^Anfrage/, /^Halbzeit/, /^Ihre Rückmeldung/],
      B: [/^Anfrage/],
      C: [/^Anfrage/, /^Erinnerung/, /^Zweite Erinnerung/],
      D: [/^Anfrage/, /^Abgesagt/],
      E: [/^Anfrage/, /^Abgesagt/],
      F: [/^Anfrage/, /^Halbzeit/, /^Ihre Rückmeldung/, /^Abgesagt/],
      G: [/^Anfrage/, /^Halbzeit/, /^Ihre Rückmeldung/, /^Erinnerung: Ihre Rückmeldung/],
    };
    for (const [k, patterns] of Object.entries(expected)) {
      const got = await subjects(cloud, employer(k));
      expect(got, k).toHaveLength(patterns.length);
      patterns.forEach((p, i) => expect(got[i], `${k} ${i}`).toMatch(p));
    }
    const team = (await mailsTo(cloud, TEAM)).filter((m) => m.subject.includes('Erprobung') || m.subject.includes('Anfrage') || m.subject.includes('Rückmeldung'));
    expect(team).toHaveLength(7); // 4 confirmed, 1 declined, 1 expired, 1 feedback missing
    for (const m of team) expect(`${m.subject} ${m.body.text}`).not.toMatch(/Korn|Aylin|Boris|Erprobungsfrau|firma\.example|Verkaufshilfe/);
    for (const k of 'ABCDEFG') {
      const exec = await executionOf(cloud, ids[k]!);
      expect(JSON.stringify(exec.events), k).not.toMatch(/Korn|Aylin|Boris|Erprobungsfrau|firma\.example|Kapazität/);
    }
    // Nothing of the links themselves is stored: only their hashes.
    const stored = JSON.stringify(await allItems(cloud));
    for (const k of 'ACG') for (const link of await linksTo(cloud, employer(k))) expect(stored).not.toContain(link);
  });
});
