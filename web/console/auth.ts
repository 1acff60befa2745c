import * as oauth from 'oauth4webapi';

/**
 * The staff console's sign-in: OAuth 2.0 authorization code with PKCE (S256) against Cognito's
 * managed login on AWS, or the local authorization server of `npm start` — the same code on both,
 * configured by `/console/config.json` ({ issuer, clientId, redirectUri, logoutUri }).
 *
 * - Tokens live in memory only. sessionStorage holds just the PKCE verifier, state, nonce and the
 *   path to return to, across the redirect to the login page and back (and a flag that this tab
 *   was signed in, so a reload signs in again through the server's session instead of asking).
 * - The ID token is what the staff API accepts (`Authorization: Bearer <ID token>`): it carries
 *   the user's groups and site. It is renewed with the refresh token a minute before it expires.
 * - Sign-out revokes the refresh token and ends the server's session: OpenID Connect RP-initiated
 *   logout where the server offers it, Cognito's `/logout?client_id=…&logout_uri=…` on Cognito.
 */

export interface ConsoleConfig {
  issuer: string;
  clientId: string;
  /** The console's own URL, registered as the callback (`…/console/`). */
  redirectUri: string;
  /** Where the browser lands after sign-out (registered as sign-out URL). */
  logoutUri: string;
  /** Default `openid email profile`. */
  scope?: string;
}

export interface User {
  /** `cognito:username` (or `sub` when absent). */
  username: string;
  sub: string;
  claims: oauth.IDToken;
}

type Listener = (user: User | undefined) => void;

const PENDING_KEY = 'biwaq.console.signin';
const ACTIVE_KEY = 'biwaq.console.active';
/** Renew this long before the ID token expires. */
const RENEW_BEFORE_MS = 60_000;

interface Pending {
  verifier: string;
  state: string;
  nonce: string;
  returnTo: string;
}

interface Tokens {
  idToken: string;
  refreshToken?: string;
  /** Local time (ms) by which to renew: measured from when the tokens arrived, not from `exp`, so a skewed clock does not matter. */
  renewAt: number;
  expiresAt: number;
}

export class ConsoleAuth {
  private tokens: Tokens | undefined;
  private current: User | undefined;
  private renewTimer: ReturnType<typeof setTimeout> | undefined;
  private renewing: Promise<boolean> | undefined;
  private readonly listeners = new Set<Listener>();
  private readonly client: oauth.Client;
  private readonly options: { [oauth.allowInsecureRequests]?: boolean };

  private constructor(
    readonly config: ConsoleConfig,
    private readonly as: oauth.AuthorizationServer,
  ) {
    this.client = { client_id: config.clientId };
    // Only the local cloud runs over plain http (on loopback); AWS is https everywhere.
    this.options = new URL(config.issuer).protocol === 'http:' && location.protocol === 'http:' ? { [oauth.allowInsecureRequests]: true } : {};
  }

  /** Reads the configuration and the authorization server's metadata (OpenID Connect discovery). */
  static async load(configUrl = '/console/config.json'): Promise<ConsoleAuth> {
    const res = await fetch(configUrl, { headers: { accept: 'application/json' }, cache: 'no-cache' });
    if (!res.ok) throw new Error(`console configuration: ${res.status}`);
    const config = (await res.json()) as ConsoleConfig;
    const issuer = new URL(config.issuer);
    const insecure = issuer.protocol === 'http:' && location.protocol === 'http:';
    const as = await oauth.processDiscoveryResponse(
      issuer,
      await oauth.discoveryRequest(issuer, { algorithm: 'oidc', ...(insecure ? { [oauth.allowInsecureRequests]: true } : {}) }),
    );
    return new ConsoleAuth(config, as);
  }

  get user(): User | undefined {
    return this.current;
  }

  /** The ID token for `Authorization: Bearer`, or undefined when signed out. */
  get idToken(): string | undefined {
    return this.tokens?.idToken;
  }

