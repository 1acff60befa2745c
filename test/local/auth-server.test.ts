import { createServer, type Server } from 'node:http';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import * as oauth from 'oauth4webapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DEMO_USERS, demoSub, LOCAL_CLIENT_ID, LocalAuth } from '../../local/auth.js';
import type { LocalCloud } from '../../local/cloud.js';
import { close, listen } from '../../local/listen.js';
import { browse, CookieJar, discover, follow, insecure, signIn, startSignIn, type AuthHost } from './auth-flow.js';
import { startCloud, tempDataDir } from './helpers.js';

/**
 * The local authorization server (oidc-provider) speaks what the console needs from Cognito's
 * managed login: authorization code with PKCE (S256 only), ID tokens with Cognito's claims,
 * rotating refresh tokens, RP-initiated logout; and the staff API trusts its ID tokens only.
 */
let cloud: LocalCloud;

beforeAll(async () => {
  cloud = await startCloud();
});
afterAll(async () => {
  await cloud?.stop();
});

const me = (token: string | undefined) =>
  fetch(`${cloud.apiUrl}/api/staff/me`, { headers: token ? { authorization: `Bearer ${token}` } : {} }).then(async (r) => ({ status: r.status, body: await r.json() }));

const STRICT_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
const INLINE = /<script(?![^>]*\bsrc=)[^>]*>|\sstyle=|\son[a-z]+=|<style/i;

describe('discovery', () => {
  it('publishes the issuer at ${apiUrl}/local/auth with code + PKCE (S256), RS256, refresh, revocation and logout', async () => {
    const as = await discover(cloud);
    expect(as.issuer).toBe(`${cloud.apiUrl}/local/auth`);
    expect(as.response_types_supported).toEqual(['code']);
    expect(as.code_challenge_methods_supported).toEqual(['S256']);
    expect(as.id_token_signing_alg_values_supported).toEqual(['RS256']);
    expect(as.grant_types_supported).toEqual(['authorization_code', 'refresh_token']);
    expect(as.scopes_supported).toEqual(expect.arrayContaining(['openid', 'email', 'profile']));
    expect(as.end_session_endpoint).toBe(`${cloud.apiUrl}/local/auth/logout`);
    expect(as.revocation_endpoint).toBe(`${cloud.apiUrl}/local/auth/oauth2/revoke`);
    expect(as.jwks_uri).toBe(`${cloud.apiUrl}/local/auth/.well-known/jwks.json`);
    const jwks = (await (await fetch(as.jwks_uri!)).json()) as { keys: Record<string, unknown>[] };
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
    expect(jwks.keys[0]).not.toHaveProperty('d');
  });

  it('serves the console its configuration at /console/config.json', async () => {
    const res = await fetch(`${cloud.apiUrl}/console/config.json`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      issuer: cloud.auth.issuer,
      clientId: LOCAL_CLIENT_ID,
      redirectUri: `${cloud.apiUrl}/console/`,
      logoutUri: `${cloud.apiUrl}/console/`,
    });
  });

  it('no longer has the JSON sign-in page /local/sign-in', async () => {
    expect((await fetch(`${cloud.apiUrl}/local/sign-in`)).status).toBe(404);
  });
});

describe('the login page', () => {
  it('is German, lists the five demo users, labels its fields and allows no inline code (strict CSP)', async () => {
    const { res, loginUrl } = await startSignIn(cloud, new CookieJar());
    expect(loginUrl).toMatch(new RegExp(`^${cloud.apiUrl}/local/auth/interaction/[A-Za-z0-9_-]+$`));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(STRICT_CSP);
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const html = await res.text();
    expect(html).toContain('<html lang="de">');
    expect(html).not.toMatch(INLINE);
    expect(html).toContain('<label for="username">Benutzername</label>');
    expect(html).toContain('<label for="password">Passwort</label>');
    for (const u of DEMO_USERS) expect(html).toContain(`<code>${u.username}</code>`);
    expect(html).toContain(DEMO_PASSWORD);
    const css = await fetch(`${cloud.apiUrl}/local/auth/assets/auth.css`);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('a wrong password shows the form again with the error announced, and no code', async () => {
    const jar = new CookieJar();
    const { res, loginUrl } = await startSignIn(cloud, jar);
    const action = /action="([^"]+)"/.exec(await res.text())![1]!;
    const posted = await browse(jar, new URL(action, loginUrl).href, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username: 'berater.marxloh', password: 'falsch' }).toString(),
    });
    expect(posted.status).toBe(200);
    expect(posted.headers.get('location')).toBeNull();
    const html = await posted.text();
    expect(html).toContain('role="alert"');
    expect(html).toContain('Benutzername oder Passwort ist falsch');
    expect(html).toMatch(/id="password"[^>]*aria-describedby="login-error password-hint"[^>]*aria-invalid="true"/);
    expect(html).toContain('value="berater.marxloh"');
    expect(html).toMatch(/<title>Fehler: /);
  });
});

