import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalCloud } from '../../local/cloud.js';
import { register, staffApi, type Registered } from './console-helpers.js';
import { allItems, mailsTo, startCloud } from './helpers.js';
import { employerPostsTogether, executionOf, lastLinkTo, placementItem, postForm, requestPlacement } from './placement-helpers.js';

/**
 * The employer's pages through the real local API: what a link shows and does, what a mail
 * scanner's GET or HEAD changes (nothing), and a page for each link that no longer works —
 * forged, tampered, expired, used, replaced, cancelled — each changing nothing.
 */
let cloud: LocalCloud;
const api = staffApi(() => cloud);
const TEAM = 'team-marxloh@biwaq.example';
const T0 = Date.parse('2027-03-01T10:00:00+01:00');
const EXPIRY = Date.parse('2027-03-16T00:00:00+01:00');
const CSP = "default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
const employer = (k: string) => `seite-${k}@firma.example.org`;
const ids: Record<string, string> = {};
let person: Registered;

const page = async (linkId: string, method: 'GET' | 'HEAD' = 'GET') => {
  const res = await fetch(`${cloud.apiUrl}/p/${linkId}`, { method });
  return { status: res.status, headers: res.headers, html: await res.text() };
};
const posted = async (linkId: string, form: Record<string, string>, headers?: Record<string, string>) => {
  const res = await postForm(cloud, linkId, form, headers);
  const html = await res.text();
  await cloud.workflows.idle();
  return { status: res.status, html };
};
/** Everything a link could change: the table (except clocks of its own), the mails, the executions' histories. */
const snapshot = async () => {
  const items = (await allItems(cloud)).filter((i) => i.type !== 'StaffMember' && i.type !== 'Audit' && i.type !== 'SiteAudit');
  const histories = await Promise.all(Object.values(ids).map(async (id) => (await executionOf(cloud, id)).events.length));
  const mails = (await Promise.all([TEAM, ...'ABCDE'.split('').map(employer)].map((a) => mailsTo(cloud, a)))).flat().length;
  return JSON.stringify({ items, histories, mails }, (_k, v) => (v instanceof Set ? [...v].sort() : v));
};
const tamper = (linkId: string) => (linkId[0] === 'A' ? 'B' : 'A') + linkId.slice(1);

beforeAll(async () => {
  cloud = await startCloud();
  cloud.clock.advanceTo(T0);
  person = await register(cloud, { firstName: 'Mira', lastName: 'Seitenfrau', site: 'marxloh' });
  for (const k of 'ABCDE') ids[k] = await requestPlacement(cloud, person, employer(k), '2027-03-01', { startDate: '2027-03-08', endDate: '2027-03-19', place: 'Filiale <Marxloh>' });
});
afterAll(async () => {
  await cloud?.stop();
});

