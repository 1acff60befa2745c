import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { berlinDate } from '../../functions/domain/working-days.js';
import type { LocalCloud } from '../../local/cloud.js';
import { validIntake } from '../fixtures.js';
import { register, type Registered } from '../local/console-helpers.js';
import { allItems, postJson, startCloud } from '../local/helpers.js';
import { linksTo, placementItem, placementsOf, requestPlacement } from '../local/placement-helpers.js';
import { browserTestsEnabled, DESKTOP, launchChromium, newPhonePage, seriousViolations } from './browser.js';
import { expectSmallTargetsNone, signIn } from './console-helpers.js';

/**
 * Trial placements in the console and on the employer's phone, in Debian's chromium against a
 * real local cloud (real handlers, dynalite, the local SES inbox, the local Step Functions):
 * the counsellor proposes a placement from the record (the cap checked as they type, a double
 * click making one), the employer opens the link from the local inbox on a phone and confirms,
 * and the counsellor sees it confirmed on the placement, the list, the record and "Heute";
 * a new link and a cancellation from the console; axe-core on every new page.
 */
const run = browserTestsEnabled();

let cloud: LocalCloud;
let browser: Browser;
let closeBrowser: () => Promise<void>;
let counsellor: { page: Page; context: BrowserContext; problems: string[] };
let lea: Registered;
let omar: Registered;
let placementId: string;

const EMPLOYER = 'personal@kaufhaus.example.org';
const day = (n: number) => berlinDate(new Date(Date.now() + n * 86_400_000));

/** The browser logs every 4xx answer as a console error; the employer's "already answered" page is one by design. */
const realProblems = (problems: string[]) => problems.filter((p) => !/Failed to load resource: the server responded with a status of (400|404|409|410)/.test(p));

beforeAll(async () => {
  if (!run) return;
  [cloud, { browser, close: closeBrowser }] = await Promise.all([startCloud(), launchChromium()]);
  lea = await register(cloud, { firstName: 'Lea', lastName: 'Probetag', site: 'marxloh' });
  // Long-term unemployed: with serious placement obstacles the cap is 84 days.
  const body = validIntake();
  Object.assign(body, { site: 'marxloh' });
  Object.assign(body.person, { firstName: 'Omar', lastName: 'Langzeit' });
  body.contact.email = 'omar.langzeit@example.org';
  body.employment.status = 'long_term_unemployed';
  const res = await postJson(cloud, '/api/intake', body);
  expect(res.status).toBe(202);
  await cloud.workflows.idle();
  omar = { reference: res.body.reference, id: (await allItems(cloud)).find((i) => i.type === 'Participant' && i.reference === res.body.reference)!.id };
  counsellor = await newPhonePage(browser, { viewport: DESKTOP });
  await signIn(counsellor.page, cloud, 'berater.marxloh');
});
afterAll(async () => {
  await counsellor?.context.close();
  await closeBrowser?.();
  await cloud?.stop();
});

const main = (page: Page) => page.locator('main');

