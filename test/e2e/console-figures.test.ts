import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import type { Browser, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { berlinDate } from '../../functions/domain/working-days.js';
import { demoSub } from '../../local/auth.js';
import type { LocalCloud } from '../../local/cloud.js';
import { validIntake } from '../fixtures.js';
import { staffApi } from '../local/console-helpers.js';
import { enter, expectedFigures, live, type Person } from '../local/figures-helpers.js';
import { startCloud } from '../local/helpers.js';
import { browserTestsEnabled, DESKTOP, launchChromium, newPhonePage, PHONE, seriousViolations } from './browser.js';
import { expectSmallTargetsNone, signIn } from './console-helpers.js';

/**
 * The figures page ("Zahlen") and the exit form, in Debian's chromium against a real local cloud:
 * a small data set entered through the API (people at both sites, first contacts, withdrawals,
 * exits of each kind, a corrected exit), and the lead's page shows exactly what that data set
 * says, per quarter as well; the CSV (BOM, `;`) and the XLSX (read back with exceljs) download
 * with the staff token; the coordinator's pages and every answer they get hold no name, e-mail or
 * phone number and no way to a record; a counsellor records an exit through a version conflict
 * and corrects it; axe-core, 48 px targets and reflow at 320 px. The page runs under the CSP
 * (chartist's inline styles would be console errors).
 */
const run = browserTestsEnabled();

let cloud: LocalCloud;
let browser: Browser;
let closeBrowser: () => Promise<void>;
const api = staffApi(() => cloud);
const today = berlinDate(new Date());

const person = (first: string, last: string, site: Person['site'], employment: Person['employment'], migrant: Person['migrant'], fate: Person['fate'], n: number): Person => ({
  first, last, site, employment, migrant, fate, dob: `19${70 + n}-0${1 + (n % 9)}-1${n % 10}`, postcode: site === 'marxloh' ? '47169' : '47053',
});

const PEOPLE: Person[] = [
  person('Adelheid', 'Zahlenfrau', 'marxloh', 'unemployed', 'yes', { exit: { outcome: 'employment' } }, 1),
  person('Berkan', 'Quartalsmann', 'marxloh', 'long_term_unemployed', 'yes', { exit: { outcome: 'training' } }, 2),
  person('Ceylan', 'Tabellaroglu', 'marxloh', 'long_term_unemployed', 'no', { exit: { outcome: 'improved_prospects', improvedReason: 'language_level' } }, 3),
  person('Dorota', 'Wyszynska', 'marxloh', 'inactive', 'yes', { exit: { outcome: 'none' }, correctedTo: { outcome: 'employment' } }, 4),
  person('Emre', 'Oyelaran', 'marxloh', 'unemployed', 'yes', 'withdrawn_early', 5),
  person('Feodora', 'Brzezinski', 'marxloh', 'employed', 'no_answer', 'withdrawn_late', 6),
  person('Gustav', 'Quintero', 'marxloh', 'unemployed', 'yes', 'contacted', 7),
  person('Halyna', 'Hochfeldova', 'hochfeld', 'long_term_unemployed', 'yes', { exit: { outcome: 'employment' } }, 8),
  person('Ilja', 'Ptaszynski', 'hochfeld', 'unemployed', 'yes', { exit: { outcome: 'improved_prospects', improvedReason: 'other', improvedReasonText: 'Führerschein' } }, 9),
  person('Jannik', 'Vukovic', 'hochfeld', 'inactive', 'no', 'new', 10),
];
/** The counsellor records this person's exit in the browser (first contact only, through the API). */
const TARA = person('Tara', 'Austrittsweg', 'marxloh', 'unemployed', 'no', 'contacted', 11);
const ids = new Map<Person, string>();
const PHONE_NUMBER = validIntake().contact.phone as string;
const emailOf = (p: Person) => `${p.first.normalize('NFKD').replace(/[^a-z]/gi, '').toLowerCase()}@example.org`;

const count = new Intl.NumberFormat('de-DE');
const percent = new Intl.NumberFormat('de-DE', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
const ROWS = ['participants', 'unemployed', 'longTermUnemployed', 'migrantBackground', 'employment', 'training', 'improvedProspects', 'placementRate'] as const;

/** What the page's figures table says in a column (project total or a site), as the page formats it. */
async function column(page: Page, key: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const k of ROWS) out[k] = (await page.locator(`table.figures-table tr[data-figure="${k}"] td[data-site="${key}"]`).textContent())!.trim();
  return out;
}
function formatted(f: ReturnType<typeof expectedFigures>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of ROWS) out[k] = k === 'placementRate' ? percent.format(f.placementRate) : count.format(f[k]);
  return out;
}

