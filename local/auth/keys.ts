import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, type JWK } from 'jose';

/**
 * The local authorization server's signing key: one RSA key (RS256, as Cognito signs), kept under
 * DATA_DIR so tokens, sessions and cookies survive a restart of `npm start`. Without a data
 * folder (tests) every start makes a new one.
 */

export const KEY_FILE = 'local-auth-key.json';

export interface SigningKey {
  /** The private JWK with kid, alg and use, as oidc-provider takes it in `jwks`. */
  privateJwk: JWK;
  /** The same without its private parts: what the JWKS publishes. */
  publicJwk: JWK;
  /** Keys for the provider's signed cookies, derived from the private key (no second secret to keep). */
  cookieKeys: string[];
}

export async function loadSigningKey(dataDir: string | undefined): Promise<SigningKey> {
  const file = dataDir ? join(dataDir, KEY_FILE) : undefined;
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
  const cookieKeys = [createHash('sha256').update(`cookies:${jwk.d}`).digest('base64url')];
  return { privateJwk: jwk, publicJwk, cookieKeys };
}
