import type { Intake } from '../../schemas/intake.js';
import { putSubmission } from '../data/submissions.js';
import { IdempotencyKeyReused, TryAgain } from '../domain/errors.js';
import { contentHash, newReference, submissionId } from '../domain/intake.js';

/**
 * Accepts a validated intake with a single conditional write (storage first). Registration,
 * the duplicate check and the mails run afterwards as idempotent workflow steps, started by the
 * table's change stream on AWS and by the local cloud's equivalent locally.
 *
 * With an Idempotency-Key the submission id derives from the key: a retry finds the first
 * submission and gets its reference back, a different body under the same key is refused.
 */
export async function acceptIntake(intake: Intake, idempotencyKey: string | undefined, now: Date): Promise<{ reference: string }> {
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
    // Each consent with the notice version it was given to and its time (the special categories' only when given).
    consent: {
      noticeVersion: String(consent.noticeVersion),
      acceptedAt: receivedAt,
      ...(consent.specialCategories ? { specialCategories: { noticeVersion: String(consent.noticeVersion), acceptedAt: receivedAt } } : {}),
    },
  });
  if (result.created) return { reference: result.submission.reference };
  // A random id collided, or the record expired between write and read: practically never; safe to retry.
  if (!idempotencyKey || !result.existing) throw new TryAgain();
  if (result.existing.contentHash !== hash) throw new IdempotencyKeyReused();
  return { reference: result.existing.reference };
}
