import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../../infra/routes.js';
import { DEMO_USERS } from '../../local/auth.js';
import type { LocalCloud } from '../../local/cloud.js';
import { fillPath } from '../../schemas/http/contract.js';
import { validIntake } from '../fixtures.js';
import { allItems, postJson, startCloud } from './helpers.js';

/**
 * The coordinator (the city) sees no personal data: every staff route of the route table, called
 * with a coordinator's real token and real ids, answers without any of the participants' names,
 * references, e-mail addresses, phone numbers, dates of birth or streets.
 */
let cloud: LocalCloud;
let token: string;
let participant: Record<string, any>;
const secrets: string[] = [];

beforeAll(async () => {
  cloud = await startCloud();
  const body = validIntake();
  body.person.firstName = 'Koordinata';
  body.person.lastName = 'Nichtsehbar';
  body.person.address.street = 'Geheimweg 7';
  body.contact.email = 'koordinata@example.org';
  body.contact.phone = '0203 555 0101';
  expect((await postJson(cloud, '/api/intake', body)).status).toBe(202);
  await cloud.workflows.idle();
  participant = (await allItems(cloud)).find((i) => i.type === 'Participant')!;
  secrets.push('Koordinata', 'Nichtsehbar', 'Geheimweg', 'koordinata@example.org', '0203', body.person.dateOfBirth, participant['reference'], participant['id']);
  token = await cloud.auth.issue(DEMO_USERS.find((u) => u.role === 'coordinator')!);
});
afterAll(async () => {
  await cloud?.stop();
});

describe('every staff route, as the coordinator', () => {
  const staffRoutes = ROUTES.filter((r) => r.auth === 'staff');

  it('covers the staff routes of the table', () => {
    expect(staffRoutes.length).toBeGreaterThanOrEqual(10);
  });

  it.each(staffRoutes.map((r) => [`${r.method} ${r.path}`, r] as const))('%s holds no personal data', async (_name, route) => {
    const path = fillPath(route.path, { id: participant['id'] as string });
    const query = route.path.endsWith('/search') ? `?q=${encodeURIComponent('Nichtsehbar')}` : '';
    const body = route.method === 'GET' ? undefined : JSON.stringify({ version: participant['version'], date: '2026-01-05', channel: 'phone', reason: 'other', assignedTo: null, toSite: 'hochfeld' });
    const res = await fetch(`${cloud.apiUrl}${path}${query}`, {
      method: route.method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body } : {}),
    });
    const text = await res.text();
    for (const s of secrets) expect(text, `${route.id} answered ${res.status} with ${s}`).not.toContain(s);
    // Only who-am-I answers a coordinator; everything personal is refused outright.
    expect(res.status).toBe(route.contract.auth.kind === 'staff' && route.contract.auth.roles.includes('coordinator') ? 200 : 403);
  });

  it('changed nothing', async () => {
    const after = (await allItems(cloud)).find((i) => i.type === 'Participant')!;
    expect(after['version']).toBe(participant['version']);
    expect(after['site']).toBe(participant['site']);
  });
});
