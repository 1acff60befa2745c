import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalCloud } from '../../local/cloud.js';
import { allItems, getItem, mailsTo, startCloud, tempDataDir } from './helpers.js';
import { personalDataIn, register, staffApi, type Registered } from './console-helpers.js';

/**
 * One person, one project, and "Heute", against a real local cloud on its clock: a person who
 * registers at a second site, the notices, the transfer, and the agenda's order and ETag.
 */
let cloud: LocalCloud;
const api = staffApi(() => cloud);

// Monday 1 March 2027, 09:00 in Duisburg. Two working days: Tue 2 and Wed 3 → due Thu 4 March 00:00.
const MONDAY = Date.parse('2027-03-01T09:00:00+01:00');
const TUESDAY = Date.parse('2027-03-02T09:00:00+01:00');
const THURSDAY_NOON = Date.parse('2027-03-04T12:00:00+01:00');
const TEAM_M = 'team-marxloh@biwaq.example';
const TEAM_H = 'team-hochfeld@biwaq.example';
const LEAD_H = 'lead-hochfeld@biwaq.example';
const PERSONAL = ['Wanderer', 'Petra', 'Frühling', 'Spät', 'Mittel', 'example.org', '47169', '1987', 'Weseler', '0203'];

let wanderer: Registered;
let early: Registered;
let late: Registered;
let middle: Registered;

beforeAll(async () => {
  cloud = await startCloud({ dataDir: tempDataDir() });
  cloud.clock.advanceTo(MONDAY);
  wanderer = await register(cloud, { firstName: 'Petra', lastName: 'Wanderer', site: 'marxloh' });
  early = await register(cloud, { firstName: 'Fritz', lastName: 'Frühling', site: 'marxloh' });
  cloud.clock.advanceTo(TUESDAY);
  late = await register(cloud, { firstName: 'Sina', lastName: 'Spät', site: 'marxloh' });
  middle = await register(cloud, { firstName: 'Mia', lastName: 'Mittel', site: 'marxloh' });
});
afterAll(async () => {
  await cloud?.stop();
});

const noticesAbout = async (address: string, references: string[]) =>
  (await mailsTo(cloud, address)).filter((m) => references.some((r) => m.subject.includes(r) || (m.body.text ?? '').includes(r)));

describe('a person who registers again at another site', () => {
  let second: Registered;
  let third: Registered;

  it('stays one participant; the second site is told without personal data or link, the owning site gets the duplicate notice', async () => {
    second = await register(cloud, { firstName: 'petra', lastName: 'WANDERER', site: 'hochfeld', email: 'petra.neu@example.org' });
    expect(second.id).toBe(wanderer.id);

    const toHochfeld = await noticesAbout(TEAM_H, [second.reference]);
    expect(toHochfeld).toHaveLength(1);
    expect(toHochfeld[0]!.body.text).toContain(`Anmeldung ${second.reference}: bereits bei BIWAQ Marxloh angemeldet — bitte mit BIWAQ Marxloh abstimmen`);
    expect(toHochfeld[0]!.body.text).not.toMatch(/https?:\/\/|\/console/);
    const toMarxloh = await noticesAbout(TEAM_M, [second.reference]);
    expect(toMarxloh).toHaveLength(1);
    expect(toMarxloh[0]!.subject).toContain('Duplikat');
    expect(toMarxloh[0]!.body.text).toContain(`/console/participants/${wanderer.id}`);
    expect(toMarxloh[0]!.body.text).toContain('BIWAQ Hochfeld');
    for (const m of [...toHochfeld, ...toMarxloh]) expect(personalDataIn(`${m.subject} ${m.body.text}`, PERSONAL)).toEqual([]);
  });

  it("shows the linked submission on the owning site's record, and where it came from", async () => {
    const record = await api.get(`/api/staff/participants/${wanderer.id}`, 'berater.marxloh');
    expect(record.body.duplicates.flagged).toBe(true);
    expect(record.body.duplicates.submissions).toEqual([
      expect.objectContaining({ reference: second.reference, site: 'hochfeld', fromSite: { id: 'hochfeld', name: 'BIWAQ Hochfeld' }, otherSite: true }),
    ]);
    // Hochfeld cannot open it, nor find it by the reference it was told.
    expect((await api.get(`/api/staff/participants/${wanderer.id}`, 'berater.hochfeld')).status).toBe(404);
    expect((await api.get(`/api/staff/participants/search?q=${second.reference}`, 'berater.hochfeld')).body.items).toEqual([]);
  });

  it('two further submissions on the same day give each team one notice, not one each', async () => {
    third = await register(cloud, { firstName: 'Petra', lastName: 'Wanderer', site: 'hochfeld', email: 'petra.dritt@example.org' });
    const fourth = await register(cloud, { firstName: 'Petra', lastName: 'Wanderer', site: 'hochfeld', email: 'petra.viert@example.org' });
    expect([third.id, fourth.id]).toEqual([wanderer.id, wanderer.id]);
    expect(await noticesAbout(TEAM_H, [second.reference, third.reference, fourth.reference])).toHaveLength(1);
    expect(await noticesAbout(TEAM_M, [second.reference, third.reference, fourth.reference])).toHaveLength(1);
    // Each is still linked and shown on the record.
    const record = await api.get(`/api/staff/participants/${wanderer.id}`, 'leitung.marxloh');
    expect(record.body.duplicates.submissions.map((s: any) => s.reference).sort()).toEqual([second.reference, third.reference, fourth.reference].sort());
  });
});

