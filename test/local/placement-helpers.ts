import { expect } from 'vitest';
import { DEMO_USERS } from '../../local/auth.js';
import type { LocalCloud } from '../../local/cloud.js';
import { placementBody } from '../fixtures.js';
import type { Registered } from './console-helpers.js';
import { allItems, getItem, mailsTo, postJson } from './helpers.js';

/** Trial placements on a real local cloud: request one, read the employer's links from their mail, answer as the employer. */

export async function requestPlacement(cloud: LocalCloud, participant: Registered, employerEmail: string, today: string, extra: Record<string, unknown> = {}): Promise<string> {
  const token = await cloud.auth.issue(DEMO_USERS.find((u) => u.username === 'berater.marxloh')!);
  const body = placementBody(today, { participantId: participant.id, ...extra });
  body.employer = { ...body.employer, email: employerEmail };
  const res = await postJson(cloud, '/api/staff/placements', body, { authorization: `Bearer ${token}`, 'idempotency-key': `request-${employerEmail.replace(/[^A-Za-z0-9]/g, '-')}` });
  expect(res.status).toBe(201);
  await cloud.workflows.idle();
  return res.body.id;
}

/** The link ids in the mails to an address, oldest first. */
export async function linksTo(cloud: LocalCloud, address: string): Promise<string[]> {
  const mails = await mailsTo(cloud, address);
  return mails.flatMap((m) => [...(m.body.text ?? '').matchAll(/\/p\/([A-Za-z0-9_-]{43})/g)].map((x) => x[1]!)).filter((v, i, all) => all.indexOf(v) === i);
}

export async function lastLinkTo(cloud: LocalCloud, address: string): Promise<string> {
  const links = await linksTo(cloud, address);
  expect(links.length).toBeGreaterThan(0);
  return links.at(-1)!;
}

/** The employer's browser posts the form of a link's page (from our origin). */
export function postForm(cloud: LocalCloud, linkId: string, form: Record<string, string>, headers: Record<string, string> = { origin: cloud.apiUrl }) {
  return fetch(`${cloud.apiUrl}/p/${linkId}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(form).toString(),
  });
}

/** What a page's status means: 200 done, 409 already answered, else the status. */
const kindOf = (status: number) => (status === 200 ? 'done' : status === 409 ? 'answered' : `status ${status}`);

/** The employer answers through a link: POST /p/{linkId}, then the workflow catches up. */
export async function employerPosts(cloud: LocalCloud, linkId: string, form: Record<string, string>) {
  const res = await postForm(cloud, linkId, form);
  await res.text();
  await cloud.workflows.idle();
  return kindOf(res.status);
}

export const placementItem = async (cloud: LocalCloud, id: string) => (await getItem(cloud, `PLACEMENT#${id}`, 'PLACEMENT'))!;

/** Mails to an address whose subject contains a word. */
export const subjects = async (cloud: LocalCloud, address: string) => (await mailsTo(cloud, address)).map((m) => m.subject);

export const placementsOf = async (cloud: LocalCloud) => (await allItems(cloud)).filter((i) => i.type === 'Placement');

/** Registers a person through the public intake in a language, with or without an e-mail; the participant's id and reference. */
export async function registerIn(cloud: LocalCloud, p: { firstName: string; lastName: string; lang: string; email?: string }): Promise<Registered> {
  const { validIntake } = await import('../fixtures.js');
  const body = validIntake();
  body.lang = p.lang;
  body.person.firstName = p.firstName;
  body.person.lastName = p.lastName;
  body.contact.email = p.email ?? '';
  const res = await postJson(cloud, '/api/intake', body);
  expect(res.status).toBe(202);
  await cloud.workflows.idle();
  const own = (await allItems(cloud)).find((i) => i.type === 'Participant' && i.reference === res.body.reference);
  expect(own).toBeDefined();
  return { reference: res.body.reference, id: own!.id };
}

/** Two posts through the same link at once (two taps, two devices). */
export async function employerPostsTogether(cloud: LocalCloud, linkId: string, forms: Record<string, string>[]) {
  const results = await Promise.all(forms.map(async (f) => {
    const res = await postForm(cloud, linkId, f);
    await res.text();
    return kindOf(res.status);
  }));
  await cloud.workflows.idle();
  return results;
}

export async function executionOf(cloud: LocalCloud, placementId: string) {
  const arn = cloud.workflows.executionArn('TrialPlacement', placementId);
  const record = await cloud.workflows.describeExecution(arn);
  const { events } = await cloud.workflows.getExecutionHistory(arn, { reverse: false, limit: 1000 });
  return { status: record.status, input: record.input, events };
}
