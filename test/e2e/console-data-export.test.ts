import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalCloud } from '../../local/cloud.js';
import type { Registered } from '../local/console-helpers.js';
import { startCloud } from '../local/helpers.js';
import { registerIn } from '../local/placement-helpers.js';
import { browserTestsEnabled, DESKTOP, launchChromium, newPhonePage, PHONE, seriousViolations } from './browser.js';
import { expectSmallTargetsNone, signIn } from './console-helpers.js';

/**
 * "Datenauskunft" on the participant's page, in Debian's chromium against a real local cloud: the
 * counsellor downloads the document in German and in the person's language (Arabic, right to
 * left) and the JSON; the downloaded document itself and the page are axe-core clean.
 */
const run = browserTestsEnabled();

let cloud: LocalCloud;
let browser: Browser;
let closeBrowser: () => Promise<void>;
let counsellor: { page: Page; context: BrowserContext; problems: string[] };
let person: Registered;

beforeAll(async () => {
  if (!run) return;
  [cloud, { browser, close: closeBrowser }] = await Promise.all([startCloud(), launchChromium()]);
  person = await registerIn(cloud, { firstName: 'Samira', lastName: 'Auskunftsfrau', lang: 'ar', email: 'samira.auskunft@example.org' });
  counsellor = await newPhonePage(browser, { viewport: DESKTOP });
  await signIn(counsellor.page, cloud, 'berater.marxloh');
});
afterAll(async () => {
  await counsellor?.context.close();
  await closeBrowser?.();
  await cloud?.stop();
});

async function download(page: Page, button: string): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button, exact: true }).click()]);
  const path = await file.path();
  return { name: file.suggestedFilename(), text: await readFile(path, 'utf8') };
}

describe.runIf(run)('Datenauskunft in the console', () => {
  it('downloads the document in German and in the person\'s language, and the JSON', async () => {
    const { page, problems } = counsellor;
    await page.goto(`${cloud.apiUrl}/console/participants/${person.id}`);
    await page.getByRole('heading', { level: 2, name: 'Datenauskunft' }).waitFor();

    const de = await download(page, 'Datenauskunft');
    expect(de.name).toBe(`datenauskunft-${person.reference}-de.html`);
    expect(de.text).toContain('<html lang="de" dir="ltr">');
    expect(de.text).toContain('<bdi>Auskunftsfrau</bdi>');

    const ar = await download(page, 'Datenauskunft auf Arabisch');
    expect(ar.name).toBe(`datenauskunft-${person.reference}-ar.html`);
    expect(ar.text).toContain('<html lang="ar" dir="rtl">');

    const json = await download(page, 'Daten als JSON');
    expect(json.name).toBe(`datenauskunft-${person.reference}.json`);
    const copy = JSON.parse(json.text);
    expect(copy).toMatchObject({ format: 'biwaq.data-export/1', participantId: person.id, reference: person.reference });
    // Each of the three exports is in the person's audit trail, and in the copy made last.
    expect(copy.items.filter((i: any) => i.kind === 'Audit' && i.attributes.action === 'participant.data_export')).toHaveLength(3);

    expect(await seriousViolations(page), 'participant page with the Datenauskunft section').toEqual([]);
    expect(problems).toEqual([]);

    // The documents as a person reads them: accessible in both directions.
    for (const doc of [de, ar]) {
      const reader = await browser.newPage();
      await reader.setContent(doc.text);
      expect(await seriousViolations(reader), `document ${doc.name}`).toEqual([]);
      await reader.close();
    }
  });

  it('its buttons are large enough to tap on a phone', async () => {
    const phone = await newPhonePage(browser, { viewport: PHONE });
    await signIn(phone.page, cloud, 'berater.marxloh');
    await phone.page.goto(`${cloud.apiUrl}/console/participants/${person.id}`);
    await phone.page.getByRole('heading', { level: 2, name: 'Datenauskunft' }).waitFor();
    await expectSmallTargetsNone(phone.page, 'participant page on a phone');
    expect(await seriousViolations(phone.page), 'participant page on a phone').toEqual([]);
    await phone.context.close();
  });
});
