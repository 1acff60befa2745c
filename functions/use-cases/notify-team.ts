import { getSubmission, markTeamNotified } from '../data/submissions.js';
import { SubmissionNotFound } from '../domain/errors.js';
import { participantLink, teamNoticeMail } from '../domain/mails.js';
import { sendMail } from '../clients/mailer.js';
import { config, siteById } from '../lib/config.js';
import { logger } from '../lib/logger.js';

/** Workflow step: tells the participant's site team inbox, with the reference and a console link only. */
export async function notifyTeam(submissionId: string, now: Date = new Date()): Promise<{ sent: boolean }> {
  const s = await getSubmission(submissionId);
  if (!s?.participantId) throw new SubmissionNotFound('submission not registered');
  if (s.teamNotifiedAt) return { sent: false };
  const site = siteById(s.participantSite ?? s.site);
  if (!site) throw new Error('unknown site');
  const link = participantLink(config().consoleUrl, s.participantId);
  await sendMail({ from: config().mailFrom, to: site.teamEmail, ...teamNoticeMail(s.reference, link, Boolean(s.duplicate)) });
  await markTeamNotified(submissionId, now.toISOString());
  logger.info('team notified', { submissionId, site: site.id });
  return { sent: true };
}
