import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalCloud } from '../../local/cloud.js';
import { writeExit } from '../../functions/data/exits.js';
import { addToCounter, readCounter } from '../../functions/data/figure-counters.js';
import { readFigures, writeFigures } from '../../functions/data/figure-state.js';
import { contributionOf, counterDeltas } from '../../functions/domain/figures.js';
import { berlinDate } from '../../functions/domain/working-days.js';
import { registerParticipant } from '../../functions/use-cases/register-participant.js';
import { settleFigures } from '../../functions/use-cases/settle-figures.js';
import { staffApi } from './console-helpers.js';
import { enter, expectedFigures, live, SITUATION, type Person } from './figures-helpers.js';
import { allItems, portsOf, startCloud, tempDataDir } from './helpers.js';

/**
 * The figures are exact (docs/figures.md): a data set entered through the API — distinct people,
 * re-registrations with other spellings, withdrawals before and after taking part, exits of each
 * kind, a corrected exit — with steps retried and crashes between the figures' writes, and the
 * figures equal what the data set says, per site and in total, also after a restart.
 */

const dataDir = tempDataDir();
let cloud: LocalCloud;
const api = staffApi(() => cloud);
const today = berlinDate(new Date());

const person = (first: string, last: string, site: Person['site'], employment: Person['employment'], migrant: Person['migrant'], fate: Person['fate'], n: number): Person => ({
  first, last, site, employment, migrant, fate, dob: `19${70 + n}-0${1 + (n % 9)}-1${n % 10}`, postcode: site === 'marxloh' ? '47169' : '47053',
});

const PEOPLE: Person[] = [
  person('Anna', 'Müller', 'marxloh', 'unemployed', 'yes', { exit: { outcome: 'employment' } }, 1),
  person('Bora', 'Kaya', 'marxloh', 'long_term_unemployed', 'yes', { exit: { outcome: 'training' } }, 2),
  person('Cem', 'Yılmaz', 'marxloh', 'long_term_unemployed', 'no', { exit: { outcome: 'improved_prospects', improvedReason: 'language_level' } }, 3),
  person('Dana', 'Popescu', 'marxloh', 'inactive', 'yes', { exit: { outcome: 'none' }, correctedTo: { outcome: 'employment' } }, 4),
  person('Elif', 'Demir', 'marxloh', 'unemployed', 'yes', 'withdrawn_early', 5),
  person('Fatma', 'Şahin', 'marxloh', 'employed', 'no_answer', 'withdrawn_late', 6),
  person('Gül', 'Arslan', 'marxloh', 'unemployed', 'yes', 'contacted', 7),
  person('Hana', 'Ivanova', 'hochfeld', 'long_term_unemployed', 'yes', { exit: { outcome: 'employment' } }, 8),
  person('Igor', 'Petrenko', 'hochfeld', 'unemployed', 'yes', { exit: { outcome: 'improved_prospects', improvedReason: 'other', improvedReasonText: 'Führerschein' } }, 9),
  person('Jonas', 'Schmidt', 'hochfeld', 'inactive', 'no', 'new', 10),
  person('Katarzyna', 'Nowak', 'hochfeld', 'unemployed', 'yes', 'withdrawn_early', 11),
  person('Hakan', 'Öztürk', 'hochfeld', 'unemployed', 'no', 'contacted', 12),
];
const ids = new Map<Person, string>();

const kpis = async (user = 'koordination', query = '') => {
  const r = await api.get(`/api/staff/reports/kpis${query}`, user);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
};

function expectExact(body: any) {
  const { sites, ...total } = body;
  expect(total).toEqual(expectedFigures(PEOPLE));
  for (const s of sites) {
    const { site, name: _name, ...figures } = s;
    expect(figures, site).toEqual(expectedFigures(PEOPLE, site));
  }
  expect(sites.map((s: any) => s.site)).toEqual(['marxloh', 'hochfeld']);
}

