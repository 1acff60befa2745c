import type { RecognitionCase } from '../../schemas/model/recognition.js';
import { recognitionDeadlines, type DeadlineStatus, type RecognitionDeadlines } from './recognition-deadlines.js';
import { decisionOf, recognitionState } from './recognition-facts.js';
import { nextReminder, recognitionReminders, type Reminder } from './recognition-reminders.js';
import { addCalendarDays, berlinDate, berlinMidnight } from './working-days.js';

/**
 * What a recognition case means on a day, for lists, "Heute" and its workflow (pure), all from
 * the domain's rules (recognition-deadlines.ts, recognition-reminders.ts):
 *
 * - the deadlines on `now`'s Berlin date; the case is overdue while one has passed unmet;
 * - its place on the agenda: the end of the due day of its next unmet deadline (00:00 Berlin
 *   after it, when the reminder goes out), or none (met, withdrawn, open-ended);
 * - what its workflow does next: send the reminders whose time has come and whose key was not
 *   sent, or wait until the next one (at most 30 days, then look again), or end — once the case
 *   is withdrawn or closed, or decided with nothing left to remind (a decision ends the deadline
 *   tracking; after a partial one the adaptation follow-up is the last reminder).
 */

/** A wait never runs longer than this (then the workflow re-reads the case and waits again). */
export const MAX_WAIT_SECONDS = 30 * 24 * 3600;

export function deadlinesOn(c: RecognitionCase, now: Date): RecognitionDeadlines {
  return recognitionDeadlines(c, c.facts, berlinDate(now));
}

export function isOverdue(d: RecognitionDeadlines): boolean {
  return d.receipt?.status === 'overdue' || d.decision?.status === 'overdue';
}

/** The end of a due day: 00:00 Berlin on the day after (a reminder's `remindAt`). */
export const endOfDay = (day: string) => berlinMidnight(addCalendarDays(day, 1)).toISOString();

export interface NextDeadline {
  deadline: 'receipt' | 'decision';
  due: string;
  status: Exclude<DeadlineStatus, 'met'>;
  basis: string;
  explanation: string;
}

/** The earliest unmet deadline with a known due day, or null. */
export function nextDeadline(d: RecognitionDeadlines): NextDeadline | null {
  const open = (['receipt', 'decision'] as const)
    .map((deadline) => ({ deadline, d: d[deadline] }))
    .filter((x) => x.d && x.d.status !== 'met' && x.d.due !== null)
    .sort((a, b) => (a.d!.due! < b.d!.due! ? -1 : a.d!.due! > b.d!.due! ? 1 : 0));
  const first = open[0];
  if (!first?.d?.due) return null;
  return { deadline: first.deadline, due: first.d.due, status: first.d.status as NextDeadline['status'], basis: first.d.basis, explanation: first.d.explanation };
}

/** Where the case sits on the site's agenda ("Heute"): the end of the next unmet deadline's due day; undefined: not on it. */
export function agendaDueAt(c: RecognitionCase, now: Date): string | undefined {
  const next = nextDeadline(deadlinesOn(c, now));
  return next ? endOfDay(next.due) : undefined;
}

export function remindersOf(c: RecognitionCase, now: Date): Reminder[] {
  return recognitionReminders({ deadlines: deadlinesOn(c, now), checklist: c.checklist, facts: c.facts });
}

export type WorkflowPlan = { next: 'end' } | { next: 'remind'; due: Reminder[] } | { next: 'wait'; seconds: number; reminder: Reminder | undefined };

export function workflowPlan(c: RecognitionCase, now: Date): WorkflowPlan {
  const state = recognitionState(c.facts, berlinDate(now));
  if (state === 'withdrawn' || state === 'closed') return { next: 'end' };
  const reminders = remindersOf(c, now);
  const sent = c.sentReminders ?? new Set<string>();
  const due = reminders.filter((r) => !sent.has(r.key) && Date.parse(r.remindAt) <= now.getTime());
  if (due.length > 0) return { next: 'remind', due };
  const reminder = nextReminder(reminders, sent);
  if (!reminder && decisionOf(c.facts)) return { next: 'end' };
  const seconds = reminder ? Math.ceil((Date.parse(reminder.remindAt) - now.getTime()) / 1000) : MAX_WAIT_SECONDS;
  return { next: 'wait', seconds: Math.min(MAX_WAIT_SECONDS, Math.max(1, seconds)), reminder };
}
