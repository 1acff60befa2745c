import { SubmissionTaskInput } from '../../schemas/workflow-tasks.js';
import { getSubmission, markTeamNotified } from '../data/table.js';
import { teamNoticeMail } from '../domain/mails.js';
import { config, siteById } from '../lib/config.js';
import { logger } from '../lib/logger.js';
import { sendMail } from '../lib/mailer.js';
import { taskHandler } from '../lib/task-handler.js';
import { SubmissionNotFound } from './register-participant.js';

/** Workflow step: tells the participant's site team inbox, with the reference and a console link only. */
export async function notifyTeam(submissionId: string, now: Date = new Date()): Promise<{ sent: boolean }> {
  const s = await getSubmission(submissionId);
  if (!s?.participantId) throw new SubmissionNotFound(submissionId);
  if (s.teamNotifiedAt) return { sent: false };
  const site = siteById(s.participantSite ?? s.site);
  if (!site) throw new Error('unknown site');
  const link = `${config().consoleUrl}/participants/${encodeURIComponent(s.participantId)}`;
  await sendMail({ from: config().mailFrom, to: site.teamEmail, ...teamNoticeMail(s.reference, link, Boolean(s.duplicate)) });
  await markTeamNotified(submissionId, now.toISOString());
  logger.info('team notified', { submissionId, site: site.id });
  return { sent: true };
}

export const handler = taskHandler(SubmissionTaskInput, async ({ submissionId }) => notifyTeam(submissionId));
