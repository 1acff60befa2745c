import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { LocalCloud } from '../../local/cloud.js';
import { validIntake } from '../fixtures.js';
import { addCalendarDays, berlinDate } from '../../functions/domain/working-days.js';
import { allItems, mailsTo, postJson, startCloud } from '../local/helpers.js';
import { openCase, record, setDocuments, staffCall } from '../local/recognition-helpers.js';
import { staffApi } from '../local/console-helpers.js';
import { enter, live, type Exit, type Person } from '../local/figures-helpers.js';
import { CHROMIUM, DESKTOP, INSTALL_HINT, launchChromium, newPhonePage, PHONE } from './browser.js';
import { signIn, teamNotices } from './console-helpers.js';
import { answers, fillForm, fillStep, openForm } from './form.js';

/**
 * `npm run screenshots`: the intake page in German and Arabic, and the staff console's pages, on a
 * phone (390 × 844) and a desktop (1280 × 900) viewport, against a fresh local cloud with the demo
 * data, into docs/screenshots/ (shown in the README). `npm run screenshots -- recognition` takes
 * only the recognition pages, `npm run screenshots -- figures` only the figures and the exit form
 * (last in a full run: it moves the cloud's clock on by five quarters).
 */
const ONLY = process.argv[2];
const OUT = resolve(import.meta.dirname, '../../docs/screenshots');

const arabic = answers({ 'person.firstName': 'ليلى', 'person.lastName': 'حداد', 'person.address.city': 'دويسبورغ' });

async function main(): Promise<void> {
  if (!existsSync(CHROMIUM)) throw new Error(INSTALL_HINT);
  mkdirSync(OUT, { recursive: true });
  const cloud = await startCloud({ seed: true });
  const { browser, close } = await launchChromium();
  const shot = async (page: Page, name: string) => {
    await page.screenshot({ path: join(OUT, `${name}.png`), animations: 'disabled' });
    console.log(`docs/screenshots/${name}.png`);
  };
  const blur = (page: Page) => page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  try {
    if (ONLY === 'recognition') return await recognitionShots(cloud, browser, shot, blur);
    if (ONLY === 'figures') return await figuresShots(cloud, browser, shot, blur);
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
    await consoleShots(cloud, browser, shot, blur);
    await placementShots(cloud, browser, shot, blur);
    await recognitionShots(cloud, browser, shot, blur);
    await figuresShots(cloud, browser, shot, blur);
  } finally {
    await close();
    await cloud.stop();
  }
}

type Shot = (page: Page, name: string) => Promise<void>;

