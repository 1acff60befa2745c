import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importJWK, SignJWT, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DEMO_USERS, LOCAL_CLIENT_ID, LocalAuth, type DemoUser } from '../../local/auth.js';
import type { LocalCloud } from '../../local/cloud.js';
import { validIntake } from '../fixtures.js';
import { allItems, postJson, startCloud, tempDataDir } from './helpers.js';

/** Every staff boundary, against the real local cloud with real tokens from the local issuer. */
let cloud: LocalCloud;
const dataDir = tempDataDir();
const user = (name: string) => DEMO_USERS.find((u) => u.username === name)!;
const tokens: Record<string, string> = {};
const ids: Record<'marxloh' | 'hochfeld', string[]> = { marxloh: [], hochfeld: [] };

async function get(path: string, token?: string) {
  const res = await fetch(`${cloud.apiUrl}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: res.status, body: (await res.json()) as any };
}

beforeAll(async () => {
  cloud = await startCloud({ dataDir });
  for (const [i, site] of ['marxloh', 'hochfeld', 'marxloh', 'hochfeld', 'marxloh'].entries()) {
    const body = validIntake();
    body.site = site;
    body.person.lastName = `Grenztest${i}`;
    body.contact.email = `grenz${i}@example.org`;
    expect((await postJson(cloud, '/api/intake', body)).status).toBe(202);
  }
  await cloud.workflows.idle();
  for (const p of (await allItems(cloud)).filter((i) => i.type === 'Participant')) ids[p.site as 'marxloh' | 'hochfeld'].push(p.id);
  for (const u of DEMO_USERS) tokens[u.username] = await cloud.auth.issue(u);
});
afterAll(async () => {
  await cloud?.stop();
});

describe('sign-in', () => {
  it('issues a token for a demo user at the token endpoint and refuses a wrong password', async () => {
    const ok = await postJson(cloud, '/local/auth/token', { username: 'berater.marxloh', password: DEMO_PASSWORD });
    expect(ok.status).toBe(200);
    expect((await get('/api/staff/me', ok.body.id_token)).body).toMatchObject({ role: 'staff', site: { id: 'marxloh' } });
    expect((await postJson(cloud, '/local/auth/token', { username: 'berater.marxloh', password: 'wrong' })).status).toBe(401);
    expect((await postJson(cloud, '/local/auth/token', { username: 'nobody', password: DEMO_PASSWORD })).status).toBe(401);
  });

  it.each(DEMO_USERS.map((u) => [u.username, u] as [string, DemoUser]))('GET /api/staff/me for %s', async (_n, u) => {
    const me = await get('/api/staff/me', tokens[u.username]);
    expect(me.status).toBe(200);
    expect(me.body.role).toBe(u.role);
    expect(me.body.site?.id ?? null).toBe(u.site ?? null);
  });
});

describe('forged and expired tokens get 401 before any handler runs', () => {
  const key = () => JSON.parse(readFileSync(join(dataDir, 'local-auth-key.json'), 'utf8')) as JWK;
  const claims = { 'cognito:groups': ['staff'], 'custom:site': 'marxloh', token_use: 'id' };
  const sign = async (opts: { iss?: string; aud?: string; exp?: number; jwk?: JWK; claims?: Record<string, unknown> }) =>
    new SignJWT(opts.claims ?? claims)
      .setProtectedHeader({ alg: 'RS256', kid: key().kid })
      .setSubject('forger')
      .setIssuer(opts.iss ?? cloud.auth.issuer)
      .setAudience(opts.aud ?? LOCAL_CLIENT_ID)
      .setIssuedAt()
      .setExpirationTime(opts.exp ?? Math.floor(Date.now() / 1000) + 600)
      .sign(await importJWK(opts.jwk ?? key(), 'RS256'));
  const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

  it.each([
    ['no token', async () => undefined],
    ['garbage', async () => 'not.a.token'],
    ['a wrong issuer', async () => sign({ iss: 'https://evil.example/local/auth' })],
    ['a wrong audience', async () => sign({ aud: 'some-other-client' })],
    ['an expired token', async () => sign({ exp: Math.floor(Date.now() / 1000) - 60 })],
    ['an access token (token_use access)', async () => sign({ claims: { ...claims, token_use: 'access' } })],
    ['a token without token_use', async () => sign({ claims: { 'cognito:groups': ['staff'], 'custom:site': 'marxloh' } })],
    [
      'another key',
      async () => {
        const other = await LocalAuth.create(cloud.auth.issuer);
        return other.issue(user('leitung.marxloh'));
      },
    ],
    [
      'alg none',
      async () =>
        `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...claims, sub: 'x', iss: cloud.auth.issuer, aud: LOCAL_CLIENT_ID, exp: Math.floor(Date.now() / 1000) + 600, iat: Math.floor(Date.now() / 1000) })}.`,
    ],
    [
      'HS256 signed with the public key',
      async () => {
        const { n, e, kty } = key();
        const secret = new TextEncoder().encode(JSON.stringify({ e, kty, n }));
        return new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject('x').setIssuer(cloud.auth.issuer).setAudience(LOCAL_CLIENT_ID).setIssuedAt().setExpirationTime('10m').sign(secret);
      },
    ],
    [
      'a tampered payload',
      async () => {
        const [h, , s] = (await cloud.auth.issue(user('berater.hochfeld'))).split('.');
        return `${h}.${b64({ ...claims, sub: 'x', iss: cloud.auth.issuer, aud: LOCAL_CLIENT_ID, exp: 9999999999, iat: 1 })}.${s}`;
      },
    ],
  ])('%s', async (_name, make) => {
    const token = await make();
    for (const path of ['/api/staff/me', '/api/staff/participants', `/api/staff/participants/${ids.marxloh[0]}`]) {
      const res = await get(path, token);
      expect(res.status, path).toBe(401);
      expect(res.body).toEqual({ message: 'Unauthorized' });
    }
  });

  it('accepts a correctly signed token (the forging helper is sound)', async () => {
    expect((await get('/api/staff/me', await sign({}))).status).toBe(200);
  });
});

describe('sites are tenants', () => {
  it('lists only the own site, newest first, and pages through it with cursors', async () => {
    const seen: any[] = [];
    let cursor: string | null = null;
    do {
      const page = await get(`/api/staff/participants?limit=1${cursor ? `&cursor=${cursor}` : ''}`, tokens['berater.marxloh']);
      expect(page.status).toBe(200);
      seen.push(...page.body.items);
      cursor = page.body.cursor;
    } while (cursor);
    expect(seen.map((p) => p.id).sort()).toEqual([...ids.marxloh].sort());
    expect(seen.every((p) => p.site === 'marxloh')).toBe(true);
    const created = seen.map((p) => p.createdAt);
    expect(created).toEqual([...created].sort().reverse());
  });

  it("cannot page into the other site with the other site's cursor or a forged one", async () => {
    const theirs = await get('/api/staff/participants?limit=1', tokens['berater.hochfeld']);
    expect(theirs.body.cursor).toEqual(expect.any(String));
    const withTheirs = await get(`/api/staff/participants?cursor=${theirs.body.cursor}`, tokens['berater.marxloh']);
    expect(withTheirs.status).toBe(200);
    expect(withTheirs.body.items.every((p: any) => p.site === 'marxloh')).toBe(true);

    const hochfeldItem = (await allItems(cloud)).find((i) => i.type === 'Participant' && i.site === 'hochfeld')!;
    const forged = Buffer.from(JSON.stringify([hochfeldItem.GSI1SK, hochfeldItem.PK])).toString('base64url');
    const withForged = await get(`/api/staff/participants?cursor=${forged}`, tokens['berater.marxloh']);
    expect(withForged.status).toBe(200);
    expect(withForged.body.items.every((p: any) => p.site === 'marxloh')).toBe(true);

    for (const bad of ['%%%', 'bm90LWpzb24', Buffer.from('["x","y"]').toString('base64url')]) {
      const res = await get(`/api/staff/participants?cursor=${bad}`, tokens['berater.marxloh']);
      expect(res.status).toBe(400);
    }
  });

  it("answers another site's participant with the same 404 as an unknown id", async () => {
    const other = await get(`/api/staff/participants/${ids.hochfeld[0]}`, tokens['leitung.marxloh']);
    const unknown = await get(`/api/staff/participants/${'0'.repeat(32)}`, tokens['leitung.marxloh']);
    const malformed = await get('/api/staff/participants/..%2F..%2Fetc', tokens['leitung.marxloh']);
    expect(other).toEqual(unknown);
    expect(other.status).toBe(404);
    expect(malformed.status).toBe(404);
    const own = await get(`/api/staff/participants/${ids.hochfeld[0]}`, tokens['leitung.hochfeld']);
    expect(own.status).toBe(200);
  });

  it('filters by status within the site and refuses unknown query parameters', async () => {
    const fresh = await get('/api/staff/participants?status=new', tokens['berater.hochfeld']);
    expect(fresh.body.items.map((p: any) => p.id).sort()).toEqual([...ids.hochfeld].sort());
    expect((await get('/api/staff/participants?status=withdrawn', tokens['berater.hochfeld'])).body.items).toEqual([]);
    expect((await get('/api/staff/participants?status=bogus', tokens['berater.hochfeld'])).status).toBe(400);
    expect((await get('/api/staff/participants?site=marxloh', tokens['berater.hochfeld'])).status).toBe(400);
    expect((await get('/api/staff/participants?limit=1000', tokens['berater.hochfeld'])).status).toBe(400);
  });
});

describe('coordinators see figures, not people', () => {
  it('get 403 on every personal-data endpoint', async () => {
    expect((await get('/api/staff/participants', tokens['koordination'])).status).toBe(403);
    expect((await get(`/api/staff/participants/${ids.marxloh[0]}`, tokens['koordination'])).status).toBe(403);
    expect((await get('/api/staff/me', tokens['koordination'])).body).toMatchObject({ role: 'coordinator', site: null });
  });
});

describe('audit trail', () => {
  it('records every read of a record (who, when, which) without personal data', async () => {
    const id = ids.marxloh[1]!;
    const first = await get(`/api/staff/participants/${id}`, tokens['berater.marxloh']);
    const second = await get(`/api/staff/participants/${id}`, tokens['leitung.marxloh']);
    expect(second.body.audit.length).toBe(first.body.audit.length + 1);
    const last = second.body.audit.at(-1);
    expect(last).toMatchObject({ action: 'participant.read', role: 'lead', actor: expect.any(String) });
    expect(second.body.participant.entry.person.lastName).toMatch(/^Grenztest/);

    const stored = (await allItems(cloud)).filter((i) => i.type === 'Audit' && i.PK === `PARTICIPANT#${id}`);
    expect(stored.length).toBe(second.body.audit.length);
    const text = JSON.stringify(stored);
    for (const personal of ['Grenztest', 'example.org', '47169', 'Jana', 'berater', 'leitung']) expect(text).not.toContain(personal);

    // A refused read (another site) leaves no trace in the record.
    await get(`/api/staff/participants/${id}`, tokens['berater.hochfeld']);
    expect((await allItems(cloud)).filter((i) => i.type === 'Audit' && i.PK === `PARTICIPANT#${id}`).length).toBe(stored.length);
  });

  it('shows duplicate flags and the further submissions', async () => {
    const body = validIntake();
    body.person.lastName = 'Grenztest0';
    body.contact.email = 'again@example.org';
    await postJson(cloud, '/api/intake', body);
    await cloud.workflows.idle();
    const id = (await allItems(cloud)).find((i) => i.type === 'Participant' && i.entry.person.lastName === 'Grenztest0')!.id;
    const record = await get(`/api/staff/participants/${id}`, tokens['berater.marxloh']);
    expect(record.body.duplicates.flagged).toBe(true);
    expect(record.body.duplicates.submissions[0].entry.contact.email).toBe('again@example.org');
  });
});
