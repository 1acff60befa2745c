import type { Checklist } from '../../schemas/recognition.js';
import { DOCUMENT_KINDS, type DocumentKind } from '../../schemas/recognition-values.js';
import type { RecognitionDeadlines } from './recognition-deadlines.js';
import { effectiveFacts, type Fact } from './recognition-facts.js';
import { addCalendarDays, berlinMidnight } from './working-days.js';

/**
 * What a workflow waits for on a recognition case, pure. Each reminder has a `due` day and is
 * sent once, at `remindAt`: 00:00 Berlin on the day after `due` (the moment the day has passed).
 * Its `key` changes when its due day does (a new extension, a correction), so a workflow that
 * records the keys it sent reminds again only about something new.
 *
 * - `receipt_overdue`, `decision_overdue`: a deadline not met (recognition-deadlines.ts) with a known due day.
 * - `translation_pending`: a document in `translation_ordered` for more than 3 weeks. Ordered
 *   Mon 2027-03-01 → due Mon 2027-03-22 → reminder at 2027-03-23 00:00 Berlin.
 * - `adaptation_follow_up`: a partial decision and nothing recorded within 4 weeks. Decision
 *   2027-07-05 → due 2027-08-02 → reminder at 2027-08-03 00:00 Berlin (none once an adaptation
 *   fact or a withdrawal is recorded).
 * Translation reminders stop with the decision or a withdrawal.
 */

export const TRANSLATION_REMINDER_WEEKS = 3;
export const ADAPTATION_FOLLOW_UP_WEEKS = 4;

export type ReminderKind = 'receipt_overdue' | 'decision_overdue' | 'translation_pending' | 'adaptation_follow_up';

export interface Reminder {
  kind: ReminderKind;
  /** `kind:due` (`kind:document:due` for a translation): what a workflow records once sent. */
  key: string;
  due: string;
  /** ISO instant: 00:00 Berlin on the day after `due`. */
  remindAt: string;
  document?: DocumentKind;
}

function reminder(kind: ReminderKind, due: string, document?: DocumentKind): Reminder {
  const key = document ? `${kind}:${document}:${due}` : `${kind}:${due}`;
  const remindAt = berlinMidnight(addCalendarDays(due, 1)).toISOString();
  return document ? { kind, key, due, remindAt, document } : { kind, key, due, remindAt };
}

/** The unmet deadlines with a known due day (open or overdue), receipt first. */
export function deadlineReminders(deadlines: RecognitionDeadlines): Reminder[] {
  const out: Reminder[] = [];
  if (deadlines.receipt && deadlines.receipt.status !== 'met' && deadlines.receipt.due) out.push(reminder('receipt_overdue', deadlines.receipt.due));
  if (deadlines.decision && deadlines.decision.status !== 'met' && deadlines.decision.due) out.push(reminder('decision_overdue', deadlines.decision.due));
  return out;
}

/** One reminder per document in `translation_ordered`: due 3 weeks after it entered that state. */
export function translationReminders(checklist: Checklist): Reminder[] {
  return DOCUMENT_KINDS.filter((k) => checklist[k].state === 'translation_ordered').map((k) =>
    reminder('translation_pending', addCalendarDays(checklist[k].since, 7 * TRANSLATION_REMINDER_WEEKS), k),
  );
}

/** After a partial decision with nothing recorded since: a follow-up due 4 weeks after the decision. */
export function adaptationFollowUp(facts: readonly Fact[]): Reminder | null {
  const inForce = effectiveFacts(facts);
  const at = inForce.findIndex((f) => f.type === 'decision');
  const decision = inForce[at];
  if (!decision || decision.type !== 'decision' || decision.result !== 'partial' || at < inForce.length - 1) return null;
  return reminder('adaptation_follow_up', addCalendarDays(decision.date, 7 * ADAPTATION_FOLLOW_UP_WEEKS));
}

/** Everything a case's workflow waits for, earliest first. */
export function recognitionReminders(input: { deadlines: RecognitionDeadlines; checklist: Checklist; facts: readonly Fact[] }): Reminder[] {
  const ended = effectiveFacts(input.facts).some((f) => f.type === 'decision' || f.type === 'withdrawn');
  const follow = adaptationFollowUp(input.facts);
  return [...deadlineReminders(input.deadlines), ...(ended ? [] : translationReminders(input.checklist)), ...(follow ? [follow] : [])].sort(
    (a, b) => (a.remindAt < b.remindAt ? -1 : a.remindAt > b.remindAt ? 1 : 0),
  );
}

/** The earliest reminder not sent yet (by key), or undefined: what the workflow waits for next. */
export function nextReminder(reminders: readonly Reminder[], sentKeys: Iterable<string>): Reminder | undefined {
  const sent = new Set(sentKeys);
  return [...reminders].sort((a, b) => (a.remindAt < b.remindAt ? -1 : a.remindAt > b.remindAt ? 1 : 0)).find((r) => !sent.has(r.key));
}
