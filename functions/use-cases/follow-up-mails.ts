import type { FollowUp, Participant } from '../../schemas/model/participant.js';
import type { FollowUpState } from '../../schemas/workflow-tasks.js';
import { sendMail } from '../clients/mailer.js';
import { getParticipant, markFollowUpSent } from '../data/participants.js';
import { followUpEscalationMail, followUpReminderMail, participantLink } from '../domain/mails.js';
import { config, siteById } from '../lib/config.js';
import { logger } from '../lib/logger.js';

/**
 * The intake follow-up's mails: the reminder to the team and the escalation to the site lead,
 * once each (schedule: schedule-follow-up.ts). Each step re-reads the participant, so a recorded
 * contact or a withdrawal ends the follow-up without a mail.
 */
const open = (p: Participant | undefined): p is Participant => p?.status === 'new';

export async function remindTeam(participantId: string, now: Date = new Date()): Promise<FollowUpState> {
  const p = await getParticipant(participantId);
  if (!open(p) || !p.followUp) return { done: true, sent: false };
  const sent = await sendOnce(p, p.followUp, 'reminderSentAt', now);
  return { done: false, sent, reminderDueAt: p.followUp.reminderDueAt, escalationDueAt: p.followUp.escalationDueAt };
}

export async function escalateToLead(participantId: string, now: Date = new Date()): Promise<FollowUpState> {
  const p = await getParticipant(participantId);
  if (!open(p) || !p.followUp) return { done: true, sent: false };
  return { done: true, sent: await sendOnce(p, p.followUp, 'escalatedAt', now) };
}

/** Sends the step's mail unless its record says it went out already, then records it. */
async function sendOnce(p: Participant, followUp: FollowUp, step: 'reminderSentAt' | 'escalatedAt', now: Date): Promise<boolean> {
  if (followUp[step]) return false;
  const site = siteById(p.site);
  if (!site) throw new Error('unknown site');
  const link = participantLink(config().consoleUrl, p.id);
  const mail =
    step === 'reminderSentAt'
      ? { to: site.teamEmail, ...followUpReminderMail(p.reference, link, followUp.reminderDueAt) }
      : { to: site.leadEmail, ...followUpEscalationMail(p.reference, link, followUp.escalationDueAt) };
  await sendMail({ from: config().mailFrom, ...mail });
  await markFollowUpSent(p.id, step, now.toISOString());
  logger.info('follow-up mail sent', { participantId: p.id, step });
  return true;
}
