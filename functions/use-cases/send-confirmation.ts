import { dataNoticeUrl } from '../../schemas/data-notice.js';
import { getSubmission, markConfirmationSent } from '../data/submissions.js';
import { SubmissionNotFound } from '../domain/errors.js';
import { confirmationMail } from '../domain/mails.js';
import { berlinDate } from '../domain/working-days.js';
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
    // The site was checked against the configuration at intake; one removed since fails the step (retried, alarmed).
    const site = siteById(s.site);
    if (!site) throw new Error('unknown site');
    const q = s.entry?.help.includes('recognition') ? s.entry.qualification : undefined;
    const mail = confirmationMail({
      lang: s.lang,
      reference: s.reference,
      site,
      noticeUrl: dataNoticeUrl(config().publicUrl, site.id, s.lang),
      ...(q ? { recognition: { documents: q.documents, today: berlinDate(now) } } : {}),
    });
    await sendMail({ from: config().mailFrom, to: email, replyTo: site.office.replyTo, ...mail });
    logger.info('confirmation sent', { submissionId });
  }
  await markConfirmationSent(submissionId, now.toISOString());
  return { sent: Boolean(email) };
}
