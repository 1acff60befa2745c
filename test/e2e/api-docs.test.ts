import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalCloud } from '../../local/cloud.js';
import { ROUTES } from '../../infra/routes.js';
import { startCloud } from '../local/helpers.js';
import { browserTestsEnabled, DESKTOP, launchChromium, newPhonePage } from './browser.js';

/** The API reference: /api/openapi.json from the contracts, rendered at /api/docs from our own copy of Swagger UI. */
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

describe.runIf(run)('API reference', () => {
  it('serves the OpenAPI document at /api/openapi.json with every route', async () => {
    const res = await fetch(`${cloud.apiUrl}/api/openapi.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const doc = (await res.json()) as { openapi: string; paths: Record<string, Record<string, { operationId: string }>> };
    expect(doc.openapi).toBe('3.1.0');
    for (const r of ROUTES) expect(doc.paths[r.path]?.[r.method.toLowerCase()]?.operationId).toBe(r.id);
  });

  it('renders /api/docs in the browser from the project\'s own files (no CDN), listing the operations', async () => {
    const { page, context, problems } = await newPhonePage(browser, { viewport: DESKTOP, locale: 'en-US' });
    const outside: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(cloud.apiUrl)) outside.push(r.url());
    });
    await page.goto(`${cloud.apiUrl}/api/docs`);
    await page.locator('.opblock').first().waitFor({ timeout: 15_000 });
    const summaries = await page.locator('.opblock-summary-path').allTextContents();
    for (const r of ROUTES) expect(summaries.map((s) => s.replace(/\u200b/g, ''))).toContain(r.path);
    expect(await page.locator('h1.docs-title').textContent()).toBe('BIWAQ Workflows API');
    expect(outside).toEqual([]);
    expect(problems.filter((p) => /Content Security Policy|Refused/.test(p))).toEqual([]);
    await context.close();
  });
});
