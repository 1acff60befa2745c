import * as oauth from 'oauth4webapi';
import { LOCAL_CLIENT_ID } from '../../local/auth.js';

/** A local cloud, or just an API server that mounts LocalAuth. */
export interface AuthHost {
  apiUrl: string;
  auth: { issuer: string };
}

/**
 * The console's sign-in without a browser: oauth4webapi (the library web/console/auth.ts uses)
 * against the local authorization server, and a small cookie jar standing in for the browser's.
 */

export class CookieJar {
  private readonly cookies = new Map<string, { value: string; path: string }>();

  store(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';').map((s) => s.trim());
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq);
      const value = pair!.slice(eq + 1);
      const path = attrs.find((a) => /^path=/i.test(a))?.slice(5) ?? '/';
      const expired = attrs.some((a) => /^expires=Thu, 01 Jan 1970/i.test(a)) || value === '';
      const key = `${name};${path}`;
      if (expired) this.cookies.delete(key);
      else this.cookies.set(key, { value, path });
    }
  }

  header(url: string): string {
    const path = new URL(url).pathname;
    return [...this.cookies.entries()]
      .filter(([, c]) => path === c.path || path.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`))
      .map(([key, c]) => `${key.slice(0, key.indexOf(';'))}=${c.value}`)
      .join('; ');
  }

  get size(): number {
    return this.cookies.size;
  }
}

/** One request with the jar's cookies, redirects not followed. */
export async function browse(jar: CookieJar, url: string, init: RequestInit = {}): Promise<Response> {
  const res = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), cookie: jar.header(url) } });
  jar.store(res);
  return res;
}

/** Follows redirects (GET) until a page answers or the browser is sent to `stopAt`; returns the last response and URL. */
export async function follow(jar: CookieJar, res: Response, url: string, stopAt: string): Promise<{ res: Response; url: string }> {
  for (let hops = 0; hops < 10; hops++) {
    const location = res.headers.get('location');
    if (res.status < 300 || res.status >= 400 || !location) return { res, url };
    url = new URL(location, url).href;
    if (url.startsWith(stopAt)) return { res, url };
    res = await browse(jar, url);
  }
  throw new Error('too many redirects');
}

export interface SignedIn {
  as: oauth.AuthorizationServer;
  client: oauth.Client;
  jar: CookieJar;
  tokens: oauth.TokenEndpointResponse;
}

export const insecure = { [oauth.allowInsecureRequests]: true } as const;

export async function discover(cloud: AuthHost): Promise<oauth.AuthorizationServer> {
  const issuer = new URL(cloud.auth.issuer);
  return oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, { algorithm: 'oidc', ...insecure }));
}

/** Starts the code flow and returns the login page's URL and HTML. */
export async function startSignIn(cloud: AuthHost, jar: CookieJar, extra: Record<string, string> = {}) {
  const as = await discover(cloud);
  const verifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const nonce = oauth.generateRandomNonce();
  const url = new URL(as.authorization_endpoint!);
  const params: Record<string, string> = {
    client_id: LOCAL_CLIENT_ID,
    redirect_uri: `${cloud.apiUrl}/console/`,
    response_type: 'code',
    scope: 'openid email profile',
    code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
    ...extra,
  };
  for (const [k, v] of Object.entries(params)) if (v !== '') url.searchParams.set(k, v);
  const first = await browse(jar, url.href);
  const page = await follow(jar, first, url.href, `${cloud.apiUrl}/console/`);
  return { as, verifier, state, nonce, loginUrl: page.url, res: page.res };
}

/** The whole code flow with PKCE as the console runs it: authorize → login page → code → tokens. */
export async function signIn(cloud: AuthHost, username: string, password: string, jar = new CookieJar()): Promise<SignedIn> {
  const { as, verifier, state, nonce, loginUrl, res } = await startSignIn(cloud, jar);
  const html = await res.text();
  const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
  if (res.status !== 200 || !action) throw new Error(`no login page at ${loginUrl}: ${res.status}`);
  const posted = await browse(jar, new URL(action.replace(/&amp;/g, '&'), loginUrl).href, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username, password }).toString(),
  });
  const back = await follow(jar, posted, new URL(action, loginUrl).href, `${cloud.apiUrl}/console/`);
  if (!back.url.startsWith(`${cloud.apiUrl}/console/`)) throw new Error(`sign-in did not return to the console (${back.res.status})`);
  const client: oauth.Client = { client_id: LOCAL_CLIENT_ID };
  const params = oauth.validateAuthResponse(as, client, new URL(back.url), state);
  const response = await oauth.authorizationCodeGrantRequest(as, client, oauth.None(), params, `${cloud.apiUrl}/console/`, verifier, insecure);
  const tokens = await oauth.processAuthorizationCodeResponse(as, client, response, { expectedNonce: nonce, requireIdToken: true });
  return { as, client, jar, tokens };
}
