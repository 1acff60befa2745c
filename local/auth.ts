import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { createLocalJWKSet, importJWK, jwtVerify, SignJWT, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type Provider from 'oidc-provider';
import { handleInteraction } from './auth/interaction.js';
import { loadSigningKey, type SigningKey } from './auth/keys.js';
import { ASSETS_PATH, AUTH_PAGE_HEADERS } from './auth/pages.js';
import { createProvider, TOKEN_SECONDS } from './auth/provider.js';
import { AuthStore } from './auth/store.js';
import { demoSub, isDemoPassword, LOCAL_CLIENT_ID, userClaims, userNamed, type DemoUser } from './auth/users.js';

export { DEMO_PASSWORD, DEMO_USERS, demoSub, LOCAL_CLIENT_ID, ROLE_LABELS, type DemoUser } from './auth/users.js';

/**
 * Local staff sign-in: the stand-in for the Cognito user pool and its managed login. A local
 * authorization server (oidc-provider, local/auth/provider.ts) at `${apiUrl}/local/auth` speaks
 * the flow the console uses on AWS — authorization code with PKCE, refresh tokens, RP-initiated
 * logout — and issues ID tokens with Cognito's claims (sub, cognito:username, cognito:groups,
 * custom:site, token_use "id"), signed RS256 by a key kept under DATA_DIR.
 *
 * `verify` is what API Gateway's JWT authorizer does before any staff handler runs — signature
 * (this server's key, RS256 only), issuer, audience, expiry — and it accepts ID tokens only.
 * `POST /local/auth/token` with {"username","password"} is the local counterpart of Cognito's
 * InitiateAuth, for scripts and tests.
 */
export class LocalAuth {
  private readonly callback: ReturnType<Provider['callback']>;
  private readonly keys: JWTVerifyGetKey;

  private constructor(
    readonly issuer: string,
    readonly provider: Provider,
    private readonly key: SigningKey,
  ) {
    this.callback = provider.callback();
    this.keys = createLocalJWKSet({ keys: [key.publicJwk] });
  }

  /** The issuer's path on the API server: `/local/auth`. */
  get basePath(): string {
    return new URL(this.issuer).pathname.replace(/\/$/, '');
  }

  /** Where the console lives and where the server sends the browser back after sign-in and sign-out. */
  get consoleUrl(): string {
    return `${new URL(this.issuer).origin}/console/`;
  }

  /** What the console reads from `/console/config.json` (on AWS: written to S3 by infra/constructs/web.ts). */
  get consoleConfig(): { issuer: string; clientId: string; redirectUri: string; logoutUri: string } {
    return { issuer: this.issuer, clientId: LOCAL_CLIENT_ID, redirectUri: this.consoleUrl, logoutUri: this.consoleUrl };
  }

  /** Loads the signing key and the server's state from dataDir (both survive a restart), or starts afresh in memory. */
  static async create(issuer: string, dataDir?: string): Promise<LocalAuth> {
    const key = await loadSigningKey(dataDir);
    const consoleUrl = `${new URL(issuer).origin}/console/`;
    const provider = await createProvider({ issuer, consoleUrl, key, store: AuthStore.at(dataDir) });
    provider.use(pageHeaders);
    return new LocalAuth(issuer, provider, key);
  }

  /** Signs an ID token for a user, as Cognito does after a sign-in (and with the same key as the code flow). */
  async issue(user: DemoUser, lifetimeSeconds = TOKEN_SECONDS): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ token_use: 'id', auth_time: now, ...userClaims(user) })
      .setProtectedHeader({ alg: 'RS256', kid: this.key.publicJwk.kid, typ: 'JWT' })
      .setSubject(demoSub(user.username))
      .setIssuer(this.issuer)
      .setAudience(LOCAL_CLIENT_ID)
      .setIssuedAt(now)
      .setExpirationTime(now + lifetimeSeconds)
      .setJti(randomUUID())
      .sign(await importJWK(this.key.privateJwk, 'RS256'));
  }

  /**
   * What API Gateway's JWT authorizer does with the Authorization header: verify, then hand the
   * claims to the function as strings (arrays as "[a b]"). Undefined means 401.
   */
  async verify(authorization: string | undefined): Promise<Record<string, string> | undefined> {
    if (!authorization) return undefined;
    const token = authorization.replace(/^Bearer\s+/i, '').trim();
    try {
      const { payload, protectedHeader } = await jwtVerify(token, this.keys, {
        issuer: this.issuer,
        audience: LOCAL_CLIENT_ID,
        algorithms: ['RS256'],
        requiredClaims: ['sub', 'exp', 'iat'],
      });
      // Only ID tokens carry the user's groups and site; an access token (token_use "access",
      // typ "at+jwt") of the same issuer and audience is refused.
      if (payload['token_use'] !== 'id' || protectedHeader.typ === 'at+jwt') return undefined;
      return claimsAsApiGatewayPassesThem(payload);
    } catch {
      return undefined;
    }
  }

  /** Everything under the issuer's path. Returns true when it answered. */
  async handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = new URL(req.url ?? '/', 'http://local');
    const base = this.basePath;
    if (url.pathname !== base && !url.pathname.startsWith(`${base}/`)) return false;
    const path = url.pathname.slice(base.length) || '/';
    const method = (req.method ?? 'GET').toUpperCase();

    if (path === '/token' && method === 'POST') {
      await this.passwordToken(req, res);
      return true;
    }
    if (path.startsWith('/assets/')) return serveAsset(path.slice('/assets/'.length), method, res);
    if (path.startsWith('/interaction/')) {
      await handleInteraction(this.provider, req, res, path);
      return true;
    }
    // oidc-provider finds its mount path from originalUrl (discovery, authorize, token, logout, JWKS …).
    const r = req as IncomingMessage & { originalUrl?: string };
    r.originalUrl = req.url;
    req.url = `${path}${url.search}`;
    await this.callback(req, res);
    return true;
  }

  /** `GET /console/config.json`: where the console finds its authorization server. Returns true when it answered. */
  serveConsoleConfig(req: IncomingMessage, res: ServerResponse): boolean {
    const method = (req.method ?? 'GET').toUpperCase();
    if ((method !== 'GET' && method !== 'HEAD') || new URL(req.url ?? '/', 'http://local').pathname !== '/console/config.json') return false;
    send(res, 200, this.consoleConfig, method === 'HEAD');
    return true;
  }

  /** `POST /local/auth/token` {"username","password"} → {"id_token","token_type","expires_in"}. */
  private async passwordToken(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readJson(req);
    const user = userNamed(body?.['username']);
    if (!user || !isDemoPassword(body?.['password'])) {
      return send(res, 401, { code: 'unauthorized', message: 'Benutzername oder Passwort ist falsch.' });
    }
    send(res, 200, { id_token: await this.issue(user), token_type: 'Bearer', expires_in: TOKEN_SECONDS });
  }
}

