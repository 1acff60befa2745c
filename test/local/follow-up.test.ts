import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../local/auth.js';
import type { LocalCloud } from '../../local/cloud.js';
import { validIntake } from '../fixtures.js';
import { allItems, mailsTo, portsOf, postJson, startCloud, tempDataDir } from './helpers.js';

/**
 * The intake follow-up on the real local cloud, driving its clock. The local cloud lives on its
 * clock (handlers' `new Date()` reads it), so an intake can be made on the Thursday before Easter.
 */
let cloud: LocalCloud;
const dataDir = tempDataDir();
const TEAM = 'team-marxloh@biwaq.example';
const LEAD = 'lead-marxloh@biwaq.example';

// Maundy Thursday 2027, 10:00 in Duisburg. Good Friday (26 March) and Easter Monday (29 March)
// are holidays in NRW: the working days after it are Tue 30 and Wed 31 March.
const MAUNDY_THURSDAY = Date.parse('2027-03-25T10:00:00+01:00');
const REMINDER_DUE = Date.parse('2027-04-01T00:00:00+02:00'); // the end of Wed 31 March (Berlin summer time)
const ESCALATION_DUE = Date.parse('2027-04-06T00:00:00+02:00'); // the end of Mon 5 April, the 5th working day

async function register(lastName: string) {
  const body = validIntake();
  body.person.lastName = lastName;
  body.contact.email = `${lastName.toLowerCase()}@example.org`;
  const res = await postJson(cloud, '/api/intake', body);
  expect(res.status).toBe(202);
  await cloud.workflows.idle();
  const p = (await allItems(cloud)).find((i) => i.type === 'Participant' && i.reference === res.body.reference);
  expect(p).toBeDefined();
  return p!;
}