/** The console: sign-in, list, record, the contact form, a version conflict, the timeline after a contact, not found, the figures. */
async function consoleShots(cloud: LocalCloud, browser: Browser, shot: Shot, blur: (page: Page) => Promise<void>): Promise<void> {
  // Erika registers a second time with another phone number: the list and the record show the duplicate.
  const again = validIntake();
  Object.assign(again.person, { firstName: 'Erika', lastName: 'Beispiel', dateOfBirth: '1979-04-12' });
  again.person.address.postcode = '47169';
  again.site = 'marxloh';
  again.contact = { email: 'beispiel@example.org', phone: '0170 1234567' };
  await postJson(cloud, '/api/intake', again);
  await cloud.workflows.idle();
  const recordOf: Record<string, { link: string }> = {};
  for (const p of (await allItems(cloud)).filter((i) => i.type === 'Participant'))
    recordOf[p.entry.person.lastName] = { link: `${cloud.apiUrl}/console/participants/${p.id}` };
  const [sami, ayse, erika] = [recordOf['مثال'], recordOf['Örnek'], recordOf['Beispiel']];
  const hochfeld = (await teamNotices(cloud, 'hochfeld'))[0]!;

  for (const [kind, viewport] of [['desktop', DESKTOP], ['phone', PHONE]] as const) {
    const scale = kind === 'phone' ? 2 : 1;
    const { page, context } = await newPhonePage(browser, { viewport, scale });
    const name = (page_: string) => `console-${page_}-${kind}`;
    const top = () => page.evaluate(() => window.scrollTo(0, 0));
    await page.goto(`${cloud.apiUrl}/console/`);
    await page.getByRole('button', { name: 'Anmelden' }).waitFor();
    await shot(page, name('signin'));

    await signIn(page, cloud, 'berater.marxloh');
    await page.locator('ul.waiting').waitFor(); // "Heute" (shot at the end, when time has moved on)
    await page.goto(`${cloud.apiUrl}/console/participants`);
    await page.locator('table.participants').waitFor();
    await blur(page);
    await shot(page, name('list'));
    await page.getByLabel('Suchen nach Name oder Nummer').fill('erik');
    await page.getByRole('button', { name: 'Suchen', exact: true }).click();
    await page.locator('.list-summary').filter({ hasText: 'Treffer' }).waitFor();
    await blur(page);
    await shot(page, name('search'));
    await page.getByRole('button', { name: 'Suche beenden' }).click();
    if (kind === 'phone') {
      await page.getByRole('button', { name: 'Menü' }).click();
      await shot(page, name('menu'));
      await page.getByRole('button', { name: 'Menü' }).click();
    }

    await page.goto(erika!.link);
    await page.getByRole('heading', { level: 1, name: 'Erika Beispiel' }).waitFor();
    await blur(page);
    await shot(page, name('record'));

    // The contact form, then the same form in a second browser that saw an older version.
    const target = kind === 'desktop' ? sami! : ayse!;
    await page.goto(target.link);
    await page.getByRole('button', { name: 'Erstkontakt erfassen' }).click();
    await page.getByLabel('Telefon').check();
    await page.getByLabel('Notiz').fill('Rückruf am Montag vereinbart, Termin vor Ort');
    await blur(page);
    await page.locator('#actions-title').scrollIntoViewIfNeeded();
    if (kind === 'desktop') await top();
    await shot(page, name('contact'));

    const other = await newPhonePage(browser, { viewport, scale });
    await signIn(other.page, cloud, 'leitung.marxloh', new URL(target.link).pathname);
    await other.page.getByRole('button', { name: 'Abmeldung erfassen' }).click();
    await other.page.getByLabel('nicht erreichbar').check();
    await other.page.getByLabel('Notiz').fill('Dreimal angerufen, keine Antwort');

    await page.getByRole('button', { name: 'Erstkontakt speichern' }).click();
    await page.getByRole('status').filter({ hasText: 'Erstkontakt gespeichert' }).waitFor();
    await blur(page);
    await page.locator('#workflows-title').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await shot(page, name('timeline'));

    await other.page.getByRole('button', { name: 'Abmeldung speichern' }).click();
    await other.page.getByRole('button', { name: 'Neu laden' }).waitFor();
    if (kind === 'desktop') await other.page.evaluate(() => window.scrollTo(0, 0));
    await shot(other.page, name('conflict'));

    // The lead: assign a counsellor, then the transfer's confirmation (not confirmed).
    await other.page.goto((kind === 'desktop' ? erika : ayse)!.link);
    await other.page.getByRole('button', { name: 'Zuweisen' }).click();
    await other.page.getByLabel('berater.marxloh').check();
    await blur(other.page);
    await other.page.locator('#assignee-title').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await shot(other.page, name('assign'));
    await other.page.getByRole('button', { name: 'Zuweisung speichern' }).click();
    await other.page.getByRole('status').filter({ hasText: 'Zugewiesen an' }).waitFor();
    await other.page.getByRole('button', { name: 'An anderen Standort übergeben' }).click();
    await other.page.getByLabel('BIWAQ Hochfeld').check();
    await other.page.getByRole('button', { name: 'Weiter' }).click();
    await other.page.getByRole('button', { name: 'Ja, an BIWAQ Hochfeld übergeben' }).waitFor();
    await blur(other.page);
    await other.page.locator('#actions-title').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await shot(other.page, name('transfer'));
    await other.context.close();

    await page.goto(hochfeld.link);
    await page.getByRole('heading', { level: 1, name: 'Akte nicht gefunden' }).waitFor();
    await shot(page, name('not-found'));
    await context.close();

    const coordinator = await newPhonePage(browser, { viewport, scale });
    await signIn(coordinator.page, cloud, 'koordination');
    await coordinator.page.getByRole('heading', { level: 1, name: 'Zahlen' }).waitFor();
    await blur(coordinator.page);
    await shot(coordinator.page, name('figures'));
    await coordinator.context.close();
  }

  // "Heute" three days on: the reminders have gone out, some people are overdue. The page's clock
  // follows the cloud's (this process's Date does), so the sign-in's tokens are judged alike.
  cloud.clock.advance(3 * 24 * 3600_000);
  await cloud.workflows.idle();
  for (const [kind, viewport] of [['desktop', DESKTOP], ['phone', PHONE]] as const) {
    const { page, context } = await newPhonePage(browser, { viewport, scale: kind === 'phone' ? 2 : 1 });
    await page.clock.install({ time: Date.now() });
    await signIn(page, cloud, 'berater.marxloh');
    await page.locator('ul.waiting').waitFor();
    await blur(page);
    await shot(page, `console-today-${kind}`);
    await context.close();
  }
}

