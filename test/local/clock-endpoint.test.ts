import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isLoopbackAddress } from '../../local/clock.js';
import type { LocalCloud } from '../../local/cloud.js';
import { validIntake } from '../fixtures.js';
import { postJson, startCloud } from './helpers.js';

/**
 * POST /local/clock moves the workflow clock, which the local cloud keeps across restarts and
 * never moves back: one absurd value would break the local cloud until its data is deleted.
 */
let cloud: LocalCloud;
const YEAR_MS = 365.25 * 86400_000;
/** An address of this machine that is not loopback (a phone on the same network would be such a client). */
const external = Object.values(networkInterfaces())
  .flat()
  .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;

beforeAll(async () => {
  // HOST not loopback, as for a phone on the same network.
  cloud = await startCloud({ host: '0.0.0.0' });
});
afterAll(async () => {
  await cloud?.stop();
});

describe('POST /local/clock accepts only sane moves', () => {
  const refused: [string, unknown][] = [
    ['a year beyond ISO 8601 basic years', { to: '+270000-01-01T00:00:00Z' }],
    ['a time more than 10 years ahead', { to: new Date(Date.now() + 10.5 * YEAR_MS).toISOString() }],
    ['a time that is not an ISO instant', { to: 'Tue, 01 Dec 2026 10:00:00 GMT' }],
    ['an ISO date without a time', { to: '2027-01-01' }],
    ['an astronomic advance', { advanceSeconds: 1e300 }],
    ['an advance of more than 10 years', { advanceSeconds: 11 * 365.25 * 86400 }],
    ['an advance of zero', { advanceSeconds: 0 }],
    ['an advance given as text', { advanceSeconds: '3600' }],
    ['both at once', { advanceSeconds: 60, to: '2027-01-01T00:00:00Z' }],
    ['unknown keys', { advanceSeconds: 60, back: true }],
    ['nothing', {}],
    ['not an object', [1]],
    ['malformed JSON', '{"advanceSeconds":'],
  ];

  it.each(refused)('refuses %s with a clear 400 and leaves the clock alone', async (_name, body) => {
    const before = cloud.clock.now();
    const res = await postJson(cloud, '/local/clock', body);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.body).toEqual(expect.objectContaining({ message: expect.stringContaining('advanceSeconds') }));
    expect(cloud.clock.now() - before).toBeLessThan(60_000); // real time only
    const state = await (await fetch(`${cloud.apiUrl}/local/clock`)).json();
    expect(Number.isFinite(Date.parse(state.now))).toBe(true);
  });

  it('refuses advances that add up beyond 10 years ahead of real time', async () => {
    const first = await postJson(cloud, '/local/clock', { advanceSeconds: 6 * 365 * 86400 });
    expect(first.status).toBe(200);
    const before = cloud.clock.now();
    const second = await postJson(cloud, '/local/clock', { advanceSeconds: 6 * 365 * 86400 });
    expect(second.status).toBe(400);
    expect(cloud.clock.now() - before).toBeLessThan(60_000);
  });

  it('still moves the clock on a valid request, and intake keeps working', async () => {
    const before = cloud.clock.now();
    const res = await postJson(cloud, '/local/clock', { advanceSeconds: 3600 });
    expect(res.status).toBe(200);
    expect(Date.parse(res.body.now) - before).toBeGreaterThanOrEqual(3600_000);
    const to = new Date(cloud.clock.now() + 86400_000).toISOString();
    const moved = await postJson(cloud, '/local/clock', { to });
    expect(moved.status).toBe(200);
    expect(Date.parse(moved.body.now)).toBeGreaterThanOrEqual(Date.parse(to));

    const intake = await postJson(cloud, '/api/intake', validIntake());
    expect(intake.status).toBe(202);
    await cloud.workflows.idle();
  });
});

describe('/local/clock only for loopback clients', () => {
  it('tells loopback addresses from others', () => {
    for (const a of ['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1']) expect(isLoopbackAddress(a), a).toBe(true);
    for (const a of ['192.0.2.2', '::ffff:192.0.2.2', 'fd00::2', '0.0.0.0', '::', '', undefined]) expect(isLoopbackAddress(a), String(a)).toBe(false);
  });

  it.skipIf(!external)('answers 403 to a client on another address even when HOST is not loopback', async () => {
    const port = new URL(cloud.apiUrl).port;
    const before = cloud.clock.now();
    const post = await fetch(`http://${external}:${port}/local/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ advanceSeconds: 3600 }),
    });
    expect(post.status).toBe(403);
    expect(await post.json()).toEqual({ message: expect.any(String) });
    expect(cloud.clock.now() - before).toBeLessThan(60_000);
    expect((await fetch(`http://${external}:${port}/local/clock`)).status).toBe(403);
    // The rest of the API stays reachable there, and loopback still reaches the clock.
    expect((await fetch(`http://${external}:${port}/health`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${port}/local/clock`)).status).toBe(200);
  });
});
