import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../local/auth.js';
import type { LocalCloud } from '../../local/cloud.js';
import { validIntake } from '../fixtures.js';
import { allItems, postJson, startCloud } from '../local/helpers.js';
import { browserTestsEnabled, DESKTOP, launchChromium, newPhonePage, PHONE, seriousViolations } from './browser.js';
import { DEMO_PEOPLE, expectSmallTargetsNone, signIn, teamNotices, type TeamNotice } from './console-helpers.js';

/**
 * The staff console in Debian's chromium against a real local cloud with the demo data: the list
 * and its paging, a record opened from a team mail's link, recording the first contact and a
 * withdrawal (with a stale version in a second browser), server field errors, another site's
 * record, the coordinator who sees no person, keyboard only, the phone layout, axe-core on every
 * page. One cloud and one browser for the file; contexts are shared where the tests allow it.
 */
const run = browserTestsEnabled();

let cloud: LocalCloud;
let browser: Browser;
let closeBrowser: () => Promise<void>;
/** Team notices per site: reference, console link and participant id of every registration. */
let notices: Record<'marxloh' | 'hochfeld', TeamNotice[]>;
/** Participant ids by last name. */
const idOf: Record<string, string> = {};
/** berater.marxloh, signed in once on a desktop viewport. */
let counsellor: { page: Page; context: BrowserContext; problems: string[] };

/** More marxloh registrations than one page holds (25), so the demo people are on the second page. */
const EXTRA = 24;

beforeAll(async () => {
  if (!run) return;
  [cloud, { browser, close: closeBrowser }] = await Promise.all([startCloud({ seed: true }), launchChromium()]);
  for (let i = 0; i < EXTRA; i++) {
    const body = validIntake();
    body.site = 'marxloh';
    body.person.firstName = i === 0 ? 'Tara' : `Person${i}`;
    body.person.lastName = i === 0 ? 'Tastatur' : `Seitenweise${String(i).padStart(2, '0')}`;
    body.contact.email = `extra${i}@example.org`;
    expect((await postJson(cloud, '/api/intake', body)).status).toBe(202);
  }
  await cloud.workflows.idle();
  // Person7 Seitenweise07 registers again, at Hochfeld: one person, one project — the marxloh record shows it.
  const again = validIntake();
  Object.assign(again, { site: 'hochfeld' });
  Object.assign(again.person, { firstName: 'Person7', lastName: 'Seitenweise07' });
  again.contact.email = 'again7@example.org';
  expect((await postJson(cloud, '/api/intake', again)).status).toBe(202);
  await cloud.workflows.idle();
  notices = { marxloh: await teamNotices(cloud, 'marxloh'), hochfeld: await teamNotices(cloud, 'hochfeld') };
  for (const p of (await allItems(cloud)).filter((i) => i.type === 'Participant')) idOf[p.entry.person.lastName] = p.id;
  counsellor = await newPhonePage(browser, { viewport: DESKTOP });
  await signIn(counsellor.page, cloud, 'berater.marxloh');
});
afterAll(async () => {
  await counsellor?.context.close();
  await closeBrowser?.();
  await cloud?.stop();
});

/** The browser logs every 4xx answer as a console error; those are expected here. CSP violations and script errors are not. */
const realProblems = (problems: string[]) => problems.filter((p) => !/Failed to load resource: the server responded with a status of (400|404|409)/.test(p));

const linkTo = (lastName: string) => notices.marxloh.find((n) => n.participantId === idOf[lastName])!;
const main = (page: Page) => page.locator('main');

async function expectAccessible(page: Page, label: string) {
  expect(await seriousViolations(page), label).toEqual([]);
}

/** Presses Tab until the focused element matches, and returns how it looks (for the visible focus). */
async function tabTo(page: Page, matches: (el: { tag: string; text: string; id: string; type: string; name: string }) => boolean, what: string) {
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    const el = await page.evaluate(() => {
      const a = document.activeElement as HTMLElement | null;
      return {
        tag: a?.tagName.toLowerCase() ?? '',
        text: (a?.textContent ?? '').trim(),
        id: a?.id ?? '',
        type: a?.getAttribute('type') ?? '',
        name: a?.getAttribute('name') ?? '',
        focusVisible: !!a?.matches(':focus-visible'),
        outline: a ? getComputedStyle(a).outlineStyle : 'none',
      };
    });
    if (matches(el)) {
      expect(el.focusVisible && el.outline !== 'none', `${what} shows its focus`).toBe(true);
      return el;
    }
  }
  throw new Error(`Tab never reached ${what}`);
}

