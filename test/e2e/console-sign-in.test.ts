import { decodeJwt } from 'jose';
import * as oauth from 'oauth4webapi';
import type { Browser, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, demoSub, LOCAL_CLIENT_ID } from '../../local/auth.js';
import type { LocalCloud } from '../../local/cloud.js';
import { discover, insecure } from '../local/auth-flow.js';
import { startCloud } from '../local/helpers.js';
import { browserTestsEnabled, DESKTOP, launchChromium, newPhonePage, seriousViolations } from './browser.js';

/**
 * The staff console's sign-in in Debian's chromium against a real local cloud: the authorization
 * code flow with PKCE through the local login page, a deep link that survives it, tokens in
 * memory only, renewal before expiry, and a sign-out that ends the session.
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

interface TokenResponse {
  grant: string;
  body: { id_token?: string; refresh_token?: string; access_token?: string };
}

/** Every answer of the token endpoint the page receives (what the page keeps in memory). */
function watchTokens(page: Page): TokenResponse[] {
  const seen: TokenResponse[] = [];
  page.on('response', async (res) => {
    if (!res.url().endsWith('/local/auth/oauth2/token') || res.request().method() !== 'POST') return;
    const grant = new URLSearchParams(res.request().postData() ?? '').get('grant_type') ?? '';
    seen.push({ grant, body: (await res.json().catch(() => ({}))) as TokenResponse['body'] });
  });
  return seen;
}

