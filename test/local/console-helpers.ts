import { expect } from 'vitest';
import { DEMO_USERS } from '../../local/auth.js';
import type { LocalCloud } from '../../local/cloud.js';
import { validIntake } from '../fixtures.js';
import { allItems, postJson } from './helpers.js';

/** Staff calls against a real local cloud, each with a fresh token from the local issuer (the clock may have moved). */
export function staffApi(cloud: () => LocalCloud) {
  const token = (username: string) => cloud().auth.issue(DEMO_USERS.find((u) => u.username === username)!);
  return {
    async get(path: string, username: string, headers: Record<string, string> = {}) {
      const res = await fetch(`${cloud().apiUrl}${path}`, { headers: { authorization: `Bearer ${await token(username)}`, ...headers } });
      const text = await res.text();
      return { status: res.status, body: text ? (JSON.parse(text) as any) : undefined, headers: res.headers };
    },
    async post(path: string, username: string, body: unknown) {
      return postJson(cloud(), path, body, { authorization: `Bearer ${await token(username)}` });
    },
  };
}

export interface Registered {
  reference: string;
  id: string;
}

/** Registers a person at a site through the public intake and waits for the workflow; the participant's id (test-only table read). */
export async function register(cloud: LocalCloud, p: { firstName: string; lastName: string; site: string; email?: string }): Promise<Registered> {
  const body = validIntake();
  body.site = p.site;
  body.person.firstName = p.firstName;
  body.person.lastName = p.lastName;
  body.contact.email = p.email ?? `${p.lastName.normalize('NFKD').replace(/[^a-z]/gi, '').toLowerCase()}.${p.site}@example.org`;
  const res = await postJson(cloud, '/api/intake', body);
  expect(res.status).toBe(202);
  await cloud.workflows.idle();
  const reference: string = res.body.reference;
  const items = await allItems(cloud);
  const own = items.find((i) => i.type === 'Participant' && i.reference === reference);
  const linked = items.find((i) => i.type === 'ParticipantSubmission' && i.reference === reference);
  const id = own?.id ?? String(linked?.PK ?? '').replace(/^PARTICIPANT#/, '');
  expect(id).toMatch(/^[0-9a-f]{32}$/);
  return { reference, id };
}

/** Words that would mean personal data reached a staff mail or an audit entry. */
export const personalDataIn = (text: string, words: string[]) => words.filter((w) => text.toLowerCase().includes(w.toLowerCase()));
