import { generateKeyPair, SignJWT } from 'jose';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConsoleAuth, SignInError } from '../../web/console/auth.js';

/**
 * The console's OAuth client (web/console/auth.ts) against a Cognito-shaped authorization server
 * and a local-shaped one, with the browser's location, history and sessionStorage stood in for:
 * what it sends to the authorize and logout endpoints, what it keeps where, and when it renews.
 * (The real browser runs it against the local server in test/e2e/console-sign-in.test.ts.)
 */

const CONSOLE = 'https://d111111abcdef8.cloudfront.net/console/';
const COGNITO = {
  issuer: 'https://cognito-idp.eu-central-1.amazonaws.com/eu-central-1_AbCdEf123',
  authorization_endpoint: 'https://biwaq-staff-1.auth.eu-central-1.amazoncognito.com/oauth2/authorize',
  token_endpoint: 'https://biwaq-staff-1.auth.eu-central-1.amazoncognito.com/oauth2/token',
  revocation_endpoint: 'https://biwaq-staff-1.auth.eu-central-1.amazoncognito.com/oauth2/revoke',
  jwks_uri: 'https://cognito-idp.eu-central-1.amazonaws.com/eu-central-1_AbCdEf123/.well-known/jwks.json',
  response_types_supported: ['code', 'token'],
  id_token_signing_alg_values_supported: ['RS256'],
};
const CLIENT_ID = '4example0client0id0abcdefg';

class MemoryStorage {
  private readonly items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  getItem(k: string) {
    return this.items.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.items.set(k, String(v));
  }
  removeItem(k: string) {
    this.items.delete(k);
  }
  entries() {
    return [...this.items.entries()];
  }
}

let assigned: string[];
let storage: MemoryStorage;
let requests: { url: string; body: URLSearchParams }[];
let tokenAnswers: ((body: URLSearchParams) => Promise<Record<string, unknown>>)[];

function browserAt(href: string): void {
  const url = new URL(href);
  vi.stubGlobal('location', {
    origin: url.origin,
    protocol: url.protocol,
    pathname: url.pathname,
    search: url.search,
    hash: url.hash,
    href: url.href,
    assign: (to: string) => assigned.push(to),
  });
}

function serve(metadata: Record<string, unknown>, config: Record<string, unknown>): void {
  vi.stubGlobal('fetch', async (input: string | URL | Request, init?: RequestInit) => {
    const url = String(input instanceof Request ? input.url : input);
    const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
    if (url === '/console/config.json') return json(config);
    if (url === `${metadata['issuer']}/.well-known/openid-configuration`) return json(metadata);
    const body = new URLSearchParams(String(init?.body ?? (input instanceof Request ? await input.text() : '')));
    requests.push({ url, body });
    if (url === metadata['token_endpoint']) return json(await tokenAnswers.shift()!(body));
    if (url === metadata['revocation_endpoint']) return new Response(null, { status: 200 });
    return json({ message: 'Not Found' }, 404);
  });
}