  /** Called with the user after every sign-in and renewal, and with undefined when signed out. */
  onChange(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Run once when the page loads: completes a sign-in when the browser comes back from the login
   * page with a code (and restores the path it started from), or signs in again after a reload of
   * a tab that was signed in. Resolves with the user, or undefined when signed out.
   */
  async start(): Promise<User | undefined> {
    const params = new URLSearchParams(location.search);
    const pending = readPending();
    if (location.pathname === new URL(this.config.redirectUri).pathname && (params.has('code') || params.has('error'))) {
      sessionStorage.removeItem(PENDING_KEY); // one use only
      sessionStorage.removeItem(ACTIVE_KEY); // set again on success: a failing sign-in never loops
      const returnTo = pending?.returnTo ?? new URL(this.config.redirectUri).pathname;
      try {
        if (!pending) throw new SignInError('Die Anmeldung wurde nicht in diesem Fenster begonnen.');
        await this.completeSignIn(params, pending);
      } finally {
        // The code and state leave the address bar and the history at once, whatever happened.
        history.replaceState(history.state, '', returnTo);
      }
      return this.current;
    }
    if (sessionStorage.getItem(ACTIVE_KEY) === '1') {
      await this.signIn(); // the server's session answers without asking again
      return new Promise<never>(() => undefined); // the page is leaving
    }
    return undefined;
  }

  /** Redirects to the login page; `returnTo` (a path under the console) is restored afterwards. */
  async signIn(returnTo = `${location.pathname}${location.search}${location.hash}`): Promise<void> {
    const pending: Pending = {
      verifier: oauth.generateRandomCodeVerifier(),
      state: oauth.generateRandomState(),
      nonce: oauth.generateRandomNonce(),
      returnTo: this.safeReturnPath(returnTo),
    };
    sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
    const url = new URL(this.as.authorization_endpoint!);
    url.search = new URLSearchParams({
      client_id: this.config.clientId,
      redirect_uri: this.config.redirectUri,
      response_type: 'code',
      scope: this.config.scope ?? 'openid email profile',
      code_challenge: await oauth.calculatePKCECodeChallenge(pending.verifier),
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
    }).toString();
    location.assign(url.href);
  }

  /** Forgets the tokens, revokes the refresh token, ends the server's session and comes back to `logoutUri`. */
  async signOut(): Promise<void> {
    const tokens = this.tokens;
    this.clear();
    sessionStorage.removeItem(ACTIVE_KEY);
    if (tokens?.refreshToken && this.as.revocation_endpoint) {
      try {
        await oauth.processRevocationResponse(
          await oauth.revocationRequest(this.as, this.client, oauth.None(), tokens.refreshToken, { ...this.options, additionalParameters: { token_type_hint: 'refresh_token' } }),
        );
      } catch {
        // Ending the session below also ends its refresh tokens on the local server.
      }
    }
    location.assign(this.logoutUrl(tokens?.idToken));
  }

  /**
   * fetch with the ID token as Bearer. Renews first when the token is (nearly) due, and once more
   * after a 401; a 401 that stays means signed out.
   */
  async fetch(input: string, init: RequestInit = {}): Promise<Response> {
    if (this.tokens && Date.now() >= this.tokens.renewAt) await this.renew();
    const send = () => {
      const headers = new Headers(init.headers);
      if (this.tokens) headers.set('authorization', `Bearer ${this.tokens.idToken}`);
      return fetch(input, { ...init, headers });
    };
    let res = await send();
    if (res.status === 401 && this.tokens && (await this.renew())) res = await send();
    if (res.status === 401 && this.tokens) this.signedOut();
    return res;
  }

  /** The refresh token grant; true when new tokens arrived. Concurrent callers share one request. */
  renew(): Promise<boolean> {
    this.renewing ??= (async () => {
      const refreshToken = this.tokens?.refreshToken;
      if (!refreshToken) return false;
      try {
        const response = await oauth.refreshTokenGrantRequest(this.as, this.client, oauth.None(), refreshToken, this.options);
        const result = await oauth.processRefreshTokenResponse(this.as, this.client, response);
        // Cognito without rotation answers no new refresh token: the old one stays valid.
        this.accept(result, result.refresh_token ?? refreshToken);
        return true;
      } catch {
        this.signedOut();
        return false;
      }
    })().finally(() => {
      this.renewing = undefined;
    });
    return this.renewing;
  }

  private async completeSignIn(params: URLSearchParams, pending: Pending): Promise<void> {
    let callback: URLSearchParams;
    try {
      callback = oauth.validateAuthResponse(this.as, this.client, params, pending.state);
    } catch (err) {
      const description = err instanceof oauth.AuthorizationResponseError ? err.error_description || err.error : undefined;
      throw new SignInError(description ? `Die Anmeldung wurde abgebrochen (${description}).` : 'Die Antwort der Anmeldung ist ungültig.');
    }
    const response = await oauth.authorizationCodeGrantRequest(this.as, this.client, oauth.None(), callback, this.config.redirectUri, pending.verifier, this.options);
    const result = await oauth.processAuthorizationCodeResponse(this.as, this.client, response, { expectedNonce: pending.nonce, requireIdToken: true });
    this.accept(result, result.refresh_token);
    sessionStorage.setItem(ACTIVE_KEY, '1');
  }

  private accept(result: oauth.TokenEndpointResponse, refreshToken: string | undefined): void {
    const claims = oauth.getValidatedIdTokenClaims(result);
    if (!result.id_token || !claims) throw new SignInError('Die Anmeldung hat kein ID-Token geliefert.');
    const lifetimeMs = Math.max(0, (claims.exp - claims.iat) * 1000);
    const now = Date.now();
    this.tokens = {
      idToken: result.id_token,
      ...(refreshToken ? { refreshToken } : {}),
      expiresAt: now + lifetimeMs,
      renewAt: now + Math.max(lifetimeMs - RENEW_BEFORE_MS, lifetimeMs / 2),
    };
    const username = claims['cognito:username'];
    this.current = { username: typeof username === 'string' ? username : claims.sub, sub: claims.sub, claims };
    this.schedule();
    for (const l of this.listeners) l(this.current);
  }

  private schedule(): void {
    clearTimeout(this.renewTimer);
    if (!this.tokens?.refreshToken) return;
    this.renewTimer = setTimeout(() => void this.renew(), Math.max(1000, this.tokens.renewAt - Date.now()));
  }

  private signedOut(): void {
    const was = this.current;
    this.clear();
    sessionStorage.removeItem(ACTIVE_KEY);
    if (was) for (const l of this.listeners) l(undefined);
  }

  private clear(): void {
    clearTimeout(this.renewTimer);
    this.tokens = undefined;
    this.current = undefined;
  }

  /**
   * OpenID Connect RP-initiated logout where the server offers it (the local server); on Cognito
   * its managed login's `/logout`, which takes `client_id` and `logout_uri` instead.
   */
  private logoutUrl(idToken: string | undefined): string {
    const cognito = /^https:\/\/cognito-idp\.[a-z0-9-]+\.amazonaws\.com\//.test(this.as.issuer);
    if (this.as.end_session_endpoint && !cognito) {
      const url = new URL(this.as.end_session_endpoint);
      url.searchParams.set('client_id', this.config.clientId);
      url.searchParams.set('post_logout_redirect_uri', this.config.logoutUri);
      if (idToken) url.searchParams.set('id_token_hint', idToken);
      return url.href;
    }
    const url = new URL('/logout', this.as.authorization_endpoint);
    url.searchParams.set('client_id', this.config.clientId);
    url.searchParams.set('logout_uri', this.config.logoutUri);
    return url.href;
  }

  /** Only paths under the console come back after sign-in (never another origin). */
  private safeReturnPath(path: string): string {
    const base = new URL(this.config.redirectUri);
    const target = new URL(path, location.origin);
    return target.origin === location.origin && target.pathname.startsWith(base.pathname)
      ? `${target.pathname}${target.search}${target.hash}`
      : base.pathname;
  }
}

/** A sign-in that could not be completed; its message is German and safe to show. */
export class SignInError extends Error {
  override readonly name = 'SignInError';
}

function readPending(): Pending | undefined {
  try {
    const v = JSON.parse(sessionStorage.getItem(PENDING_KEY) ?? 'null') as Partial<Pending> | null;
    return v && typeof v.verifier === 'string' && typeof v.state === 'string' && typeof v.nonce === 'string' && typeof v.returnTo === 'string'
      ? (v as Pending)
      : undefined;
  } catch {
    return undefined;
  }
}
