import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiServer } from '../../local/api-server.js';
import type { LocalCloud } from '../../local/cloud.js';
import { close, listen } from '../../local/listen.js';
import { validIntake } from '../fixtures.js';
import { allItems, getItem, mailsTo, portsOf, postJson, startCloud, tempDataDir } from './helpers.js';

/** Against a real local cloud: dynalite, aws-ses-v2-local, the workflow runner, the handler modules. */
let cloud: LocalCloud;
const dataDir = tempDataDir();

beforeAll(async () => {
  cloud = await startCloud({ dataDir });
});
afterAll(async () => {
  await cloud?.stop();
});

const participants = async () => (await allItems(cloud)).filter((i) => i.type === 'Participant');
const person = (firstName: string, lastName: string, email: string) => {
  const body = validIntake();
  body.person.firstName = firstName;
  body.person.lastName = lastName;
  body.contact.email = email;
  return body;
};

describe('intake on the local cloud', () => {
  it('accepts an intake, registers the participant and mails participant and team', async () => {
    const res = await postJson(cloud, '/api/intake', person('Mara', 'Lokaltest', 'mara@example.org'));
    expect(res.status).toBe(202);
    const reference: string = res.body.reference;
    await cloud.workflows.idle();

    const p = (await participants()).find((i) => i.reference === reference);
    expect(p).toMatchObject({ site: 'marxloh', status: 'new', lang: 'de', version: 1 });
    expect(p?.entry.person.lastName).toBe('Lokaltest');

    const mine = await mailsTo(cloud, 'mara@example.org');
    expect(mine).toHaveLength(1);
    expect(mine[0]?.subject).toContain(reference);
    // Sent through SES v2 with both parts and the site office as Reply-To; both name the office and link the notice.
    expect(mine[0]?.replyTo).toEqual(['buero-marxloh@biwaq.example']);
    expect(mine[0]?.body.html).toContain('<html lang="de" dir="ltr">');
    for (const part of [mine[0]?.body.text ?? '', (mine[0]?.body.html ?? '').replace(/&amp;/g, '&')]) {
      expect(part).toContain(reference);
      expect(part).toContain('Weseler Straße 52');
      expect(part).toMatch(/\/datenschutz\?site=marxloh&lang=de/);
    }
    // The notice it links is served by the local cloud, as CloudFront routes it to the API on AWS.
    const noticeUrl = /https?:\/\/[^\s]+\/datenschutz\?site=marxloh&lang=de/.exec(mine[0]?.body.text ?? '')![0];
    const page = await fetch(`${cloud.apiUrl}${new URL(noticeUrl).pathname}${new URL(noticeUrl).search}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('Nachbarschaftswerk Marxloh gGmbH (Demo)');
    const team = (await mailsTo(cloud, 'team-marxloh@biwaq.example')).filter((m) => m.subject.includes(reference));
    expect(team).toHaveLength(1);
    expect(team[0]?.body.text).toContain(`/console/participants/${p?.id}`);
    expect(team[0]?.body.text).not.toContain('Lokaltest');

    // The submission keeps no personal data once the workflow is done.
    const submission = (await allItems(cloud)).find((i) => i.type === 'Submission' && i.reference === reference);
    expect(submission?.entry).toBeUndefined();
    expect(submission?.teamNotifiedAt).toEqual(expect.any(String));
  });

  it('links a second registration of the same person and flags it, answering exactly alike', async () => {
    const first = await postJson(cloud, '/api/intake', person('Zoë', 'Dupont-Kaya', 'zoe@example.org'));
    await cloud.workflows.idle();
    const before = (await participants()).length;

    const again = await postJson(cloud, '/api/intake', person('  ZOE ', 'dupont kaya', 'zoe.new@example.org'));
    expect(again.status).toBe(first.status);
    expect(Object.keys(again.body)).toEqual(Object.keys(first.body));
    expect(again.body.reference).not.toBe(first.body.reference);
    await cloud.workflows.idle();

    expect(await participants()).toHaveLength(before);
    const p = (await participants()).find((i) => i.reference === first.body.reference);
    expect(p?.duplicateSubmissionIds?.size).toBe(1);
    const link = (await allItems(cloud)).find((i) => i.type === 'ParticipantSubmission' && i.reference === again.body.reference);
    expect(link).toMatchObject({ PK: `PARTICIPANT#${p?.id}` });
    // The second address gets the same kind of confirmation: nothing tells it the person exists.
    expect(await mailsTo(cloud, 'zoe.new@example.org')).toHaveLength(1);
    const notices = (await mailsTo(cloud, 'team-marxloh@biwaq.example')).filter((m) => m.subject.includes(again.body.reference));
    expect(notices[0]?.subject).toContain('Duplikat');
  });

  it('registers one participant when the same person submits twice at the same moment', async () => {
    const before = (await participants()).length;
    const [a, b] = await Promise.all([
      postJson(cloud, '/api/intake', person('Gleich', 'Zeitig', 'gleich1@example.org')),
      postJson(cloud, '/api/intake', person('Gleich', 'Zeitig', 'gleich2@example.org')),
    ]);
    expect([a.status, b.status]).toEqual([202, 202]);
    await cloud.workflows.idle();
    const mine = (await participants()).filter((p) => p.entry.person.lastName === 'Zeitig');
    expect((await participants()).length).toBe(before + 1);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.duplicateSubmissionIds?.size).toBe(1);
    // The participant holds the data of the submission it was created from, and the other is linked.
    const own = mine[0]!.reference === a.body.reference ? 'gleich1@example.org' : 'gleich2@example.org';
    expect(mine[0]!.entry.contact.email).toBe(own);
  });

  it('replays a retry with the same Idempotency-Key and stores nothing new', async () => {
    const body = person('Idem', 'Potent', 'idem@example.org');
    const key = { 'idempotency-key': 'a6f1d1b2-0c55-4f43-9f59-4c7b7c0e1a01' };
    const first = await postJson(cloud, '/api/intake', body, key);
    await cloud.workflows.idle();
    const count = (await allItems(cloud)).length;

    const [second, third] = await Promise.all([postJson(cloud, '/api/intake', body, key), postJson(cloud, '/api/intake', body, key)]);
    expect(second.body).toEqual(first.body);
    expect(third.body).toEqual(first.body);
    await cloud.workflows.idle();
    expect((await allItems(cloud)).length).toBe(count);
    expect(await mailsTo(cloud, 'idem@example.org')).toHaveLength(1);

    const changed = await postJson(cloud, '/api/intake', { ...body, help: ['counselling'], qualification: undefined }, key);
    expect(changed.status).toBe(422);
    expect(changed.body.code).toBe('idempotency_key_reused');
  });

  it('creates one participant from a double click sent at once with one key', async () => {
    const body = person('Doppel', 'Klick', 'klick@example.org');
    const key = { 'idempotency-key': 'b7e2c3d4-1d66-4a54-8a6a-5d8c8d1f2b02' };
    const results = await Promise.all([1, 2, 3].map(() => postJson(cloud, '/api/intake', body, key)));
    expect(new Set(results.map((r) => r.body.reference)).size).toBe(1);
    await cloud.workflows.idle();
    expect((await participants()).filter((p) => p.entry.person.lastName === 'Klick')).toHaveLength(1);
  });

  const bad: [string, unknown, Record<string, string>, number][] = [
    ['malformed JSON', '{"lang":', {}, 400],
    ['wrong types', { ...validIntake(), person: 'Jana' }, {}, 400],
    ['unknown keys', { ...validIntake(), role: 'admin' }, {}, 400],
    ['an oversize field', { ...validIntake(), person: { ...validIntake().person, lastName: 'x'.repeat(500) } }, {}, 400],
    ['an oversize body', { ...validIntake(), pad: 'x'.repeat(40_000) }, {}, 413],
    ['a body over the API limit', 'x'.repeat(1_100_000), {}, 413],
    ['control characters', { ...validIntake(), person: { ...validIntake().person, firstName: 'A\u0007B' } }, {}, 400],
    ['CR/LF in a field', { ...validIntake(), contact: { email: 'a@example.org\r\nBcc: b@example.org' } }, {}, 400],
    ['a __proto__ key', '{"__proto__":{"polluted":true},"lang":"de"}', {}, 400],
    ['a constructor.prototype key', '{"constructor":{"prototype":{"polluted":true}}}', {}, 400],
    ['form encoding', 'lang=de', { 'content-type': 'application/x-www-form-urlencoded' }, 415],
  ];

  it.each(bad)('refuses %s with a clear 4xx and stores nothing', async (_name, body, headers, status) => {
    const before = (await allItems(cloud)).length;
    const res = await postJson(cloud, '/api/intake', body, headers);
    expect(res.status).toBe(status);
    expect(res.body).toEqual(expect.objectContaining({ message: expect.any(String) }));
    expect(JSON.stringify(res.body)).not.toMatch(/\.ts:\d+|stack|Error:/);
    await cloud.workflows.idle();
    expect((await allItems(cloud)).length).toBe(before);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('stores nothing for a filled honeypot', async () => {
    const before = (await allItems(cloud)).length;
    const res = await postJson(cloud, '/api/intake', { ...validIntake(), website: 'https://spam.example' });
    expect(res.status).toBe(202);
    expect(res.body.reference).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    await cloud.workflows.idle();
    expect((await allItems(cloud)).length).toBe(before);
  });

  it('serves the form definition and falls back to German', async () => {
    const ar = await (await fetch(`${cloud.apiUrl}/api/forms/intake?lang=ar`)).json();
    expect(ar).toMatchObject({ lang: 'ar', dir: 'rtl' });
    const xx = await (await fetch(`${cloud.apiUrl}/api/forms/intake?lang=xx`)).json();
    expect(xx).toMatchObject({ lang: 'de', dir: 'ltr' });
    expect((await fetch(`${cloud.apiUrl}/health`)).status).toBe(200);
    expect((await fetch(`${cloud.apiUrl}/nope`)).status).toBe(404);
  });

  it('keeps every record across a restart and finishes workflows cut off by it', async () => {
    const before = await allItems(cloud);
    const burst = await Promise.all(
      [1, 2, 3, 4].map((n) => postJson(cloud, '/api/intake', person(`Neustart${n}`, 'Test', `restart${n}@example.org`))),
    );
    await cloud.stop(); // executions still running are cut off here

    cloud = await startCloud({ dataDir, ...portsOf(cloud) });
    expect(cloud.redriven).toBeGreaterThan(0);
    await cloud.workflows.idle();
    const after = await allItems(cloud);
    for (const item of before) expect(after.some((i) => i.PK === item.PK && i.SK === item.SK)).toBe(true);
    for (const [i, res] of burst.entries()) {
      const p = after.find((x) => x.type === 'Participant' && x.reference === res.body.reference);
      expect(p, `participant ${i + 1}`).toBeDefined();
      expect(await mailsTo(cloud, `restart${i + 1}@example.org`)).toHaveLength(1);
    }
    expect(await getItem(cloud, `PARTICIPANT#${after.find((x) => x.type === 'Participant')?.id}`, 'PROFILE')).toBeDefined();
  });
});

describe('rate limit on POST /api/intake', () => {
  it('answers 429 with Retry-After once a client exceeds the limit', async () => {
    const server = createApiServer({ rateLimitPerMinute: 2 });
    const port = await listen(server, 0, '127.0.0.1', 'PORT');
    try {
      const post = () =>
        fetch(`http://127.0.0.1:${port}/api/intake`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'accept-language': 'uk' },
          body: JSON.stringify({ website: 'bot' }),
        });
      expect((await post()).status).toBe(202);
      expect((await post()).status).toBe(202);
      const limited = await post();
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await limited.json()).message).toMatch(/[\u0400-\u04FF]/);
    } finally {
      await close(server);
    }
  });
});