beforeAll(async () => {
  cloud = await startCloud({ dataDir });
  for (const p of PEOPLE) ids.set(p, await enter(cloud, p, `figures-${PEOPLE.indexOf(p)}`));
  // Re-registrations with other spellings (same person: name folding, date of birth, postcode), one at the other site.
  const anna = PEOPLE[0]!;
  expect(await enter(cloud, { ...anna, last: 'Mueller' })).toBe(ids.get(anna));
  expect(await enter(cloud, { ...anna, last: 'MULLER', site: 'hochfeld' })).toBe(ids.get(anna));
  // A double submit: the same Idempotency-Key creates nothing twice.
  expect(await enter(cloud, PEOPLE[1]!, "figures-1")).toBe(ids.get(PEOPLE[1]!));
  for (const p of PEOPLE) await live(api, ids.get(p)!, p, today);
}, 240_000);

afterAll(async () => {
  await cloud?.stop();
});

describe('the figures are exact', () => {
  it('equal what the data set says, per site and in total (10 participants, 4 of them placed)', async () => {
    const body = await kpis();
    expectExact(body);
    expect(body.participants).toBe(10);
    expect(body.employment + body.training).toBe(4);
  });

  it('count nothing twice when steps are retried: the registration task, the figures step, a second exit', async () => {
    const items = await allItems(cloud);
    const submissions = items.filter((i) => i.type === 'Submission');
    expect(submissions.length).toBe(PEOPLE.length + 2);
    for (const s of submissions) await registerParticipant(s.id);
    for (const id of ids.values()) {
      await settleFigures(id);
      await settleFigures(id);
    }
    const anna = PEOPLE[0]!;
    const again = await api.post(`/api/staff/participants/${ids.get(anna)}/exit`, 'berater.marxloh', { version: 1, date: today, outcome: 'training', situation: SITUATION });
    expect(again.status).toBe(409);
    expectExact(await kpis());
  });

  it('stay exact across a crash right after the fact and in the middle of the counters (the reader settles)', async () => {
    const gul = PEOPLE.find((p) => p.first === 'Gül')!;
    const hakan = PEOPLE.find((p) => p.first === 'Hakan')!;
    const at = new Date().toISOString();
    const exitOf = (outcome: 'employment' | 'training') => ({ date: today, outcome, situation: SITUATION, recordedAt: at, recordedBy: 'test' });

    // Crash 1: the exit is written (and marks the figures unsettled); nothing else happened.
    const g = (await readFigures(ids.get(gul)!))!;
    expect((await writeExit(g.participant.id, gul.site, g.participant.version, exitOf('training'), at, '2035-01-01T00:00:00.000Z')).ok).toBe(true);
    gul.fate = { exit: { outcome: 'training' } };

    // Crash 2: the exit, the claim, the add to the counter — and then a crash before the participant records it.
    const h0 = (await readFigures(ids.get(hakan)!))!;
    expect((await writeExit(h0.participant.id, hakan.site, h0.participant.version, exitOf('employment'), at, '2035-01-01T00:00:00.000Z')).ok).toBe(true);
    hakan.fate = { exit: { outcome: 'employment' } };
    const h = (await readFigures(ids.get(hakan)!))!;
    const wanted = contributionOf(h.participant)!;
    const cid = `${h.participant.id}#${h.figures.rev + 1}`;
    const [delta] = counterDeltas(h.figures.applied, wanted);
    const claim = { rev: h.figures.rev + 1, phase: 'pending' as const, applied: h.figures.applied!, from: h.figures.applied!, to: wanted, cid, counters: [{ site: delta!.site, day: delta!.day }] };
    expect(await writeFigures(h.participant.id, h.figures.rev, claim, { version: h.participant.version })).toBe(true);
    const seen = await readCounter(delta!.site, delta!.day);
    expect(await addToCounter(delta!.site, delta!.day, cid, delta!.delta, seen, at)).toBe(true);
    // A retried add of the same change is refused by the counter itself.
    expect(await addToCounter(delta!.site, delta!.day, cid, delta!.delta, seen, at)).toBe(false);
    expect(await addToCounter(delta!.site, delta!.day, cid, delta!.delta, await readCounter(delta!.site, delta!.day), at)).toBe(false);

    expectExact(await kpis());
    // Settled now: no participant is left marked, and the counters hold no change ids.
    const items = await allItems(cloud);
    expect(items.filter((i) => i.GSI3PK === 'REPORT#UNSETTLED')).toEqual([]);
    expect(items.filter((i) => i.type === 'FigureCounter').flatMap((i) => Object.keys(i.inflight ?? {}))).toEqual([]);
  });

  it("move with a handover: from the old site's counters to the new site's, once", async () => {
    const jonas = PEOPLE.find((p) => p.first === 'Jonas')!;
    const id = ids.get(jonas)!;
    const version = (await api.get(`/api/staff/participants/${id}`, 'leitung.hochfeld')).body.participant.version;
    const moved = await api.post(`/api/staff/participants/${id}/transfer`, 'leitung.hochfeld', { version, toSite: 'marxloh' });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    jonas.site = 'marxloh';
    await settleFigures(id);
    expectExact(await kpis());
  });

  it('are the same after a restart of the local cloud', async () => {
    const before = await kpis();
    await cloud.stop();
    cloud = await startCloud({ dataDir, ...portsOf(cloud) });
    expect(await kpis()).toEqual(before);
    expectExact(before);
  }, 120_000);

  it('answer a period of entry days: none before today, all from today', async () => {
    const none = await kpis('koordination', '?to=2000-01-01');
    expect(none.participants).toBe(0);
    expect(none.placementRate).toBe(0);
    expect((await kpis('koordination', `?from=${today}&to=${today}`)).participants).toBe(10);
    const bad = await api.get('/api/staff/reports/kpis?from=2026-02-01&to=2026-01-01', 'koordination');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('to');
  });
});

