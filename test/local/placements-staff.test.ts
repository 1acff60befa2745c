import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../local/auth.js';
import type { LocalCloud } from '../../local/cloud.js';
import { placementBody } from '../fixtures.js';
import { register, staffApi, type Registered } from './console-helpers.js';
import { allItems, mailsTo, postJson, startCloud } from './helpers.js';

/**
 * Trial placements through the staff API of a real local cloud: the request (cap, dates,
 * idempotency, sites, roles), the lists, the record, the participant's record, "Heute", resend and
 * cancel. The workflow's part is in trial-placement.test.ts.
 */
let cloud: LocalCloud;
const api = staffApi(() => cloud);
const EMPLOYER = 'korn@baeckerei.example.org';

// Monday 1 February 2027, 10:00 in Duisburg.
const MONDAY = Date.parse('2027-02-01T10:00:00+01:00');
const TODAY = '2027-02-01';

let jana: Registered;
let tom: Registered;

const create = async (body: unknown, key?: string, username = 'berater.marxloh') => {
  const token = await cloud.auth.issue(DEMO_USERS.find((u) => u.username === username)!);
  return postJson(cloud, '/api/staff/placements', body, { authorization: `Bearer ${token}`, ...(key ? { 'idempotency-key': key } : {}) });
};
const placements = async () => (await allItems(cloud)).filter((i) => i.type === 'Placement');

beforeAll(async () => {
  cloud = await startCloud();
  cloud.clock.advanceTo(MONDAY);
  jana = await register(cloud, { firstName: 'Jana', lastName: 'Erprobung', site: 'marxloh' });
  tom = await register(cloud, { firstName: 'Tom', lastName: 'Abgemeldet', site: 'marxloh' });
});
afterAll(async () => {
  await cloud?.stop();
});

describe('requesting a trial placement', () => {
  let id: string;

  it('creates one placement for a double click and two concurrent clicks with one Idempotency-Key', async () => {
    const body = placementBody(TODAY, { participantId: jana.id });
    const [a, b] = await Promise.all([create(body, 'double-click-1'), create(body, 'double-click-1')]);
    const c = await create(body, 'double-click-1');
    for (const r of [a, b, c]) expect(r.status).toBe(201);
    expect(b.body.id).toBe(a.body.id);
    expect(c.body).toEqual({ id: a.body.id, version: 1, status: 'requested' });
    expect(await placements()).toHaveLength(1);
    id = a.body.id;
  });

  it('refuses too long, in the past, a withdrawn participant, another site, a coordinator', async () => {
    const long = await create(placementBody(TODAY, { participantId: jana.id, startDate: '2027-03-01', endDate: '2027-04-12' }));
    expect(long.status).toBe(400);
    expect(long.body.errors).toEqual([{ path: 'endDate', code: 'placement_too_long', message: expect.stringContaining('42') }]);
    const past = await create(placementBody(TODAY, { participantId: jana.id, startDate: '2027-01-31', endDate: '2027-02-05' }));
    expect(past.body.errors.map((e: any) => e.path)).toEqual(['startDate']);

    const withdrawn = await api.post(`/api/staff/participants/${tom.id}/withdraw`, 'berater.marxloh', { version: 1, reason: 'moved_away' });
    expect(withdrawn.status).toBe(200);
    expect((await create(placementBody(TODAY, { participantId: tom.id }))).body.code).toBe('participant_withdrawn');
    expect((await create(placementBody(TODAY, { participantId: jana.id }), undefined, 'berater.hochfeld')).status).toBe(404);
    expect((await create(placementBody(TODAY, { participantId: jana.id }), undefined, 'koordination')).status).toBe(403);
    expect(await placements()).toHaveLength(1);
  });

  it('lists it for its site, by status, and not for another site', async () => {
    const all = await api.get('/api/staff/placements', 'berater.marxloh');
    expect(all.body.items.map((p: any) => [p.id, p.status, p.participantReference])).toEqual([[id, 'requested', jana.reference]]);
    expect((await api.get('/api/staff/placements?status=requested', 'leitung.marxloh')).body.items).toHaveLength(1);
    expect((await api.get('/api/staff/placements?status=confirmed', 'berater.marxloh')).body.items).toHaveLength(0);
    expect((await api.get('/api/staff/placements', 'berater.hochfeld')).body.items).toHaveLength(0);
    expect((await api.get('/api/staff/placements', 'koordination')).status).toBe(403);
  });

  it('shows the placement, lists it on the participant\'s record and on "Heute"', async () => {
    const record = await api.get(`/api/staff/placements/${id}`, 'berater.marxloh');
    expect(record.status).toBe(200);
    expect(record.body.placement).toMatchObject({ id, status: 'requested', version: 1, days: 12, maxDays: 42, employer: { email: EMPLOYER } });
    expect(record.body.participant).toEqual({ id: jana.id, reference: jana.reference });
    expect((await api.get(`/api/staff/placements/${id}`, 'berater.hochfeld')).status).toBe(404);

    const participant = await api.get(`/api/staff/participants/${jana.id}`, 'berater.marxloh');
    expect(participant.body.placements).toEqual([
      { id, status: 'requested', employerName: 'Bäckerei Korn GmbH', role: 'Verkaufshilfe', startDate: '2027-02-15', endDate: '2027-02-26', outcome: null },
    ]);
    expect(participant.body.audit.map((a: any) => a.action)).toEqual(expect.arrayContaining(['placement.requested', 'placement.read']));

    const today = await api.get('/api/staff/today', 'berater.marxloh');
    expect(today.body.placements).toEqual([
      expect.objectContaining({ kind: 'placement.answer', placement: expect.objectContaining({ id }), waitedWorkingDays: 0, remindersSent: 0 }),
    ]);
    expect((await api.get('/api/staff/today', 'berater.hochfeld')).body.placements).toEqual([]);
  });

  it('resends a new link on the current version, and cancels, telling the employer', async () => {
    const stale = await api.post(`/api/staff/placements/${id}/resend`, 'berater.marxloh', { version: 7 });
    expect(stale.body.code).toBe('version_conflict');
    const resent = await api.post(`/api/staff/placements/${id}/resend`, 'berater.marxloh', { version: 1 });
    expect(resent.body).toMatchObject({ id, status: 'requested', version: 2 });
    const mails = await mailsTo(cloud, EMPLOYER);
    expect(mails.at(-1)!.subject).toMatch(/^Neuer Link/);
    expect(mails.at(-1)!.body.text).toMatch(new RegExp(`${cloud.apiUrl}/p/[A-Za-z0-9_-]{43}`));
    expect(mails.at(-1)!.body.html).toContain('/p/');

    const cancelled = await api.post(`/api/staff/placements/${id}/cancel`, 'berater.marxloh', { version: 2, reason: 'krank' });
    expect(cancelled.body).toMatchObject({ status: 'cancelled', version: 3 });
    expect((await mailsTo(cloud, EMPLOYER)).at(-1)!.subject).toMatch(/^Abgesagt/);
    expect((await api.post(`/api/staff/placements/${id}/cancel`, 'berater.marxloh', { version: 3 })).body.code).toBe('status_conflict');
    const after = await api.get(`/api/staff/placements/${id}`, 'berater.marxloh');
    expect(after.body.placement.cancellation).toMatchObject({ reason: 'krank', employerToldAt: expect.any(String) });
    expect((await api.get('/api/staff/today', 'berater.marxloh')).body.placements).toEqual([]);
    expect((await api.get('/api/staff/placements?status=cancelled', 'berater.marxloh')).body.items).toHaveLength(1);
  });
});
