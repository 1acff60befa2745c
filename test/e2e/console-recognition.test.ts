import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPeriod, germanDate, nextWorkingDay } from '../../functions/domain/recognition-deadlines.js';
import { addCalendarDays, berlinDate } from '../../functions/domain/working-days.js';
import type { LocalCloud } from '../../local/cloud.js';
import { formatWeekdayDay } from '../../web/console/app/format.js';
import { register, type Registered } from '../local/console-helpers.js';
import { allItems, startCloud } from '../local/helpers.js';
import { openCase, record, staffCall } from '../local/recognition-helpers.js';
import { browserTestsEnabled, DESKTOP, launchChromium, newPhonePage, seriousViolations } from './browser.js';
import { expectSmallTargetsNone, signIn } from './console-helpers.js';

/**
 * Recognition cases (BQFG) in the console, in Debian's chromium against a real local cloud (real
 * handlers, dynalite, the local Step Functions): a counsellor creates a case from the record
 * (prefilled from the intake's qualification, a double click making one), records application
 * received → receipt confirmed → documents complete → a request for documents and sees the
 * decision deadline move by the request's length; corrects a fact (a refused one said with what
 * may come next); the checklist and a cost; the intake's draft completed; the list's filters;
 * "Heute"; another site's case not found; the coordinator with no recognition page or request;
 * 48 px targets on a phone; axe-core on every new page.
 */
const run = browserTestsEnabled();

let cloud: LocalCloud;
let browser: Browser;
let closeBrowser: () => Promise<void>;
let counsellor: { page: Page; context: BrowserContext; problems: string[] };
let samira: Registered;
let caseId: string;
let hochfeldCase: string;

const today = berlinDate(new Date());
const day = (n: number) => addCalendarDays(today, n);
const main = (page: Page) => page.locator('main');
const cases = async (participantId: string) => (await allItems(cloud)).filter((i) => i.type === 'RecognitionCase' && i.participantId === participantId);

/** The browser logs every 4xx answer as a console error; the refusals and "not found" here are such answers by design. */
const realProblems = (problems: string[]) => problems.filter((p) => !/Failed to load resource: the server responded with a status of (400|404|409)/.test(p));

beforeAll(async () => {
  if (!run) return;
  [cloud, { browser, close: closeBrowser }] = await Promise.all([startCloud(), launchChromium()]);
  // The intake asked for recognition (PL, Bürokauffrau, 2010): it leaves a draft.
  samira = await register(cloud, { firstName: 'Samira', lastName: 'Anerkennung', site: 'marxloh' });
  counsellor = await newPhonePage(browser, { viewport: DESKTOP });
  await signIn(counsellor.page, cloud, 'berater.marxloh');
});
afterAll(async () => {
  await counsellor?.context.close();
  await closeBrowser?.();
  await cloud?.stop();
});

/** Records a fact through the form on the case page and waits for its confirmation. */
async function recordFact(page: Page, label: string, date: string, fill?: () => Promise<void>) {
  await page.getByRole('button', { name: 'Schritt erfassen' }).click();
  await page.getByRole('heading', { level: 3, name: 'Schritt erfassen' }).waitFor();
  await page.getByLabel(label, { exact: true }).check();
  await page.getByLabel('Datum', { exact: true }).fill(date);
  await fill?.();
  await page.getByRole('button', { name: 'Schritt speichern' }).click();
  await page.getByRole('status').filter({ hasText: `Gespeichert: ${label}` }).waitFor();
}

const deadlineCard = (page: Page, name: string) => page.locator('section.deadline', { has: page.getByRole('heading', { level: 2, name: `Frist: ${name}` }) });

