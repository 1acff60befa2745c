import type { Placement, PlacementDue } from '../../schemas/model/placement.js';
import type { LinkPurpose } from '../../schemas/placements.js';
import type { PlacementWaitState } from '../../schemas/workflow-tasks.js';
import { sendMail } from '../clients/mailer.js';
import { getPlacement } from '../data/placements.js';
import { addLinkHash, expirePlacement, markDone, markReminderSent, storeDue, storeTaskToken } from '../data/placement-steps.js';
import { placementConsoleLink } from '../domain/employer-links.js';
import { placementFeedbackMail, placementRequestMail } from '../domain/employer-mails.js';
import { AlreadyAnswered, PlacementClosed } from '../domain/errors.js';
import { answerDueTimes, feedbackDueTimes, nextDueAt, secondsUntil } from '../domain/placement-rules.js';
import { placementTeamMail, type TeamEvent } from '../domain/placement-mails.js';
import { config } from '../lib/config.js';
import { logger } from '../lib/logger.js';
import { mailEmployer, mintLink, senderOf } from './employer-contact.js';

/**
 * The TrialPlacement workflow's waits for the employer: the request (and the feedback request's
 * wait, see placement-follow-up.ts), the callback's token, and what is due when a wait times out
 * (reminders, the expiry, asking the counsellor). Each step re-reads the placement, skips what is
 * done, records what it sent, and hands on the seconds until the next absolute due time.
 */

const END: PlacementWaitState = { next: 'end' };
const ANSWERED: PlacementWaitState = { next: 'answered' };

const answered = (p: Placement, purpose: LinkPurpose) => (purpose === 'answer' ? p.answer !== undefined : p.feedback !== undefined);
const openFor = (p: Placement, purpose: LinkPurpose) => p.status === (purpose === 'answer' ? 'requested' : 'confirmed');

export function waitUntilNext(due: PlacementDue, now: Date, done?: PlacementWaitState['done']): PlacementWaitState {
  return { next: 'wait', seconds: secondsUntil(nextDueAt(due, now), now), ...(done ? { done } : {}) };
}

/** A fresh link for the purpose, mailed to the employer (the request, a reminder, the feedback request). */
export async function mailNewLink(p: Placement, purpose: LinkPurpose, due: PlacementDue, kind: 'request' | 'first_reminder' | 'second_reminder', now: Date): Promise<boolean> {
  const link = await mintLink(p, purpose, due.closesAt, now.toISOString());
  if (!(await addLinkHash(p.id, purpose, link.hash))) return false; // answered or closed meanwhile
  const sender = senderOf(p.site);
  const mail =
    purpose === 'answer'
      ? placementRequestMail(p, link.url, due.closesAt, sender, kind)
      : placementFeedbackMail(p, link.url, due.closesAt, sender, kind === 'request' ? 'request' : 'reminder');
  await mailEmployer(p, mail);
  return true;
}

/** A mail to the site team (reference and console link only), once per placement (`teamToldAt`). */
export async function tellTeamOnce(p: Placement, event: TeamEvent, now: Date): Promise<boolean> {
  if (p.teamToldAt) return false;
  const site = senderOf(p.site);
  await sendMail({ from: config().mailFrom, to: site.teamEmail, ...placementTeamMail(event, p.participantReference, placementConsoleLink(config().consoleUrl, p.id)) });
  await markDone(p.id, 'teamToldAt', now.toISOString());
  logger.info('placement team told', { placementId: p.id, event });
  return true;
}

/** Step SendRequest: stores the answer's due times once, mails the employer a link once. */
export async function sendPlacementRequest(id: string, now: Date = new Date()): Promise<PlacementWaitState> {
  const p = await getPlacement(id);
  if (!p) return END;
  if (p.answer) return ANSWERED;
  if (p.status !== 'requested') return END;
  const due = await storeDue(p.id, 'answer', { ...answerDueTimes(now) });
  if (!due) return afterRace(id, 'answer');
  if (p.requestSentAt) return waitUntilNext(due, now);
  if (!(await mailNewLink(p, 'answer', due, 'request', now))) return afterRace(id, 'answer');
  await markDone(p.id, 'requestSentAt', now.toISOString());
  logger.info('placement request sent', { placementId: p.id });
  return waitUntilNext(due, now, 'request');
}

/** A conditional write found the placement changed: answered (go on) or closed (end). */
async function afterRace(id: string, purpose: LinkPurpose): Promise<PlacementWaitState> {
  const p = await getPlacement(id);
  return p && answered(p, purpose) ? ANSWERED : END;
}