/**
 * The provider's own responses get the same strict headers as our pages. Its one self-submitting
 * page (form_post, e.g. a sign-out without a session) carries an inline script: it is swapped for
 * the same code as a file (assets/submit.js), so the CSP needs no hash and no 'unsafe-inline'.
 */
const FORM_POST_SCRIPT = /<script>\s*document\.addEventListener\('DOMContentLoaded', function \(\) \{ document\.forms\[0\]\.submit\(\) \}\);\s*<\/script>/;

async function pageHeaders(ctx: import('koa').Context, next: () => Promise<unknown>): Promise<void> {
  await next();
  for (const [name, value] of Object.entries(AUTH_PAGE_HEADERS)) {
    if (name === 'cache-control' && ctx.response.get('cache-control')) continue;
    ctx.set(name, value);
  }
  if (typeof ctx.body === 'string' && ctx.body.includes('<script>')) {
    ctx.body = ctx.body.replace(FORM_POST_SCRIPT, `<script src="${ASSETS_PATH}/submit.js" defer></script>`);
  }
}

const ASSETS: Record<string, string> = {
  'auth.css': 'text/css; charset=utf-8',
  'logout.js': 'text/javascript; charset=utf-8',
  'submit.js': 'text/javascript; charset=utf-8',
};

function serveAsset(name: string, method: string, res: ServerResponse): boolean {
  const type = ASSETS[name];
  if (!type || (method !== 'GET' && method !== 'HEAD')) return false;
  const body = readFileSync(join(import.meta.dirname, 'auth', 'assets', name));
  res.writeHead(200, { 'content-type': type, 'content-length': body.length, 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' });
  res.end(method === 'HEAD' ? undefined : body);
  return true;
}

function claimsAsApiGatewayPassesThem(payload: JWTPayload): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(payload)) out[k] = Array.isArray(v) ? `[${v.join(' ')}]` : String(v);
  return out;
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown> | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req as AsyncIterable<Buffer>) {
    size += c.length;
    if (size > 4096) return undefined;
    chunks.push(c);
  }
  try {
    const v: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function send(res: ServerResponse, status: number, body: unknown, headOnly = false): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(text),
    'x-content-type-options': 'nosniff',
  });
  res.end(headOnly ? undefined : text);
}
