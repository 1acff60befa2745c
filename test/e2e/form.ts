import type { Page } from 'playwright-core';

/** Filling the intake page the way a person does: step by step, by field name (labels are translated). */

export type Answers = Record<string, string | string[] | boolean>;

export function answers(overrides: Answers = {}): Answers {
  return {
    site: 'marxloh',
    'person.firstName': 'Jana',
    'person.lastName': 'Beispielfrau',
    'person.dateOfBirth': '1987-05-17',
    'person.gender': 'female',
    'person.address.street': 'Weseler Straße 12',
    'person.address.postcode': '47169',
    'person.address.city': 'Duisburg',
    'contact.email': 'jana@example.org',
    'contact.phone': '0203 987654',
    'employment.status': 'unemployed',
    'education.level': 'isced_3_4',
    'part2.thirdCountryNational': 'no',
    help: ['counselling', 'recognition'],
    'qualification.country': 'PL',
    'qualification.profession': 'Bürokauffrau',
    'qualification.year': '2010',
    'qualification.documents': ['certificates', 'cv_german'],
    'consent.accepted': true,
    ...overrides,
  };
}

const byName = (path: string) => `[name="${path}"]`;

/** The section on screen. */
export async function currentStep(page: Page): Promise<string> {
  return page.locator('.step:not([hidden])').getAttribute('data-section') as Promise<string>;
}

/** Answers the fields of the section on screen that `values` has. */
export async function fillStep(page: Page, values: Answers): Promise<void> {
  const paths = await page.locator('.step:not([hidden]) [data-path]').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset['path']!));
  for (const path of paths) {
    const value = values[path];
    if (value === undefined) continue;
    const first = page.locator(byName(path)).first();
    const kind = await first.evaluate((el) => (el instanceof HTMLSelectElement ? 'select' : (el as HTMLInputElement).type));
    if (Array.isArray(value)) {
      for (const box of await page.locator(byName(path)).all()) {
        const want = value.includes((await box.getAttribute('value')) ?? '');
        if (want !== (await box.isChecked())) await box.click();
      }
    } else if (typeof value === 'boolean') {
      if (value !== (await first.isChecked())) await first.click();
    } else if (kind === 'radio') {
      await page.locator(`${byName(path)}[value="${value}"]`).click();
    } else if (kind === 'select') {
      await first.selectOption(value);
    } else {
      await first.fill(value);
    }
  }
}

/** Fills every step and stops on the last one, before sending. */
export async function fillForm(page: Page, values: Answers): Promise<void> {
  for (let i = 0; i < 12; i++) {
    await fillStep(page, values);
    if ((await page.locator('#next').getAttribute('data-role')) === 'submit') return;
    const before = await currentStep(page);
    await page.locator('#next').click();
    await page.waitForFunction((id) => document.querySelector('.step:not([hidden])')?.getAttribute('data-section') !== id, before, { timeout: 5000 });
  }
  throw new Error('the form has no last step');
}

/** Opens the page and waits until the form is on screen. */
export async function openForm(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.locator('#intake').waitFor();
}
