import type { Placement } from '../../schemas/model/placement.js';
import { dataNoticeUrl } from '../../schemas/data-notice.js';
import type { PlacementSchedule, PlacementStepResult } from '../../schemas/workflow-tasks.js';
import { sendMail } from '../clients/mailer.js';
import { appendAuditOnce } from '../data/audit.js';
import { getParticipant, recordPlacementOutcome } from '../data/participants.js';
import { getPlacement } from '../data/placements.js';
import { markDone, scheduleFollowUps } from '../data/placement-steps.js';
import { placementCheckInMail } from '../domain/employer-mails.js';
import { followUpTimes } from '../domain/placement-rules.js';
import { placementConfirmedParticipantMail } from '../domain/placement-mails.js';
import { config } from '../lib/config.js';
import { logger } from '../lib/logger.js';
import { mailEmployer, senderOf, siteOf } from './employer-contact.js';
import { tellTeamOnce } from './placement-waits.js';

/**
 * The TrialPlacement workflow after the employer answered: the confirmation's mails and times,
 * the check-in half-way, and the outcome once the employer gave feedback. Each step re-reads
 * the placement, skips what is done and records what it sent.
 */

const END_SCHEDULE: PlacementSchedule = { next: 'end' };

/** The recorded answer is missing where it must be: the write is not visible yet, so the step is retried. */
class AnswerNotRecorded extends Error {
  override name = 'AnswerNotRecorded';
}

/**
 * Step HandleAnswer. Confirmed: the times of the check-in (half-way) and the feedback (the last
 * day) are stored once and the placement goes on the agenda as "feedback due"; the counsellor (the
 * site team, reference and link only) and the participant (in their language, if they gave an
 * e-mail) are told once each. Declined: the counsellor is told, and the workflow ends.
 */
export async function handlePlacementAnswer(id: string, now: Date = new Date()): Promise<PlacementSchedule> {
  const p = await getPlacement(id);
  if (!p || p.status === 'cancelled') return END_SCHEDULE;
  if (!p.answer) throw new AnswerNotRecorded('no answer on the placement');
  if (p.answer.decision === 'decline') {
    await tellTeamOnce(p, 'declined', now);
    return { next: 'end', decision: 'decline' };
  }
  let times = { checkInAt: p.checkInAt ?? followUpTimes(p).checkInAt, feedbackAt: p.feedbackAt ?? followUpTimes(p).feedbackAt };
  if (p.status === 'confirmed') {
    const scheduled = await scheduleFollowUps(p, times);
    if (!scheduled) return next(await getPlacement(id), times);
    times = { checkInAt: scheduled.checkInAt!, feedbackAt: scheduled.feedbackAt! };
  }
  await tellTeamOnce(p, 'confirmed', now);
  await tellParticipantOnce(p, now);
  return { next: 'confirmed', decision: 'confirm', ...times };
}

/** After a failed schedule write: completed goes on (its steps skip what is done), anything else ends. */
function next(p: Placement | undefined, times: { checkInAt: string; feedbackAt: string }): PlacementSchedule {
  return p?.status === 'completed' ? { next: 'confirmed', decision: 'confirm', ...times } : END_SCHEDULE;
}

async function tellParticipantOnce(p: Placement, now: Date): Promise<void> {
  if (p.participantToldAt) return;
  const participant = await getParticipant(p.participantId);
  const email = participant?.entry.contact.email;
  if (participant && email) {
    const site = siteOf(p.site);
    const mail = placementConfirmedParticipantMail(participant.lang, p, site, dataNoticeUrl(config().publicUrl, site.id, participant.lang));
    await sendMail({ from: config().mailFrom, to: email, replyTo: site.office.replyTo, ...mail });
  }
  await markDone(p.id, 'participantToldAt', now.toISOString());
}

/** Step SendCheckIn (half-way): how is it going? Skipped once the last day has come, or after a feedback. */
export async function sendPlacementCheckIn(id: string, now: Date = new Date()): Promise<PlacementStepResult> {
  const p = await getPlacement(id);
  if (!p || (p.status !== 'confirmed' && p.status !== 'completed')) return { next: 'end', sent: false };
  if (p.checkInSentAt || p.status === 'completed' || (p.feedbackAt && now.getTime() >= Date.parse(p.feedbackAt))) return { next: 'continue', sent: false };
  await mailEmployer(p, placementCheckInMail(p, senderOf(p.site)));
  await markDone(p.id, 'checkInSentAt', now.toISOString());
  logger.info('placement check-in sent', { placementId: p.id });
  return { next: 'continue', sent: true };
}

/**
 * Step RecordOutcome: the employer's hiring decision (already on the placement: completed) goes
 * on the participant (a map of outcomes, one idempotent write) and into their audit trail (a
 * fixed key: written once however often the step runs).
 */
export async function recordOutcome(id: string, now: Date = new Date()): Promise<{ recorded: boolean }> {
  const p = await getPlacement(id);
  if (!p?.feedback) {
    if (!p || p.status === 'cancelled') return { recorded: false };
    throw new AnswerNotRecorded('no feedback on the placement');
  }
  const f = p.feedback;
  await recordPlacementOutcome(p.participantId, p.id, { outcome: f.outcome, at: f.at });
  const byEmployer = f.by === 'employer';
  await appendAuditOnce(
    p.participantId,
    { at: f.at, actor: byEmployer ? 'employer' : f.by, role: byEmployer ? 'employer' : (f.role ?? 'staff'), action: 'placement.outcome', detail: { placementId: p.id, outcome: f.outcome } },
    `placement.outcome:${p.id}`,
  );
  const first = await markDone(p.id, 'outcomeRecordedAt', now.toISOString());
  logger.info('placement outcome recorded', { placementId: p.id, outcome: f.outcome });
  return { recorded: first };
}
