import type { Intake } from '../../schemas/intake.js';
import { putSubmission } from '../data/table.js';
import { contentHash, newReference, submissionId } from '../domain/intake.js';
import { conflict, HttpError } from '../lib/http.js';

export interface AcceptedIntake {
  reference: string;
}

/**
 * Accepts a validated intake with a single conditional write (storage first). Registration,
 * the duplicate check and the mails run afterwards as idempotent workflow steps, started by the
 * table's change stream on AWS and by the local cloud's equivalent locally.
 *
 * With an Idempotency-Key the submission id derives from the key: a retry finds the first
 * submission and gets its reference back, a different body under the same key is refused.
 */
export async function acceptIntake(intake: Intake, idempotencyKey: string | undefined, now: Date): Promise<AcceptedIntake> {
  const { lang, site, consent, website: _honeypot, ...entry } = intake;
  const hash = contentHash(intake);
  const receivedAt = now.toISOString();
  const result = await putSubmission({
    id: submissionId(idempotencyKey),
    reference: newReference(),
    contentHash: hash,
    site,
    lang,
    receivedAt,
    entry,
    consent: { noticeVersion: String(consent.noticeVersion), acceptedAt: receivedAt },
  });
  if (result.created) return { reference: result.submission.reference };
  if (!idempotencyKey) throw new HttpError(503, 'server_error'); // a random id collided: practically never; safe to retry
  if (result.existing.contentHash !== hash) throw new HttpError(422, 'idempotency_key_reused', undefined, {}, lang);
  return { reference: result.existing.reference };
}