describe('"Heute"', () => {
  let etag: string;

  it('lists who waits for a first contact, longest waiting / overdue first, with reminder, escalation and next due time', async () => {
    await cloud.workflows.idle();
    cloud.clock.advanceTo(THURSDAY_NOON);
    await cloud.workflows.idle();
    const today = await api.get('/api/staff/today', 'berater.marxloh');
    expect(today.status).toBe(200);
    const order = today.body.waiting.map((w: any) => w.participant.id);
    expect(order.indexOf(early.id)).toBeLessThan(order.indexOf(late.id));
    expect(order).toEqual(expect.arrayContaining([wanderer.id, early.id, late.id, middle.id]));
    const dues = today.body.waiting.map((w: any) => w.dueAt);
    expect(dues).toEqual([...dues].sort());
    const first = today.body.waiting.find((w: any) => w.participant.id === early.id);
    expect(first).toMatchObject({ overdue: true, dueAt: new Date(Date.parse('2027-03-04T00:00:00+01:00')).toISOString(), escalatedAt: null, waitingSince: expect.any(String) });
    expect(first.reminderSentAt).toEqual(expect.any(String));
    expect(first.nextDueAt).toBe(new Date(Date.parse('2027-03-09T00:00:00+01:00')).toISOString()); // 5th working day: Mon 8 March
    // Registered Monday: Tuesday and Wednesday have passed (Thursday is under way).
    expect(first.waitedWorkingDays).toBe(2);
    const next = today.body.waiting.find((w: any) => w.participant.id === late.id);
    expect(next).toMatchObject({ overdue: false, reminderSentAt: null, nextDueAt: next.dueAt, waitedWorkingDays: 1 });
    expect(today.body.upcoming.map((u: any) => `${u.kind} ${u.participantId}`)).toEqual(expect.arrayContaining([`intake.reminder ${late.id}`, `intake.escalation ${early.id}`]));
    // Another site's "Heute" holds none of these.
    const theirs = await api.get('/api/staff/today', 'berater.hochfeld');
    expect(theirs.body.waiting.filter((w: any) => order.includes(w.participant.id))).toEqual([]);
    etag = today.headers.get('etag')!;
    expect(etag).toMatch(/^".+"$/);
  });

  it('answers 304 without a body while nothing changed, and 200 with a new ETag after a first contact', async () => {
    const same = await api.get('/api/staff/today', 'leitung.marxloh', { 'if-none-match': etag });
    expect(same.status).toBe(304);
    expect(same.body).toBeUndefined();
    expect(same.headers.get('etag')).toBe(etag);

    const version = (await api.get(`/api/staff/participants/${middle.id}`, 'berater.marxloh')).body.participant.version;
    expect((await api.post(`/api/staff/participants/${middle.id}/contact`, 'berater.marxloh', { version, date: '2027-03-04', channel: 'phone' })).status).toBe(200);
    const changed = await api.get('/api/staff/today', 'leitung.marxloh', { 'if-none-match': etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    expect(changed.body.waiting.map((w: any) => w.participant.id)).not.toContain(middle.id);
    // The sparse index: the contacted participant no longer carries the agenda keys.
    const item = await getItem(cloud, `PARTICIPANT#${middle.id}`, 'PROFILE');
    expect(item?.GSI4PK).toBeUndefined();
    expect((await api.get('/api/staff/today', 'koordination')).status).toBe(403);
  });
});

describe('transfer to another site', () => {
  let version: number;

  it('refuses staff and coordinators (403), another site\'s lead (404) and a stale version (409)', async () => {
    version = (await api.get(`/api/staff/participants/${wanderer.id}`, 'leitung.marxloh')).body.participant.version;
    expect((await api.post(`/api/staff/participants/${wanderer.id}/transfer`, 'berater.marxloh', { version, toSite: 'hochfeld' })).status).toBe(403);
    expect((await api.post(`/api/staff/participants/${wanderer.id}/transfer`, 'koordination', { version, toSite: 'hochfeld' })).status).toBe(403);
    expect((await api.post(`/api/staff/participants/${wanderer.id}/transfer`, 'leitung.hochfeld', { version, toSite: 'hochfeld' })).status).toBe(404);
    const stale = await api.post(`/api/staff/participants/${wanderer.id}/transfer`, 'leitung.marxloh', { version: version + 1, toSite: 'hochfeld' });
    expect(stale.status).toBe(409);
    expect((await api.post(`/api/staff/participants/${wanderer.id}/transfer`, 'leitung.marxloh', { version, toSite: 'marxloh' })).status).toBe(400);
  });

  it('moves the participant: the old site gets 404, the new one sees it in list, search, record and "Heute"; audited; the new lead is told', async () => {
    const res = await api.post(`/api/staff/participants/${wanderer.id}/transfer`, 'leitung.marxloh', { version, toSite: 'hochfeld' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: wanderer.id, site: 'hochfeld', version: version + 1 });

    expect((await api.get(`/api/staff/participants/${wanderer.id}`, 'leitung.marxloh')).status).toBe(404);
    expect((await api.post(`/api/staff/participants/${wanderer.id}/transfer`, 'leitung.marxloh', { version: version + 1, toSite: 'hochfeld' })).status).toBe(404);
    expect((await api.post(`/api/staff/participants/${wanderer.id}/assign`, 'leitung.marxloh', { version: version + 1, assignedTo: null })).status).toBe(404);
    const marxloh = await api.get('/api/staff/participants?limit=100', 'leitung.marxloh');
    expect(marxloh.body.items.map((p: any) => p.id)).not.toContain(wanderer.id);
    expect((await api.get('/api/staff/participants/search?q=wanderer', 'leitung.marxloh')).body.items).toEqual([]);
    expect((await api.get(`/api/staff/participants/search?q=${wanderer.reference}`, 'leitung.marxloh')).body.items).toEqual([]);
    expect((await api.get('/api/staff/today', 'leitung.marxloh')).body.waiting.map((w: any) => w.participant.id)).not.toContain(wanderer.id);

    const record = await api.get(`/api/staff/participants/${wanderer.id}`, 'berater.hochfeld');
    expect(record.status).toBe(200);
    expect(record.body.participant).toMatchObject({ site: 'hochfeld', transferredFrom: { site: { id: 'marxloh', name: 'BIWAQ Marxloh' } } });
    expect(record.body.audit.find((a: any) => a.action === 'participant.transferred')).toMatchObject({ role: 'lead', detail: { fromSite: 'marxloh', toSite: 'hochfeld' } });
    const hochfeld = await api.get('/api/staff/participants?status=new&limit=100', 'berater.hochfeld');
    expect(hochfeld.body.items.map((p: any) => p.id)).toContain(wanderer.id);
    expect((await api.get('/api/staff/participants/search?q=petra%20wan', 'berater.hochfeld')).body.items.map((p: any) => p.id)).toEqual([wanderer.id]);
    expect((await api.get(`/api/staff/participants/search?q=${wanderer.reference.toLowerCase()}`, 'berater.hochfeld')).body.items.map((p: any) => p.id)).toEqual([wanderer.id]);
    expect((await api.get('/api/staff/today', 'berater.hochfeld')).body.waiting.map((w: any) => w.participant.id)).toContain(wanderer.id);

    // The index keys moved with it.
    const item = await getItem(cloud, `PARTICIPANT#${wanderer.id}`, 'PROFILE');
    expect(item).toMatchObject({ site: 'hochfeld', GSI1PK: 'SITE#hochfeld', GSI2PK: 'SITE#hochfeld#STATUS#new', GSI4PK: 'SITE#hochfeld#AGENDA' });
    const names = (await allItems(cloud)).filter((i) => i.type === 'NameIndexEntry' && i.participantId === wanderer.id);
    expect(names.length).toBeGreaterThan(0);
    expect(names.every((n) => n.GSI3PK === 'SITE#hochfeld#NAME')).toBe(true);

    const notice = await noticesAbout(LEAD_H, [wanderer.reference]);
    expect(notice).toHaveLength(1);
    expect(notice[0]!.body.text).toContain(`/console/participants/${wanderer.id}`);
    expect(personalDataIn(`${notice[0]!.subject} ${notice[0]!.body.text}`, PERSONAL)).toEqual([]);
  });
});