describe('who sees which figures', () => {
  it('staff and leads their own site only; another site is 403', async () => {
    const staff = await kpis('berater.hochfeld');
    expect(staff.sites.map((s: any) => s.site)).toEqual(['hochfeld']);
    const { sites: _s, ...own } = staff;
    expect(own).toEqual(expectedFigures(PEOPLE, 'hochfeld'));
    expect((await kpis('leitung.marxloh', '?site=marxloh')).participants).toBe(expectedFigures(PEOPLE, 'marxloh').participants);
    expect((await api.get('/api/staff/reports/kpis?site=hochfeld', 'leitung.marxloh')).status).toBe(403);
    expect((await api.get('/api/staff/reports/kpis.csv?site=hochfeld', 'leitung.marxloh')).status).toBe(403);
  });

  it('the coordinator every site, no person: figures only, no participant export', async () => {
    const text = JSON.stringify(await kpis());
    for (const p of PEOPLE) expect(text).not.toContain(p.last);
    expect((await api.get('/api/staff/reports/participants.csv', 'koordination')).status).toBe(403);
    expect((await api.get(`/api/staff/participants/${ids.get(PEOPLE[0]!)}`, 'koordination')).status).toBe(403);
    expect((await api.get('/api/staff/reports/kpis?site=nowhere', 'koordination')).status).toBe(400);
  });

  it('staff export nothing', async () => {
    expect((await api.get('/api/staff/reports/kpis.csv', 'berater.marxloh')).status).toBe(403);
    expect((await api.get('/api/staff/reports/kpis.xlsx', 'berater.marxloh')).status).toBe(403);
    expect((await api.get('/api/staff/reports/participants.csv', 'berater.marxloh')).status).toBe(403);
  });
});

