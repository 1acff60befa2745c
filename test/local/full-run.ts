import { expect } from 'vitest';
import { berlinDate } from '../../functions/domain/working-days.js';
import type { LocalCloud } from '../../local/cloud.js';
import { validIntake } from '../fixtures.js';
import { allItems, postJson } from './helpers.js';
import { employerPosts, lastLinkTo, requestPlacement } from './placement-helpers.js';
import { openCase, record, staffCall } from './recognition-helpers.js';

/**
 * One person through every workflow on the real local cloud, with values no other test and no
 * demo record uses, so a search for them finds only what this run stored: the intake (and a
 * second, duplicate intake with another e-mail and phone, linked to the person), the first
 * contact, a trial placement the employer confirms, a recognition case with facts, the exit
 * (issue 12) and a correction of it.
 */
export const ENTERED = {
  firstName: 'Zoltanella',
  lastName: 'Quirrenbachova',
  dateOfBirth: '1983-09-27',
  street: 'Kaiser-Wilhelm-Straße 321',
  email: 'zoltanella.q7@example.org',
  phone: '0203 4455667',
  secondEmail: 'zq.zweitanfrage@example.org',
  secondPhone: '0171 2233445',
} as const;

/** The entered values as a search looks for them: also the date as staff write it, the phone's digits (stored normalised). */
export const SEARCHED = [
  ENTERED.firstName,
  ENTERED.lastName,
  ENTERED.dateOfBirth,
  '27.09.1983',
  ENTERED.street,
  ENTERED.email,
  ENTERED.secondEmail,
  '4455667',
  '2233445',
];

/** The values found in a text (case-insensitive). */
export const found = (text: string, values: readonly string[] = SEARCHED) => values.filter((v) => text.toLowerCase().includes(v.toLowerCase()));

export const EMPLOYER = 'ausbildung@zimmerei-fullrun.example.org';

export interface FullRun {
  participantId: string;
  reference: string;
  secondReference: string;
  placementId: string;
  caseId: string;
}

function intake(email: string, phone: string) {
  const body = validIntake();
  body.site = 'marxloh';
  body.lang = 'ar';
  body.person = { ...body.person, firstName: ENTERED.firstName, lastName: ENTERED.lastName, dateOfBirth: ENTERED.dateOfBirth, address: { street: ENTERED.street, postcode: '47169', city: 'Duisburg' } };
  body.contact = { email, phone };
  return body;
}

export async function fullRun(cloud: LocalCloud): Promise<FullRun> {
  const first = await postJson(cloud, '/api/intake', intake(ENTERED.email, ENTERED.phone));
  expect(first.status).toBe(202);
  await cloud.workflows.idle();
  const participant = (await allItems(cloud)).find((i) => i.type === 'Participant' && i.reference === first.body.reference);
  expect(participant).toBeDefined();
  const participantId: string = participant!['id'];

  // The same person again (name, postcode, date of birth), with another e-mail and phone: a further submission.
  const second = await postJson(cloud, '/api/intake', intake(ENTERED.secondEmail, ENTERED.secondPhone));
  expect(second.status).toBe(202);
  await cloud.workflows.idle();

  const { version } = (await staffCall(cloud, 'GET', `/api/staff/participants/${participantId}`)).body.participant;
  const contact = await staffCall(cloud, 'POST', `/api/staff/participants/${participantId}/contact`, { version, date: berlinDate(new Date()), channel: 'phone' });
  expect(contact.status, JSON.stringify(contact.body)).toBe(200);
  await cloud.workflows.idle();

  const placementId = await requestPlacement(cloud, { id: participantId, reference: first.body.reference }, EMPLOYER, berlinDate(new Date()));
  expect(await employerPosts(cloud, await lastLinkTo(cloud, EMPLOYER), { decision: 'confirm' })).toBe('done');

  const caseId = await openCase(cloud, participantId);
  await record(cloud, caseId, { type: 'application_received', date: berlinDate(new Date()) }, { type: 'receipt_confirmed', date: berlinDate(new Date()) });

  // The exit (issue 12), then a correction of it: both stay in the record.
  const situation = { employmentStatus: 'employed', jobSearching: 'no', inEducationOrTraining: 'no', qualificationGained: 'yes' };
  const before = (await staffCall(cloud, 'GET', `/api/staff/participants/${participantId}`)).body.participant.version;
  const exit = await staffCall(cloud, 'POST', `/api/staff/participants/${participantId}/exit`, { version: before, date: berlinDate(new Date()), outcome: 'employment', employmentKind: 'social_insurance', employerName: 'Zimmerei Fullrun GmbH', situation });
  expect(exit.status, JSON.stringify(exit.body)).toBe(200);
  await cloud.workflows.idle();
  const corrected = await staffCall(cloud, 'POST', `/api/staff/participants/${participantId}/exit/corrections`, { version: exit.body.version, date: berlinDate(new Date()), outcome: 'training', trainingOccupation: 'Zimmerer', situation, reason: 'Ausbildung statt Anstellung' });
  expect(corrected.status, JSON.stringify(corrected.body)).toBe(200);
  await cloud.workflows.idle();
  return { participantId, reference: first.body.reference, secondReference: second.body.reference, placementId, caseId };
}