describe.runIf(run)('trial placements in the console', () => {
  it('the counsellor proposes a placement from the record: the cap is checked as they type, a double click makes one', async () => {
    const { page, problems } = counsellor;
    await page.goto(`${cloud.apiUrl}/console/participants/${lea.id}`);
    await page.getByRole('heading', { level: 2, name: 'Erprobungen' }).waitFor();
    await expect(main(page).getByText('Noch keine Erprobung angefragt.').count()).resolves.toBe(1);
    await page.getByRole('button', { name: 'Erprobung anfragen' }).click();
    await page.getByRole('heading', { level: 3, name: 'Erprobung anfragen' }).waitFor();

    await page.getByLabel('Name des Betriebs').fill('Kaufhaus Rhein GmbH');
    await page.getByLabel('Ansprechperson', { exact: true }).fill('Herr Rhein');
    await page.getByLabel('E-Mail der Ansprechperson').fill(EMPLOYER);
    await page.getByLabel('Tätigkeit', { exact: true }).fill('Verkauf und Lager');
    await page.getByLabel('Erster Tag').fill(day(7));
    // 50 days: over the cap of 42 — said at the field as it is typed, before any sending.
    await page.getByLabel('Letzter Tag').fill(day(7 + 49));
    const end = page.getByLabel('Letzter Tag');
    await expect(end.getAttribute('aria-invalid')).resolves.toBe('true');
    await page.getByText('Eine Erprobung darf höchstens 42 Tage dauern (vom ersten bis zum letzten Tag); so wären es 50.').waitFor();
    // The checkbox does not lift the cap for someone who is not long-term unemployed.
    await page.getByLabel('Schwerwiegende Vermittlungshemmnisse').check();
    await page.getByText('so wären es 50').waitFor();
    await page.getByLabel('Schwerwiegende Vermittlungshemmnisse').uncheck();
    await page.getByLabel('Letzter Tag').fill(day(7 + 13));
    await page.getByText('14 Tage – höchstens 42 möglich.').waitFor();
    await expect(end.getAttribute('aria-invalid')).resolves.toBe(null);
    await page.getByLabel('Stunden pro Woche').fill('30');
    await page.getByLabel('Aufgaben', { exact: false }).first().fill('Regale einräumen, Kasse');
    expect(await seriousViolations(page), 'proposal form').toEqual([]);

    await page.getByRole('button', { name: 'Anfrage senden' }).dblclick();
    await page.waitForURL(/\/console\/placements\/[0-9a-f]{32}$/);
    placementId = /placements\/([0-9a-f]{32})$/.exec(page.url())![1]!;
    await page.getByText('Erprobung angefragt. Der Betrieb bekommt gleich eine E-Mail mit dem Link.').waitFor();
    await page.getByRole('heading', { level: 1, name: 'Kaufhaus Rhein GmbH' }).waitFor();
    await expect(main(page).locator('.badge').first().textContent()).resolves.toBe('angefragt');
    await cloud.workflows.idle();
    expect((await placementsOf(cloud)).filter((p) => p['participantId'] === lea.id)).toHaveLength(1);
    // The workflow mailed the employer; the timeline says so after a reload.
    await page.reload();
    await page.getByText('Anfrage an den Betrieb versandt').waitFor();
    await page.getByText(/Als Nächstes/).waitFor();
    expect(await seriousViolations(page), 'placement page').toEqual([]);
    expect(realProblems(problems)).toEqual([]);
  });

  it('the API refuses what the form would: 84 days only for the long-term unemployed with serious obstacles, said at the field', async () => {
    const { page } = counsellor;
    await page.goto(`${cloud.apiUrl}/console/participants/${omar.id}`);
    await page.getByRole('button', { name: 'Erprobung anfragen' }).click();
    await page.getByLabel('Erster Tag').fill(day(3));
    await page.getByLabel('Letzter Tag').fill(day(3 + 59));
    await page.getByText('so wären es 60').waitFor();
    await page.getByLabel('Schwerwiegende Vermittlungshemmnisse').check();
    await page.getByText('60 Tage – höchstens 84 möglich.').waitFor();
    // Required fields left empty: the form says which, and sends nothing.
    await page.getByRole('button', { name: 'Anfrage senden' }).click();
    await page.getByText('Bitte geben Sie den Namen des Betriebs an.').waitFor();
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('proposal-employerName');
    expect((await placementsOf(cloud)).filter((p) => p['participantId'] === omar.id)).toHaveLength(0);
    await page.getByRole('button', { name: 'Abbrechen' }).click();
  });

  it('the counsellor sees the request waiting on "Heute" and in the list', async () => {
    const { page } = counsellor;
    await page.goto(`${cloud.apiUrl}/console/today`);
    const card = page.locator('section', { has: page.getByRole('heading', { level: 2, name: /Erprobungen/ }) });
    await card.getByText('Warten auf die Antwort des Betriebs').waitFor();
    await card.getByRole('link', { name: 'Kaufhaus Rhein GmbH' }).waitFor();
    await card.getByText(/seit heute/).waitFor();
    expect(await seriousViolations(page), 'today').toEqual([]);

    await page.getByRole('navigation').getByRole('link', { name: 'Erprobungen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Erprobungen' }).waitFor();
    await page.getByRole('row', { name: /Kaufhaus Rhein GmbH.*angefragt/ }).waitFor();
    expect(await seriousViolations(page), 'list').toEqual([]);
  });

  it('the employer opens the link from the local inbox on a phone, confirms, and sees the result page', async () => {
    const phone = await newPhonePage(browser);
    try {
      await phone.page.goto(cloud.inboxUrl);
      // The inbox shows each mail's HTML in a frame; the employer's mail carries the link to /p/….
      let href: string | null = null;
      for (let i = 0; i < 50 && !href; i++) {
        for (const f of phone.page.frames()) {
          const a = f.locator(`a[href*="/p/"]`);
          if ((await a.count()) > 0 && (await f.locator('body').textContent())?.includes('Kaufhaus Rhein GmbH')) href = await a.first().getAttribute('href');
        }
        if (!href) await phone.page.waitForTimeout(100);
      }
      expect(href).toMatch(new RegExp(`^${cloud.apiUrl}/p/[A-Za-z0-9_-]{43}$`));
      // The inbox is aws-ses-v2-local's page (its favicon answers 403); from here on it is ours.
      phone.problems.length = 0;
      await phone.page.goto(href!);
      await phone.page.getByRole('heading', { level: 1, name: /Betriebliche Erprobung/ }).waitFor();
      expect(await seriousViolations(phone.page), 'employer page').toEqual([]);
      await phone.page.getByRole('button', { name: /Zusagen/ }).click();
      await phone.page.locator('h1', { hasText: 'Vielen Dank' }).waitFor();
      expect(await seriousViolations(phone.page), 'employer result page').toEqual([]);
      await cloud.workflows.idle();
      expect((await placementItem(cloud, placementId))['status']).toBe('confirmed');
      expect(realProblems(phone.problems)).toEqual([]);
    } finally {
      await phone.context.close();
    }
  });

  it('the counsellor sees the placement confirmed: on its page, in the list, on the record, and no longer waiting on "Heute"', async () => {
    const { page, problems } = counsellor;
    await page.goto(`${cloud.apiUrl}/console/placements/${placementId}`);
    await page.getByRole('heading', { level: 1, name: 'Kaufhaus Rhein GmbH' }).waitFor();
    await expect(main(page).locator('.record-head .badge').textContent()).resolves.toBe('zugesagt');
    await page.getByText(/^zugesagt am /).waitFor();
    await page.getByText('Zusage des Betriebs – Team und teilnehmende Person informiert').waitFor();
    // Confirmed, no feedback yet: the outcome can be recorded, the placement cancelled.
    await page.getByRole('button', { name: 'Ergebnis erfassen' }).waitFor();
    await page.getByRole('button', { name: 'Erprobung absagen' }).waitFor();
    expect(await seriousViolations(page), 'confirmed placement').toEqual([]);

    await page.goto(`${cloud.apiUrl}/console/placements?status=confirmed`);
    await page.getByRole('row', { name: /Kaufhaus Rhein GmbH.*zugesagt/ }).waitFor();
    await page.goto(`${cloud.apiUrl}/console/participants/${lea.id}`);
    const onRecord = page.locator('section', { has: page.getByRole('heading', { level: 2, name: 'Erprobungen' }) });
    await onRecord.getByRole('link', { name: 'Kaufhaus Rhein GmbH' }).waitFor();
    await expect(onRecord.locator('.badge').textContent()).resolves.toBe('zugesagt');
    await page.goto(`${cloud.apiUrl}/console/today`);
    await page.getByRole('heading', { level: 2, name: /Erprobungen/ }).waitFor();
    await expect(page.getByText('Warten auf die Antwort des Betriebs').count()).resolves.toBe(0);
    expect(realProblems(problems)).toEqual([]);
  });

  it('sends a new link (the old one then says "ersetzt") and cancels a request; the employer is told', async () => {
    const { page, problems } = counsellor;
    const other = 'kontakt@werkstatt.example.org';
    const id = await requestPlacement(cloud, omar, other, day(0));
    const [oldLink] = await linksTo(cloud, other);
    await page.goto(`${cloud.apiUrl}/console/placements/${id}`);
    await page.getByRole('button', { name: 'Neuen Link senden' }).click();
    await page.getByRole('button', { name: 'Neuen Link senden' }).last().click();
    await page.getByText(`Neuer Link an ${other} gesandt. Frühere Links gelten nicht mehr.`).waitFor();
    await cloud.workflows.idle();
    const links = await linksTo(cloud, other);
    expect(links.length).toBe(2);
    const oldPage = await fetch(`${cloud.apiUrl}/p/${oldLink}`);
    expect(oldPage.status).toBeGreaterThanOrEqual(400);
    expect(await oldPage.text()).toMatch(/ersetzt/i);

    await page.getByRole('button', { name: 'Erprobung absagen' }).click();
    await page.getByLabel('Grund (freiwillig)').fill('Teilnehmer hat eine Stelle gefunden');
    expect(await seriousViolations(page), 'cancel form').toEqual([]);
    await page.getByRole('button', { name: 'Erprobung absagen' }).last().click();
    await page.getByText('Erprobung abgesagt. Der Betrieb wird per E-Mail informiert.').waitFor();
    await expect(main(page).locator('.record-head .badge').textContent()).resolves.toBe('von uns abgesagt');
    await expect(page.getByRole('button', { name: 'Neuen Link senden' }).count()).resolves.toBe(0);
    await cloud.workflows.idle();
    expect((await placementItem(cloud, id))['status']).toBe('cancelled');
    expect(realProblems(problems)).toEqual([]);
  });

  it("another site's placement is not found, and the coordinator has no placement pages", async () => {
    const { page } = counsellor;
    await page.goto(`${cloud.apiUrl}/console/placements/${'f'.repeat(32)}`);
    await page.getByRole('heading', { level: 1, name: 'Erprobung nicht gefunden' }).waitFor();
    expect(await seriousViolations(page), 'not found').toEqual([]);

    const coord = await newPhonePage(browser, { viewport: DESKTOP });
    const urls: string[] = [];
    coord.page.on('request', (r) => urls.push(r.url()));
    try {
      await signIn(coord.page, cloud, 'koordination');
      await expect(coord.page.locator('nav').textContent()).resolves.not.toContain('Erprobungen');
      for (const path of ['/console/placements', `/console/placements/${placementId}`]) {
        await coord.page.goto(`${cloud.apiUrl}${path}`);
        await coord.page.getByRole('heading', { level: 1, name: 'Nicht verfügbar' }).waitFor();
      }
      await coord.page.waitForLoadState('networkidle');
      expect(urls.filter((u) => u.includes('/api/staff/placements'))).toEqual([]);
    } finally {
      await coord.context.close();
    }
  });

  it('on a phone: 48 px touch targets on the list, the placement, "Heute" and the proposal form, and reflow at 320 px', async () => {
    const { page, context } = await newPhonePage(browser);
    try {
      await signIn(page, cloud, 'berater.marxloh', '/console/placements');
      await page.locator('table.placements').waitFor();
      await expectSmallTargetsNone(page, 'phone list');
      await page.goto(`${cloud.apiUrl}/console/placements/${placementId}`);
      await page.getByRole('heading', { level: 1, name: 'Kaufhaus Rhein GmbH' }).waitFor();
      await expectSmallTargetsNone(page, 'phone placement');
      await page.goto(`${cloud.apiUrl}/console/today`);
      await page.getByRole('heading', { level: 2, name: /Erprobungen/ }).waitFor();
      await expectSmallTargetsNone(page, 'phone Heute');
      await page.goto(`${cloud.apiUrl}/console/participants/${omar.id}`);
      await page.getByRole('button', { name: 'Erprobung anfragen' }).click();
      await page.getByLabel('Letzter Tag').waitFor();
      await expectSmallTargetsNone(page, 'phone proposal form');
      await page.setViewportSize({ width: 320, height: 640 });
      for (const [path, loaded] of [
        ['/console/placements', 'table.placements'],
        [`/console/placements/${placementId}`, '.record-head'],
      ] as const) {
        await page.goto(`${cloud.apiUrl}${path}`);
        await page.locator(loaded).waitFor();
        expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(320);
      }
    } finally {
      await context.close();
    }
  });
});
