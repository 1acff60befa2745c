import { Agent, request, type IncomingHttpHeaders } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiServer, type ApiServerOptions } from '../../local/api-server.js';
import type { LocalCloud } from '../../local/cloud.js';
import { close, listen } from '../../local/listen.js';
import { validIntake } from '../fixtures.js';
import { allItems, startCloud } from './helpers.js';

/** The local API Gateway stand-in on its own: bytes as API Gateway hands them over, early answers, readiness. */

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  /** The client-side socket that carried the exchange (to tell reused connections apart). */
  socket: unknown;
}

/** One request through node:http with the given agent (keep-alive in these tests). */
function send(agent: Agent, url: string, method: string, body?: Buffer, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, agent, headers: { ...(body ? { 'content-length': String(body.length) } : {}), ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8'), socket: req.socket }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function withServer(opts: ApiServerOptions, fn: (base: string) => Promise<void>): Promise<void> {
  const server = createApiServer(opts);
  const port = await listen(server, 0, '127.0.0.1', 'PORT');
  try {
    await fn(`http://127.0.0.1:${port}`);
  } finally {
    await close(server);
  }
}

describe('early answers on a keep-alive connection', () => {
  const json = { 'content-type': 'application/json' };
  const early: [string, ApiServerOptions, string, Buffer, number][] = [
    ['413 for a body over 1 MB', { rateLimitPerMinute: 0 }, '/api/intake', Buffer.alloc(2_000_000, 'x'), 413],
    ['401 before the body of a staff request is read', { rateLimitPerMinute: 0 }, '/api/staff/participants/x/contact', Buffer.alloc(300_000, 'x'), 401],
  ];

  it.each(early)('%s: closes the connection, and the next request works', async (_name, opts, path, body, status) => {
    await withServer(opts, async (base) => {
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      try {
        const first = await send(agent, `${base}${path}`, 'POST', body, json);
        expect(first.status).toBe(status);
        expect(JSON.parse(first.body)).toEqual({ message: expect.any(String) });
        expect(first.headers.connection).toBe('close');
        const next = await send(agent, `${base}/health`, 'GET');
        expect(next.status).toBe(200);
        expect(next.socket).not.toBe(first.socket);
      } finally {
        agent.destroy();
      }
    });
  });

  it('429: closes the connection, and the next request works', async () => {
    await withServer({ rateLimitPerMinute: 1 }, async (base) => {
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      try {
        const bot = Buffer.from(JSON.stringify({ website: 'bot' }));
        expect((await send(agent, `${base}/api/intake`, 'POST', bot, json)).status).toBe(202);
        const limited = await send(agent, `${base}/api/intake`, 'POST', Buffer.alloc(300_000, 'x'), json);
        expect(limited.status).toBe(429);
        expect(limited.headers.connection).toBe('close');
        expect((await send(agent, `${base}/health`, 'GET')).status).toBe(200);
      } finally {
        agent.destroy();
      }
    });
  });

  it('keeps the connection open after an ordinary answer', async () => {
    await withServer({ rateLimitPerMinute: 0 }, async (base) => {
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      try {
        const first = await send(agent, `${base}/health`, 'GET');
        const second = await send(agent, `${base}/health`, 'GET');
        expect([first.status, second.status]).toEqual([200, 200]);
        expect(first.headers.connection).toBe('keep-alive');
        expect(second.socket).toBe(first.socket);
      } finally {
        agent.destroy();
      }
    });
  });
});

describe('readiness', () => {
  it('answers /health with 503 starting until the local cloud says it is ready, then the real handler answers', async () => {
    let ready = false;
    await withServer({ rateLimitPerMinute: 0, ready: () => ready }, async (base) => {
      const starting = await fetch(`${base}/health`);
      expect(starting.status).toBe(503);
      expect(starting.headers.get('cache-control')).toBe('no-store');
      expect(await starting.json()).toEqual({ status: 'starting' });
      ready = true;
      const up = await fetch(`${base}/health`);
      expect(up.status).toBe(200);
      expect(await up.json()).toEqual({ status: 'ok' });
    });
  });
});

describe('request bytes as API Gateway hands them over', () => {
  let cloud: LocalCloud;
  beforeAll(async () => {
    cloud = await startCloud();
  });
  afterAll(async () => {
    await cloud?.stop();
  });

  /** The sample intake as bytes, with one byte of the first name replaced. */
  const intakeWithByte = (byte: number): Buffer => {
    const body = validIntake();
    body.person.firstName = 'Ja#na';
    const bytes = Buffer.from(JSON.stringify(body), 'utf8');
    bytes[bytes.indexOf('Ja#na') + 2] = byte;
    return bytes;
  };
  const post = (bytes: Buffer) =>
    fetch(`${cloud.apiUrl}/api/intake`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: new Uint8Array(bytes) });

  it('refuses a raw 0xFF byte (invalid UTF-8) in a name with 400 and stores nothing', async () => {
    await cloud.workflows.idle();
    const before = (await allItems(cloud)).length;
    const res = await post(intakeWithByte(0xff));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'invalid_json', message: expect.any(String) });
    await cloud.workflows.idle();
    expect((await allItems(cloud)).length).toBe(before);
  });

  it('still accepts the same body with a valid byte', async () => {
    const res = await post(intakeWithByte('e'.charCodeAt(0)));
    expect(res.status).toBe(202);
    await cloud.workflows.idle();
    const p = (await allItems(cloud)).find((i) => i.type === 'Participant');
    expect(p?.entry.person.firstName).toBe('Jaena');
  });
});