/**
 * Steps AwaitAnswer / AwaitFeedback (the callback's function): keeps the token on the placement
 * while the employer may act. An answer already there: AlreadyAnswered (the ASL goes on with it);
 * a closed placement: PlacementClosed (the ASL ends).
 */
export async function storePlacementToken(id: string, purpose: LinkPurpose, token: string, now: Date = new Date()): Promise<{ stored: true }> {
  if (await storeTaskToken(id, purpose, token, now.toISOString())) return { stored: true };
  const p = await getPlacement(id);
  if (p && answered(p, purpose)) throw new AlreadyAnswered('answered before the token was stored');
  throw new PlacementClosed('the placement is closed');
}

/** Step AnswerDue / FeedbackDue: a wait timed out; send what is due now, once, and wait again. */
export async function placementDue(id: string, purpose: LinkPurpose, now: Date = new Date()): Promise<PlacementWaitState> {
  const p = await getPlacement(id);
  if (!p) return END;
  if (answered(p, purpose)) return ANSWERED;
  if (purpose === 'answer' && p.status === 'expired') {
    await tellTeamOnce(p, 'expired', now); // an expiry whose mail did not go out yet (a retry)
    return END;
  }
  if (!openFor(p, purpose)) return END;
  const due = purpose === 'answer' ? p.answerDue : p.feedbackDue;
  if (!due) return purpose === 'answer' ? sendPlacementRequest(id, now) : END;
  const t = now.getTime();

  if (t >= Date.parse(due.closesAt)) {
    if (purpose === 'feedback') return END; // the feedback link closes; staff record the outcome in the console
    if (!(await expirePlacement(p.id, p.site, now.toISOString()))) return afterRace(id, purpose);
    await tellTeamOnce(p, 'expired', now);
    logger.info('placement expired', { placementId: p.id });
    return { next: 'end', done: 'expired' };
  }
  if (t >= Date.parse(due.secondReminderAt) && !due.secondReminderSentAt) {
    if (purpose === 'answer') {
      if (!(await mailNewLink(p, 'answer', due, 'second_reminder', now))) return afterRace(id, purpose);
    } else {
      await tellTeamFeedbackMissing(p, now);
    }
    await markReminderSent(p.id, purpose, 'secondReminderSentAt', now.toISOString());
    return waitUntilNext({ ...due, secondReminderSentAt: now.toISOString() }, now, purpose === 'answer' ? 'second_reminder' : 'team_asked');
  }
  if (t >= Date.parse(due.firstReminderAt) && t < Date.parse(due.secondReminderAt) && !due.firstReminderSentAt) {
    if (!(await mailNewLink(p, purpose, due, 'first_reminder', now))) return afterRace(id, purpose);
    await markReminderSent(p.id, purpose, 'firstReminderSentAt', now.toISOString());
    return waitUntilNext({ ...due, firstReminderSentAt: now.toISOString() }, now, 'first_reminder');
  }
  return waitUntilNext(due, now);
}

/** After the feedback reminder: the counsellor is asked to record the outcome (the team inbox). */
async function tellTeamFeedbackMissing(p: Placement, now: Date): Promise<void> {
  const site = senderOf(p.site);
  await sendMail({ from: config().mailFrom, to: site.teamEmail, ...placementTeamMail('feedback_missing', p.participantReference, placementConsoleLink(config().consoleUrl, p.id)) });
  logger.info('placement feedback missing: team asked', { placementId: p.id, at: now.toISOString() });
}

/** Step SendFeedbackRequest (on the last day): stores the feedback's due times once, mails the employer a feedback link once. */
export async function sendFeedbackRequest(id: string, now: Date = new Date()): Promise<PlacementWaitState> {
  const p = await getPlacement(id);
  if (!p) return END;
  if (p.feedback) return ANSWERED;
  if (p.status !== 'confirmed') return END;
  const due = await storeDue(p.id, 'feedback', { ...feedbackDueTimes(now) });
  if (!due) return afterRace(id, 'feedback');
  if (p.feedbackRequestSentAt) return waitUntilNext(due, now);
  if (!(await mailNewLink(p, 'feedback', due, 'request', now))) return afterRace(id, 'feedback');
  await markDone(p.id, 'feedbackRequestSentAt', now.toISOString());
  logger.info('placement feedback requested', { placementId: p.id });
  return waitUntilNext(due, now, 'request');
}
