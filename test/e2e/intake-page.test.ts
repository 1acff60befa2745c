import type { Server } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiServer } from '../../local/api-server.js';
import type { LocalCloud } from '../../local/cloud.js';
import { close, listen } from '../../local/listen.js';
import { serveWeb } from '../../local/web-assets.js';
import { MESSAGES } from '../../schemas/i18n/messages.js';
import { FORM_TEXTS } from '../../schemas/i18n/form.js';
import { DATA_NOTICE_VERSION } from '../../schemas/intake.js';
import { LANGUAGES } from '../../schemas/languages.js';
import { allItems, mailsTo, startCloud } from '../local/helpers.js';
import { browserTestsEnabled, DESKTOP, launchChromium, newPhonePage, seriousViolations } from './browser.js';
import { answers, currentStep, fillForm, fillStep, openForm, type Answers } from './form.js';

/**
 * The intake page in Debian's chromium against a real local cloud (dynalite, the mail inbox, the
 * workflow runner, the handler modules): what a participant does on a 390 × 844 phone.
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

const participants = async () => (await allItems(cloud)).filter((i) => i.type === 'Participant');
const participantNamed = async (lastName: string) => (await participants()).filter((p) => p.entry.person.lastName === lastName);

async function submitAndWaitForReference(page: Page): Promise<string> {
  await page.locator('#next[data-role="submit"]').click();
  const reference = (await page.locator('#reference').textContent({ timeout: 10_000 })) ?? '';
  expect(reference).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  return reference;
}

const activeId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');

describe.runIf(run)('intake page in a real browser', () => {
  it('is served at / with the headers CloudFront sets: CSP self only, no inline code', async () => {
    const res = await fetch(`${cloud.apiUrl}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'; style-src 'self'");
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await res.text();
    const script = /<script type="module" src="(\/assets\/intake-[A-Z0-9]+\.js)"><\/script>/.exec(html)?.[1];
    expect(script).toBeDefined();
    const js = await fetch(`${cloud.apiUrl}${script}`);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${cloud.apiUrl}/index.html`)).status).toBe(200);
    expect((await fetch(`${cloud.apiUrl}/assets/nope.js`)).status).toBe(404);
  });

  it('German: filled on a phone and sent; the reference is shown, the participant stored, the mail sent', async () => {
    const { page, context, problems } = await newPhonePage(browser);
    try {
      await openForm(page, `${cloud.apiUrl}/?lang=de`);
      expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['de', 'ltr']);
      expect(await seriousViolations(page)).toEqual([]);

      await fillForm(page, answers({ 'person.lastName': 'Deutschtest', 'contact.email': 'deutsch@example.org' }));
      // The data notice is on screen, in the chosen language, before the consent it asks for.
      await expect(page.locator('#data-notice').textContent()).resolves.toContain(FORM_TEXTS.de.notice.title);
      const reference = await submitAndWaitForReference(page);

      expect(await activeId(page)).toBe('success-title');
      await expect(page.locator('#success-title').textContent()).resolves.toBe(FORM_TEXTS.de.form.successTitle);
      await expect(page.locator('#print').isVisible()).resolves.toBe(true);
      expect(await page.evaluate(() => sessionStorage.length)).toBe(0);

      await cloud.workflows.idle();
      const [p] = await participantNamed('Deutschtest');
      expect(p).toMatchObject({ reference, lang: 'de', site: 'marxloh', consent: { noticeVersion: DATA_NOTICE_VERSION } });
      expect(p?.entry.qualification).toMatchObject({ country: 'PL', year: 2010, documents: ['certificates', 'cv_german'] });
      const mails = await mailsTo(cloud, 'deutsch@example.org');
      expect(mails).toHaveLength(1);
      expect(mails[0]?.subject).toContain(reference);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('Arabic: right to left; a bad e-mail shows the Arabic message at the field and in the summary; axe passes before and after', async () => {
    const { page, context, problems } = await newPhonePage(browser, { locale: 'ar' });
    try {
      await openForm(page, `${cloud.apiUrl}/?lang=ar`);
      expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir, getComputedStyle(document.body).direction])).toEqual([
        'ar',
        'rtl',
        'rtl',
      ]);
      expect(await seriousViolations(page)).toEqual([]);
      await fillStep(page, answers());
      await page.locator('#next').click();
      await page.locator('#step-person:not([hidden])').waitFor();
      // Layout mirrors, not just text: labels start on the right, "next" sits on the left of "back".
      const edges = await page.evaluate(() => {
        const range = document.createRange();
        range.selectNodeContents(document.querySelector('label[for="f-person-firstName"]')!);
        const text = range.getBoundingClientRect();
        const input = document.getElementById('f-person-firstName')!.getBoundingClientRect();
        return { textLeft: text.left, textRight: text.right, inputLeft: input.left, inputRight: input.right };
      });
      expect(Math.abs(edges.textRight - edges.inputRight)).toBeLessThan(2);
      expect(edges.textLeft).toBeGreaterThan(edges.inputLeft + 20);
      const next = await page.locator('#next').boundingBox();
      const back = await page.locator('#back').boundingBox();
      expect(next!.x).toBeLessThan(back!.x);

      await fillStep(page, answers({ 'person.lastName': 'Arabischtest' }));
      await page.locator('#next').click();
      await page.locator('#step-contact:not([hidden])').waitFor();
      await fillStep(page, answers({ 'contact.email': 'name@beispiel', 'contact.phone': '' }));
      await page.locator('#next').click();

      const message = MESSAGES.ar.invalid_email;
      await page.locator('#error-summary:not([hidden])').waitFor();
      expect(await activeId(page)).toBe('error-summary');
      await expect(page.locator('#error-summary a').first().textContent()).resolves.toContain(message);
      await expect(page.locator('#f-contact-email-error').textContent()).resolves.toBe(message);
      await expect(page.locator('#f-contact-email').getAttribute('aria-invalid')).resolves.toBe('true');
      await expect(page.locator('#f-contact-email').getAttribute('aria-describedby')).resolves.toContain('f-contact-email-error');
      expect(await seriousViolations(page)).toEqual([]);

      // The summary's link takes the focus to the field.
      await page.locator('#error-summary a').first().click();
      expect(await activeId(page)).toBe('f-contact-email');
      await page.locator('#f-contact-email').fill('arabisch@example.org');
      await page.locator('#f-contact-email').blur();
      await expect(page.locator('#f-contact-email-error').isHidden()).resolves.toBe(true);

      await fillForm(page, answers({ 'person.lastName': 'Arabischtest', 'contact.email': 'arabisch@example.org', help: ['job_search'] }));
      await submitAndWaitForReference(page);
      await expect(page.locator('#success-title').textContent()).resolves.toBe(FORM_TEXTS.ar.form.successTitle);
      expect(await seriousViolations(page)).toEqual([]);
      await cloud.workflows.idle();
      const [p] = await participantNamed('Arabischtest');
      expect(p).toMatchObject({ lang: 'ar' });
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('Ukrainian: chosen from the browser language, filled and sent with the keyboard only', async () => {
    const { page, context, problems } = await newPhonePage(browser, { locale: 'uk-UA' });
    try {
      await openForm(page, `${cloud.apiUrl}/`);
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('uk');
      expect(new URL(page.url()).searchParams.get('lang')).toBe('uk');

      const values = answers({ 'person.lastName': 'Tastatur', 'contact.email': 'tastatur@example.org', help: ['counselling', 'digital_skills'] });
      await keyboardFill(page, values);
      // The last step: the data notice, then the consent box, then send with Enter.
      await tabTo(page, '#next');
      await page.keyboard.press('Enter');
      await page.locator('#reference').waitFor({ timeout: 10_000 });
      expect(await activeId(page)).toBe('success-title');
      await expect(page.locator('#success-title').textContent()).resolves.toBe(FORM_TEXTS.uk.form.successTitle);

      await cloud.workflows.idle();
      const [p] = await participantNamed('Tastatur');
      expect(p).toMatchObject({ lang: 'uk' });
      expect(p?.entry.help).toEqual(['counselling', 'digital_skills']);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('a double click on send makes one request and one participant', async () => {
    const { page, context } = await newPhonePage(browser);
    try {
      await openForm(page, `${cloud.apiUrl}/?lang=de`);
      await fillForm(page, answers({ 'person.lastName': 'Doppelklick', 'contact.email': 'doppel@example.org' }));
      const posts: string[] = [];
      page.on('request', (r) => {
        if (r.method() === 'POST' && r.url().endsWith('/api/intake')) posts.push(r.headers()['idempotency-key'] ?? '');
      });
      await page.locator('#next').dblclick();
      await page.locator('#reference').waitFor({ timeout: 10_000 });
      expect(posts).toHaveLength(1);
      expect(posts[0]).toMatch(/^[0-9a-f-]{36}$/);
      await cloud.workflows.idle();
      expect(await participantNamed('Doppelklick')).toHaveLength(1);
    } finally {
      await context.close();
    }
  });

  it("shows the server's field errors at the field and in the summary; answers survive a reload", async () => {
    const { page, context, problems } = await newPhonePage(browser);
    try {
      await openForm(page, `${cloud.apiUrl}/?lang=de`);
      const tooYoung = new Date(Date.now() - 10 * 365 * 864e5).toISOString().slice(0, 10);
      await fillForm(page, answers({ 'person.lastName': 'Servertest', 'person.dateOfBirth': tooYoung, 'contact.email': 'server@example.org' }));
      await page.locator('#next').click();

      // Only the server knows the age rule: its 400 opens the step with the field and lists the error.
      await page.locator('#error-summary:not([hidden])').waitFor();
      expect(await currentStep(page)).toBe('person');
      expect(await activeId(page)).toBe('error-summary');
      const message = MESSAGES.de.age_out_of_range.replace('{min}', '15').replace('{max}', '99');
      await expect(page.locator('#f-person-dateOfBirth-error').textContent()).resolves.toBe(message);
      await expect(page.locator('#error-summary').textContent()).resolves.toContain(message);
      expect(await seriousViolations(page)).toEqual([]);

      // A slip (reload) loses nothing: answers and step come back from sessionStorage.
      await page.reload();
      await page.locator('#intake').waitFor();
      expect(await currentStep(page)).toBe('person');
      await expect(page.locator('#f-person-lastName').inputValue()).resolves.toBe('Servertest');
      await fillForm(page, answers({ 'person.lastName': 'Servertest', 'contact.email': 'server@example.org' }));
      await submitAndWaitForReference(page);
      await cloud.workflows.idle();
      expect(await participantNamed('Servertest')).toHaveLength(1);
      expect(problems.filter((p) => !p.includes('400'))).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('a network failure is a friendly retry message, and the retry sends the same Idempotency-Key', async () => {
    const { page, context } = await newPhonePage(browser);
    try {
      await openForm(page, `${cloud.apiUrl}/?lang=de`);
      await fillForm(page, answers({ 'person.lastName': 'Funkloch', 'contact.email': 'funkloch@example.org' }));
      const keys: string[] = [];
      page.on('request', (r) => {
        if (r.method() === 'POST' && r.url().endsWith('/api/intake')) keys.push(r.headers()['idempotency-key'] ?? '');
      });
      await page.route('**/api/intake', (route) => route.abort('internetdisconnected'), { times: 1 });
      await page.locator('#next').click();
      await page.locator('#send-problem:not([hidden])').waitFor();
      await expect(page.locator('#send-problem').textContent()).resolves.toContain(FORM_TEXTS.de.form.networkError);
      expect(await activeId(page)).toBe('retry');
      await page.locator('#retry').click();
      await page.locator('#reference').waitFor({ timeout: 10_000 });
      expect(keys).toHaveLength(2);
      expect(keys[1]).toBe(keys[0]);
      await cloud.workflows.idle();
      expect(await participantNamed('Funkloch')).toHaveLength(1);
    } finally {
      await context.close();
    }
  });

  it('429 (too many requests) is a friendly retry message', async () => {
    // The page and the real intake handler behind a limiter of one request per minute.
    const server: Server = createApiServer({ rateLimitPerMinute: 1, fallback: serveWeb });
    const port = await listen(server, 0, '127.0.0.1', 'PORT');
    const { page, context } = await newPhonePage(browser);
    try {
      const bot = await fetch(`http://127.0.0.1:${port}/api/intake`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ website: 'bot' }),
      });
      expect(bot.status).toBe(202); // the one request of this minute
      await openForm(page, `http://127.0.0.1:${port}/?lang=tr`);
      await fillForm(page, answers({ 'person.lastName': 'Limit' }));
      await page.locator('#next').click();
      await page.locator('#send-problem:not([hidden])').waitFor();
      await expect(page.locator('#send-problem').textContent()).resolves.toContain(FORM_TEXTS.tr.form.rateLimited);
      await expect(page.locator('#retry').textContent()).resolves.toBe(FORM_TEXTS.tr.form.retry);
      await expect(page.locator('#next').isEnabled()).resolves.toBe(true);
    } finally {
      await context.close();
      await close(server);
    }
  });

  it('switches between all ten languages keeping the answers; Farsi is right to left', async () => {
    const { page, context, problems } = await newPhonePage(browser);
    try {
      await openForm(page, `${cloud.apiUrl}/?lang=de`);
      await fillStep(page, answers());
      await page.locator('#next').click();
      await page.locator('#f-person-firstName').fill('Behalten');
      for (const { code, dir } of LANGUAGES) {
        await page.locator('#language').selectOption(code);
        await page.waitForFunction((c) => document.documentElement.lang === c && document.querySelector('h1')?.textContent !== '', code);
        await expect(page.locator('h1').textContent()).resolves.toBe(FORM_TEXTS[code].form.title);
        expect(await page.evaluate(() => document.documentElement.dir)).toBe(dir);
        expect(await page.locator('#language option:checked').textContent()).toBe(LANGUAGES.find((l) => l.code === code)!.name);
        expect(await currentStep(page)).toBe('person');
        await expect(page.locator('#f-person-firstName').inputValue()).resolves.toBe('Behalten');
        expect(new URL(page.url()).searchParams.get('lang')).toBe(code);
      }
      await page.locator('#language').selectOption('fa');
      await page.waitForFunction(() => document.documentElement.lang === 'fa');
      expect(await page.evaluate(() => getComputedStyle(document.querySelector('.step')!).direction)).toBe('rtl');
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('reflows at 320 px (400 % zoom) and 640 px (200 % zoom of a desktop): nothing scrolls sideways, in German and Arabic', async () => {
    const viewports = [
      { width: 320, height: 640 },
      { width: DESKTOP.width / 2, height: DESKTOP.height / 2 },
    ];
    const cases = (['de', 'ar'] as const).flatMap((lang) => viewports.map((viewport) => ({ lang, viewport })));
    await Promise.all(
      cases.map(async ({ lang, viewport }) => {
        const { page, context } = await newPhonePage(browser, { viewport });
        try {
          await openForm(page, `${cloud.apiUrl}/?lang=${lang}`);
          // Site, person (the longest labels), contact with an error summary.
          for (let step = 0; step < 3; step++) {
            await fillStep(page, answers({ 'contact.email': 'kein-at-zeichen' }));
            await page.locator('#next').click();
            const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
            expect(overflow, `${lang} ${viewport.width}px step ${step + 1}`).toBeLessThanOrEqual(0);
          }
          await expect(page.locator('#error-summary').isVisible()).resolves.toBe(true);
        } finally {
          await context.close();
        }
      }),
    );
  });

  it('keeps the honeypot away from people: hidden, out of the tab order, never filled', async () => {
    const { page, context } = await newPhonePage(browser);
    try {
      await openForm(page, `${cloud.apiUrl}/?lang=de`);
      const honeypot = page.locator('#f-website');
      expect(await honeypot.getAttribute('tabindex')).toBe('-1');
      expect(await honeypot.getAttribute('autocomplete')).toBe('off');
      expect(await page.locator('.honeypot').getAttribute('aria-hidden')).toBe('true');
      const box = await page.locator('.honeypot').boundingBox();
      expect((box?.width ?? 0) * (box?.height ?? 0)).toBeLessThanOrEqual(1);
      // Tab from the language switch through the first step never lands on it.
      for (let i = 0; i < 8; i++) {
        await page.keyboard.press('Tab');
        expect(await activeId(page)).not.toBe('f-website');
      }
      await expect(honeypot.inputValue()).resolves.toBe('');
    } finally {
      await context.close();
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Keyboard only

/** Presses Tab until the focus is on `selector` (at most 60 times). */
async function tabTo(page: Page, selector: string): Promise<void> {
  for (let i = 0; i < 60; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** A date typed into <input type="date"> in the order its segments show (it follows the browser's own locale). */
async function typeDate(page: Page, selector: string, iso: string): Promise<void> {
  const [y, m, d] = iso.split('-') as [string, string, string];
  for (const order of [m + d + y, d + m + y, y + m + d]) {
    await page.keyboard.type(order);
    if ((await page.locator(selector).inputValue()) === iso) return;
    await page.locator(selector).evaluate((el) => ((el as HTMLInputElement).value = '')); // harness only: try the next order
  }
  throw new Error(`could not type ${iso}`);
}

/** Every step by keyboard: Tab to each control, type, Space for boxes, arrows for radios, Enter for "next". */
async function keyboardFill(page: Page, values: Answers): Promise<void> {
  for (let i = 0; i < 12; i++) {
    const step = await currentStep(page);
    const fields = await page
      .locator('.step:not([hidden]) [data-path]')
      .evaluateAll((els) => els.map((e) => ({ path: (e as HTMLElement).dataset['path']!, tag: e.tagName.toLowerCase(), cls: e.className })));
    for (const { path, cls } of fields) {
      const value = values[path];
      if (value === undefined) continue;
      const name = `[name="${path}"]`;
      if (Array.isArray(value)) {
        for (const v of value) {
          await tabTo(page, `${name}[value="${v}"]`);
          await page.keyboard.press('Space');
        }
      } else if (typeof value === 'boolean') {
        await tabTo(page, name);
        if (value) await page.keyboard.press('Space');
      } else if (cls.includes('field--radio')) {
        await tabTo(page, name);
        await page.keyboard.press('Space'); // selects the focused (first) option
        for (let k = 0; k < 10 && !(await page.locator(`${name}[value="${value}"]`).isChecked()); k++) await page.keyboard.press('ArrowDown');
      } else if (cls.includes('field--date')) {
        await tabTo(page, name);
        await typeDate(page, name, value);
      } else if (cls.includes('field--select')) {
        await tabTo(page, name);
        const label = await page.locator(`${name} option[value="${value}"]`).textContent();
        await page.keyboard.type(label ?? '');
      } else {
        await tabTo(page, name);
        await page.keyboard.type(value);
      }
    }
    if ((await page.locator('#next').getAttribute('data-role')) === 'submit') return;
    // Enter in a text field sends the form, which on a step means "next"; elsewhere Tab to the button.
    await tabTo(page, '#next');
    await page.keyboard.press('Enter');
    await page.waitForFunction((id) => document.querySelector('.step:not([hidden])')?.getAttribute('data-section') !== id, step, { timeout: 5000 });
    // The new step's heading has the focus: Tab goes on from there.
    expect(await activeId(page)).toBe(`step-${await currentStep(page)}-title`);
  }
  throw new Error('the form has no last step');
}
