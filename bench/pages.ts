import { gzipSync } from 'node:zlib';
import type { LocalCloud } from '../local/cloud.js';
import { DEMO_PASSWORD } from '../local/auth.js';
import { buildWeb, CONSOLE_JS_BUDGET_GZIP, firstLoadOf, type WebFile } from '../web/build.js';
import { launchChromium, DESKTOP } from '../test/e2e/browser.js';
import { printTable } from './print.js';
import { median } from './cold-import.js';

/**
 * (d) The staff console's first load against the intake page's, measured in the same run:
 * the bytes a browser fetches (HTML + JS + CSS, gzip) and the time from navigation until the
 * page shows what it is for — the intake's first step, the console's participant list (for a
 * signed-in counsellor opening a deep link: the silent sign-in through the server's session
 * included, as after a reload or a link in a mail).
 */


interface PageBytes {
  html: number;
  js: number;
  css: number;
  total: number;
}

function bytesOf(files: WebFile[], htmlPath: string): PageBytes {
  const first = firstLoadOf(files, htmlPath);
  const gz = (f: WebFile) => gzipSync(f.contents, { level: 9 }).length;
  const html = gz(first.find((f) => f.path === htmlPath)!);
  const js = first.filter((f) => f.path.endsWith('.js')).reduce((n, f) => n + gz(f), 0);
  const css = first.filter((f) => f.path.endsWith('.css')).reduce((n, f) => n + gz(f), 0);
  return { html, js, css, total: html + js + css };
}

export async function pagesBench(cloud: Pick<LocalCloud, 'apiUrl'>, rounds = 5): Promise<boolean> {
  console.log(`\n(d) First load: the console against the intake page, ${rounds} rounds each, medians\n`);
  const files = buildWeb();
  const intake = bytesOf(files, 'index.html');
  const consolePage = bytesOf(files, 'console/index.html');

  const { browser, close } = await launchChromium();
  const intakeMs: number[] = [];
  const consoleMs: number[] = [];
  try {
    const context = await browser.newContext({ viewport: DESKTOP, locale: 'de-DE' });
    const page = await context.newPage();
    // Sign in once through the real code flow; later navigations sign in silently.
    await page.goto(`${cloud.apiUrl}/console/participants`);
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.getByLabel('Benutzername').fill('berater.marxloh');
    await page.getByLabel('Passwort').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.locator('table.participants tbody tr').first().waitFor({ timeout: 30_000 });

    for (let i = 0; i < rounds; i++) {
      // Alternate, so drift in machine load falls on both alike.
      let t = performance.now();
      await page.goto(`${cloud.apiUrl}/?lang=de`);
      await page.locator('.step:not([hidden]) h2').first().waitFor({ timeout: 30_000 });
      intakeMs.push(performance.now() - t);

      t = performance.now();
      await page.goto(`${cloud.apiUrl}/console/participants`);
      await page.locator('table.participants tbody tr').first().waitFor({ timeout: 30_000 });
      consoleMs.push(performance.now() - t);
    }
    await context.close();
  } finally {
    await close();
  }

  const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;
  printTable([
    ['page', 'HTML', 'JS', 'CSS', 'total (gzip)', 'navigation → shown'],
    ['intake page (baseline)', kb(intake.html), kb(intake.js), kb(intake.css), kb(intake.total), `${median(intakeMs).toFixed(0)} ms`],
    ['console, participant list', kb(consolePage.html), kb(consolePage.js), kb(consolePage.css), kb(consolePage.total), `${median(consoleMs).toFixed(0)} ms`],
  ]);
  const within = consolePage.js <= CONSOLE_JS_BUDGET_GZIP;
  console.log(`\n  console / intake: ${(consolePage.total / intake.total).toFixed(2)}× the bytes, ${(median(consoleMs) / median(intakeMs)).toFixed(2)}× the time to shown`);
  console.log(`  console JS ${kb(consolePage.js)} gzip (budget ${kb(CONSOLE_JS_BUDGET_GZIP)})  ${within ? 'ok' : 'OVER BUDGET'}`);
  return within;
}
