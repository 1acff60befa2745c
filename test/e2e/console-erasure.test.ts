import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { berlinDate } from '../../functions/domain/working-days.js';
import type { LocalCloud } from '../../local/cloud.js';
import type { Registered } from '../local/console-helpers.js';
import { allItems, startCloud } from '../local/helpers.js';
import { registerIn } from '../local/placement-helpers.js';
import { staffCall } from '../local/recognition-helpers.js';
import { browserTestsEnabled, DESKTOP, launchChromium, newPhonePage, PHONE, seriousViolations } from './browser.js';
import { expectSmallTargetsNone, signIn } from './console-helpers.js';

/**
 * "Löschung" on the participant's page for a lead, in Debian's chromium against a real local
 * cloud: a person who never took part is erased; one who did is restricted, their record answers
 * "not found", and the lead reads it there with a reason. axe-core clean, 48 px targets.
 */
const run = browserTestsEnabled();

let cloud: LocalCloud;
let browser: Browser;
let closeBrowser: () => Promise<void>;
let lead: { page: Page; context: BrowserContext; problems: string[] };
let never: Registered;
let took: Registered;

beforeAll(async () => {
  if (!run) return;
  [cloud, { browser, close: closeBrowser }] = await Promise.all([startCloud(), launchChromium()]);
  never = await registerIn(cloud, { firstName: 'Nora', lastName: 'Nieteilgenommen', lang: 'de', email: 'nora.nie@example.org' });
  took = await registerIn(cloud, { firstName: 'Theo', lastName: 'Teilgenommen', lang: 'tr', email: 'theo.teil@example.org' });
  const version = (await staffCall(cloud, 'GET', `/api/staff/participants/${took.id}`)).body.participant.version;
  expect((await staffCall(cloud, 'POST', `/api/staff/participants/${took.id}/contact`, { version, date: berlinDate(new Date()), channel: 'phone' })).status).toBe(200);
  await cloud.workflows.idle();
  lead = await newPhonePage(browser, { viewport: DESKTOP });
  await signIn(lead.page, cloud, 'leitung.marxloh');
});
afterAll(async () => {
  await lead?.context.close();
  await closeBrowser?.();
  await cloud?.stop();
});

async function erase(page: Page, id: string): Promise<string> {
  await page.goto(`${cloud.apiUrl}/console/participants/${id}`);
  await page.getByRole('heading', { level: 2, name: 'Löschung' }).waitFor();
  expect(await seriousViolations(page), 'participant page with the Löschung section').toEqual([]);
  // Without a reason: said at the field, nothing sent.
  await page.getByRole('button', { name: 'Löschung ausführen' }).click();
  await page.getByText('Bitte wählen Sie einen Grund.').waitFor();
  await page.getByLabel('Grund').selectOption('data_subject_request');
  await page.getByLabel('Ich habe die Anfrage und die Identität der Person geprüft.').check();
  // A double click still sends one request.
  await page.getByRole('button', { name: 'Löschung ausführen' }).dblclick();
  const status = page.locator('#erasure-title ~ [role="status"] p');
  await status.waitFor();
  return status.innerText();
}

describe.runIf(run)('Löschung in the console', () => {
  it('erases a person who never took part', async () => {
    expect(await erase(lead.page, never.id)).toContain('Gelöscht');
    // The double click sent one request: one erasure, recorded once.
    expect((await allItems(cloud)).filter((i) => i.type === 'SiteAudit' && i.action === 'participant.erased')).toHaveLength(1);
    expect((await staffCall(cloud, 'GET', `/api/staff/participants/${never.id}`, undefined, 'leitung.marxloh')).status).toBe(404);
    expect(lead.problems).toEqual([]);
  });

  it('restricts one who took part, whose record a lead then reads with a reason', async () => {
    expect(await erase(lead.page, took.id)).toContain('Eingeschränkt');
    const { page } = lead;
    await page.goto(`${cloud.apiUrl}/console/participants/${took.id}`);
    await page.getByRole('heading', { level: 1, name: 'Akte nicht gefunden' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Eingeschränkte Akte lesen' }).waitFor();
    await page.getByLabel('Grund').selectOption('access_request');
    await page.getByRole('button', { name: 'Mit Begründung lesen' }).click();
    await page.getByText(`Theo Teilgenommen (${took.reference}): eingeschränkt`).waitFor();
    expect(await seriousViolations(page), 'the restricted read').toEqual([]);
    // The record's own 404 is the answer the page expects (the person is restricted); nothing else went wrong.
    expect(lead.problems.filter((p) => !p.includes('status of 404'))).toEqual([]);
  });

  it('its controls are large enough to tap on a phone', async () => {
    const phone = await newPhonePage(browser, { viewport: PHONE });
    await signIn(phone.page, cloud, 'leitung.marxloh');
    await phone.page.goto(`${cloud.apiUrl}/console/participants/${took.id}`);
    await phone.page.getByRole('heading', { level: 2, name: 'Eingeschränkte Akte lesen' }).waitFor();
    await expectSmallTargetsNone(phone.page, 'restricted read on a phone');
    expect(await seriousViolations(phone.page), 'restricted read on a phone').toEqual([]);
    await phone.context.close();
  });
});
