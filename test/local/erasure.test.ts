import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalCloud } from '../../local/cloud.js';
import { berlinDate } from '../../functions/domain/working-days.js';
import { register, type Registered } from './console-helpers.js';
import { EMPLOYER, found, fullRun, SEARCHED, type FullRun } from './full-run.js';
import { allItems, portsOf, startCloud, tempDataDir } from './helpers.js';
import { staffCall } from './recognition-helpers.js';

/**
 * Issue 13, parts 3 and 4 on the local cloud: erasure without a retention duty (nothing of the
 * person left in the whole table, the figures unchanged, a new intake of the same person is new),
 * restriction while the funder's duty applies (in no list, search, "Heute" or export; a lead's
 * reasoned read audited), and the nightly sweep on the clock (exactly what is due, nothing twice
 * after a restart).
 */
const dataDir = tempDataDir();
let cloud: LocalCloud;
let run: FullRun;
let fresh: Registered;
let withdrawn: Registered;
let neighbour: Registered;

const LEAD = 'leitung.marxloh';
const FRESH = { firstName: 'Ottilie', lastName: 'Loeschbar', site: 'marxloh', email: 'ottilie.loeschbar@example.org' };
const WITHDRAWN = { firstName: 'Wenzel', lastName: 'Zurueckzieher', site: 'marxloh', email: 'wenzel.zurueck@example.org' };

const call = (method: 'GET' | 'POST', path: string, body?: unknown, user = 'berater.marxloh') => staffCall(cloud, method, path, body, user);
const versionOf = async (id: string) => (await call('GET', `/api/staff/participants/${id}`)).body.participant.version as number;
const kpis = async () => (await call('GET', '/api/staff/reports/kpis?from=2020-01-01&to=2040-12-31', undefined, 'koordination')).body;
const tableText = async () => JSON.stringify(await allItems(cloud), (_k, v) => (v instanceof Set ? [...v] : v));
const erasedEntries = async () => (await allItems(cloud)).filter((i) => i.type === 'SiteAudit' && i.action === 'participant.erased');

beforeAll(async () => {
  cloud = await startCloud({ dataDir });
  run = await fullRun(cloud);
  fresh = await register(cloud, FRESH);
  withdrawn = await register(cloud, WITHDRAWN);
  neighbour = await register(cloud, { firstName: 'Berenike', lastName: 'Nebenfrau', site: 'marxloh', email: 'berenike.neben@example.org' });
  const w = await call('POST', `/api/staff/participants/${withdrawn.id}/withdraw`, { version: await versionOf(withdrawn.id), reason: 'not_interested' });
  expect(w.status, JSON.stringify(w.body)).toBe(200);
  await cloud.workflows.idle();
}, 240_000);

afterAll(async () => {
  await cloud?.stop();
});

describe('erasure without a retention duty (the person never took part)', () => {
  it('is for leads only', async () => {
    const version = await versionOf(fresh.id);
    expect((await call('POST', `/api/staff/participants/${fresh.id}/erasure`, { version, reason: 'data_subject_request' })).status).toBe(403);
    expect((await call('POST', `/api/staff/participants/${fresh.id}/erasure`, { version, reason: 'data_subject_request' }, 'leitung.hochfeld')).status).toBe(404);
    const bad = await call('POST', `/api/staff/participants/${fresh.id}/erasure`, { version, reason: 'because' }, LEAD);
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('reason');
  });

  it('leaves nothing of the person in the whole table, keeps the figures, and a new intake is a new person', async () => {
    const before = await kpis();
    // The scan is shown to work: the person's values are there before.
    expect(found(await tableText(), [FRESH.lastName, FRESH.email, fresh.id, fresh.reference])).toHaveLength(4);

    const res = await call('POST', `/api/staff/participants/${fresh.id}/erasure`, { version: await versionOf(fresh.id), reason: 'data_subject_request' }, LEAD);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.outcome).toBe('erased');
    expect(res.body.items.Participant).toBe(1);
    expect(res.body.items.Identity).toBe(1);
    await cloud.workflows.idle();

    expect(found(await tableText(), [FRESH.firstName, FRESH.lastName, FRESH.email, fresh.id, fresh.reference])).toEqual([]);
    const audit = await erasedEntries();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.detail).toMatchObject({ trigger: 'request', reason: 'data_subject_request', erasureId: res.body.erasureId });
    expect(await kpis()).toEqual(before);
    // Asked again: there is nobody to erase.
    expect((await call('POST', `/api/staff/participants/${fresh.id}/erasure`, { version: 1, reason: 'data_subject_request' }, LEAD)).status).toBe(404);

    const again = await register(cloud, FRESH);
    expect(again.id).not.toBe(fresh.id);
    const record = (await call('GET', `/api/staff/participants/${again.id}`)).body;
    expect(record.duplicates.flagged).toBe(false);
  });
});

