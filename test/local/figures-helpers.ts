import { expect } from 'vitest';
import type { LocalCloud } from '../../local/cloud.js';
import { validIntake } from '../fixtures.js';
import { allItems, postJson } from './helpers.js';
import { staffApi } from './console-helpers.js';

/** A person of a figures test: what they answer at entry and what happens to them. */
export interface Person {
  first: string;
  last: string;
  site: 'marxloh' | 'hochfeld';
  employment: 'unemployed' | 'long_term_unemployed' | 'inactive' | 'employed';
  migrant: 'yes' | 'no' | 'no_answer';
  dob: string;
  postcode: string;
  /** What happens: nothing (new), a first contact, an exit, a withdrawal before / after the contact. */
  fate: 'new' | 'contacted' | 'withdrawn_early' | 'withdrawn_late' | { exit: Exit; correctedTo?: Exit };
}

export type Exit = { outcome: 'employment' | 'training' | 'improved_prospects' | 'none'; improvedReason?: string; improvedReasonText?: string };

export const SITUATION = { employmentStatus: 'employed', jobSearching: 'no', inEducationOrTraining: 'no', qualificationGained: 'yes' } as const;

/** Submits a person's intake (optionally with an Idempotency-Key) and waits for the workflow; their participant's id. */
export async function enter(cloud: LocalCloud, p: Person, key?: string): Promise<string> {
  const body = validIntake();
  body.site = p.site;
  body.person.firstName = p.first;
  body.person.lastName = p.last;
  body.person.dateOfBirth = p.dob;
  body.person.address.postcode = p.postcode;
  body.employment.status = p.employment;
  body.part2.migrantBackground = p.migrant;
  // An answer on migration background needs the separate Art. 9(2)(a) consent (a "no" too).
  if (p.migrant !== 'no_answer') body.consent.specialCategories = true;
  body.contact.email = `${p.first.normalize('NFKD').replace(/[^a-z]/gi, '').toLowerCase()}@example.org`;
  const res = await postJson(cloud, '/api/intake', body, key ? { 'idempotency-key': key } : {});
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  await cloud.workflows.idle();
  const items = await allItems(cloud);
  const own = items.find((i) => i.type === 'Participant' && i.reference === res.body.reference);
  const linked = items.find((i) => i.type === 'ParticipantSubmission' && i.reference === res.body.reference);
  return own?.id ?? String(linked?.PK).replace(/^PARTICIPANT#/, '');
}

/** What the data set says the figures are: counted from the people's own answers and fates. */
export function expectedFigures(people: readonly Person[], site?: string) {
  const counted = people.filter((p) => (!site || p.site === site) && p.fate !== 'withdrawn_early');
  const outcome = (p: Person) => (typeof p.fate === 'object' ? (p.fate.correctedTo ?? p.fate.exit).outcome : undefined);
  const c = {
    participants: counted.length,
    unemployed: counted.filter((p) => p.employment === 'unemployed' || p.employment === 'long_term_unemployed').length,
    longTermUnemployed: counted.filter((p) => p.employment === 'long_term_unemployed').length,
    migrantBackground: counted.filter((p) => p.migrant === 'yes').length,
    employment: counted.filter((p) => outcome(p) === 'employment').length,
    training: counted.filter((p) => outcome(p) === 'training').length,
    improvedProspects: counted.filter((p) => outcome(p) === 'improved_prospects').length,
  };
  return { ...c, placementRate: c.participants ? (c.employment + c.training) / c.participants : 0 };
}

/** Plays a person's fate through the staff API as their site's counsellor. */
export async function live(api: ReturnType<typeof staffApi>, id: string, p: Person, today: string) {
  const user = `berater.${p.site}`;
  const version = async () => (await api.get(`/api/staff/participants/${id}`, user)).body.participant.version as number;
  const ok = (r: { status: number; body: any }) => {
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body;
  };
  if (p.fate === 'new') return;
  if (p.fate === 'withdrawn_early') return ok(await api.post(`/api/staff/participants/${id}/withdraw`, user, { version: await version(), reason: 'not_interested' }));
  ok(await api.post(`/api/staff/participants/${id}/contact`, user, { version: await version(), date: today, channel: 'phone' }));
  if (p.fate === 'contacted') return;
  if (p.fate === 'withdrawn_late') return ok(await api.post(`/api/staff/participants/${id}/withdraw`, user, { version: await version(), reason: 'moved_away' }));
  ok(await api.post(`/api/staff/participants/${id}/exit`, user, { version: await version(), date: today, ...p.fate.exit, situation: SITUATION }));
  if (p.fate.correctedTo) {
    ok(await api.post(`/api/staff/participants/${id}/exit/corrections`, user, { version: await version(), date: today, ...p.fate.correctedTo, situation: SITUATION, reason: 'Arbeitsvertrag nachgereicht' }));
  }
}
