import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalCloud } from '../../local/cloud.js';
import { register } from '../local/console-helpers.js';
import { startCloud } from '../local/helpers.js';
import { lastLinkTo, placementItem, requestPlacement } from '../local/placement-helpers.js';
import { browserTestsEnabled, launchChromium, newPhonePage, seriousViolations } from './browser.js';

/**
 * The employer's page in Chromium on a phone: no script, the strict CSP without a violation, a
 * real browser's form post accepted (its Origin under Referrer-Policy: no-referrer), the answer
 * recorded once; reflow at 320 px; axe finds nothing serious.
 */
const run = browserTestsEnabled();
let cloud: LocalCloud;
let browser: Browser;
let closeBrowser: () => Promise<void>;
const ids: Record<string, string> = {};

beforeAll(async () => {
  if (!run) return;
  [cloud, { browser, close: closeBrowser }] = await Promise.all([startCloud(), launchChromium()]);
  cloud.clock.advanceTo(Date.parse('2027-03-01T10:00:00+01:00'));
  const person = await register(cloud, { firstName: 'Lea', lastName: 'Browserfrau', site: 'marxloh' });
  for (const k of ['confirm', 'decline']) ids[k] = await requestPlacement(cloud, person, `${k}@firma.example.org`, '2027-03-01', { tasks: 'Kasse, Regale, Kundschaft beraten' });
});
afterAll(async () => {
  await closeBrowser?.();
  await cloud?.stop();
});

describe.runIf(run)("the employer's page in a browser", () => {
  it('confirms with one tap: the browser\'s post is accepted and recorded once', async () => {
    const { page, context, problems } = await newPhonePage(browser);
    const origins: (string | undefined)[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST') origins.push(r.headers()['origin']);
    });
    await page.goto(`${cloud.apiUrl}/p/${await lastLinkTo(cloud, 'confirm@firma.example.org')}`);
    expect(await page.locator('h1').textContent()).toContain('Betriebliche Erprobung');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: /Zusagen/ }).click();
    await page.locator('h1', { hasText: 'Vielen Dank' }).waitFor();
    await cloud.workflows.idle();
    expect(origins).toEqual([cloud.apiUrl]);
    expect((await placementItem(cloud, ids['confirm']!))['status']).toBe('confirmed');
    // Back and tap again: "bereits beantwortet", nothing changes.
    await page.goBack();
    await page.reload();
    expect(await page.locator('h1').textContent()).toContain('Bereits beantwortet');
    // The refusal pages are 4xx answers by design: the browser logs those loads, nothing else.
    expect(problems.filter((p) => !p.includes('status of 409'))).toEqual([]);
    await context.close();
  });

  it('declines with a reason, and reflows at 320 px without sideways scrolling', async () => {
    const { page, context, problems } = await newPhonePage(browser, { viewport: { width: 320, height: 640 } });
    await page.goto(`${cloud.apiUrl}/p/${await lastLinkTo(cloud, 'decline@firma.example.org')}`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await page.getByLabel(/Grund der Absage/).fill('Gerade keine Zeit für eine Anleitung');
    await page.getByRole('button', { name: /Absagen/ }).click();
    await page.locator('h1', { hasText: 'Vielen Dank' }).waitFor();
    await cloud.workflows.idle();
    expect((await placementItem(cloud, ids['decline']!))['answer']).toMatchObject({ decision: 'decline', reason: 'Gerade keine Zeit für eine Anleitung' });
    expect(problems).toEqual([]);
    await context.close();
  });
});