const staffGet = async (path: string, user = 'berater.marxloh') => {
  const token = await cloud.auth.issue(DEMO_USERS.find((u) => u.username === user)!);
  const res = await fetch(`${cloud.apiUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: (await res.json()) as any };
};
const staffPost = async (path: string, body: unknown) => {
  const token = await cloud.auth.issue(DEMO_USERS.find((u) => u.username === 'berater.marxloh')!);
  return postJson(cloud, path, body, { authorization: `Bearer ${token}` });
};
const about = async (address: string, reference: string, word: string) =>
  (await mailsTo(cloud, address)).filter((m) => m.subject.includes(reference) && m.subject.includes(word));
const moveTo = async (t: number) => {
  cloud.clock.advanceTo(t);
  await cloud.workflows.idle();
};

beforeAll(async () => {
  cloud = await startCloud({ dataDir });
  cloud.clock.advanceTo(MAUNDY_THURSDAY);
});
afterAll(async () => {
  await cloud?.stop();
});

describe('intake follow-up', () => {
  let easter: Record<string, any>;
  let contacted: Record<string, any>;
  let restarted: Record<string, any>;

  it('stores absolute due times by NRW working days: an intake before Easter is due after Tuesday and Wednesday', async () => {
    easter = await register('Osterfall');
    contacted = await register('Kontaktfall');
    restarted = await register('Neustartfall');
    expect(new Date(easter.createdAt).getTime()).toBeGreaterThanOrEqual(MAUNDY_THURSDAY);
    expect(easter.followUp).toEqual({ reminderDueAt: new Date(REMINDER_DUE).toISOString(), escalationDueAt: new Date(ESCALATION_DUE).toISOString() });

    const view = await staffGet(`/api/staff/participants/${easter.id}`);
    expect(view.body.workflows[0]).toMatchObject({
      status: 'RUNNING',
      currentState: 'WaitForFirstContact',
      nextDueAt: new Date(REMINDER_DUE).toISOString(),
    });
    expect(view.body.workflows[0].history.map((h: any) => h.text)).toContain('Team über die neue Anmeldung informiert');
  });

  it('sends nothing for a first contact recorded before the due time, and ends that workflow', async () => {
    const res = await staffPost(`/api/staff/participants/${contacted.id}/contact`, { version: contacted.version, date: '2027-03-25', channel: 'phone' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'contacted', version: contacted.version + 1 });
    const stale = await staffPost(`/api/staff/participants/${contacted.id}/withdraw`, { version: contacted.version, reason: 'other' });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('version_conflict');
    await cloud.workflows.idle();
    const view = await staffGet(`/api/staff/participants/${contacted.id}`);
    expect(view.body.workflows[0].status).toBe('ABORTED');
    expect(view.body.participant.firstContact).toMatchObject({ date: '2027-03-25', channel: 'phone' });
    expect(view.body.audit.map((a: any) => a.action)).toContain('participant.first_contact');
    // A withdrawal may follow a first contact (on the current version).
    const withdrawn = await staffPost(`/api/staff/participants/${contacted.id}/withdraw`, { version: contacted.version + 1, reason: 'found_work' });
    expect(withdrawn.body).toMatchObject({ status: 'withdrawn', version: contacted.version + 2 });
  });

  it('reminds the team not before the second working day after Easter has ended', async () => {
    await moveTo(REMINDER_DUE - 60_000); // Wednesday 23:59
    expect(await about(TEAM, easter.reference, 'Erinnerung')).toHaveLength(0);
  });

  it('keeps a waiting follow-up across a restart of the local cloud', async () => {
    await cloud.stop();
    cloud = await startCloud({ dataDir, ...portsOf(cloud) });
    expect(cloud.clock.now()).toBeGreaterThanOrEqual(REMINDER_DUE - 60_000);
    await cloud.workflows.idle();
    expect(await about(TEAM, restarted.reference, 'Erinnerung')).toHaveLength(0);
  });

  it('then sends the reminder exactly once, for each open participant and not for the contacted one', async () => {
    await moveTo(REMINDER_DUE + 1_000);
    expect(await about(TEAM, easter.reference, 'Erinnerung')).toHaveLength(1);
    expect(await about(TEAM, restarted.reference, 'Erinnerung')).toHaveLength(1);
    expect(await about(TEAM, contacted.reference, 'Erinnerung')).toHaveLength(0);
    await moveTo(REMINDER_DUE + 3_600_000);
    expect(await about(TEAM, easter.reference, 'Erinnerung')).toHaveLength(1);
    const view = await staffGet(`/api/staff/participants/${easter.id}`);
    expect(view.body.workflows[0]).toMatchObject({ currentState: 'WaitForEscalation', nextDueAt: new Date(ESCALATION_DUE).toISOString() });
    expect(view.body.workflows[0].history.map((h: any) => h.text)).toContain('Erinnerung an das Team versandt');
  });

  it('escalates to the site lead after the fifth working day, once, and ends', async () => {
    await staffPost(`/api/staff/participants/${restarted.id}/withdraw`, { version: restarted.version, reason: 'moved_away' });
    await moveTo(ESCALATION_DUE - 60_000);
    expect(await about(LEAD, easter.reference, 'Eskalation')).toHaveLength(0);
    await moveTo(ESCALATION_DUE + 1_000);
    expect(await about(LEAD, easter.reference, 'Eskalation')).toHaveLength(1);
    expect(await about(LEAD, restarted.reference, 'Eskalation')).toHaveLength(0);
    await moveTo(ESCALATION_DUE + 86_400_000);
    expect(await about(LEAD, easter.reference, 'Eskalation')).toHaveLength(1);
    const view = await staffGet(`/api/staff/participants/${easter.id}`);
    expect(view.body.workflows[0]).toMatchObject({ status: 'SUCCEEDED', currentState: null, nextDueAt: null });
    expect(view.body.workflows[0].history.map((h: any) => h.text)).toContain('An die Standortleitung eskaliert');
    // Team and lead mails carry the reference and a link, never personal data.
    for (const m of [...(await mailsTo(cloud, TEAM)), ...(await mailsTo(cloud, LEAD))]) {
      expect(`${m.subject} ${m.body.text}`).not.toMatch(/Osterfall|Kontaktfall|Neustartfall|example\.org|1987/);
    }
  });
});