describe('restriction while the funder\'s duty applies (the person took part)', () => {
  let before: unknown;

  it('restricts instead of erasing: in no list, search, "Heute" or export', async () => {
    before = await kpis();
    const res = await call('POST', `/api/staff/participants/${run.participantId}/erasure`, { version: await versionOf(run.participantId), reason: 'data_subject_request' }, LEAD);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ outcome: 'restricted', erasureId: null });
    expect(res.body.erasureDueAt).toBe('2035-01-01T00:00:00.000Z');
    await cloud.workflows.idle();

    for (const user of ['berater.marxloh', LEAD]) {
      expect((await call('GET', `/api/staff/participants/${run.participantId}`, undefined, user)).status).toBe(404);
      expect((await call('GET', `/api/staff/participants/${run.participantId}/data-export`, undefined, user)).status).toBe(404);
      const lists = [
        await call('GET', '/api/staff/participants', undefined, user),
        await call('GET', '/api/staff/participants?status=exited', undefined, user),
        await call('GET', `/api/staff/participants/search?q=${run.reference}`, undefined, user),
        await call('GET', `/api/staff/participants/search?q=${encodeURIComponent('Fullrun')}`, undefined, user),
        await call('GET', '/api/staff/today', undefined, user),
        await call('GET', '/api/staff/placements', undefined, user),
        await call('GET', '/api/staff/recognition-cases', undefined, user),
      ];
      for (const l of lists) {
        expect(l.status, JSON.stringify(l.body)).toBe(200);
        const text = JSON.stringify(l.body);
        expect([run.participantId, run.reference, run.placementId, run.caseId].filter((v) => text.includes(v))).toEqual([]);
        expect(found(text)).toEqual([]);
      }
      expect((await call('GET', `/api/staff/placements/${run.placementId}`, undefined, user)).status).toBe(404);
      expect((await call('GET', `/api/staff/recognition-cases/${run.caseId}`, undefined, user)).status).toBe(404);
    }
    // The lists still work: the neighbour is there.
    expect(JSON.stringify((await call('GET', '/api/staff/participants')).body)).toContain(neighbour.id);
    const csv = await fetch(`${cloud.apiUrl}/api/staff/reports/participants.csv?from=2020-01-01&to=2040-12-31`, { headers: { authorization: `Bearer ${await tokenOf(LEAD)}` } });
    expect(csv.status).toBe(200);
    const csvText = await csv.text();
    expect(csvText).toContain(neighbour.reference);
    expect(csvText).not.toContain(run.reference);
    // The figures are what they were: restriction changes no counter.
    expect(await kpis()).toEqual(before);
  });

  it('is read only by a lead with a reason, and the read is audited', async () => {
    expect((await call('POST', `/api/staff/participants/${run.participantId}/restricted-read`, { reason: 'access_request' })).status).toBe(403);
    expect((await call('POST', `/api/staff/participants/${run.participantId}/restricted-read`, {}, LEAD)).status).toBe(400);
    expect((await call('POST', `/api/staff/participants/${neighbour.id}/restricted-read`, { reason: 'access_request' }, LEAD)).status).toBe(409);
    const read = await call('POST', `/api/staff/participants/${run.participantId}/restricted-read`, { reason: 'access_request' }, LEAD);
    expect(read.status, JSON.stringify(read.body)).toBe(200);
    expect(read.body.record.participant.reference).toBe(run.reference);
    expect(read.body.restricted).toMatchObject({ reason: 'data_subject_request', erasureDueAt: '2035-01-01T00:00:00.000Z' });
    const audit = (await allItems(cloud)).filter((i) => i.PK === `PARTICIPANT#${run.participantId}` && i.type === 'Audit');
    expect(audit.find((a) => a.action === 'participant.restricted_read')?.detail).toEqual({ reason: 'access_request' });
    expect(audit.find((a) => a.action === 'participant.restricted')?.detail).toMatchObject({ reason: 'data_subject_request' });
  });
});