describe('authorization code with PKCE', () => {
  it('issues an ID token with the claims of a Cognito ID token, RS256, for the console client', async () => {
    const { tokens } = await signIn(cloud, 'leitung.hochfeld', DEMO_PASSWORD);
    expect(tokens.token_type.toLowerCase()).toBe('bearer');
    expect(decodeProtectedHeader(tokens.id_token!)).toMatchObject({ alg: 'RS256', kid: expect.any(String) });
    const claims = decodeJwt(tokens.id_token!);
    expect(claims).toMatchObject({
      iss: cloud.auth.issuer,
      aud: LOCAL_CLIENT_ID,
      sub: demoSub('leitung.hochfeld'),
      token_use: 'id',
      'cognito:username': 'leitung.hochfeld',
      'cognito:groups': ['lead'],
      'custom:site': 'hochfeld',
      auth_time: expect.any(Number),
    });
    expect(claims.exp! - claims.iat!).toBe(15 * 60);
    expect(tokens.refresh_token).toEqual(expect.any(String));
    const who = await me(tokens.id_token);
    expect(who).toEqual({ status: 200, body: { sub: demoSub('leitung.hochfeld'), role: 'lead', site: { id: 'hochfeld', name: 'BIWAQ Hochfeld' } } });
  });

  it('the coordinator has no site claim', async () => {
    const { tokens } = await signIn(cloud, 'koordination', DEMO_PASSWORD);
    expect(decodeJwt(tokens.id_token!)).not.toHaveProperty('custom:site');
    expect((await me(tokens.id_token)).body).toMatchObject({ role: 'coordinator', site: null });
  });

  it('gives the same subject as the token endpoint for scripts and cloud.auth.issue', async () => {
    const { tokens } = await signIn(cloud, 'berater.marxloh', DEMO_PASSWORD);
    const script = (await (
      await fetch(`${cloud.apiUrl}/local/auth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'berater.marxloh', password: DEMO_PASSWORD }),
      })
    ).json()) as { id_token: string; token_type: string; expires_in: number };
    expect(script.token_type).toBe('Bearer');
    expect(script.expires_in).toBe(900);
    const issued = await cloud.auth.issue(DEMO_USERS[0]!);
    const pick = (t: string) => {
      const c = decodeJwt(t);
      return [c.sub, c.iss, c.aud, c.token_use, c['cognito:username'], c['cognito:groups'], c['custom:site'], decodeProtectedHeader(t).kid];
    };
    expect(pick(script.id_token)).toEqual(pick(tokens.id_token!));
    expect(pick(issued)).toEqual(pick(tokens.id_token!));
  });

  it('refuses an authorization request without PKCE, or with the plain method', async () => {
    const requests: Record<string, string>[] = [{ code_challenge: '', code_challenge_method: '' }, { code_challenge_method: 'plain' }];
    for (const extra of requests) {
      const { loginUrl } = await startSignIn(cloud, new CookieJar(), extra);
      const back = new URL(loginUrl);
      expect(`${back.origin}${back.pathname}`).toBe(`${cloud.apiUrl}/console/`);
      expect(back.searchParams.get('error')).toBe('invalid_request');
    }
  });

  it('refuses a code with the wrong verifier, and a code used twice', async () => {
    const jar = new CookieJar();
    const started = await startSignIn(cloud, jar);
    const action = /action="([^"]+)"/.exec(await started.res.text())![1]!;
    const posted = await browse(jar, new URL(action, started.loginUrl).href, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username: 'berater.marxloh', password: DEMO_PASSWORD }).toString(),
    });
    const back = await follow(jar, posted, new URL(action, started.loginUrl).href, `${cloud.apiUrl}/console/`);
    const client = { client_id: LOCAL_CLIENT_ID };
    const params = oauth.validateAuthResponse(started.as, client, new URL(back.url), started.state);
    const exchange = (verifier: string) =>
      oauth.authorizationCodeGrantRequest(started.as, client, oauth.None(), params, `${cloud.apiUrl}/console/`, verifier, insecure);
    const wrong = await exchange(oauth.generateRandomCodeVerifier());
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { error: string }).error).toBe('invalid_grant');
    // The code is good for one exchange with the right verifier.
    const ok = await exchange(started.verifier);
    expect(ok.status).toBe(200);
    const again = await exchange(started.verifier);
    expect(again.status).toBe(400);
  });

  it('renews with the refresh token: a new ID token and a new refresh token; the old one is spent', async () => {
    const { as, client, tokens } = await signIn(cloud, 'berater.hochfeld', DEMO_PASSWORD);
    const renewed = await oauth.processRefreshTokenResponse(
      as,
      client,
      await oauth.refreshTokenGrantRequest(as, client, oauth.None(), tokens.refresh_token!, insecure),
    );
    expect(decodeJwt(renewed.id_token!)).toMatchObject({ sub: demoSub('berater.hochfeld'), token_use: 'id', 'custom:site': 'hochfeld' });
    expect(renewed.refresh_token).toEqual(expect.any(String));
    expect(renewed.refresh_token).not.toBe(tokens.refresh_token);
    expect((await me(renewed.id_token)).status).toBe(200);
    const reused = await oauth.refreshTokenGrantRequest(as, client, oauth.None(), tokens.refresh_token!, insecure);
    expect(reused.status).toBe(400);
  });
});

describe('only ID tokens reach a staff handler', () => {
  it('an access token of the same issuer, key and audience gets 401 on every staff route', async () => {
    const { tokens } = await signIn(cloud, 'berater.marxloh', DEMO_PASSWORD);
    const access = tokens.access_token;
    // A JWT like Cognito's access tokens: same key and issuer, audience the console client.
    expect(decodeProtectedHeader(access)).toMatchObject({ alg: 'RS256', typ: 'at+jwt' });
    expect(decodeJwt(access)).toMatchObject({ iss: cloud.auth.issuer, aud: LOCAL_CLIENT_ID, token_use: 'access', sub: demoSub('berater.marxloh') });
    expect(await cloud.auth.verify(`Bearer ${access}`)).toBeUndefined();
    for (const path of ['/api/staff/me', '/api/staff/participants']) {
      const res = await fetch(`${cloud.apiUrl}${path}`, { headers: { authorization: `Bearer ${access}` } });
      expect(res.status, path).toBe(401);
      expect(await res.json()).toEqual({ message: 'Unauthorized' });
    }
    expect((await me(tokens.id_token)).status).toBe(200);
  });
});

describe('sign-out (RP-initiated logout)', () => {
  it('ends the session: back to the console, the refresh token is dead, and the next sign-in asks again', async () => {
    const { as, client, jar, tokens } = await signIn(cloud, 'leitung.marxloh', DEMO_PASSWORD);
    // Signed in: a new authorization request comes straight back with a code (the session answers).
    const sso = await startSignIn(cloud, jar);
    expect(new URL(sso.loginUrl).searchParams.has('code')).toBe(true);

    const url = new URL(as.end_session_endpoint!);
    url.search = new URLSearchParams({
      client_id: LOCAL_CLIENT_ID,
      id_token_hint: tokens.id_token!,
      post_logout_redirect_uri: `${cloud.apiUrl}/console/`,
    }).toString();
    const page = await browse(jar, url.href);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(STRICT_CSP);
    const html = await page.text();
    expect(html).not.toMatch(INLINE);
    expect(html).toContain('<script src="/local/auth/assets/logout.js" defer></script>');
    const [, action, xsrf] = /<form id="op.logoutForm" method="post" action="([^"]+)"><input type="hidden" name="xsrf" value="([^"]+)"/.exec(html)!;
    const done = await browse(jar, action!, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ xsrf: xsrf!, logout: 'yes' }).toString(),
    });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe(`${cloud.apiUrl}/console/`);

    const refreshed = await oauth.refreshTokenGrantRequest(as, client, oauth.None(), tokens.refresh_token!, insecure);
    expect(refreshed.status).toBe(400);
    const again = await startSignIn(cloud, jar);
    expect(again.loginUrl).toContain('/local/auth/interaction/');
    expect(await again.res.text()).toContain('<h1>Anmelden</h1>');

    // Without a session the provider answers with its self-submitting form: still no inline script.
    const noSession = await browse(jar, url.href);
    expect(noSession.headers.get('content-security-policy')).toBe(STRICT_CSP);
    const form = await noSession.text();
    expect(form).toContain('<script src="/local/auth/assets/submit.js" defer></script>');
    expect(form).not.toMatch(/<script>/);
  });
});

describe('kept under DATA_DIR', () => {
  it('tokens, sessions and refresh tokens survive a restart of the local authorization server', async () => {
    const dataDir = tempDataDir();
    const serve = async (port: number) => {
      let auth: LocalAuth | undefined;
      const server: Server = createServer((req, res) => {
        void (async () => {
          if (!(auth && (await auth.handle(req, res)))) res.writeHead(404).end();
        })();
      });
      const bound = await listen(server, port, '127.0.0.1', 'PORT');
      const apiUrl = `http://127.0.0.1:${bound}`;
      auth = await LocalAuth.create(`${apiUrl}/local/auth`, dataDir);
      return { host: { apiUrl, auth } satisfies AuthHost, auth, port: bound, stop: () => close(server) };
    };
    const first = await serve(0);
    const jar = new CookieJar();
    const { tokens } = await signIn(first.host, 'berater.marxloh', DEMO_PASSWORD, jar);
    await first.stop();

    const second = await serve(first.port);
    try {
      expect(await second.auth.verify(`Bearer ${tokens.id_token}`)).toMatchObject({ sub: demoSub('berater.marxloh'), token_use: 'id' });
      const as = await discover(second.host);
      const client = { client_id: LOCAL_CLIENT_ID };
      const renewed = await oauth.refreshTokenGrantRequest(as, client, oauth.None(), tokens.refresh_token!, insecure);
      expect(renewed.status).toBe(200);
      // The browser's session too: signing in again needs no password.
      const sso = await startSignIn(second.host, jar);
      expect(new URL(sso.loginUrl).searchParams.has('code')).toBe(true);
    } finally {
      await second.stop();
    }
  });
});