describe.runIf(run)('recognition cases in the console', () => {
  it('the counsellor creates a case from the record: prefilled from the intake, missing fields named, a double click makes one', async () => {
    const { page, problems } = counsellor;
    await page.goto(`${cloud.apiUrl}/console/participants/${samira.id}`);
    const section = page.locator('section', { has: page.getByRole('heading', { level: 2, name: 'Anerkennung' }) });
    await section.getByRole('link', { name: 'Bürokauffrau' }).waitFor();
    await expect(section.locator('.badge').textContent()).resolves.toBe('Entwurf');

    await page.getByRole('button', { name: 'Anerkennungsverfahren anlegen' }).click();
    await page.getByRole('heading', { level: 3, name: 'Anerkennungsverfahren anlegen' }).waitFor();
    await page.getByText('Aus der Anmeldung liegt schon ein Entwurf für diese Person vor.').waitFor();
    await expect(page.getByLabel('Land des Abschlusses').inputValue()).resolves.toBe('PL');
    await expect(page.getByLabel('Beruf', { exact: true }).inputValue()).resolves.toBe('Bürokauffrau');
    await expect(page.getByLabel('Jahr des Abschlusses').inputValue()).resolves.toBe('2010');
    // Required fields left empty: said at the field, the focus on the first, nothing sent.
    await page.getByRole('button', { name: 'Verfahren anlegen' }).click();
    await page.getByText('Bitte geben Sie die Bezeichnung an, wie sie auf dem Zeugnis steht.').waitFor();
    await page.getByText('Bitte wählen Sie die zuständige Stelle.').waitFor();
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('case-title');
    await page.getByLabel('Bezeichnung im Original').fill('Technik administracji');
    await page.getByLabel('nein, nicht reglementiert (§ 6 BQFG)').check();
    await page.getByLabel('IHK FOSA').check();
    await page.getByLabel('Deutscher Referenzberuf').fill('Kaufmann/-frau für Büromanagement');
    expect(await seriousViolations(page), 'create form').toEqual([]);

    await page.getByRole('button', { name: 'Verfahren anlegen' }).dblclick();
    await page.waitForURL(/\/console\/recognition-cases\/[0-9a-f]{32}$/);
    caseId = /recognition-cases\/([0-9a-f]{32})$/.exec(page.url())![1]!;
    await page.getByText('Anerkennungsverfahren angelegt.').waitFor();
    await page.getByRole('heading', { level: 1, name: 'Bürokauffrau' }).waitFor();
    await expect(main(page).locator('.record-head .badge').first().textContent()).resolves.toBe('in Vorbereitung');
    await page.getByText('Die Fristen der Stelle beginnen, sobald der Antrag bei ihr eingegangen ist').waitFor();
    await cloud.workflows.idle();
    const mine = await cases(samira.id);
    expect(mine.filter((c) => !c['draft'])).toHaveLength(1);
    expect(mine.find((c) => !c['draft'])).toMatchObject({ id: caseId, competentBody: 'ihk_fosa', regulated: false, qualification: { country: 'PL', title: 'Technik administracji', year: 2010 } });
    expect(await seriousViolations(page), 'case page').toEqual([]);
    expect(realProblems(problems)).toEqual([]);
  });

  it('records application received → receipt confirmed → documents complete → a request for documents; the decision deadline moves by the request', async () => {
    const { page, problems } = counsellor;
    await page.goto(`${cloud.apiUrl}/console/recognition-cases/${caseId}`);
    await page.getByRole('heading', { level: 1, name: 'Bürokauffrau' }).waitFor();

    await recordFact(page, 'Antrag bei der Stelle eingegangen', day(-40));
    const receiptDue = nextWorkingDay(addPeriod(day(-40), { months: 1 }));
    const receipt = deadlineCard(page, 'Eingangsbestätigung');
    await receipt.getByText(formatWeekdayDay(receiptDue)).waitFor();
    await receipt.getByText('§ 6 Abs. 2 BQFG').waitFor();
    await expect(receipt.locator('.badge').textContent()).resolves.toBe('überfällig');
    expect(await seriousViolations(page), 'overdue receipt').toEqual([]);

    await recordFact(page, 'Eingang bestätigt', day(-30), () => page.getByLabel('Fehlende Unterlagen laut Bestätigung').fill('Übersetzung des Diploms'));
    await expect(receipt.locator('.badge').textContent()).resolves.toBe(`eingehalten (am ${germanDate(day(-30))})`);

    // Documents complete: the decision period (3 months, § 6 Abs. 3) begins.
    await recordFact(page, 'Unterlagen vollständig', day(-20));
    const decision = deadlineCard(page, 'Entscheidung');
    const plainEnd = addPeriod(day(-20), { months: 3 });
    await decision.getByText(formatWeekdayDay(nextWorkingDay(plainEnd))).waitFor();
    await decision.getByText('§ 6 Abs. 3 BQFG').waitFor();
    await decision.getByText(new RegExp(`^3 Monate ab ${germanDate(day(-20))} → ${germanDate(plainEnd)}`)).waitFor();

    // A request for documents from 10 days ago with a period to 4 days from now: 15 days (both ends counted) suspend the clock.
    await page.getByRole('button', { name: 'Schritt erfassen' }).dblclick();
    await recordFactForm(page);
    const movedEnd = addCalendarDays(plainEnd, 15);
    const moved = nextWorkingDay(movedEnd);
    await decision.getByText(formatWeekdayDay(moved)).waitFor();
    await decision.getByText(new RegExp(`^3 Monate ab ${germanDate(day(-20))}, 15 Tage gehemmt → ${germanDate(movedEnd)}`)).waitFor();
    await decision.getByText(`gehemmt: Unterlagen nachgefordert ${germanDate(day(-10))} – ${germanDate(day(4))}`).waitFor();
    await decision.locator('.deadline__steps').getByText(`15 Tage gehemmt → ${germanDate(movedEnd)}`).waitFor();
    await expect(main(page).locator('.record-head .badge').first().textContent()).resolves.toBe('Frist gehemmt');
    // The facts as a timeline, in date order; one fact per save.
    await expect(page.locator('.fact-list .timeline__what strong').allTextContents()).resolves.toEqual([
      'Antrag bei der Stelle eingegangen',
      'Eingang bestätigt',
      'Unterlagen vollständig',
      'Unterlagen nachgefordert',
    ]);
    await cloud.workflows.idle();
    const stored = (await cases(samira.id)).find((c) => c['id'] === caseId)!;
    expect(stored['facts'].map((f: any) => f.type)).toEqual(['application_received', 'receipt_confirmed', 'documents_complete', 'documents_requested']);
    // What the API says is what the page says.
    const api = await staffCall(cloud, 'GET', `/api/staff/recognition-cases/${caseId}`);
    expect(api.body.deadlines.decision).toMatchObject({ due: moved, suspendedDays: 15 });
    await decision.getByText(api.body.deadlines.decision.explanation).waitFor();
    expect(await seriousViolations(page), 'suspended decision').toEqual([]);
    expect(realProblems(problems)).toEqual([]);
  });

  it('corrects a fact: a refused correction is said with what may come next; an accepted one strikes the old one through', async () => {
    const { page, problems } = counsellor;
    const first = page.locator('.fact-list > li').first();
    await first.getByRole('button', { name: /Korrigieren/ }).click();
    await page.getByRole('heading', { level: 3, name: 'Eintrag korrigieren' }).waitFor();
    await expect(page.getByLabel('Was ist geschehen?').inputValue()).resolves.toBe('application_received');
    // After the receipt's confirmation: the confirmation would come before the application.
    await page.getByLabel('Datum', { exact: true }).fill(day(-25));
    await page.getByRole('button', { name: 'Korrektur speichern' }).click();
    // The confirmation no longer fits: before it, only the application (or a withdrawal) can come.
    await page.getByRole('alert').filter({ hasText: `„Antrag bei der Stelle eingegangen“ vom ${germanDate(day(-25))} passt so nicht in den Ablauf des Verfahrens` }).waitFor();
    await page.getByRole('alert').filter({ hasText: 'An dieser Stelle möglich: Antrag bei der Stelle eingegangen, Antrag zurückgezogen.' }).waitFor();
    await expect(page.getByLabel('Datum', { exact: true }).inputValue()).resolves.toBe(day(-25));

    await page.getByLabel('Datum', { exact: true }).fill(day(-41));
    await page.getByRole('button', { name: 'Korrektur speichern' }).click();
    await page.getByRole('status').filter({ hasText: 'Korrektur gespeichert: Antrag bei der Stelle eingegangen' }).waitFor();
    const struck = page.locator('.fact-list > li.fact--superseded');
    await expect(struck.count()).resolves.toBe(1);
    await struck.locator('del', { hasText: 'Antrag bei der Stelle eingegangen' }).waitFor();
    await struck.getByText('korrigiert', { exact: true }).waitFor();
    await page.getByText(`korrigiert den Eintrag „Antrag bei der Stelle eingegangen“ vom`).waitFor();
    await deadlineCard(page, 'Eingangsbestätigung').getByText(formatWeekdayDay(nextWorkingDay(addPeriod(day(-41), { months: 1 })))).waitFor();
    expect(await seriousViolations(page), 'corrected').toEqual([]);
    expect(realProblems(problems)).toEqual([]);
  });

  it('keeps the §5 checklist per document on the version seen (a conflict reloads and keeps the input), and records a cost', async () => {
    const { page, problems } = counsellor;
    await page.getByLabel('Ausweis oder Pass').selectOption('at_hand');
    await page.getByLabel('Übersetzungen (vereidigt)').selectOption('translation_ordered');
    // Meanwhile a colleague saves another document: the version the page saw is stale.
    const { version } = (await staffCall(cloud, 'GET', `/api/staff/recognition-cases/${caseId}`)).body.case;
    expect((await staffCall(cloud, 'PATCH', `/api/staff/recognition-cases/${caseId}/documents`, { version, documents: [{ kind: 'cv_german', state: 'submitted' }] })).status).toBe(200);
    await page.getByRole('button', { name: '2 Änderungen speichern' }).click();
    await page.getByText('Inzwischen von jemand anderem geändert — bitte neu laden.').waitFor();
    await page.getByRole('button', { name: 'Neu laden' }).click();
    await page.getByText('Die Akte ist neu geladen. Ihre Eingaben sind noch da').waitFor();
    await page.getByText('bisher: eingereicht seit').waitFor();
    await expect(page.getByLabel('Ausweis oder Pass').inputValue()).resolves.toBe('at_hand');
    await page.getByRole('button', { name: '2 Änderungen speichern' }).click();
    await page.getByRole('status').filter({ hasText: 'Unterlagen gespeichert: Ausweis oder Pass – liegt vor; Übersetzungen (vereidigt) – Übersetzung beauftragt.' }).waitFor();
    await page.getByText(`bisher: Übersetzung beauftragt seit`).waitFor();
    const stored = (await cases(samira.id)).find((c) => c['id'] === caseId)!;
    expect(stored['checklist']).toMatchObject({ id_document: { state: 'at_hand', since: today }, translations: { state: 'translation_ordered' } });

    await page.getByRole('button', { name: 'Kosten erfassen' }).click();
    await page.getByLabel('Gebühr').check();
    await page.getByLabel('Betrag in Euro').fill('120,50');
    await page.getByRole('button', { name: 'Kosten speichern' }).click();
    await page.getByRole('status').filter({ hasText: /Kosten gespeichert: Gebühr, 120,50\s€/ }).waitFor();
    const costs = page.locator('section', { has: page.getByRole('heading', { level: 2, name: 'Kosten' }) });
    await costs.getByText(/Zusammen/).waitFor();
    expect(await seriousViolations(page), 'checklist and costs').toEqual([]);
    expect(realProblems(problems)).toEqual([]);
  });

  it('completes the draft the intake left ("Angaben ergänzen")', async () => {
    const { page, problems } = counsellor;
    const draft = (await cases(samira.id)).find((c) => c['draft'])!;
    await page.goto(`${cloud.apiUrl}/console/participants/${samira.id}`);
    await page.getByRole('link', { name: 'Bürokauffrau' }).last().click();
    await page.waitForURL(new RegExp(`/recognition-cases/${draft['id']}$`));
    await page.getByText('Entwurf aus der Anmeldung.').waitFor();
    expect(await seriousViolations(page), 'draft').toEqual([]);
    await page.getByRole('button', { name: 'Angaben ergänzen' }).click();
    await expect(page.getByLabel('Beruf', { exact: true }).inputValue()).resolves.toBe('Bürokauffrau');
    await page.getByLabel('Bezeichnung im Original').fill('Technik prac biurowych');
    await page.getByLabel('ja, reglementiert (§ 13 BQFG)').check();
    await page.getByLabel('andere Stelle').check();
    await page.getByLabel('Name der Stelle').fill('Bezirksregierung Düsseldorf');
    await page.getByLabel('Beschleunigtes Fachkräfteverfahren').check();
    expect(await seriousViolations(page), 'open form').toEqual([]);
    await page.getByRole('button', { name: 'Verfahren anlegen' }).click();
    await page.getByRole('status').filter({ hasText: 'Das Verfahren ist angelegt.' }).waitFor();
    await expect(main(page).locator('.record-head .badge').first().textContent()).resolves.toBe('in Vorbereitung');
    await main(page).getByText('Bezirksregierung Düsseldorf').first().waitFor();
    await page.getByRole('button', { name: 'Schritt erfassen' }).waitFor();
    expect(realProblems(problems)).toEqual([]);
  });

  it('lists the site\'s cases with filters, and shows the deadlines due this week and overdue on "Heute", overdue first', async () => {
    const { page, problems } = counsellor;
    // One receipt overdue, one due in three days (cases for other people, through the API).
    const olga = await register(cloud, { firstName: 'Olga', lastName: 'Fristfrau', site: 'marxloh' });
    const overdueCase = await openCase(cloud, olga.id, { qualification: { country: 'UA', title: 'Медична сестра', profession: 'Pflegefachkraft', year: 2012 }, competentBody: 'bezirksregierung', regulated: true });
    await record(cloud, overdueCase, { type: 'application_received', date: day(-60) });
    // Fast track: the receipt is due two weeks after the application, here in three days.
    const soonCase = await openCase(cloud, olga.id, { qualification: { country: 'SY', title: 'دبلوم', profession: 'Elektroniker', year: 2016 }, competentBody: 'hwk', fastTrack: true });
    await record(cloud, soonCase, { type: 'application_received', date: day(-11) });

    await page.goto(`${cloud.apiUrl}/console/today`);
    const card = page.locator('section', { has: page.getByRole('heading', { level: 2, name: /^Anerkennung/ }) });
    await card.getByRole('link', { name: 'Pflegefachkraft' }).waitFor();
    await card.getByRole('link', { name: 'Elektroniker' }).waitFor();
    await expect(card.locator('.agenda__item .row-link').allTextContents()).resolves.toEqual(['Pflegefachkraft', 'Elektroniker']);
    await card.locator('.agenda__item').first().locator('.badge--overdue').waitFor();
    await card.getByText(/Frist ist überfällig/).waitFor();
    expect(await seriousViolations(page), 'Heute').toEqual([]);

    await page.getByRole('navigation').getByRole('link', { name: 'Anerkennung' }).click();
    await page.getByRole('heading', { level: 1, name: 'Anerkennung' }).waitFor();
    await page.getByRole('row', { name: /Bürokauffrau.*Frist gehemmt/ }).waitFor();
    await page.getByRole('row', { name: /Pflegefachkraft.*Bezirksregierung.*überfällig/ }).waitFor();
    expect(await seriousViolations(page), 'list').toEqual([]);
    await page.getByLabel('nur überfällige').check();
    await page.waitForURL(/overdue=true/);
    await page.locator('.list-summary', { hasText: '1 Verfahren (mit überfälliger Frist).' }).waitFor();
    await page.getByRole('row', { name: /Pflegefachkraft/ }).waitFor();
    await page.getByLabel('alle', { exact: true }).check();
    await page.getByLabel('Stelle', { exact: true }).selectOption('ihk_fosa');
    await page.waitForURL(/body=ihk_fosa/);
    await page.locator('.list-summary', { hasText: '1 Verfahren (Stelle „IHK FOSA“).' }).waitFor();
    await page.getByLabel('Stand').selectOption('suspended');
    await page.waitForURL(/state=suspended/);
    await page.getByRole('row', { name: /Bürokauffrau/ }).getByRole('link', { name: /Akte/ }).click();
    await page.waitForURL(new RegExp(`/participants/${samira.id}$`));
    expect(realProblems(problems)).toEqual([]);
  });

  it("another site's case is not found, and the coordinator has no recognition pages and makes no recognition request", async () => {
    const { page } = counsellor;
    const hadi = await register(cloud, { firstName: 'Hadi', lastName: 'Hochfeldmann', site: 'hochfeld' });
    const created = await staffCall(cloud, 'POST', '/api/staff/recognition-cases', { participantId: hadi.id, qualification: { country: 'IR', title: 'کارشناسی', profession: 'Ingenieur', year: 2011 }, regulated: false, fastTrack: false, competentBody: 'zab' }, 'berater.hochfeld');
    expect(created.status).toBe(201);
    hochfeldCase = created.body.id;
    await page.goto(`${cloud.apiUrl}/console/recognition-cases/${hochfeldCase}`);
    await page.getByRole('heading', { level: 1, name: 'Anerkennungsverfahren nicht gefunden' }).waitFor();
    expect(await seriousViolations(page), 'not found').toEqual([]);

    const coord = await newPhonePage(browser, { viewport: DESKTOP });
    const urls: string[] = [];
    coord.page.on('request', (r) => urls.push(r.url()));
    try {
      await signIn(coord.page, cloud, 'koordination');
      await expect(coord.page.locator('nav').textContent()).resolves.not.toContain('Anerkennung');
      for (const path of ['/console/recognition-cases', `/console/recognition-cases/${caseId}`]) {
        await coord.page.goto(`${cloud.apiUrl}${path}`);
        await coord.page.getByRole('heading', { level: 1, name: 'Nicht verfügbar' }).waitFor();
      }
      await coord.page.waitForLoadState('networkidle');
      expect(urls.filter((u) => u.includes('/api/staff/recognition-cases'))).toEqual([]);
    } finally {
      await coord.context.close();
    }
  });

  it('on a phone: 48 px touch targets on the list, the case, its forms and "Heute", and reflow at 320 px', async () => {
    const { page, context } = await newPhonePage(browser);
    try {
      await signIn(page, cloud, 'berater.marxloh', '/console/recognition-cases');
      await page.locator('table.recognition-cases').waitFor();
      await expectSmallTargetsNone(page, 'phone list');
      expect(await seriousViolations(page), 'phone list').toEqual([]);
      await page.goto(`${cloud.apiUrl}/console/recognition-cases/${caseId}`);
      await page.getByRole('heading', { level: 1, name: 'Bürokauffrau' }).waitFor();
      await expectSmallTargetsNone(page, 'phone case');
      expect(await seriousViolations(page), 'phone case').toEqual([]);
      await page.getByRole('button', { name: 'Schritt erfassen' }).click();
      await page.getByLabel('Datum', { exact: true }).waitFor();
      await expectSmallTargetsNone(page, 'phone fact form');
      await page.getByRole('button', { name: 'Abbrechen' }).click();
      await page.getByRole('button', { name: 'Kosten erfassen' }).click();
      await page.getByLabel('Betrag in Euro').waitFor();
      await expectSmallTargetsNone(page, 'phone cost form');
      await page.goto(`${cloud.apiUrl}/console/participants/${samira.id}`);
      await page.getByRole('button', { name: 'Anerkennungsverfahren anlegen' }).click();
      await page.getByLabel('Bezeichnung im Original').waitFor();
      await expectSmallTargetsNone(page, 'phone create form');
      await page.goto(`${cloud.apiUrl}/console/today`);
      await page.getByRole('heading', { level: 2, name: /^Anerkennung/ }).waitFor();
      await expectSmallTargetsNone(page, 'phone Heute');
      await page.setViewportSize({ width: 320, height: 640 });
      for (const path of ['/console/recognition-cases', `/console/recognition-cases/${caseId}`]) {
        await page.goto(`${cloud.apiUrl}${path}`);
        await page.locator('main h1').waitFor();
        expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(320);
      }
    } finally {
      await context.close();
    }
  });
});

/** The request for documents, in the form the double click above opened once. */
async function recordFactForm(page: Page) {
  await page.getByRole('heading', { level: 3, name: 'Schritt erfassen' }).waitFor();
  await page.getByLabel('Unterlagen nachgefordert', { exact: true }).check();
  await page.getByLabel('Datum', { exact: true }).fill(day(-10));
  await page.getByLabel('Frist der Stelle bis').fill(day(4));
  await page.getByRole('button', { name: 'Schritt speichern' }).dblclick();
  await page.getByRole('status').filter({ hasText: 'Gespeichert: Unterlagen nachgefordert' }).waitFor();
  await page.getByText('Die Entscheidungsfrist ist für die Zeit der Nachforderung gehemmt.').waitFor();
}