describe("the employer's page", () => {
  it('shows the placement with Confirm and Decline, in German with English, under a strict CSP, and a GET or HEAD changes nothing', async () => {
    const link = await lastLinkTo(cloud, employer('A'));
    const before = await snapshot();
    const res = await page(link);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(CSP);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.html).toContain('Mira');
    expect(res.html).not.toContain('Seitenfrau');
    expect(res.html).toContain('Filiale &lt;Marxloh&gt;');
    expect(res.html).toContain('08.03.2027 – 19.03.2027 (12 Tage / days)');
    expect(res.html).toContain('lang="en"');
    const head = await page(link, 'HEAD');
    expect(head).toMatchObject({ status: 200, html: '' });
    expect(head.headers.get('content-security-policy')).toBe(CSP);
    // A scanner that opens every link, twice, with GET and HEAD:
    for (const k of 'ABCDE') for (const m of ['GET', 'HEAD'] as const) await page(await lastLinkTo(cloud, employer(k)), m);
    await cloud.workflows.idle();
    expect(await snapshot()).toBe(before);
    const css = await fetch(`${cloud.apiUrl}/employer.css`);
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('answers a forged and a tampered link with the unknown-link page and changes nothing', async () => {
    const before = await snapshot();
    const forged = randomBytes(32).toString('base64url');
    const tampered = tamper(await lastLinkTo(cloud, employer('A')));
    for (const link of [forged, tampered, 'kurz', '..%2F..%2Fetc']) {
      const get = await page(link);
      expect(get.status, link).toBe(404);
      expect(get.html).toContain('Link unbekannt');
      expect(get.html).toContain(TEAM);
      expect((await posted(link, { decision: 'confirm' })).status).toBe(404);
    }
    expect(await snapshot()).toBe(before);
  });

  it('refuses a post without our Origin with a 403 page and changes nothing', async () => {
    const link = await lastLinkTo(cloud, employer('A'));
    const before = await snapshot();
    expect((await posted(link, { decision: 'confirm' }, {})).status).toBe(403);
    const foreign = await posted(link, { decision: 'confirm' }, { origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    expect(foreign.html).toContain('Nicht angenommen');
    expect(await snapshot()).toBe(before);
  });

  it('replaces every earlier link on a resend: the old one says so and changes nothing', async () => {
    const old = await lastLinkTo(cloud, employer('B'));
    const b = await placementItem(cloud, ids['B']!);
    expect((await api.post(`/api/staff/placements/${ids['B']}/resend`, 'berater.marxloh', { version: b['version'] })).status).toBe(200);
    const fresh = await lastLinkTo(cloud, employer('B'));
    expect(fresh).not.toBe(old);
    const before = await snapshot();
    const get = await page(old);
    expect(get.status).toBe(410);
    expect(get.html).toContain('Link ersetzt');
    expect((await posted(old, { decision: 'confirm' })).status).toBe(410);
    expect(await snapshot()).toBe(before);
    expect((await page(fresh)).status).toBe(200);
  });

  it('acts once: confirmed, then the same link says "bereits beantwortet" with the recorded answer (also from a browser sending Origin null)', async () => {
    const link = await lastLinkTo(cloud, employer('B'));
    const done = await posted(link, { decision: 'confirm' }, { origin: 'null', 'sec-fetch-site': 'same-origin' });
    expect(done.status).toBe(200);
    expect(done.html).toContain('Danke für Ihre Zusage');
    const before = await snapshot();
    const again = await posted(link, { decision: 'decline' });
    expect(again.status).toBe(409);
    expect(again.html).toContain('Bereits beantwortet');
    expect(again.html).toContain('Zusage');
    expect((await page(link)).status).toBe(409);
    expect(await snapshot()).toBe(before);
    expect((await mailsTo(cloud, TEAM)).filter((m) => m.subject.includes('zugesagt'))).toHaveLength(1);
  });

  it('records one answer and sends one set of mails for two posts at once', async () => {
    const link = await lastLinkTo(cloud, employer('C'));
    const kinds = await employerPostsTogether(cloud, link, [{ decision: 'confirm' }, { decision: 'decline', reason: 'voll' }]);
    expect(kinds.sort()).toEqual(['answered', 'done']);
    const c = await placementItem(cloud, ids['C']!);
    expect(['confirmed', 'declined']).toContain(c['status']);
    const told = (await mailsTo(cloud, TEAM)).filter((m) => m.subject.includes('Erprobung') && (m.subject.includes('zugesagt') || m.subject.includes('abgesagt')));
    expect(told).toHaveLength(2); // B's and C's, one each
    expect((await executionOf(cloud, ids['C']!)).events.filter((e) => e.type === 'TaskSucceeded' && (e as { taskSucceededEventDetails?: { resource?: string } }).taskSucceededEventDetails?.resource === 'invoke.waitForTaskToken')).toHaveLength(1);
  });

  it('says "abgesagt" for a cancelled placement and changes nothing', async () => {
    const link = await lastLinkTo(cloud, employer('D'));
    const d = await placementItem(cloud, ids['D']!);
    expect((await api.post(`/api/staff/placements/${ids['D']}/cancel`, 'berater.marxloh', { version: d['version'] })).status).toBe(200);
    await cloud.workflows.idle();
    const before = await snapshot();
    const get = await page(link);
    expect(get.status).toBe(410);
    expect(get.html).toContain('Erprobung abgesagt');
    expect((await posted(link, { decision: 'confirm' })).status).toBe(410);
    expect(await snapshot()).toBe(before);
  });

  it('says "abgelaufen" for an expired request, whether opened or posted, and changes nothing', async () => {
    cloud.clock.advanceTo(EXPIRY + 60_000);
    await cloud.workflows.idle();
    expect((await placementItem(cloud, ids['E']!))['status']).toBe('expired');
    const before = await snapshot();
    for (const link of [(await lastLinkTo(cloud, employer('E'))), (await lastLinkTo(cloud, employer('A')))]) {
      const get = await page(link);
      expect(get.status).toBe(410);
      expect(get.html).toContain('Link abgelaufen');
      expect((await posted(link, { decision: 'confirm' })).status).toBe(410);
    }
    expect(await snapshot()).toBe(before);
  });
});
