import { createHash, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, jwtVerify, SignJWT, type JWK, type JWTPayload } from 'jose';
import { CLAIM, type Role } from '../schemas/staff.js';

/**
 * Local staff sign-in: the stand-in for the Cognito user pool. It issues short-lived ID tokens
 * with the same claims as Cognito (sub, cognito:username, cognito:groups, custom:site), signed
 * RS256 by a local key, and verifies them the way API Gateway's JWT authorizer does (signature,
 * algorithm, issuer, audience, expiry) before any staff handler runs.
 */

export const LOCAL_CLIENT_ID = 'biwaq-console-local';
export const DEMO_PASSWORD = 'biwaq-demo';
const TOKEN_SECONDS = 15 * 60;

const SIGN_IN_FILES: Record<string, { file: string; type: string }> = {
  '/local/sign-in': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/local/sign-in/sign-in.js': { file: 'sign-in.js', type: 'text/javascript; charset=utf-8' },
  '/local/sign-in/sign-in.css': { file: 'sign-in.css', type: 'text/css; charset=utf-8' },
};

export interface DemoUser {
  username: string;
  role: Role;
  site?: string;
}

export const DEMO_USERS: DemoUser[] = [
  { username: 'berater.marxloh', role: 'staff', site: 'marxloh' },
  { username: 'leitung.marxloh', role: 'lead', site: 'marxloh' },
  { username: 'berater.hochfeld', role: 'staff', site: 'hochfeld' },
  { username: 'leitung.hochfeld', role: 'lead', site: 'hochfeld' },
  { username: 'koordination', role: 'coordinator' },
];

/** A stable subject per demo user, so audit trails read the same after a restart. */
export function demoSub(username: string): string {
  const h = createHash('sha256').update(`local-user:${username}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

type Key = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

export class LocalAuth {
  private constructor(
    private readonly privateKey: Key,
    private readonly publicKey: Key,
    private readonly publicJwk: JWK,
    readonly issuer: string,
  ) {}

  /** Loads the signing key from dataDir (tokens survive a restart) or makes a new one. */
  static async create(issuer: string, dataDir?: string): Promise<LocalAuth> {
    const file = dataDir ? join(dataDir, 'local-auth-key.json') : undefined;
    let jwk: JWK;
    if (file && existsSync(file)) jwk = JSON.parse(readFileSync(file, 'utf8')) as JWK;
    else {
      const { privateKey } = await generateKeyPair('RS256', { extractable: true });
      jwk = { ...(await exportJWK(privateKey)), kid: `local-${Date.now().toString(36)}`, alg: 'RS256', use: 'sig' };
      if (file) {
        mkdirSync(dataDir!, { recursive: true });
        writeFileSync(file, JSON.stringify(jwk), { mode: 0o600 });
      }
    }
    const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicJwk } = jwk;
    return new LocalAuth(
      (await importJWK(jwk, 'RS256')) as Key,
      (await importJWK(publicJwk, 'RS256')) as Key,
      publicJwk,
      issuer,
    );
  }

  /** Signs an ID token for a user, as Cognito would after sign-in. */
  async issue(user: DemoUser, lifetimeSeconds = TOKEN_SECONDS): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({
      token_use: 'id',
      auth_time: now,
      [CLAIM.username]: user.username,
      [CLAIM.groups]: [user.role],
      ...(user.site ? { [CLAIM.site]: user.site } : {}),
    })
      .setProtectedHeader({ alg: 'RS256', kid: this.publicJwk.kid, typ: 'JWT' })
      .setSubject(demoSub(user.username))
      .setIssuer(this.issuer)
      .setAudience(LOCAL_CLIENT_ID)
      .setIssuedAt(now)
      .setExpirationTime(now + lifetimeSeconds)
      .sign(this.privateKey);
  }

  /**
   * What API Gateway's JWT authorizer does with the Authorization header: verify, then hand the
   * claims to the function as strings (arrays as "[a b]"). Undefined means 401.
   */
  async verify(authorization: string | undefined): Promise<Record<string, string> | undefined> {
    if (!authorization) return undefined;
    const token = authorization.replace(/^Bearer\s+/i, '').trim();
    try {
      const { payload } = await jwtVerify(token, this.publicKey, {
        issuer: this.issuer,
        audience: LOCAL_CLIENT_ID,
        algorithms: ['RS256'],
        requiredClaims: ['sub', 'exp', 'iat'],
      });
      return claimsAsApiGatewayPassesThem(payload);
    } catch {
      return undefined;
    }
  }

  /** The local endpoints: token, JWKS and a small sign-in page. Returns true when it answered. */
  async handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = new URL(req.url ?? '/', 'http://local');
    if (req.method === 'POST' && url.pathname === '/local/auth/token') {
      const body = await readJson(req);
      const user = DEMO_USERS.find((u) => u.username === body?.['username']);
      if (!user || !samePassword(body?.['password'])) {
        send(res, 401, { code: 'unauthorized', message: 'Benutzername oder Passwort ist falsch.' });
        return true;
      }
      send(res, 200, { id_token: await this.issue(user), token_type: 'Bearer', expires_in: TOKEN_SECONDS });
      return true;
    }
    if (req.method === 'GET' && url.pathname === '/local/auth/.well-known/jwks.json') {
      send(res, 200, { keys: [this.publicJwk] });
      return true;
    }
    const page = SIGN_IN_FILES[url.pathname];
    if (req.method === 'GET' && page) {
      const text = readFileSync(join(import.meta.dirname, 'sign-in', page.file));
      res.writeHead(200, {
        'content-type': page.type,
        'cache-control': 'no-store',
        'content-security-policy': "default-src 'self'; frame-ancestors 'none'",
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
      });
      res.end(text);
      return true;
    }
    return false;
  }
}

function claimsAsApiGatewayPassesThem(payload: JWTPayload): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(payload)) out[k] = Array.isArray(v) ? `[${v.join(' ')}]` : String(v);
  return out;
}

function samePassword(given: unknown): boolean {
  if (typeof given !== 'string') return false;
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(DEMO_PASSWORD).digest();
  return timingSafeEqual(a, b);
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

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
