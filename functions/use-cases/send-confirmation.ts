import { getSubmission, markConfirmationSent } from '../data/submissions.js';
import { SubmissionNotFound } from '../domain/errors.js';
import { confirmationMail } from '../domain/mails.js';
import { sendMail } from '../clients/mailer.js';
import { config, siteById } from '../lib/config.js';
import { logger } from '../lib/logger.js';

/**
 * Workflow step: the participant's confirmation in their language, if they gave an e-mail.
 * Recorded on the submission, so a retried or restarted execution does not send it again.
 */
export async function sendConfirmation(submissionId: string, now: Date = new Date()): Promise<{ sent: boolean }> {
  const s = await getSubmission(submissionId);
  if (!s) throw new SubmissionNotFound('submission not found');
  if (s.confirmationSentAt) return { sent: false };
  const email = s.entry?.contact.email;
  if (email) {
    const site = siteById(s.site);
    const mail = confirmationMail(s.lang, s.reference, site?.name ?? 'BIWAQ');
    await sendMail({ from: config().mailFrom, to: email, ...mail });
    logger.info('confirmation sent', { submissionId });
  }
  await markConfirmationSent(submissionId, now.toISOString());
  return { sent: Boolean(email) };
}
