import { expect } from 'vitest';
import { DEMO_USERS } from '../../local/auth.js';
import type { LocalCloud } from '../../local/cloud.js';
import { getItem, mailsTo, postJson } from './helpers.js';

/** Recognition cases on a real local cloud: open one, record facts and documents, read its execution and its team mails. */

export const TEAM = 'team-marxloh@biwaq.example';

const token = (cloud: LocalCloud, username = 'berater.marxloh') => cloud.auth.issue(DEMO_USERS.find((u) => u.username === username)!);

export async function staffCall(cloud: LocalCloud, method: 'GET' | 'POST' | 'PATCH', path: string, body?: unknown, username = 'berater.marxloh') {
  const headers = { authorization: `Bearer ${await token(cloud, username)}` };
  if (method === 'POST') return postJson(cloud, path, body, headers);
  const res = await fetch(`${cloud.apiUrl}${path}`, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as any) : undefined, headers: res.headers };
}

export const caseFields = (extra: Record<string, unknown> = {}) => ({
  qualification: { country: 'SY', title: 'شهادة تمريض', profession: 'Pflegefachkraft', year: 2015 },
  regulated: false,
  fastTrack: false,
  competentBody: 'ihk_fosa',
  ...extra,
});

/** Opens a case for a participant and lets its workflow settle. */
export async function openCase(cloud: LocalCloud, participantId: string, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await staffCall(cloud, 'POST', '/api/staff/recognition-cases', { participantId, ...caseFields(extra) });
  expect(res.status).toBe(201);
  await cloud.workflows.idle();
  return res.body.id;
}

export const caseItem = async (cloud: LocalCloud, id: string) => (await getItem(cloud, `RECOGNITION#${id}`, 'CASE'))!;

/** Records facts one after the other on the current version; the workflow catches up after each. */
export async function record(cloud: LocalCloud, id: string, ...facts: Record<string, unknown>[]): Promise<void> {
  for (const fact of facts) {
    const { version } = await caseItem(cloud, id);
    const res = await staffCall(cloud, 'POST', `/api/staff/recognition-cases/${id}/events`, { version, ...fact });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    await cloud.workflows.idle();
  }
}

export async function setDocuments(cloud: LocalCloud, id: string, documents: Record<string, unknown>[]): Promise<void> {
  const { version } = await caseItem(cloud, id);
  const res = await staffCall(cloud, 'PATCH', `/api/staff/recognition-cases/${id}/documents`, { version, documents });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  await cloud.workflows.idle();
}

/** The team's mails about one case (its console link). */
export async function mailsAbout(cloud: LocalCloud, id: string) {
  return (await mailsTo(cloud, TEAM)).filter((m) => (m.body.text ?? '').includes(`/console/recognition-cases/${id}`));
}

export async function recognitionExecution(cloud: LocalCloud, id: string) {
  const arn = cloud.workflows.executionArn('RecognitionCase', id);
  const record = await cloud.workflows.describeExecution(arn);
  const { events } = await cloud.workflows.getExecutionHistory(arn, { reverse: false, limit: 1000 });
  return { status: record.status, input: record.input, events };
}