/** Trial placements: the proposal with the cap as typed, the employer's page from the inbox, the placement confirmed, the list. */
async function placementShots(cloud: LocalCloud, browser: Browser, shot: Shot, blur: (page: Page) => Promise<void>): Promise<void> {
  const ayse = (await allItems(cloud)).find((i) => i.type === 'Participant' && i.entry.person.lastName === 'Örnek')!;
  const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
  for (const [kind, viewport] of [['desktop', DESKTOP], ['phone', PHONE]] as const) {
    const { page, context } = await newPhonePage(browser, { viewport, scale: kind === 'phone' ? 2 : 1 });
    await signIn(page, cloud, 'berater.marxloh', `/console/participants/${ayse.id}`);
    await page.getByRole('button', { name: 'Erprobung anfragen' }).click();
    await page.getByLabel('Name des Betriebs').fill('Kaufhaus Rhein GmbH');
    await page.getByLabel('Erster Tag').fill(day(7));
    await page.getByLabel('Letzter Tag').fill(day(7 + 49));
    await page.getByText('so wären es 50').waitFor();
    await blur(page);
    await page.locator('#proposal-endDate').evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await shot(page, `console-placement-proposal-${kind}`);
    await context.close();
  }

  // The demo placement (local/seed.ts): its employer opens the link on a phone and confirms.
  const mail = (await mailsTo(cloud, 'korn@baeckerei.example.org'))[0]!;
  const link = /https?:\/\/\S+\/p\/[A-Za-z0-9_-]{43}/.exec(mail.body.text ?? '')![0];
  const phone = await newPhonePage(browser, { viewport: PHONE, scale: 2 });
  await phone.page.goto(link);
  await shot(phone.page, 'employer-request-phone');
  await phone.page.getByRole('button', { name: /Zusagen/ }).click();
  await phone.page.locator('h1', { hasText: 'Vielen Dank' }).waitFor();
  await shot(phone.page, 'employer-confirmed-phone');
  await phone.context.close();
  await cloud.workflows.idle();

  for (const [kind, viewport] of [['desktop', DESKTOP], ['phone', PHONE]] as const) {
    const { page, context } = await newPhonePage(browser, { viewport, scale: kind === 'phone' ? 2 : 1 });
    await signIn(page, cloud, 'berater.marxloh', '/console/placements');
    await page.locator('table.placements').waitFor();
    await blur(page);
    await shot(page, `console-placements-${kind}`);
    await page.getByRole('link', { name: 'Bäckerei Korn GmbH' }).first().click();
    await page.getByText('Zusage des Betriebs').waitFor();
    await blur(page);
    await shot(page, `console-placement-${kind}`);
    await context.close();
  }
}