describe('the nightly retention sweep on the clock', () => {
  it('erases exactly what is due, and nothing twice after a restart', async () => {
    const before = await kpis();
    const erasedSoFar = (await erasedEntries()).length;
    expect(found(await tableText(), [WITHDRAWN.lastName, WITHDRAWN.email, withdrawn.id])).toHaveLength(3);
    expect(found(await tableText(), SEARCHED).length).toBeGreaterThan(3);
    // Withdrawn before taking part: due six months after the withdrawal. Seven months on, only they are.
    const today = berlinDate(new Date());
    const [y, m] = today.split('-').map(Number) as [number, number];
    const sevenMonths = new Date(Date.UTC(y, m - 1 + 7, 15, 12)).getTime();
    cloud.clock.advanceTo(sevenMonths);
    await cloud.schedules.settled();
    await cloud.workflows.idle();
    let text = await tableText();
    expect(found(text, [WITHDRAWN.lastName, WITHDRAWN.email, withdrawn.id])).toEqual([]);
    expect(text).toContain(run.participantId);
    expect(text).toContain(neighbour.id);
    expect((await erasedEntries()).length).toBe(erasedSoFar + 1);
    expect((await erasedEntries()).at(-1)!.detail).toMatchObject({ trigger: 'retention' });
    // The other records due by then went too: every submission (35 days) and employer link (90 days after it closed).
    let items = await allItems(cloud);
    expect(items.filter((i) => i.type === 'Submission' || i.type === 'EmployerLink')).toEqual([]);
    // The employer's contact stays a year after the placement ended.
    expect(text).toContain(EMPLOYER);

    // A restart, and the next night: nobody is erased twice, nobody else is due.
    const ports = portsOf(cloud);
    await cloud.stop();
    cloud = await startCloud({ dataDir, ...ports });
    cloud.clock.advance(86_400_000);
    await cloud.schedules.settled();
    await cloud.workflows.idle();
    expect((await erasedEntries()).length).toBe(erasedSoFar + 1);
    expect(await tableText()).toContain(run.participantId);

    // Fourteen months on: the employer's contact on the placement is anonymised, the placement stays (the participant's record).
    cloud.clock.advanceTo(new Date(Date.UTC(y, m - 1 + 14, 15, 12)).getTime());
    await cloud.schedules.settled();
    await cloud.workflows.idle();
    items = await allItems(cloud);
    const placement = items.find((i) => i.type === 'Placement' && i.id === run.placementId)!;
    expect(placement.contactErasedAt).toBeDefined();
    expect(placement.employer).toEqual({ name: 'Bäckerei Korn GmbH', contactName: '', email: '' });
    expect(placement.supervisor).toBeUndefined();
    expect(JSON.stringify(items)).not.toContain(EMPLOYER);
    // Audit entries stay three years: all of them are still there.
    expect((await erasedEntries()).length).toBe(erasedSoFar + 1);

    // The end of the funder's duty: the restricted person goes, with every value they entered.
    cloud.clock.advanceTo(Date.parse('2035-01-01T12:00:00Z'));
    await cloud.schedules.settled();
    await cloud.workflows.idle();
    text = await tableText();
    expect(found(text, SEARCHED)).toEqual([]);
    expect([run.participantId, run.reference, run.placementId, run.caseId].filter((v) => text.includes(v))).toEqual([]);
    // The audit entries of 2026 are past their three years: gone, every one; the erasure's own entry of today stays.
    items = await allItems(cloud);
    const threeYearsAgo = new Date(Date.parse('2035-01-01T12:00:00Z') - 3 * 366 * 86_400_000).toISOString();
    expect(items.filter((i) => (i.type === 'Audit' || i.type === 'SiteAudit') && i.at < threeYearsAgo)).toEqual([]);
    expect((await erasedEntries()).map((e) => e.detail.trigger)).toEqual(['retention']);
    expect(text).toContain(neighbour.id);
    expect(await kpis()).toEqual(before);
  }, 240_000);
});

async function tokenOf(username: string): Promise<string> {
  const { DEMO_USERS } = await import('../../local/auth/users.js');
  return cloud.auth.issue(DEMO_USERS.find((u) => u.username === username)!);
}