describe.runIf(run)('the staff console in a real browser', () => {
  it('lists the site\'s participants newest first with German labels, pages with "Weitere laden", and filters by status', async () => {
    const { page, problems } = counsellor;
    await page.goto(`${cloud.apiUrl}/console/`);
    await page.waitForURL(`${cloud.apiUrl}/console/today`); // "Heute" is the start page of a counsellor
    await page.getByRole('heading', { level: 2, name: /Warten auf den Erstkontakt/ }).waitFor();
    await page.getByRole('navigation').getByRole('link', { name: 'Teilnehmende' }).click();
    await page.waitForURL(`${cloud.apiUrl}/console/participants`);
    const rows = page.locator('table.participants tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(25);
    await expect(page.locator('.list-summary').textContent()).resolves.toBe('25 Personen angezeigt, weitere vorhanden.');
    // Newest first: the last extra registration leads; the demo people were registered before them.
    await expect(rows.first().locator('th').textContent()).resolves.toContain('Seitenweise23');
    await expect(main(page).textContent()).resolves.not.toContain('Erika Beispiel');
    await expectAccessible(page, 'list');

    await page.getByRole('button', { name: 'Weitere laden' }).click();
    await page.getByRole('link', { name: 'Erika Beispiel' }).waitFor();
    expect(await rows.count()).toBe(EXTRA + 3);
    await expect(page.getByRole('button', { name: 'Weitere laden' }).count()).resolves.toBe(0);
    const text = (await main(page).textContent())!;
    for (const name of DEMO_PEOPLE.marxloh) expect(text).toContain(name);
    for (const name of DEMO_PEOPLE.hochfeld) expect(text).not.toContain(name);

    // A row: name, reference, status, registered at (German date), help wanted in words.
    const erika = rows.filter({ has: page.getByRole('link', { name: 'Erika Beispiel' }) });
    const erikaText = (await erika.textContent())!;
    expect(erikaText).toContain(linkTo('Beispiel').reference);
    expect(erikaText).toContain('neu');
    expect(erikaText).toMatch(/\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}/);
    expect(erikaText).toContain('Beratung, Arbeitssuche');
    expect(await erika.locator('bdi.ref').getAttribute('dir')).toBe('ltr');
    expect(text).not.toMatch(/job_search|counselling|digital_skills|\bnew\b/);

    // Filter: the choice is in the address, so a reload keeps it.
    await page.getByLabel('kontaktiert').check();
    await page.waitForURL(`${cloud.apiUrl}/console/participants?status=contacted`);
    await page.locator('.list-summary').filter({ hasText: 'Keine Teilnehmenden mit dem Status „kontaktiert“.' }).waitFor(); // nobody contacted yet
    await page.reload();
    await page.locator('.list-summary').filter({ hasText: /\S/ }).waitFor();
    expect(await page.getByLabel('kontaktiert').isChecked()).toBe(true);
    await expectAccessible(page, 'list, filtered');
    await page.getByLabel('alle', { exact: true }).check();
    await page.waitForURL(`${cloud.apiUrl}/console/participants`);
    expect(realProblems(problems)).toEqual([]);
  });

  it('finds a participant by a reference typed in lower case without the dash, and by the start of a name', async () => {
    const { page, problems } = counsellor;
    await page.goto(`${cloud.apiUrl}/console/participants`);
    await page.locator('table.participants').waitFor();
    const erika = linkTo('Beispiel');
    const typed = erika.reference.toLowerCase().replace('-', '');
    await page.getByLabel('Suchen nach Name oder Nummer').fill(typed);
    await page.getByRole('button', { name: 'Suchen', exact: true }).click();
    const summary = page.locator('.list-summary');
    await summary.filter({ hasText: `1 Treffer für „${typed}“ (Nummer).` }).waitFor();
    const rows = page.locator('table.participants tbody tr');
    expect(await rows.count()).toBe(1);
    await expect(rows.first().textContent()).resolves.toContain('Erika Beispiel');
    await expectAccessible(page, 'search by reference');
    // The search text stays out of the address (it may be a name).
    expect(page.url()).toBe(`${cloud.apiUrl}/console/participants`);

    await page.getByLabel('Suchen nach Name oder Nummer').fill('erik');
    await page.getByLabel('Suchen nach Name oder Nummer').press('Enter');
    await summary.filter({ hasText: '1 Treffer für „erik“.' }).waitFor();
    await expect(rows.first().textContent()).resolves.toContain('Erika Beispiel');

    // Another site's reference finds no one.
    await page.getByLabel('Suchen nach Name oder Nummer').fill(notices.hochfeld[0]!.reference);
    await page.getByRole('button', { name: 'Suchen', exact: true }).click();
    await summary.filter({ hasText: 'Niemand gefunden' }).waitFor();

    // Back from a record, the results are still there; "Suche beenden" returns to the list.
    await page.getByLabel('Suchen nach Name oder Nummer').fill('Tastatur');
    await page.getByRole('button', { name: 'Suchen', exact: true }).click();
    await page.getByRole('link', { name: 'Tara Tastatur' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tara Tastatur' }).waitFor();
    await page.goBack();
    await page.getByRole('link', { name: 'Tara Tastatur' }).waitFor();
    await expect(page.getByLabel('Suchen nach Name oder Nummer').inputValue()).resolves.toBe('Tastatur');
    await page.getByRole('button', { name: 'Suche beenden' }).click();
    await page.getByRole('button', { name: 'Weitere laden' }).waitFor();
    expect(realProblems(problems)).toEqual([]);
  });

  it('opens a record from the team mail\'s link: entry data in German, the audit trail in words, the workflow as a timeline', async () => {
    const { page, problems } = counsellor;
    const notice = linkTo('Beispiel');
    expect(notice.link).toBe(`${cloud.apiUrl}/console/participants/${notice.participantId}`);
    await page.goto(notice.link);
    await page.getByRole('heading', { level: 1, name: 'Erika Beispiel' }).waitFor();
    const text = (await main(page).textContent())!;
    for (const label of ['weiblich', 'langzeitarbeitslos (mehr als 12 Monate)', 'Abitur, Fachabitur oder Berufsausbildung (ISCED 3–4)', 'Beratung', 'Arbeitssuche', '12.04.1979', 'Deutsch'])
      expect(text, label).toContain(label);
    expect(text).toContain(notice.reference);
    expect(text).not.toMatch(/isced_|long_term_unemployed|female|job_search|counselling|no_answer/);
    expect(text).toMatch(/Gelesen von Beratung \(ID [0-9a-f]{8}, Sie\) am \d{1,2}\. \S+ \d{4} um \d{2}:\d{2}/);

    // The timeline: what happened, where it stands, what comes next and when (24:00 of the last day, as the mails say).
    const timeline = page.locator('.workflow');
    const tl = (await timeline.textContent())!;
    for (const step of ['Ablauf gestartet', 'Anmeldung registriert', 'Team über die neue Anmeldung informiert', 'Fristen für den Erstkontakt gesetzt'])
      expect(tl, step).toContain(step);
    expect(tl).toContain('JetztWartet auf den Erstkontakt; sonst Erinnerung an das Team');
    expect(tl).toMatch(/Als NächstesErinnerung an das Team am (Mo|Di|Mi|Do|Fr)\., \d{1,2}\. \S+, 24:00, falls kein Erstkontakt/);

    // Part 2 (special categories) is folded away until asked for.
    expect(await page.getByText('keine Angabe').first().isVisible()).toBe(false);
    await page.getByText('Freiwillige Angaben (Teil 2, besonders geschützt)').click();
    expect(await page.getByText('keine Angabe').first().isVisible()).toBe(true);
    await expectAccessible(page, 'record');
    expect(realProblems(problems)).toEqual([]);
  });

  it('records the first contact: one request per double click, the record reloads and the timeline shows the change', async () => {
    const { page, problems } = counsellor;
    const contactCalls: Request[] = [];
    const watch = (r: Request) => {
      if (r.method() === 'POST' && r.url().endsWith('/contact')) contactCalls.push(r);
    };
    page.on('request', watch);
    try {
      await page.goto(linkTo('Beispiel').link);
      await page.getByRole('button', { name: 'Erstkontakt erfassen' }).click();
      const form = page.locator('form.action-form');
      await expect(page.getByLabel('Datum des Erstkontakts').inputValue()).resolves.toMatch(/^\d{4}-\d{2}-\d{2}$/); // today
      // Nothing chosen: the page says so at the field and sends nothing.
      await page.getByRole('button', { name: 'Erstkontakt speichern' }).click();
      await expect(form.locator('.field__error').textContent()).resolves.toContain('Bitte wählen Sie, wie der Kontakt war.');
      expect(contactCalls).toHaveLength(0);
      await expectAccessible(page, 'contact form with an error');

      await page.getByLabel('Telefon').check();
      await page.getByLabel('Notiz').fill('Rückruf am Montag vereinbart');
      await page.getByRole('button', { name: 'Erstkontakt speichern' }).dblclick();
      await page.getByRole('status').filter({ hasText: 'Erstkontakt gespeichert (Telefon).' }).waitFor();
      expect(contactCalls).toHaveLength(1);
      expect(JSON.parse(contactCalls[0]!.postData()!)).toMatchObject({ version: expect.any(Number), channel: 'phone', note: 'Rückruf am Montag vereinbart' });

      await expect(page.locator('.record-head .badge').textContent()).resolves.toBe('kontaktiert');
      const tl = (await page.locator('.workflow').textContent())!;
      expect(tl).toMatch(/Erstkontakt erfasst: am \d{1,2}\. \S+ \d{4}, Telefon/);
      expect(tl).toContain('Ablauf beendet (Erstkontakt erfasst oder abgemeldet)');
      expect(tl).not.toContain('Als Nächstes');
      await expect(page.locator('.audit').textContent()).resolves.toMatch(/Erstkontakt erfasst von Beratung \(ID [0-9a-f]{8}, Sie\)/);
      await expect(page.getByRole('button', { name: 'Erstkontakt erfassen' }).count()).resolves.toBe(0);
      await expectAccessible(page, 'record after the contact');
      expect(realProblems(problems)).toEqual([]);
    } finally {
      page.off('request', watch);
    }
  });

  it('a second browser with a stale version gets the 409 message, keeps its input, reloads and saves', async () => {
    const a = counsellor.page;
    const lead = await newPhonePage(browser, { viewport: DESKTOP });
    try {
      const b = lead.page;
      const ayse = linkTo('Örnek').link;
      await signIn(b, cloud, 'leitung.marxloh', new URL(ayse).pathname);
      await b.getByRole('heading', { level: 1, name: 'Ayşe Örnek' }).waitFor();
      await b.getByRole('button', { name: 'Abmeldung erfassen' }).click();
      await b.getByLabel('kein Interesse').check();
      await b.getByLabel('Notiz').fill('Möchte sich später wieder melden');

      // Meanwhile the counsellor records the first contact.
      await a.goto(ayse);
      await a.getByRole('button', { name: 'Erstkontakt erfassen' }).click();
      await a.getByLabel('persönlich').check();
      await a.getByRole('button', { name: 'Erstkontakt speichern' }).click();
      await a.getByRole('status').filter({ hasText: 'Erstkontakt gespeichert' }).waitFor();

      await b.getByRole('button', { name: 'Abmeldung speichern' }).click();
      const alert = b.getByRole('alert').filter({ hasText: 'Inzwischen von jemand anderem geändert — bitte neu laden' });
      await alert.waitFor();
      expect(await b.evaluate(() => document.activeElement?.textContent)).toBe('Neu laden'); // the way on has the focus
      await expect(b.getByLabel('Notiz').inputValue()).resolves.toBe('Möchte sich später wieder melden');
      await expectAccessible(b, 'version conflict');

      await b.getByRole('button', { name: 'Neu laden' }).click();
      await b.getByText('Die Akte ist neu geladen. Ihre Eingaben sind noch da').waitFor();
      await expect(b.locator('.record-head .badge').textContent()).resolves.toBe('kontaktiert');
      expect(await b.getByLabel('kein Interesse').isChecked()).toBe(true);
      await expect(b.getByLabel('Notiz').inputValue()).resolves.toBe('Möchte sich später wieder melden');
      await b.getByRole('button', { name: 'Abmeldung speichern' }).click();
      await b.getByRole('status').filter({ hasText: 'Abmeldung gespeichert (Grund: kein Interesse).' }).waitFor();
      await expect(b.locator('.record-head .badge').textContent()).resolves.toBe('abgemeldet');
      await expect(b.locator('.audit').textContent()).resolves.toMatch(/Abmeldung erfasst von Leitung \(ID [0-9a-f]{8}, Sie\)/);

      // An action that is no longer possible after the reload: the typed input is shown, not dropped.
      const sami = linkTo('مثال').link;
      await b.goto(sami);
      await b.getByRole('button', { name: 'Erstkontakt erfassen' }).click();
      await b.getByLabel('Video').check();
      await b.getByLabel('Notiz').fill('Termin per Video am Dienstag');
      await a.goto(sami);
      await a.getByRole('button', { name: 'Abmeldung erfassen' }).click();
      await a.getByLabel('weggezogen').check();
      await a.getByRole('button', { name: 'Abmeldung speichern' }).click();
      await a.getByRole('status').filter({ hasText: 'Abmeldung gespeichert' }).waitFor();
      await b.getByRole('button', { name: 'Erstkontakt speichern' }).click();
      await b.getByRole('button', { name: 'Neu laden' }).click();
      const kept = b.getByRole('alert').filter({ hasText: 'Ihr Erstkontakt wurde nicht gespeichert' });
      await kept.waitFor();
      await expect(kept.textContent()).resolves.toContain('Notiz: „Termin per Video am Dienstag“');
      await expectAccessible(b, 'input kept after a conflict');
      expect(realProblems(lead.problems)).toEqual([]);
    } finally {
      await lead.context.close();
    }
  });

  it('shows the server\'s field errors at the field', async () => {
    const { page, problems } = counsellor;
    await page.goto(notices.marxloh.find((n) => n.participantId === idOf['Seitenweise05'])!.link);
    await page.getByRole('button', { name: 'Erstkontakt erfassen' }).click();
    await page.getByLabel('E-Mail').check();
    // A right-to-left override pasted into the note: only the server refuses it (it can disguise text).
    await page.getByLabel('Notiz').fill('Rückruf \u202Egnirednos\u202C vereinbart');
    await page.getByRole('button', { name: 'Erstkontakt speichern' }).click();
    const error = page.locator('#contact-note-error');
    await error.waitFor();
    await expect(error.textContent()).resolves.toBe('Fehler: Bitte nur eine Zeile und normale Zeichen verwenden.');
    expect(await page.getByLabel('Notiz').getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('contact-note');
    await expectAccessible(page, 'server field error');
    expect(realProblems(problems)).toEqual([]);
  });

  it('a marxloh user opening a hochfeld record\'s address sees "nicht gefunden" and a way back', async () => {
    const { page } = counsellor;
    const answers: number[] = [];
    const watch = (r: { url(): string; status(): number }) => {
      if (/\/api\/staff\/participants\/[0-9a-f]{32}$/.test(r.url())) answers.push(r.status());
    };
    page.on('response', watch);
    try {
      await page.goto(notices.hochfeld[0]!.link);
      await page.getByRole('heading', { level: 1, name: 'Akte nicht gefunden' }).waitFor();
      expect(answers).toEqual([404]);
      const text = (await main(page).textContent())!;
      for (const name of DEMO_PEOPLE.hochfeld) expect(text).not.toContain(name);
      await expectAccessible(page, 'not found');
      await page.getByRole('link', { name: 'Zur Liste der Teilnehmenden' }).click();
      await page.waitForURL(`${cloud.apiUrl}/console/participants`);
      // The heading of the new view has the focus (announced by screen readers).
      await page.locator('table.participants').waitFor();
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Teilnehmende');
    } finally {
      page.off('response', watch);
    }
  });

  it('a lead assigns a counsellor from the team (shown on the record, the list and "Heute") and hands a participant over to the other site after a confirmation', async () => {
    const lead = await newPhonePage(browser, { viewport: DESKTOP });
    try {
      const page = lead.page;
      await signIn(page, cloud, 'leitung.marxloh', `/console/participants/${idOf['Seitenweise03']}`);
      await page.getByRole('heading', { level: 1, name: 'Person3 Seitenweise03' }).waitFor();
      await expect(page.locator('#assignee-title + p').textContent()).resolves.toBe('Noch niemand zugewiesen.');
      await page.getByRole('button', { name: 'Zuweisen' }).click();
      await page.getByRole('heading', { name: 'Zuständigkeit festlegen' }).waitFor();
      await page.getByLabel('berater.marxloh').check(); // the team: everyone who has used the console
      await expectAccessible(page, 'assignment form');
      await page.getByRole('button', { name: 'Zuweisung speichern' }).click();
      await page.getByRole('status').filter({ hasText: 'Zugewiesen an berater.marxloh.' }).waitFor();
      await expect(page.locator('#assignee-title + p').textContent()).resolves.toBe('berater.marxloh');
      await expect(page.locator('.audit').textContent()).resolves.toMatch(/Zugewiesen an berater\.marxloh von Leitung \(ID [0-9a-f]{8}, Sie\)/);

      // The counsellor sees it on the list and on "Heute" ("meine").
      const c = counsellor.page;
      await c.goto(`${cloud.apiUrl}/console/participants`);
      const row = c.locator('table.participants tbody tr').filter({ hasText: 'Seitenweise03' });
      await expect(row.locator('td[data-label="Zuständig"]').textContent()).resolves.toBe('berater.marxloh (Sie)');
      await c.goto(`${cloud.apiUrl}/console/today`);
      await c.getByLabel('meine (mir zugewiesen)').check();
      await c.waitForURL(`${cloud.apiUrl}/console/today?zeige=meine`);
      const mine = c.locator('li.waiting__item');
      await expect(mine.count()).resolves.toBe(1);
      await expect(mine.first().textContent()).resolves.toContain('Person3 Seitenweise03');
      await expect(mine.first().textContent()).resolves.toContain('berater.marxloh (Sie)');

      // Registered at Hochfeld too: the record says so, and the lead hands it over there.
      await page.goto(`${cloud.apiUrl}/console/participants/${idOf['Seitenweise07']}`);
      await page.getByText('Auch bei BIWAQ Hochfeld angemeldet.').waitFor();
      await expect(page.locator('.card--warning table').textContent()).resolves.toContain('BIWAQ Hochfeld (anderer Standort)');
      await page.getByRole('button', { name: 'An anderen Standort übergeben' }).click();
      await page.getByRole('heading', { name: 'An einen anderen Standort übergeben' }).waitFor();
      expect(await page.getByLabel('BIWAQ Hochfeld').isChecked()).toBe(true); // where the other registration came in
      await expect(page.getByLabel('BIWAQ Marxloh').count()).resolves.toBe(0);
      await page.getByRole('button', { name: 'Weiter' }).click();
      const confirm = page.getByRole('group', { name: /Akte von Person7 Seitenweise07 an BIWAQ Hochfeld übergeben\?/ });
      await confirm.waitFor();
      await expectAccessible(page, 'transfer confirmation');
      await page.getByRole('button', { name: 'Ja, an BIWAQ Hochfeld übergeben' }).click();
      await page.waitForURL(`${cloud.apiUrl}/console/participants`);
      await page.getByRole('status').filter({ hasText: 'ist an BIWAQ Hochfeld übergeben.' }).waitFor();
      await page.goto(`${cloud.apiUrl}/console/participants/${idOf['Seitenweise07']}`);
      await page.getByRole('heading', { level: 1, name: 'Akte nicht gefunden' }).waitFor();
      expect(realProblems(lead.problems)).toEqual([]);
    } finally {
      await lead.context.close();
    }

    // Hochfeld's lead now has the record, and it says where it came from.
    const other = await newPhonePage(browser, { viewport: DESKTOP });
    try {
      await signIn(other.page, cloud, 'leitung.hochfeld', `/console/participants/${idOf['Seitenweise07']}`);
      await other.page.getByRole('heading', { level: 1, name: 'Person7 Seitenweise07' }).waitFor();
      await expect(other.page.locator('.record-meta').textContent()).resolves.toMatch(/Übernommen von BIWAQ Marxloh am \d{1,2}\. \S+ \d{4} um \d{2}:\d{2}/);
      await expect(other.page.locator('.audit').textContent()).resolves.toMatch(/Übergeben von BIWAQ Marxloh an BIWAQ Hochfeld von Leitung \(ID [0-9a-f]{8}\)/);
    } finally {
      await other.context.close();
    }
  });

  it('the coordinator sees only "Zahlen": no participant\'s name or reference in the DOM or in any answer the browser received', async () => {
    const { page, context, problems } = await newPhonePage(browser, { viewport: DESKTOP });
    const bodies: string[] = [];
    const urls: string[] = [];
    page.on('response', async (res) => {
      urls.push(res.url());
      bodies.push(await res.text().catch(() => ''));
    });
    try {
      await signIn(page, cloud, 'koordination');
      await page.waitForURL(`${cloud.apiUrl}/console/figures`);
      await page.getByRole('heading', { level: 1, name: 'Zahlen' }).waitFor();
      await page.locator('table.figures-table').waitFor();
      await expect(page.locator('nav').textContent()).resolves.toBe('Zahlen');
      await expectAccessible(page, 'figures');
      const doms = [await page.content()];

      // Addresses of pages with personal data: not for this role, and nothing is asked for.
      for (const path of ['/console/participants', `/console/participants/${idOf['Beispiel']}`]) {
        await page.goto(`${cloud.apiUrl}${path}`);
        await page.getByRole('heading', { level: 1, name: 'Nicht verfügbar' }).waitFor();
        doms.push(await page.content());
      }
      await expectAccessible(page, 'not available');
      await page.waitForLoadState('networkidle');

      // Only the figures are asked for: nothing that names a person.
      expect(urls.filter((u) => u.includes('/api/staff/') && !u.endsWith('/api/staff/me') && !u.includes('/api/staff/reports/kpis'))).toEqual([]);
      const secrets = [
        ...DEMO_PEOPLE.marxloh,
        ...DEMO_PEOPLE.hochfeld,
        ...Object.keys(idOf).filter((n) => n.startsWith('Seitenweise') || n === 'Tastatur'),
        ...notices.marxloh.map((n) => n.reference),
        ...notices.hochfeld.map((n) => n.reference),
        'example.org',
      ];
      for (const s of secrets) {
        for (const d of doms) expect(d, `DOM holds ${s}`).not.toContain(s);
        for (const [i, b] of bodies.entries()) expect(b, `${urls[i]} holds ${s}`).not.toContain(s);
      }
      expect(realProblems(problems)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('works with the keyboard alone: sign in, open a record, record a contact with Tab, Enter and Space', async () => {
    const { page, context, problems } = await newPhonePage(browser, { viewport: DESKTOP });
    try {
      await page.goto(`${cloud.apiUrl}/console/`);
      await page.getByRole('button', { name: 'Anmelden' }).waitFor();
      await tabTo(page, (el) => el.text === 'Zum Inhalt springen', 'the skip link');
      await tabTo(page, (el) => el.tag === 'button' && el.text === 'Anmelden', 'the sign-in button');
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/local\/auth\/interaction\//);
      await page.getByLabel('Benutzername').waitFor();
      await page.keyboard.type('berater.marxloh'); // the login page puts the focus in the user name
      await tabTo(page, (el) => el.type === 'password', 'the password');
      await page.keyboard.type('biwaq-demo');
      await page.keyboard.press('Enter');
      await page.waitForURL(`${cloud.apiUrl}/console/today`);
      await page.locator('ul.waiting').waitFor();

      await tabTo(page, (el) => el.tag === 'a' && el.text === 'Tara Tastatur', 'the link to the record on "Heute"');
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 1, name: 'Tara Tastatur' }).waitFor();
      expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');

      await tabTo(page, (el) => el.text === 'Erstkontakt erfassen', 'the contact button');
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: 'Erstkontakt erfassen' }).waitFor();
      await tabTo(page, (el) => el.id === 'contact-date', 'the date (today is filled in)');
      await tabTo(page, (el) => el.type === 'radio', 'the first channel');
      await page.keyboard.press('ArrowDown'); // the radio group: arrows move through the channels
      await page.keyboard.press('ArrowUp');
      await page.keyboard.press('Space');
      expect(await page.getByLabel('Telefon').isChecked()).toBe(true);
      await tabTo(page, (el) => el.id === 'contact-note', 'the note');
      await page.keyboard.type('Per Tastatur erfasst');
      await tabTo(page, (el) => el.text === 'Erstkontakt speichern', 'the save button');
      await page.keyboard.press('Space');
      const done = page.getByRole('status').filter({ hasText: 'Erstkontakt gespeichert (Telefon).' });
      await done.waitFor();
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Erstkontakt gespeichert (Telefon).');
      await expect(page.locator('.record-head .badge').textContent()).resolves.toBe('kontaktiert');
      expect(realProblems(problems)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('on a phone: the navigation collapses behind "Menü", touch targets are 48 px, and the pages reflow at 320 px', async () => {
    const { page, context, problems } = await newPhonePage(browser, { viewport: PHONE });
    try {
      await signIn(page, cloud, 'leitung.marxloh');
      await page.waitForURL(`${cloud.apiUrl}/console/today`);
      await page.locator('ul.waiting').waitFor();
      await expectAccessible(page, 'phone Heute');
      await expectSmallTargetsNone(page, 'phone Heute');
      await page.goto(`${cloud.apiUrl}/console/participants`);
      await page.locator('table.participants').waitFor();
      const menu = page.getByRole('button', { name: 'Menü' });
      expect(await page.getByRole('navigation').isVisible()).toBe(false);
      expect(await menu.getAttribute('aria-expanded')).toBe('false');
      await expectAccessible(page, 'phone list');
      await menu.click();
      expect(await menu.getAttribute('aria-expanded')).toBe('true');
      await expect(page.getByRole('navigation').textContent()).resolves.toBe('HeuteTeilnehmendeErprobungenAnerkennungZahlen'); // a lead also has the figures
      expect(await page.getByText('Angemeldet als leitung.marxloh (Leitung · BIWAQ Marxloh)').isVisible()).toBe(true);
      await expectSmallTargetsNone(page, 'phone list, menu open');
      await page.getByRole('link', { name: 'Zahlen' }).click();
      await page.getByRole('heading', { level: 1, name: 'Zahlen' }).waitFor();
      expect(await page.getByRole('navigation').isVisible()).toBe(false); // closed after navigating

      await page.goto(linkTo('Seitenweise10').link);
      await page.getByRole('button', { name: 'Erstkontakt erfassen' }).click();
      await page.getByRole('heading', { name: 'Erstkontakt erfassen' }).waitFor();
      await page.getByText('Freiwillige Angaben (Teil 2, besonders geschützt)').click();
      await expectAccessible(page, 'phone record with the form');
      await expectSmallTargetsNone(page, 'phone record');

      await page.setViewportSize({ width: 320, height: 720 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth), 'record at 320 px').toBeLessThanOrEqual(320);
      await page.goto(`${cloud.apiUrl}/console/participants`);
      await page.locator('table.participants').waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth), 'list at 320 px').toBeLessThanOrEqual(320);
      expect(realProblems(problems)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  // Last: it moves the cloud's clock, and with it the time every token is judged by.
  it('"Heute": overdue first with the reminder sent, "meine", and a refresh every 30 s with If-None-Match that moves nothing', async () => {
    cloud.clock.advance(6 * 24 * 3600_000); // six days on: the team has been reminded of everyone still waiting
    await cloud.workflows.idle();
    const { page, context, problems } = await newPhonePage(browser, { viewport: DESKTOP });
    await page.clock.install({ time: Date.now() }); // the page's time is the cloud's (this process's Date follows its clock)
    const answers: { status: number; ifNoneMatch: string | undefined; etag: string | undefined }[] = [];
    page.on('response', (r) => {
      if (r.url().endsWith('/api/staff/today')) answers.push({ status: r.status(), ifNoneMatch: r.request().headers()['if-none-match'], etag: r.headers()['etag'] });
    });
    try {
      await signIn(page, cloud, 'berater.marxloh');
      await page.waitForURL(`${cloud.apiUrl}/console/today`);
      const items = page.locator('li.waiting__item');
      await items.first().waitFor();
      const first = (await items.first().textContent())!;
      expect(first).toContain('überfällig');
      expect(first).toMatch(/Erinnerungan das Team versandt am \d{1,2}\. \S+ \d{4} um \d{2}:\d{2}/);
      expect(first).toMatch(/Wartetseit \d+ Arbeitstagen/);
      expect(await items.first().getAttribute('class')).toContain('waiting__item--overdue');
      await expectAccessible(page, 'Heute');

      const meine = page.getByLabel('meine (mir zugewiesen)');
      await meine.check();
      await page.waitForURL(`${cloud.apiUrl}/console/today?zeige=meine`);
      await expect(items.count()).resolves.toBe(1);
      await meine.focus();
      const list = page.locator('ul.waiting');
      const before = await list.innerHTML();

      // Nothing changed: the next poll asks with the ETag, gets 304, and nothing moves.
      expect(answers).toHaveLength(1);
      expect(answers[0]!.status).toBe(200);
      await page.clock.fastForward(31_000);
      await waitUntil(() => answers.length === 2, 'the second poll');
      expect(answers[1]).toMatchObject({ status: 304, ifNoneMatch: answers[0]!.etag });
      expect(await list.innerHTML()).toBe(before);
      expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value)).toBe('meine');

      // Someone records the first contact of the person assigned to this counsellor: the next poll shows it, the focus stays.
      const token = await cloud.auth.issue(DEMO_USERS.find((u) => u.username === 'leitung.marxloh')!);
      const id = idOf['Seitenweise03']!;
      const rec = await fetch(`${cloud.apiUrl}/api/staff/participants/${id}`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.json() as Promise<any>);
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date());
      const contact = await postJson(cloud, `/api/staff/participants/${id}/contact`, { version: rec.participant.version, date: today, channel: 'phone' }, { authorization: `Bearer ${token}` });
      expect(contact.status).toBe(200);
      await page.clock.fastForward(31_000);
      await waitUntil(() => answers.length === 3, 'the third poll');
      expect(answers[2]!.status).toBe(200);
      await page.getByText('Niemand, der Ihnen zugewiesen ist, wartet auf einen Erstkontakt.').waitFor();
      expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value)).toBe('meine');
      expect(realProblems(problems)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

async function waitUntil(done: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200 && !done(); i++) await new Promise((r) => setTimeout(r, 50));
  if (!done()) throw new Error(`timed out waiting for ${what}`);
}
