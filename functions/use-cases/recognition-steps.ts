import { isRecognitionDraft, type RecognitionCase } from '../../schemas/model/recognition.js';
import type { RecognitionWaitState } from '../../schemas/workflow-tasks.js';
import { sendMail } from '../clients/mailer.js';
import { getRecognition } from '../data/recognition-cases.js';
import { claimReminder, storeRecognitionToken } from '../data/recognition-steps.js';
import { RecognitionCaseChanged, RecognitionCaseClosed } from '../domain/errors.js';
import { recognitionConsoleLink, recognitionReminderMail } from '../domain/recognition-mails.js';
import type { Reminder, ReminderKind } from '../domain/recognition-reminders.js';
import { workflowPlan, type WorkflowPlan } from '../domain/recognition-schedule.js';
import { config, siteById } from '../lib/config.js';
import { logger } from '../lib/logger.js';

/**
 * The RecognitionCase workflow's steps. Each re-reads the case and asks the domain what is due
 * (functions/domain/recognition-schedule.ts): the reminders whose time has come — each claimed by
 * its key with a conditional write on the version read before its mail goes out, so no deadline
 * is reminded twice and none that was met meanwhile — or how long to wait for the next one.
 */

const END: RecognitionWaitState = { next: 'end' };

function stateOf(plan: WorkflowPlan, c: RecognitionCase): RecognitionWaitState {
  if (plan.next === 'end') return END;
  if (plan.next === 'remind') return { next: 'remind', version: c.version };
  return { next: 'wait', seconds: plan.seconds, version: c.version };
}

/** Step ScheduleRecognition: what comes next for the case as stored now. */
export async function scheduleRecognition(id: string, now: Date = new Date()): Promise<RecognitionWaitState> {
  const c = await getRecognition(id);
  if (!c || isRecognitionDraft(c)) return END;
  return stateOf(workflowPlan(c, now), c);
}

/**
 * Step AwaitChange (the callback's function): keeps the token on the case for the version the
 * wait was planned on. The case changed since: RecognitionCaseChanged (plan again); it is over:
 * RecognitionCaseClosed (the ASL ends).
 */
export async function storeRecognitionWaitToken(id: string, version: number, token: string, now: Date = new Date()): Promise<{ stored: true }> {
  if (await storeRecognitionToken(id, version, token, now.toISOString())) return { stored: true };
  const c = await getRecognition(id);
  if (!c || isRecognitionDraft(c) || workflowPlan(c, now).next === 'end') throw new RecognitionCaseClosed('the case is closed');
  throw new RecognitionCaseChanged('the case changed since the wait was planned');
}

async function mailTeam(c: RecognitionCase, r: Reminder): Promise<void> {
  const site = siteById(c.site);
  if (!site) throw new Error('unknown site');
  await sendMail({ from: config().mailFrom, to: site.teamEmail, ...recognitionReminderMail(r, c.participantReference, recognitionConsoleLink(config().publicUrl, c.id)) });
}

/**
 * Step SendReminders (a wait timed out, or a plan said some are due): each due reminder once —
 * its key claimed before the mail (a crash between the two loses that mail rather than sending it
 * twice). A claim refused because the case changed meanwhile means: read it again and decide anew.
 */
export async function sendRecognitionReminders(id: string, now: Date = new Date(), attempt = 0): Promise<RecognitionWaitState> {
  const c = await getRecognition(id);
  if (!c || isRecognitionDraft(c)) return END;
  const plan = workflowPlan(c, now);
  if (plan.next !== 'remind') return stateOf(plan, c);
  const sent: ReminderKind[] = [];
  for (const r of plan.due) {
    if (!(await claimReminder(c.id, r.key, c.version))) {
      if (attempt >= 3) throw new RecognitionCaseChanged('the case keeps changing');
      const again = await sendRecognitionReminders(id, now, attempt + 1);
      return { ...again, sent: [...sent, ...(again.sent ?? [])] };
    }
    await mailTeam(c, r);
    sent.push(r.kind);
    logger.info('recognition reminder sent', { caseId: c.id, kind: r.kind });
  }
  const after: RecognitionCase = { ...c, sentReminders: new Set([...(c.sentReminders ?? []), ...plan.due.map((r) => r.key)]) };
  return { ...stateOf(workflowPlan(after, now), c), sent };
}
