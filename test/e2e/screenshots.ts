import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { startCloud } from '../local/helpers.js';
import { CHROMIUM, DESKTOP, INSTALL_HINT, launchChromium, newPhonePage, PHONE } from './browser.js';
import { answers, fillForm, fillStep, openForm } from './form.js';

/**
 * `npm run screenshots`: the intake page in German and Arabic on a phone (390 × 844) and a desktop
 * viewport, against a fresh local cloud, into docs/screenshots/ (shown in the README).
 */
const OUT = resolve(import.meta.dirname, '../../docs/screenshots');

const arabic = answers({ 'person.firstName': 'ليلى', 'person.lastName': 'حداد', 'person.address.city': 'دويسبورغ' });

async function main(): Promise<void> {
  if (!existsSync(CHROMIUM)) throw new Error(INSTALL_HINT);
  mkdirSync(OUT, { recursive: true });
  const cloud = await startCloud();
  const { browser, close } = await launchChromium();
  const shot = async (page: Page, name: string) => {
    await page.screenshot({ path: join(OUT, `${name}.png`), animations: 'disabled' });
    console.log(`docs/screenshots/${name}.png`);
  };
  const blur = (page: Page) => page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  try {
    for (const lang of ['de', 'ar'] as const) {
      const values = lang === 'ar' ? arabic : answers();
      const localeOf = lang === 'ar' ? 'ar' : 'de-DE';

      // Phone: the second step with answers typed.
      const phone = await newPhonePage(browser, { locale: localeOf, viewport: PHONE, scale: 2 });
      await openForm(phone.page, `${cloud.apiUrl}/?lang=${lang}`);
      await fillStep(phone.page, values);
      await phone.page.locator('#next').click();
      await fillStep(phone.page, values);
      await blur(phone.page);
      await phone.page.evaluate(() => window.scrollTo(0, 0));
      await shot(phone.page, `intake-${lang}-phone`);
      // Contact with a mistyped e-mail: the error summary and the message at the field.
      await phone.page.locator('#next').click();
      await fillStep(phone.page, { ...values, 'contact.email': 'name@beispiel' });
      await phone.page.locator('#next').click();
      await phone.page.locator('#error-summary:not([hidden])').waitFor();
      await shot(phone.page, `intake-${lang}-phone-error`);
      await phone.page.locator('#f-contact-email').fill(String(values['contact.email']));
      await fillForm(phone.page, values);
      await phone.page.locator('#next').click();
      await phone.page.locator('#reference').waitFor();
      await blur(phone.page);
      await shot(phone.page, `intake-${lang}-phone-success`);
      await phone.context.close();

      // Desktop: the first step as it opens, with the introduction.
      const desktop = await newPhonePage(browser, { locale: localeOf, viewport: DESKTOP });
      await openForm(desktop.page, `${cloud.apiUrl}/?lang=${lang}`);
      await shot(desktop.page, `intake-${lang}-desktop`);
      await desktop.context.close();
    }
  } finally {
    await close();
    await cloud.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