/** The browser logs every 4xx answer as a console error; the conflict here is such an answer by design. */
const realProblems = (problems: string[]) => problems.filter((p) => !/Failed to load resource: the server responded with a status of (400|409)/.test(p));

async function save(download: Download): Promise<Buffer> {
  return readFileSync((await download.path())!);
}

beforeAll(async () => {
  if (!run) return;
  [cloud, { browser, close: closeBrowser }] = await Promise.all([startCloud(), launchChromium()]);
  for (const p of [...PEOPLE, TARA]) ids.set(p, await enter(cloud, p, `e2e-figures-${p.last}`));
  for (const p of [...PEOPLE, TARA]) await live(api, ids.get(p)!, p, today);
}, 240_000);
afterAll(async () => {
  await closeBrowser?.();
  await cloud?.stop();
});

describe.runIf(run)('the figures page and the exit form', () => {
  it("the lead's page shows the figures the data set says, per quarter too, and downloads the CSV and the XLSX", async () => {
    const { page, context, problems } = await newPhonePage(browser, { viewport: DESKTOP });
    try {
      await signIn(page, cloud, 'leitung.marxloh', '/console/figures');
      await page.getByRole('heading', { level: 1, name: 'Zahlen' }).waitFor();
      await page.locator('table.figures-table').waitFor();
      const all = [...PEOPLE, TARA];
      const expected = expectedFigures(all, 'marxloh');
      // 7 Marxloh people minus one withdrawn before taking part, plus Tara: 7; exits employment 2 (one corrected), training 1, improved 1.
      expect(expected).toMatchObject({ participants: 7, employment: 2, training: 1, improvedProspects: 1 });
      await expect(column(page, 'marxloh')).resolves.toEqual(formatted(expected));
      await expect(page.locator('table.figures-table thead th').allTextContents()).resolves.toEqual(['Kennzahl', 'BIWAQ Marxloh']);
      await page.locator('.figures-scope', { hasText: 'BIWAQ Marxloh · Eintritte seit Projektbeginn' }).waitFor();
      // Everyone entered today: this quarter's row holds them all, the earlier ones none.
      const rows = page.locator('table.quarters-table tbody tr');
      await expect(rows.count()).resolves.toBe(9);
      const last = (await rows.last().locator('td').allTextContents()).map((t) => t.trim());
      expect(last).toEqual([count.format(7), count.format(2), count.format(1), count.format(1), percent.format(3 / 7)]);
      for (let i = 0; i < 8; i++) expect((await rows.nth(i).locator('td').first().textContent())!.trim()).toBe('0');
      // The chart: an SVG for the eye only, with one bar per series and quarter.
      await page.locator('.chart svg').waitFor();
      await expect(page.locator('.chart').getAttribute('aria-hidden')).resolves.toBe('true');
      await expect(page.locator('.chart .ct-series').count()).resolves.toBe(3);
      await expect(page.locator('.chart .ct-bar').count()).resolves.toBe(27);
      expect(await seriousViolations(page), 'figures page').toEqual([]);

      // This quarter: the same; last year: nobody.
      await page.getByLabel('dieses Quartal').check();
      await page.waitForURL(/period=quarter/);
      await page.locator('.figures-scope', { hasText: /Eintritte \d{2}\.\d{2}\.\d{4} – / }).waitFor();
      await expect(column(page, 'marxloh')).resolves.toEqual(formatted(expected));
      await page.getByLabel('letztes Jahr').check();
      await page.waitForURL(/period=last-year/);
      await page.locator('table.figures-table tr[data-figure="participants"] td', { hasText: /^0$/ }).waitFor();
      await page.getByLabel('seit Projektbeginn').check();
      await page.locator('table.figures-table tr[data-figure="participants"] td', { hasText: /^7$/ }).waitFor();

      // CSV: UTF-8 with BOM, ';'-separated, the site's total row equal to the page.
      const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Zahlen als CSV' }).click()]);
      expect(csv.suggestedFilename()).toMatch(/^biwaq-zahlen-marxloh-.*\.csv$/);
      const csvBytes = await save(csv);
      expect([...csvBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const parsed = Papa.parse<string[]>(csvBytes.toString('utf8').slice(1), { delimiter: ';', skipEmptyLines: true });
      expect(parsed.errors).toEqual([]);
      expect(parsed.data[0]).toEqual(expect.arrayContaining(['Standort', 'Eintrittsmonat', 'Teilnehmende', 'Beschäftigung aufgenommen']));
      const total = parsed.data.find((r) => r[0] === 'BIWAQ Marxloh' && r[1] === 'gesamt')!;
      expect(total.slice(2, 9).map(Number)).toEqual([expected.participants, expected.unemployed, expected.longTermUnemployed, expected.migrantBackground, expected.employment, expected.training, expected.improvedProspects]);
      await page.getByRole('status').filter({ hasText: `Heruntergeladen: ${csv.suggestedFilename()}` }).waitFor();

      // XLSX: read back by exceljs, the same total row, numbers as numbers.
      const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Zahlen als Excel (XLSX)' }).click()]);
      expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load((await save(xlsx)) as unknown as ArrayBuffer);
      const sheet = book.worksheets[0]!;
      const values: unknown[][] = [];
      sheet.eachRow((row) => values.push((row.values as unknown[]).slice(1)));
      const xTotal = values.find((r) => r[0] === 'BIWAQ Marxloh' && r[1] === 'gesamt')!;
      expect(xTotal.slice(2, 9)).toEqual([expected.participants, expected.unemployed, expected.longTermUnemployed, expected.migrantBackground, expected.employment, expected.training, expected.improvedProspects]);

      // The participant-level ESF Plus CSV: one row per participant, no name, e-mail or phone.
      const [people] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Teilnehmende (ESF Plus) als CSV' }).click()]);
      const peopleText = (await save(people)).toString('utf8');
      expect(peopleText.charCodeAt(0)).toBe(0xfeff);
      const peopleRows = Papa.parse<string[]>(peopleText.slice(1), { delimiter: ';', skipEmptyLines: true }).data;
      expect(peopleRows.length - 1).toBe(expected.participants);
      for (const p of all) for (const s of [p.first, p.last, emailOf(p)]) expect(peopleText).not.toContain(s);
      expect(realProblems(problems)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("the coordinator's console is this page: every site's figures, no name, e-mail or phone in any page or answer, no way to a record", async () => {
    const { page, context, problems } = await newPhonePage(browser, { viewport: DESKTOP });
    const bodies: { url: string; body: string }[] = [];
    page.on('response', async (res) => bodies.push({ url: res.url(), body: await res.text().catch(() => '') }));
    try {
      await signIn(page, cloud, 'koordination');
      await page.waitForURL(`${cloud.apiUrl}/console/figures`);
      await page.locator('table.figures-table').waitFor();
      await expect(page.locator('nav').textContent()).resolves.toBe('Zahlen');
      const all = [...PEOPLE, TARA];
      await expect(column(page, 'total')).resolves.toEqual(formatted(expectedFigures(all)));
      await expect(column(page, 'marxloh')).resolves.toEqual(formatted(expectedFigures(all, 'marxloh')));
      await expect(column(page, 'hochfeld')).resolves.toEqual(formatted(expectedFigures(all, 'hochfeld')));
      expect(await seriousViolations(page), 'coordinator figures').toEqual([]);
      const doms = [await page.content()];

      // One site: its column only, and its exports.
      await page.getByLabel('Standort').selectOption('hochfeld');
      await page.waitForURL(/site=hochfeld/);
      await expect(page.locator('table.figures-table thead th').allTextContents()).resolves.toEqual(['Kennzahl', 'BIWAQ Hochfeld']);
      await expect(column(page, 'hochfeld')).resolves.toEqual(formatted(expectedFigures(all, 'hochfeld')));
      const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Zahlen als CSV' }).click()]);
      expect(csv.suggestedFilename()).toMatch(/^biwaq-zahlen-hochfeld-/);
      const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Zahlen als Excel (XLSX)' }).click()]);
      expect(xlsx.suggestedFilename()).toMatch(/^biwaq-zahlen-hochfeld-.*\.xlsx$/);
      await expect(page.getByRole('button', { name: 'Teilnehmende (ESF Plus) als CSV' }).count()).resolves.toBe(0);
      doms.push(await page.content());
      await page.waitForLoadState('networkidle');

      // No link or request that leads to a person.
      await expect(page.locator('a[href*="/console/participants"], a[href*="/console/placements"], a[href*="/console/recognition"]').count()).resolves.toBe(0);
      const apiCalls = bodies.map((b) => new URL(b.url).pathname).filter((p) => p.startsWith('/api/'));
      expect(apiCalls.length).toBeGreaterThan(3);
      for (const p of apiCalls) expect(p, p).toMatch(/^\/api\/staff\/(me|reports\/kpis(\.csv|\.xlsx)?)$/);
      // Last names are unlike any word of the console (first names alone are too short to search a bundle for).
      const secrets = all.flatMap((p) => [`${p.first} ${p.last}`, p.last, emailOf(p)]).concat(PHONE_NUMBER, 'example.org');
      const files = [(await save(csv)).toString('utf8'), (await save(xlsx)).toString('latin1')];
      for (const s of secrets) {
        for (const d of doms) expect(d, `DOM holds ${s}`).not.toContain(s);
        for (const b of bodies) expect(b.body, `${b.url} holds ${s}`).not.toContain(s);
        for (const f of files) expect(f, `a download holds ${s}`).not.toContain(s);
      }
      expect(realProblems(problems)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('a counsellor records an exit (through a version conflict, input kept) and corrects it; the record and the figures follow', async () => {
    const { page, context, problems } = await newPhonePage(browser, { viewport: DESKTOP });
    const id = ids.get(TARA)!;
    const training = async () => (await api.get('/api/staff/reports/kpis', 'berater.marxloh')).body;
    const before = await training();
    try {
      await signIn(page, cloud, 'berater.marxloh', `/console/participants/${id}`);
      await page.getByRole('heading', { level: 1, name: 'Tara Austrittsweg' }).waitFor();
      await page.getByRole('button', { name: 'Austritt erfassen' }).click();
      await page.getByRole('heading', { level: 3, name: 'Austritt erfassen' }).waitFor();
      await expect(page.getByLabel('Datum des Austritts').inputValue()).resolves.toBe(today);
      // Nothing chosen: said at each field, the focus on the first, nothing sent.
      await page.getByRole('button', { name: 'Austritt speichern' }).click();
      await page.getByText('Bitte wählen Sie das Ergebnis.').waitFor();
      await page.getByText('Bitte wählen Sie die Erwerbssituation beim Austritt.').waitFor();
      await expect(page.getByText('Bitte beantworten Sie diese Frage.').count()).resolves.toBe(3);
      await expect(page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).resolves.toBe('exit-outcome');

      await page.getByLabel('Arbeitsaufnahme').check();
      await page.getByLabel('sozialversicherungspflichtig').check();
      await page.getByLabel('Arbeitgeber').fill('Stahlwerk Beispiel GmbH');
      await page.getByLabel('erwerbstätig (angestellt)').check();
      await page.getByRole('group', { name: 'Sucht die Person Arbeit?' }).getByLabel('nein').check();
      await page.getByRole('group', { name: 'Ist sie in Schule, Ausbildung oder Weiterbildung?' }).getByLabel('nein').check();
      await page.getByRole('group', { name: 'Hat sie eine Qualifikation erworben?' }).getByLabel('ja').check();
      expect(await seriousViolations(page), 'exit form').toEqual([]);

      // Meanwhile the lead assigns the record: the save meets a conflict, the reload keeps the input.
      const version = (await api.get(`/api/staff/participants/${id}`, 'berater.marxloh')).body.participant.version;
      expect((await api.post(`/api/staff/participants/${id}/assign`, 'leitung.marxloh', { version, assignedTo: demoSub('berater.marxloh') })).status).toBe(200);
      await page.getByRole('button', { name: 'Austritt speichern' }).click();
      await page.getByText('Inzwischen von jemand anderem geändert — bitte neu laden.').waitFor();
      await page.getByRole('button', { name: 'Neu laden' }).click();
      await page.getByText('Die Akte ist neu geladen.').waitFor();
      await expect(page.getByLabel('Arbeitgeber').inputValue()).resolves.toBe('Stahlwerk Beispiel GmbH');
      await page.getByRole('button', { name: 'Austritt speichern' }).dblclick();
      await page.getByRole('status').filter({ hasText: 'Austritt gespeichert (Arbeitsaufnahme).' }).waitFor();
      await expect(page.locator('.record-head .badge').textContent()).resolves.toBe('ausgetreten');
      await page.locator('.facts', { hasText: 'Arbeitsaufnahme' }).getByText('Stahlwerk Beispiel GmbH', { exact: false }).waitFor();
      await expect(page.getByRole('button', { name: 'Austritt erfassen' }).count()).resolves.toBe(0);
      const afterExit = await training();
      expect(afterExit.employment).toBe(before.employment + 1);

      // The correction: prefilled from the exit in force, a reason required.
      await page.getByRole('button', { name: 'Austritt korrigieren' }).click();
      await page.getByRole('heading', { level: 3, name: 'Austritt korrigieren' }).waitFor();
      expect(await page.getByLabel('Arbeitsaufnahme').isChecked()).toBe(true);
      await page.getByLabel('Ausbildung', { exact: true }).check();
      await page.getByLabel('Ausbildungsberuf').fill('Industriemechanikerin');
      await page.getByRole('button', { name: 'Korrektur speichern' }).click();
      await page.getByText('Bitte sagen Sie, warum der Austritt korrigiert wird.').waitFor();
      await page.getByLabel('Grund der Korrektur').fill('Ausbildungsvertrag statt Arbeitsvertrag');
      expect(await seriousViolations(page), 'correction form').toEqual([]);
      await page.getByRole('button', { name: 'Korrektur speichern' }).click();
      await page.getByRole('status').filter({ hasText: 'Austritt korrigiert (Ausbildung).' }).waitFor();
      await page.locator('.facts', { hasText: 'Ausbildung' }).getByText('Ausbildungsvertrag statt Arbeitsvertrag', { exact: false }).waitFor();
      await page.getByText(/Austritt korrigiert: Ausbildung am/).waitFor();
      const afterCorrection = await training();
      expect({ employment: afterCorrection.employment, training: afterCorrection.training }).toEqual({ employment: before.employment, training: before.training + 1 });
      expect(await seriousViolations(page), 'record after the exit').toEqual([]);

      // The counsellor's own figures page shows the site with the correction, and no exports.
      await page.getByRole('navigation').getByRole('link', { name: 'Zahlen' }).click();
      await page.locator('table.figures-table').waitFor();
      await expect(page.locator('table.figures-table tr[data-figure="training"] td[data-site="marxloh"]').textContent()).resolves.toBe(count.format(afterCorrection.training));
      await expect(page.getByRole('button', { name: 'Zahlen als CSV' }).count()).resolves.toBe(0);
      expect(realProblems(problems)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('on a phone: 48 px targets on the figures page and the exit form, reflow at 320 px', async () => {
    const { page, context, problems } = await newPhonePage(browser, { viewport: PHONE });
    try {
      await signIn(page, cloud, 'leitung.marxloh', '/console/figures');
      await page.locator('table.figures-table').waitFor();
      await page.getByLabel('eigener Zeitraum').check();
      await page.getByLabel('Eintritt von').waitFor();
      await expectSmallTargetsNone(page, 'phone figures');
      expect(await seriousViolations(page), 'phone figures').toEqual([]);
      await page.setViewportSize({ width: 320, height: 640 });
      await page.reload();
      await page.locator('table.figures-table').waitFor();
      await page.locator('.chart svg').waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth), 'figures at 320 px').toBeLessThanOrEqual(320);

      await page.setViewportSize(PHONE);
      await page.goto(`${cloud.apiUrl}/console/participants/${ids.get(PEOPLE[6]!)}`);
      await page.getByRole('button', { name: 'Austritt erfassen' }).click();
      await page.getByLabel('verbesserte Perspektive').check();
      await page.getByLabel('anderer Grund').check();
      await page.getByLabel('Grund in wenigen Worten').waitFor();
      await expectSmallTargetsNone(page, 'phone exit form');
      expect(await seriousViolations(page), 'phone exit form').toEqual([]);
      await page.setViewportSize({ width: 320, height: 640 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth), 'exit form at 320 px').toBeLessThanOrEqual(320);
      expect(realProblems(problems)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