/** Recognition cases: the list with an overdue receipt, a case whose decision deadline a request for documents moved, its facts. */
async function recognitionShots(cloud: LocalCloud, browser: Browser, shot: Shot, blur: (page: Page) => Promise<void>): Promise<void> {
  const people = (await allItems(cloud)).filter((i) => i.type === 'Participant' && i.site === 'marxloh');
  const byName = (last: string) => people.find((p) => p.entry.person.lastName === last)!;
  const day = (n: number) => addCalendarDays(berlinDate(new Date()), n);
  const sami = byName('مثال');
  const id = await openCase(cloud, sami.id, {
    qualification: { country: 'SY', title: 'شهادة التمريض', profession: 'Pflegefachkraft', year: 2015 },
    regulated: true,
    competentBody: 'bezirksregierung',
    referenceProfession: 'Pflegefachfrau / Pflegefachmann',
    payer: 'anerkennungszuschuss',
    grantAppliedOn: day(-35),
  });
  await setDocuments(cloud, id, [
    { kind: 'cv_german', state: 'submitted', date: day(-41) },
    { kind: 'id_document', state: 'submitted', date: day(-41) },
    { kind: 'certificates', state: 'submitted', date: day(-41) },
    { kind: 'translations', state: 'translation_ordered', date: day(-12) },
  ]);
  await record(
    cloud,
    id,
    { type: 'application_received', date: day(-40) },
    { type: 'receipt_confirmed', date: day(-30), missingDocuments: ['Beglaubigte Übersetzung des Diploms'] },
    { type: 'documents_complete', date: day(-20) },
    { type: 'documents_requested', date: day(-10), periodEnds: day(4) },
  );
  const { version } = (await staffCall(cloud, 'GET', `/api/staff/recognition-cases/${id}`)).body.case;
  await staffCall(cloud, 'POST', `/api/staff/recognition-cases/${id}/costs`, { version, date: day(-38), kind: 'translation', amountCents: 18950, note: 'Übersetzungsbüro Rhein' });
  const late = await openCase(cloud, byName('Örnek').id, { qualification: { country: 'TR', title: 'Elektrik Teknisyeni', profession: 'Elektroniker', year: 2009 }, competentBody: 'hwk' });
  await record(cloud, late, { type: 'application_received', date: day(-45) });
  const erika = byName('Beispiel');
  const full = await openCase(cloud, erika.id, { qualification: { country: 'PL', title: 'Technik handlowiec', profession: 'Kaufmann im Einzelhandel', year: 2004 }, competentBody: 'ihk_fosa' });
  await record(cloud, full, { type: 'application_received', date: day(-120) }, { type: 'receipt_confirmed', date: day(-110) }, { type: 'documents_complete', date: day(-100) }, { type: 'decision', date: day(-5), result: 'full' });

  for (const [kind, viewport] of [['desktop', DESKTOP], ['phone', PHONE]] as const) {
    const { page, context } = await newPhonePage(browser, { viewport, scale: kind === 'phone' ? 2 : 1 });
    await signIn(page, cloud, 'berater.marxloh', '/console/recognition-cases');
    await page.locator('table.recognition-cases').waitFor();
    await blur(page);
    await shot(page, `console-recognition-list-${kind}`);
    await page.goto(`${cloud.apiUrl}/console/recognition-cases/${id}`);
    await page.locator('section.deadline').first().waitFor();
    await blur(page);
    await shot(page, `console-recognition-case-${kind}`);
    await page.locator(kind === 'phone' ? '#deadline-decision-title' : '#facts-title').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await shot(page, `console-recognition-deadline-${kind}`);
    await page.getByRole('button', { name: 'Schritt erfassen' }).click();
    await page.getByLabel('Entscheidungsfrist verlängert').check();
    await blur(page);
    await page.locator('#actions-title').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await shot(page, `console-recognition-fact-${kind}`);
    await page.goto(`${cloud.apiUrl}/console/today`);
    await page.locator('#recognition-today-title').waitFor();
    await blur(page);
    await page.locator('#recognition-today-title').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await shot(page, `console-recognition-today-${kind}`);
    await context.close();
  }
}

/**
 * The figures page (lead: desktop, phone, print; coordinator: desktop) and the exit form, after
 * five quarters of entries through the API, each with first contacts and exits of every kind
 * (the cloud's clock moves on a quarter at a time; the page's clock follows it).
 */
