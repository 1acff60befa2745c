import { RegistrationTaskInput, type RegistrationResult } from '../../schemas/workflow-tasks.js';
import {
  claimIdentity,
  createParticipant,
  getParticipant,
  getSubmission,
  linkDuplicateSubmission,
  markSubmissionRegistered,
  recordIntakeExecution,
  type Submission,
} from '../data/table.js';
import { identityHash } from '../domain/intake.js';
import { config } from '../lib/config.js';
import { logger } from '../lib/logger.js';
import { taskHandler } from '../lib/task-handler.js';

export class SubmissionNotFound extends Error {
  override name = 'SubmissionNotFound';
}

/**
 * Workflow step: turns an accepted submission into a participant, once per person (duplicate
 * rule). Safe to retry at any point: every write is conditional or a set union.
 */
export async function registerParticipant(submissionId: string, executionArn?: string, now: Date = new Date()): Promise<RegistrationResult> {
  const s = await getSubmission(submissionId);
  if (!s) throw new SubmissionNotFound(submissionId);
  if (s.status === 'registered' && s.participantId) {
    if (!s.duplicate && executionArn) await recordIntakeExecution(s.participantId, executionArn);
    return { participantId: s.participantId, duplicate: Boolean(s.duplicate) };
  }
  const entry = s.entry;
  if (!entry) throw new SubmissionNotFound(submissionId);

  const at = now.toISOString();
  // A new person's participant id is the id of their first submission.
  const claim = await claimIdentity(identityHash({ person: entry.person }, config().projectId), s.id, at);
  const holderId = claim.claimed ? s.id : claim.participantId;
  const holder = holderId === s.id ? undefined : await getParticipant(holderId);

  if (holder) {
    await linkDuplicateSubmission(holder.id, s, at);
    await markSubmissionRegistered(s.id, { participantId: holder.id, participantSite: holder.site, duplicate: true });
    logger.info('intake linked to existing participant', { submissionId: s.id, participantId: holder.id });
    return { participantId: holder.id, duplicate: true };
  }

  // Either we hold the identity, or its holder's first step crashed before creating the
  // participant: create it under the holder's id so the person is never lost.
  await createParticipant(newParticipant(holderId, { ...s, entry }, at));
  if (executionArn) await recordIntakeExecution(holderId, executionArn);
  await markSubmissionRegistered(s.id, { participantId: holderId, participantSite: s.site, duplicate: false });
  logger.info('participant registered', { submissionId: s.id, participantId: holderId });
  return { participantId: holderId, duplicate: false };
}

function newParticipant(id: string, s: Submission & { entry: NonNullable<Submission['entry']> }, at: string) {
  return {
    id,
    reference: s.reference,
    site: s.site,
    status: 'new' as const,
    lang: s.lang,
    entry: s.entry,
    consent: s.consent,
    firstSubmissionId: s.id,
    createdAt: s.receivedAt,
    updatedAt: at,
    version: 1,
  };
}

export const handler = taskHandler(RegistrationTaskInput, async ({ submissionId, executionArn }) => registerParticipant(submissionId, executionArn));
