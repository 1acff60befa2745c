import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalCloud } from '../../local/cloud.js';
import { MESSAGES } from '../../schemas/i18n/messages.js';
import { NOTICE_TEXTS } from '../../schemas/i18n/notice.js';
import { DEMO_SITES } from '../../schemas/sites.js';
import { allItems, startCloud } from '../local/helpers.js';
import { browserTestsEnabled, launchChromium, newPhonePage, seriousViolations } from './browser.js';
import { answers, fillForm, fillStep, openForm } from './form.js';

/**
 * The data notice (/datenschutz) in Debian's chromium against a real local cloud: German and
 * Arabic on a phone, axe-core clean, its stylesheet applied under the page's CSP, and linked
 * from the intake form for the chosen site.
 */
const run = browserTestsEnabled();

let cloud: LocalCloud;
let browser: Browser;
let closeBrowser: () => Promise<void>;

beforeAll(async () => {
  if (!run) return;
  [cloud, { browser, close: closeBrowser }] = await Promise.all([startCloud(), launchChromium()]);
});
afterAll(async () => {
  await closeBrowser?.();
  await cloud?.stop();
});

describe.runIf(run)('data notice in a real browser', () => {
  it.each([
    ['de', 'ltr'],
    ['ar', 'rtl'],
  ] as const)('%s: the complete notice of the site, %s, styled, axe-core clean', async (lang, dir) => {
    const site = DEMO_SITES[0]!;
    const { page, context, problems } = await newPhonePage(browser, { locale: lang === 'ar' ? 'ar-SY' : 'de-DE' });
    try {
      const res = await page.goto(`${cloud.apiUrl}/datenschutz?site=${site.id}&lang=${lang}`);
      expect(res?.status()).toBe(200);
      expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir, getComputedStyle(document.body).direction])).toEqual([lang, dir, dir]);
      const t = NOTICE_TEXTS[lang];
      await expect(page.locator('h1').textContent()).resolves.toBe(t.title);
      const headings = await page.locator('h2').allTextContents();
      expect(headings).toEqual([t.controllerTitle, t.officeTitle, t.dpoTitle, t.purposesTitle, t.recipientsTitle, t.retentionTitle, t.rightsTitle, t.complaintTitle]);
      const body = (await page.locator('main').innerText()).replace(/\s+/g, ' ');
      for (const v of [site.controller.name, site.dpo.email, site.office.phone, 'LDI NRW', t.rights.withdrawal]) expect(body).toContain(v);
      // Numbers and addresses read left to right inside the Arabic page.
      expect(await page.locator('address bdi').first().evaluate((e) => getComputedStyle(e).direction)).toBe('ltr');
      // The stylesheet from our origin applies under the CSP (one column, 48px language links).
      const link = page.locator('.languages a').first();
      expect((await link.boundingBox())!.height).toBeGreaterThanOrEqual(48);
      expect(problems).toEqual([]);
      expect(await seriousViolations(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('switches language on the page and keeps the site', async () => {
    const { page, context } = await newPhonePage(browser);
    try {
      await page.goto(`${cloud.apiUrl}/datenschutz?site=hochfeld&lang=de`);
      await page.locator('.languages a[hreflang="fa"]').click();
      await page.waitForURL(/lang=fa/);
      expect(new URL(page.url()).searchParams.get('site')).toBe('hochfeld');
      expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
      await expect(page.locator('h1').textContent()).resolves.toBe(NOTICE_TEXTS.fa.title);
    } finally {
      await context.close();
    }
  });

  it('is linked from the intake form, for the chosen site in the chosen language', async () => {
    const { page, context } = await newPhonePage(browser);
    try {
      await openForm(page, `${cloud.apiUrl}/?lang=de`);
      await fillForm(page, answers({ site: 'hochfeld' }));
      const link = page.locator('#data-notice-link');
      await expect(link.isVisible()).resolves.toBe(true);
      expect(await link.getAttribute('href')).toBe('/datenschutz?site=hochfeld&lang=de');
      const [notice] = await Promise.all([context.waitForEvent('page'), link.click()]);
      await notice!.waitForLoadState();
      await expect(notice!.locator('h1').textContent()).resolves.toBe(NOTICE_TEXTS.de.title);
      expect(await notice!.locator('main').innerText()).toContain(DEMO_SITES[1]!.controller.name);
    } finally {
      await context.close();
    }
  });

  it('asks the separate Art. 9 consent with the part 2 questions: refused without it at its field, stored with it', async () => {
    const { page, context } = await newPhonePage(browser);
    try {
      await openForm(page, `${cloud.apiUrl}/?lang=de`);
      await fillForm(page, answers({ 'person.lastName': 'Artneuntest', 'contact.email': 'art9@example.org', 'part2.disability': 'yes' }));
      await page.locator('#next[data-role="submit"]').click();
      // The server's field error takes the person back to the part 2 step, at the consent box.
      const message = MESSAGES.de.special_consent_required;
      await page.locator('#step-part2:not([hidden])').waitFor({ timeout: 10_000 });
      await expect(page.locator('#f-consent-specialCategories-error').textContent()).resolves.toBe(message);
      expect(await seriousViolations(page)).toEqual([]);
      await fillStep(page, { 'consent.specialCategories': true });
      await fillForm(page, {});
      await page.locator('#next[data-role="submit"]').click();
      await page.locator('#reference').waitFor({ timeout: 10_000 });
      await cloud.workflows.idle();
      const stored = (await allItems(cloud)).find((i) => i.type === 'Participant' && i.entry.person.lastName === 'Artneuntest');
      expect(stored?.entry.part2.disability).toBe('yes');
      expect(stored?.consent.specialCategories).toEqual({ noticeVersion: stored?.consent.noticeVersion, acceptedAt: stored?.consent.acceptedAt });
    } finally {
      await context.close();
    }
  });
});