beforeEach(() => {
  assigned = [];
  requests = [];
  tokenAnswers = [];
  storage = new MemoryStorage();
  vi.stubGlobal('sessionStorage', storage);
  vi.stubGlobal('history', {
    state: null,
    replaceState: (_s: unknown, _t: string, to: string) => browserAt(new URL(to, location.origin).href),
  });
  browserAt(`${CONSOLE}participants/abc?tab=verlauf`);
  serve(COGNITO, { issuer: COGNITO.issuer, clientId: CLIENT_ID, redirectUri: CONSOLE, logoutUri: CONSOLE });
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

const { privateKey } = await generateKeyPair('RS256');
const idToken = (claims: { nonce?: string; iat: number; lifetime?: number }) =>
  new SignJWT({ token_use: 'id', 'cognito:username': 'berater.marxloh', 'cognito:groups': ['staff'], 'custom:site': 'marxloh', ...(claims.nonce ? { nonce: claims.nonce } : {}) })
    .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
    .setIssuer(COGNITO.issuer)
    .setAudience(CLIENT_ID)
    .setSubject('0f6c1a2b-0000-4000-a000-000000000001')
    .setIssuedAt(claims.iat)
    .setExpirationTime(claims.iat + (claims.lifetime ?? 900))
    .sign(privateKey);

/** signIn(), then the browser comes back with a code; returns what the authorize URL carried. */
async function signInAndReturn(auth: ConsoleAuth, tokenAnswer: (nonce: string) => Promise<Record<string, unknown>>) {
  await auth.signIn();
  const authorize = new URL(assigned.at(-1)!);
  const nonce = authorize.searchParams.get('nonce')!;
  tokenAnswers.push(() => tokenAnswer(nonce));
  browserAt(`${CONSOLE}?code=the-code&state=${authorize.searchParams.get('state')}`);
  const user = await auth.start();
  return { authorize, user };
}

describe('on Cognito', () => {
  it('redirects to managed login with the code flow, PKCE S256, state and nonce, and keeps only those across the redirect', async () => {
    const auth = await ConsoleAuth.load();
    await auth.signIn();
    const url = new URL(assigned[0]!);
    expect(`${url.origin}${url.pathname}`).toBe(COGNITO.authorization_endpoint);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: CLIENT_ID,
      redirect_uri: CONSOLE,
      response_type: 'code',
      scope: 'openid email profile',
      code_challenge: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      code_challenge_method: 'S256',
      state: expect.any(String),
      nonce: expect.any(String),
    });
    const [[key, value]] = storage.entries() as [[string, string]];
    expect(key).toBe('biwaq.console.signin');
    expect(Object.keys(JSON.parse(value)).sort()).toEqual(['nonce', 'returnTo', 'state', 'verifier']);
    expect(JSON.parse(value).returnTo).toBe('/console/participants/abc?tab=verlauf');
  });

  it('exchanges the code once, restores the deep link, keeps the tokens in memory and renews a minute before expiry', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const auth = await ConsoleAuth.load();
    // The server's clock is two hours ahead of the browser's: renewal follows the token's lifetime, not its exp.
    const serverNow = () => Math.floor(Date.now() / 1000) + 7200;
    const { authorize, user } = await signInAndReturn(auth, async (nonce) => ({
      id_token: await idToken({ nonce, iat: serverNow() }),
      access_token: 'cognito-access-token',
      refresh_token: 'refresh-1',
      token_type: 'Bearer',
      expires_in: 900,
    }));
    expect(user).toMatchObject({ username: 'berater.marxloh' });
    expect(location.pathname + location.search).toBe('/console/participants/abc?tab=verlauf');
    const exchange = requests.find((r) => r.url === COGNITO.token_endpoint)!;
    expect(Object.fromEntries(exchange.body)).toMatchObject({
      grant_type: 'authorization_code',
      code: 'the-code',
      redirect_uri: CONSOLE,
      client_id: CLIENT_ID,
      code_verifier: expect.stringMatching(/^[A-Za-z0-9_-]{43,128}$/),
    });
    expect(authorize.searchParams.get('code_challenge')).not.toBe(exchange.body.get('code_verifier'));
    expect(storage.entries()).toEqual([['biwaq.console.active', '1']]);
    const first = auth.idToken;

    // Cognito without rotation answers no refresh token: the first one stays.
    tokenAnswers.push(async () => ({ id_token: await idToken({ iat: serverNow() }), access_token: 'a2', token_type: 'Bearer', expires_in: 900 }));
    await vi.advanceTimersByTimeAsync(13 * 60_000 + 50_000);
    expect(requests.filter((r) => r.body.get('grant_type') === 'refresh_token')).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(15_000); // 14:05 after sign-in
    const renewals = requests.filter((r) => r.body.get('grant_type') === 'refresh_token');
    expect(renewals.map((r) => r.body.get('refresh_token'))).toEqual(['refresh-1']);
    await vi.waitFor(() => expect(auth.idToken).not.toBe(first));
    expect(auth.idToken).toEqual(expect.any(String));

    tokenAnswers.push(async () => ({ id_token: await idToken({ iat: serverNow() }), access_token: 'a3', token_type: 'Bearer', expires_in: 900 }));
    const second = auth.idToken;
    await vi.advanceTimersByTimeAsync(14 * 60_000 + 5000);
    expect(requests.filter((r) => r.body.get('grant_type') === 'refresh_token').map((r) => r.body.get('refresh_token'))).toEqual(['refresh-1', 'refresh-1']);
    await vi.waitFor(() => expect(auth.idToken).not.toBe(second));

    // Sign-out: revoke the refresh token, then Cognito's /logout with client_id and logout_uri.
    await auth.signOut();
    expect(auth.idToken).toBeUndefined();
    expect(storage.length).toBe(0);
    const revoke = requests.find((r) => r.url === COGNITO.revocation_endpoint)!;
    expect(Object.fromEntries(revoke.body)).toMatchObject({ token: 'refresh-1', client_id: CLIENT_ID });
    const logout = new URL(assigned.at(-1)!);
    expect(`${logout.origin}${logout.pathname}`).toBe('https://biwaq-staff-1.auth.eu-central-1.amazoncognito.com/logout');
    expect(Object.fromEntries(logout.searchParams)).toEqual({ client_id: CLIENT_ID, logout_uri: CONSOLE });
  });

  it('refuses an ID token for another nonce, and cleans the address bar anyway', async () => {
    const auth = await ConsoleAuth.load();
    await expect(
      signInAndReturn(auth, async () => ({
        id_token: await idToken({ nonce: 'someone-elses', iat: Math.floor(Date.now() / 1000) }),
        access_token: 'x',
        token_type: 'Bearer',
        expires_in: 900,
      })),
    ).rejects.toThrow();
    expect(auth.idToken).toBeUndefined();
    // Back on the page the sign-in started from; the code and state are gone.
    expect(location.pathname + location.search).toBe('/console/participants/abc?tab=verlauf');
    expect(storage.length).toBe(0);
  });

  it('ignores a code it did not ask for in this tab (no stored state), and a state that does not match', async () => {
    const auth = await ConsoleAuth.load();
    browserAt(`${CONSOLE}?code=planted&state=whatever`);
    await expect(auth.start()).rejects.toBeInstanceOf(SignInError);
    expect(location.pathname + location.search).toBe('/console/');
    expect(requests).toEqual([]);

    await auth.signIn();
    browserAt(`${CONSOLE}?code=planted&state=wrong`);
    await expect(auth.start()).rejects.toBeInstanceOf(SignInError);
    expect(requests).toEqual([]);
  });

  it('returns only to paths under the console after sign-in', async () => {
    const auth = await ConsoleAuth.load();
    for (const [from, to] of [
      ['//evil.example/console/', '/console/'],
      ['https://evil.example/console/x', '/console/'],
      ['/intake', '/console/'],
      ['/console/participants/x#verlauf', '/console/participants/x#verlauf'],
    ] as const) {
      await auth.signIn(from);
      expect(JSON.parse(storage.getItem('biwaq.console.signin')!).returnTo).toBe(to);
    }
  });
});

describe('on an OpenID Connect server with RP-initiated logout (the local one)', () => {
  it('signs out at its end_session_endpoint with the ID token as hint and the console as post-logout URL', async () => {
    const issuer = 'http://127.0.0.1:3000/local/auth';
    browserAt('http://127.0.0.1:3000/console/');
    serve(
      {
        issuer,
        authorization_endpoint: `${issuer}/oauth2/authorize`,
        token_endpoint: `${issuer}/oauth2/token`,
        end_session_endpoint: `${issuer}/logout`,
        id_token_signing_alg_values_supported: ['RS256'],
      },
      { issuer, clientId: 'biwaq-console-local', redirectUri: 'http://127.0.0.1:3000/console/', logoutUri: 'http://127.0.0.1:3000/console/' },
    );
    const auth = await ConsoleAuth.load();
    await auth.signOut();
    const url = new URL(assigned[0]!);
    expect(`${url.origin}${url.pathname}`).toBe(`${issuer}/logout`);
    expect(Object.fromEntries(url.searchParams)).toEqual({ client_id: 'biwaq-console-local', post_logout_redirect_uri: 'http://127.0.0.1:3000/console/' });
  });
});