async function waitFor<T>(what: () => T | undefined, label: string): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const v = what();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${label}`);
}

describe.runIf(run)('staff console sign-in in a real browser', () => {
  it('serves the console page for its deep links, with the pages\' strict CSP', async () => {
    for (const path of ['/console/', '/console', '/console/participants/abc']) {
      const res = await fetch(`${cloud.apiUrl}${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('content-security-policy')).toContain("script-src 'self'; style-src 'self'");
      expect(res.headers.get('content-security-policy')).toContain("connect-src 'self'");
      expect(await res.text()).toMatch(/<script type="module" src="\/assets\/console-[A-Z0-9]+\.js"><\/script>/);
    }
    expect((await fetch(`${cloud.apiUrl}/console/nope.js`)).status).toBe(404);
  });

  it('signs in through the code flow as berater.marxloh, keeps the deep link across sign-in and reload, renews, and signs out', async () => {
    const { page, context, problems } = await newPhonePage(browser, { viewport: DESKTOP });
    const tokens = watchTokens(page);
    const staffCalls: Request[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('/api/staff/me')) staffCalls.push(r);
    });
    await page.clock.install(); // lets the test move the page's timers to the renewal
    try {
      // Signed out, on a deep link: the console offers to sign in.
      await page.goto(`${cloud.apiUrl}/console/participants/x`);
      const signInButton = page.getByRole('button', { name: 'Anmelden' });
      await signInButton.waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await signInButton.click();

      // The local login page (the managed login's stand-in).
      await page.waitForURL(/\/local\/auth\/interaction\/[A-Za-z0-9_-]+$/);
      await expect(page.locator('h1').textContent()).resolves.toBe('Anmelden');
      expect(await seriousViolations(page)).toEqual([]);
      await page.getByLabel('Benutzername').fill('berater.marxloh');
      await page.getByLabel('Passwort').fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: 'Anmelden' }).click();

      // Back on the deep link, the code and state gone from the address bar.
      await page.waitForURL(`${cloud.apiUrl}/console/participants/x`);
      await page.getByText('Angemeldet als berater.marxloh (Beratung · BIWAQ Marxloh)').first().waitFor();
      expect(page.url()).toBe(`${cloud.apiUrl}/console/participants/x`);
      expect(await seriousViolations(page)).toEqual([]);

      // The code was exchanged once; the page called the staff API with the ID token as Bearer.
      const [signIn] = tokens;
      expect(tokens.map((t) => t.grant)).toEqual(['authorization_code']);
      const idToken = signIn!.body.id_token!;
      expect(decodeJwt(idToken)).toMatchObject({ sub: demoSub('berater.marxloh'), token_use: 'id', aud: LOCAL_CLIENT_ID });
      expect(staffCalls.at(-1)!.headers()['authorization']).toBe(`Bearer ${idToken}`);

      // Tokens in memory only: nothing in localStorage, sessionStorage or a cookie the page can see.
      const storage = await page.evaluate(() => ({
        local: Object.entries(localStorage),
        session: Object.entries(sessionStorage),
        cookie: document.cookie,
      }));
      expect(storage.local).toEqual([]);
      expect(storage.session).toEqual([['biwaq.console.active', '1']]);
      expect(storage.cookie).toBe('');
      const secrets = [idToken, signIn!.body.refresh_token!, signIn!.body.access_token!];
      for (const c of await context.cookies()) for (const s of secrets) expect(c.value).not.toContain(s);

      // A reload of the deep link signs in again through the server's session, without the password.
      await page.reload();
      await page.getByText('Angemeldet als berater.marxloh').first().waitFor();
      expect(page.url()).toBe(`${cloud.apiUrl}/console/participants/x`);
      expect(tokens.map((t) => t.grant)).toEqual(['authorization_code', 'authorization_code']);
      const afterReload = tokens[1]!;

      // A minute before the ID token expires the page renews it with the refresh token.
      await page.clock.fastForward('14:30');
      const renewal = await waitFor(() => tokens.find((t) => t.grant === 'refresh_token'), 'the refresh token grant');
      expect(renewal.body.id_token).toEqual(expect.any(String));
      expect(renewal.body.refresh_token).not.toBe(afterReload.body.refresh_token);
      await expect(page.getByText('Angemeldet als berater.marxloh').first().isVisible()).resolves.toBe(true);

      // Sign-out: the server's session ends and the console is signed out.
      await page.getByRole('button', { name: 'Abmelden' }).click();
      await page.waitForURL(`${cloud.apiUrl}/console/`);
      await page.getByRole('button', { name: 'Anmelden' }).waitFor();
      await expect(page.getByText('Angemeldet als').count()).resolves.toBe(0);
      // No CSP violations or script errors on any page of the flow so far.
      expect(problems).toEqual([]);
      expect(await page.evaluate(() => fetch('/api/staff/me').then((r) => r.status))).toBe(401);
      problems.length = 0; // the browser logs that deliberate 401
      expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
      const as = await discover(cloud);
      const client = { client_id: LOCAL_CLIENT_ID };
      for (const rt of [signIn!.body.refresh_token!, afterReload.body.refresh_token!, renewal.body.refresh_token!]) {
        expect((await oauth.refreshTokenGrantRequest(as, client, oauth.None(), rt, insecure)).status).toBe(400);
      }

      // Signing in again asks for the password again.
      await page.getByRole('button', { name: 'Anmelden' }).click();
      await page.waitForURL(/\/local\/auth\/interaction\//);
      await expect(page.getByLabel('Passwort').isVisible()).resolves.toBe(true);

      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('a wrong password keeps the user on the login page with the error announced', async () => {
    const { page, context, problems } = await newPhonePage(browser);
    try {
      await page.goto(`${cloud.apiUrl}/console/`);
      await page.getByRole('button', { name: 'Anmelden' }).click();
      await page.waitForURL(/\/local\/auth\/interaction\//);
      await page.getByLabel('Benutzername').fill('berater.marxloh');
      await page.getByLabel('Passwort').fill('falsch');
      await page.getByRole('button', { name: 'Anmelden' }).click();
      await page.getByRole('alert').waitFor();
      await expect(page.getByRole('alert').textContent()).resolves.toContain('Benutzername oder Passwort ist falsch');
      // The focus is on a field that names the error (aria-describedby), so it is read out.
      expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-describedby'))).toContain('login-error');
      expect(await seriousViolations(page)).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
