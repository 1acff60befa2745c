import type { Participant } from '../../schemas/model/participant.js';
import type { Entry } from '../../schemas/model/entry.js';
import type { Submission } from '../../schemas/model/submission.js';
import type { RegistrationResult } from '../../schemas/workflow-tasks.js';
import { claimIdentity } from '../data/identities.js';
import { createParticipant, getParticipant, linkDuplicateSubmission, recordIntakeExecution } from '../data/participants.js';
import { indexNames, indexReference } from '../data/search-index.js';
import { claimSubmission, getSubmission, markSubmissionRegistered } from '../data/submissions.js';
import { RegistrationPending, SubmissionNotFound } from '../domain/errors.js';
import { identityHash, participantIdFor } from '../domain/intake.js';
import { nameEntries } from '../domain/name-search.js';
import { config } from '../lib/config.js';
import { logger } from '../lib/logger.js';
import { leaveRecognitionDraft } from './recognition-draft.js';
import { settleFigures } from './settle-figures.js';

/**
 * Workflow step: turns an accepted submission into a participant, once per person (duplicate
 * rule). Safe to retry at any point: every write is conditional or a set union. One execution
 * owns a submission: a second one (a stream record delivered twice) is told so and ends.
 */
export async function registerParticipant(submissionId: string, executionArn?: string, now: Date = new Date()): Promise<RegistrationResult> {
  const s = await getSubmission(submissionId);
  if (!s) throw new SubmissionNotFound('submission not found');
  if (executionArn && !(await claimSubmission(s, executionArn))) {
    logger.info('submission owned by another execution', { submissionId: s.id });
    return { participantId: s.participantId ?? '', duplicate: Boolean(s.duplicate), owner: false };
  }
  if (s.status === 'registered' && s.participantId) {
    if (!s.duplicate && executionArn) await recordIntakeExecution(s.participantId, executionArn);
    if (!s.duplicate) await settleFigures(s.participantId);
    return { participantId: s.participantId, duplicate: Boolean(s.duplicate), owner: true };
  }
  const entry = s.entry;
  if (!entry) throw new SubmissionNotFound('submission holds no entry');

  const at = now.toISOString();
  const ownId = participantIdFor(s);
  const claim = await claimIdentity(identityHash({ person: entry.person }, config().projectId), ownId, at);
  const holderId = claim.claimed ? ownId : claim.participantId;

  if (holderId === ownId) {
    await createParticipant(newParticipant(ownId, s, entry, at));
    // Into the figures once (idempotent; a crash here leaves it marked unsettled for the reader).
    await settleFigures(ownId);
    // The staff search: the reference and the names (idempotent upserts, before the step counts as done).
    await indexReferenceOf(s, ownId);
    await indexNames(ownId, s.site, nameEntries(entry.person.firstName, entry.person.lastName));
    // Asked for recognition: a draft case for the counsellor (idempotent, before the step counts as done).
    await leaveRecognitionDraft(s, { id: ownId, reference: s.reference, site: s.site }, entry, at);
    if (executionArn) await recordIntakeExecution(ownId, executionArn);
    await markSubmissionRegistered(s.id, { participantId: ownId, participantSite: s.site, duplicate: false });
    logger.info('participant registered', { submissionId: s.id, participantId: ownId });
    return { participantId: ownId, duplicate: false, owner: true };
  }

  // Someone else registered this person. If their participant is not written yet (their step is
  // running, or crashed and will be retried), wait for it rather than write it from our data.
  const holder = await getParticipant(holderId);
  if (!holder) throw new RegistrationPending('identity holder not written yet');
  await linkDuplicateSubmission(holder.id, s, at);
  // The linked submission's reference finds the participant too (at the owning site only).
  await indexReferenceOf(s, holder.id);
  await markSubmissionRegistered(s.id, { participantId: holder.id, participantSite: holder.site, duplicate: true });
  logger.info('intake linked to existing participant', { submissionId: s.id, participantId: holder.id });
  return { participantId: holder.id, duplicate: true, owner: true };
}

async function indexReferenceOf(s: Submission, participantId: string): Promise<void> {
  if (!(await indexReference({ reference: s.reference, participantId, submissionId: s.id }))) {
    logger.warn('reference held by another participant: found by name only', { submissionId: s.id, participantId });
  }
}

function newParticipant(id: string, s: Submission, entry: Entry, at: string): Participant {
  return {
    id,
    reference: s.reference,
    site: s.site,
    status: 'new',
    lang: s.lang,
    entry,
    consent: s.consent,
    firstSubmissionId: s.id,
    createdAt: s.receivedAt,
    updatedAt: at,
    version: 1,
    figures: { rev: 0, phase: 'settled' },
  };
}