async function figuresShots(cloud: LocalCloud, browser: Browser, shot: Shot, blur: (page: Page) => Promise<void>): Promise<void> {
  const api = staffApi(() => cloud);
  const EXITS: (Exit | undefined)[] = [
    { outcome: 'employment' },
    { outcome: 'training' },
    { outcome: 'improved_prospects', improvedReason: 'language_level' },
    { outcome: 'none' },
    undefined,
    { outcome: 'employment' },
    { outcome: 'improved_prospects', improvedReason: 'qualification_completed' },
    undefined,
  ];
  let n = 0;
  let open: string | undefined;
  for (let quarter = 0; quarter < 5; quarter++) {
    for (const site of ['marxloh', 'hochfeld'] as const) {
      for (let i = 0; i < 4 + ((quarter + i) % 3) + (site === 'marxloh' ? 2 : 0); i++) {
        n++;
        const exit = quarter === 4 && i > 2 ? undefined : EXITS[(n * 3 + quarter) % EXITS.length];
        const p: Person = {
          first: `Person${n}`,
          last: `Quartal${quarter + 1}`,
          site,
          employment: (['unemployed', 'long_term_unemployed', 'unemployed', 'inactive', 'long_term_unemployed'] as const)[n % 5]!,
          migrant: n % 4 === 0 ? 'no' : 'yes',
          dob: `19${70 + (n % 30)}-0${1 + (n % 9)}-1${n % 10}`,
          postcode: site === 'marxloh' ? '47169' : '47053',
          fate: exit ? { exit } : n % 7 === 0 ? 'withdrawn_early' : 'contacted',
        };
        const id = await enter(cloud, p, `figures-shot-${n}`);
        await live(api, id, p, berlinDate(new Date()));
        if (site === 'marxloh' && p.fate === 'contacted') open = id;
      }
    }
    if (quarter < 4) cloud.clock.advance(92 * 24 * 3600_000);
    await cloud.workflows.idle();
  }

  for (const [kind, viewport] of [['desktop', DESKTOP], ['phone', PHONE]] as const) {
    const { page, context } = await newPhonePage(browser, { viewport, scale: kind === 'phone' ? 2 : 1 });
    await page.clock.install({ time: Date.now() });
    await signIn(page, cloud, 'leitung.marxloh', '/console/figures');
    await page.locator('.chart svg').waitFor();
    await blur(page);
    await shot(page, `console-figures-lead-${kind}`);
    if (kind === 'phone') {
      await page.locator('#quarters-title').evaluate((el) => el.scrollIntoView({ block: 'start' }));
      await shot(page, 'console-figures-lead-phone-chart');
    } else {
      // The print layout: A4 at 96 dpi, as the browser prints it.
      await page.setViewportSize({ width: 794, height: 1123 });
      await page.emulateMedia({ media: 'print' });
      await page.waitForTimeout(300); // chartist redraws on the resize
      await page.screenshot({ path: join(OUT, 'console-figures-print.png'), fullPage: true, animations: 'disabled' });
      console.log('docs/screenshots/console-figures-print.png');
      await page.emulateMedia({ media: 'screen' });
      await page.setViewportSize(viewport);
    }
    if (open) {
      await page.goto(`${cloud.apiUrl}/console/participants/${open}`);
      await page.getByRole('button', { name: 'Austritt erfassen' }).click();
      await page.getByLabel('Arbeitsaufnahme').check();
      await page.getByLabel('sozialversicherungspflichtig').check();
      await page.getByLabel('Arbeitgeber').fill('Hafenlogistik Duisburg GmbH');
      await blur(page);
      await page.locator('#actions-title').evaluate((el) => el.scrollIntoView({ block: 'start' }));
      await shot(page, `console-exit-${kind}`);
    }
    await context.close();
  }
  const coordinator = await newPhonePage(browser, { viewport: DESKTOP });
  await coordinator.page.clock.install({ time: Date.now() });
  await signIn(coordinator.page, cloud, 'koordination');
  await coordinator.page.locator('.chart svg').waitFor();
  await blur(coordinator.page);
  await shot(coordinator.page, 'console-figures-coordinator-desktop');
  await coordinator.context.close();
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
