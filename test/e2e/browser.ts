import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/**
 * Debian's chromium driven by playwright-core (see the README, Tests): `npx playwright
 * install` cannot download here, so the browser comes from apt.
 */

export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

export const INSTALL_HINT =
  `Browser tests need Debian's chromium at ${CHROMIUM}. Install it with ` +
  '`sudo apt-get update && sudo apt-get install -y chromium` (.ci/run does this), ' +
  'point CHROMIUM_PATH at another Chromium, or set SKIP_BROWSER_TESTS=1 to skip these tests.';

/** Whether the browser tests run: skipped only when asked; a missing browser is an error otherwise. */
export function browserTestsEnabled(): boolean {
  if (process.env['SKIP_BROWSER_TESTS'] === '1') return false;
  if (!existsSync(CHROMIUM)) throw new Error(INSTALL_HINT);
  return true;
}

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

/** playwright's launch() starts Chromium with a fresh temporary profile of its own and removes it on close. */
export async function launchChromium(): Promise<{ browser: Browser; close(): Promise<void> }> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  return { browser, close: () => browser.close().catch(() => undefined) };
}

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 900 };

/** A page on a phone-sized viewport (touch) with the given browser language; collects console errors. */
export async function newPhonePage(
  browser: Browser,
  options: { locale?: string; viewport?: { width: number; height: number }; scale?: number } = {},
): Promise<{ page: Page; context: BrowserContext; problems: string[] }> {
  const viewport = options.viewport ?? PHONE;
  const context = await browser.newContext({
    viewport,
    deviceScaleFactor: options.scale ?? 1,
    isMobile: viewport.width < 600,
    hasTouch: viewport.width < 600,
    locale: options.locale ?? 'de-DE',
  });
  const page = await context.newPage();
  // Console errors include CSP violations ("Refused to apply inline style …"): a page must have none.
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(String(e)));
  return { page, context, problems };
}

const require = createRequire(import.meta.url);
let axeSource: string | undefined;

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** axe-core in the page (WCAG 2.0–2.2 A and AA rules): the serious and critical violations. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol, not a <script> tag: the page's CSP ('self') stays as it is.
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: any[] }> } }).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({
      id: v.id as string,
      impact: v.impact as string | null,
      help: v.help as string,
      nodes: (v.nodes as { target: unknown[] }[]).map((n) => JSON.stringify(n.target)),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