const download = async (path: string, user: string) => {
  const token = await cloud.auth.issue((await import('../../local/auth.js')).DEMO_USERS.find((u) => u.username === user)!);
  const res = await fetch(`${cloud.apiUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { res, bytes: Buffer.from(await res.arrayBuffer()) };
};

describe('the exports', () => {
  it('the figures as CSV: BOM, `;`, German headers with umlauts, one row per site and month and the totals', async () => {
    const { res, bytes } = await download('/api/staff/reports/kpis.csv', 'koordination');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="biwaq-zahlen-alle-standorte-.*\.csv"$/);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    const parsed = Papa.parse<string[]>(text.slice(1), { delimiter: ';', skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    const [header, ...rows] = parsed.data;
    expect(header).toEqual(['Standort', 'Eintrittsmonat', 'Teilnehmende', 'Arbeitslose', 'Langzeitarbeitslose', 'Mit Migrationshintergrund', 'Beschäftigung aufgenommen', 'Ausbildung begonnen', 'Verbesserte Beschäftigungsfähigkeit', 'Vermittlungsquote']);
    const total = rows.find((r) => r[0] === 'Alle Standorte')!;
    const want = expectedFigures(PEOPLE);
    expect(total.slice(1, 9)).toEqual(['gesamt', ...[want.participants, want.unemployed, want.longTermUnemployed, want.migrantBackground, want.employment, want.training, want.improvedProspects].map(String)]);
    expect(total[9]).toBe(`${(Math.round(want.placementRate * 1000) / 10).toFixed(1).replace('.', ',')} %`);
    expect(rows.filter((r) => r[1] === today.slice(0, 7)).map((r) => r[0])).toEqual(['BIWAQ Marxloh', 'BIWAQ Hochfeld']);
  });

  it('the figures as XLSX, read back with exceljs', async () => {
    const { res, bytes } = await download('/api/staff/reports/kpis.xlsx?site=marxloh', 'leitung.marxloh');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('Zahlen')!;
    expect(sheet.getRow(1).getCell(7).value).toBe('Beschäftigung aufgenommen');
    const want = expectedFigures(PEOPLE, 'marxloh');
    const last = sheet.getRow(sheet.rowCount);
    expect([last.getCell(1).value, last.getCell(2).value, last.getCell(3).value, last.getCell(7).value]).toEqual(['BIWAQ Marxloh', 'gesamt', want.participants, want.employment]);
    expect(last.getCell(10).value).toBeCloseTo(want.placementRate, 10);
    expect(last.getCell(10).numFmt).toBe('0.0%');
  });

  it("the lead's participant export: one row per participant (the figures' count), no name, umlauts intact", async () => {
    const { res, bytes } = await download('/api/staff/reports/participants.csv', 'leitung.marxloh');
    expect(res.status).toBe(200);
    const text = bytes.toString('utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const parsed = Papa.parse<Record<string, string>>(text.slice(1), { delimiter: ';', header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.meta.fields).toContain('Höchster Bildungsabschluss');
    expect(parsed.meta.fields).toContain('Drittstaatsangehörig');
    expect(parsed.data).toHaveLength(expectedFigures(PEOPLE, 'marxloh').participants);
    expect(new Set(parsed.data.map((r) => r['Geschlecht']))).toEqual(new Set(['weiblich']));
    expect(parsed.data.filter((r) => r['Ergebnis'] === 'Beschäftigung')).toHaveLength(expectedFigures(PEOPLE, 'marxloh').employment);
    expect(parsed.data.find((r) => r['Austritt korrigiert'] === 'ja')).toBeDefined();
    for (const p of PEOPLE) expect(text).not.toContain(p.last);
    expect(text).not.toContain('@example.org');
    expect(text).not.toContain('Weseler');
  });

  it('each export is audited at the site: who, when, which export — no person', async () => {
    const audits = (await allItems(cloud)).filter((i) => i.type === 'SiteAudit' && String(i.action).startsWith('report.'));
    expect(audits.map((a) => `${a.site} ${a.action} ${a.role}`).sort()).toEqual(
      ['hochfeld report.kpis_csv coordinator', 'marxloh report.kpis_csv coordinator', 'marxloh report.kpis_xlsx lead', 'marxloh report.participants_csv lead'].sort(),
    );
    const text = JSON.stringify(audits);
    for (const p of PEOPLE) expect(text).not.toContain(p.last);
  });
});
