import { createHash, randomBytes } from 'node:crypto';
import type { Problem } from '../../schemas/validation-errors.js';
import { placementDays } from '../../schemas/placement-length.js';
import { addCalendarDays, addWorkingDays, berlinMidnight, isWorkingDay, workingDaysDeadline } from './working-days.js';

/**
 * The rules of a trial placement ("betriebliche Erprobung", §45 SGB III), pure:
 *
 * - Length: schemas/placement-length.ts (shared with the console's proposal form).
 * - It must be approved before the start: the first day is today or later (Berlin date), and the
 *   last day is not before the first.
 * - Waiting for the employer (NRW working days after the request): a reminder after 3, a second
 *   after 6, and the request expires after 10. The feedback: requested on the last day, a reminder
 *   after 3, then the counsellor is asked to record it (6); the feedback link closes after 20.
 */

export const ANSWER_FIRST_REMINDER_WORKING_DAYS = 3;
export const ANSWER_SECOND_REMINDER_WORKING_DAYS = 6;
export const ANSWER_EXPIRY_WORKING_DAYS = 10;
export const FEEDBACK_REMINDER_WORKING_DAYS = 3;
export const FEEDBACK_COUNSELLOR_WORKING_DAYS = 6;
export const FEEDBACK_CLOSES_WORKING_DAYS = 20;

/** The check-in and the feedback request go out at this hour (Berlin) of their day. */
export const MAIL_HOUR_BERLIN = 9;

/**
 * The date checks of a new placement against today's Berlin date and the cap. Problems at their
 * fields: `startDate` in the past, `endDate` before the start or beyond the cap (`{max}` days).
 */
export function checkPlacementDates(p: { startDate: string; endDate: string }, today: string, maxDays: number): Problem[] {
  const problems: Problem[] = [];
  if (p.startDate < today) problems.push({ path: ['startDate'], code: 'placement_start_in_past' });
  if (p.endDate < p.startDate) problems.push({ path: ['endDate'], code: 'placement_end_before_start' });
  else if (placementDays(p.startDate, p.endDate) > maxDays) problems.push({ path: ['endDate'], code: 'placement_too_long', params: { max: maxDays } });
  return problems;
}

export interface DueTimes {
  from: string;
  firstReminderAt: string;
  secondReminderAt: string;
  closesAt: string;
}

export { MAX_PLACEMENT_DAYS, MAX_PLACEMENT_DAYS_WITH_OBSTACLES, maxPlacementDays, placementDays } from '../../schemas/placement-length.js';

const due = (from: Date, days: readonly [number, number, number]): DueTimes => ({
  from: from.toISOString(),
  firstReminderAt: workingDaysDeadline(from, days[0]).toISOString(),
  secondReminderAt: workingDaysDeadline(from, days[1]).toISOString(),
  closesAt: workingDaysDeadline(from, days[2]).toISOString(),
});

/** The answer's due times, from the moment the request goes out: end of the 3rd, 6th and 10th NRW working day. */
export const answerDueTimes = (from: Date) => due(from, [ANSWER_FIRST_REMINDER_WORKING_DAYS, ANSWER_SECOND_REMINDER_WORKING_DAYS, ANSWER_EXPIRY_WORKING_DAYS]);

/** The feedback's due times, from the feedback request: a reminder, the counsellor, the link closes. */
export const feedbackDueTimes = (from: Date) => due(from, [FEEDBACK_REMINDER_WORKING_DAYS, FEEDBACK_COUNSELLOR_WORKING_DAYS, FEEDBACK_CLOSES_WORKING_DAYS]);

/** 09:00 Berlin time on a calendar date. */
export function mailTimeOn(date: string): Date {
  return new Date(berlinMidnight(date).getTime() + MAIL_HOUR_BERLIN * 3_600_000);
}

/**
 * Half-way: the check-in goes out on the middle day of the placement (day ⌊n/2⌋ + 1 of n), or the
 * next NRW working day if that is a weekend or holiday — but never after the last day.
 */
export function checkInDate(startDate: string, endDate: string): string {
  const middle = addCalendarDays(startDate, Math.floor(placementDays(startDate, endDate) / 2));
  if (isWorkingDay(middle)) return middle;
  const next = addWorkingDays(middle, 1);
  return next <= endDate ? next : middle;
}

/** When the check-in and the feedback request are due: the middle day and the last day, at 09:00 Berlin. */
export function followUpTimes(p: { startDate: string; endDate: string }): { checkInAt: string; feedbackAt: string } {
  return { checkInAt: mailTimeOn(checkInDate(p.startDate, p.endDate)).toISOString(), feedbackAt: mailTimeOn(p.endDate).toISOString() };
}

/** The next due time after `now` that has not been done, or `closesAt`. */
export function nextDueAt(d: DueTimes & { firstReminderSentAt?: string; secondReminderSentAt?: string }, now: Date): string {
  const t = now.getTime();
  const open = [
    !d.firstReminderSentAt ? d.firstReminderAt : undefined,
    !d.secondReminderSentAt ? d.secondReminderAt : undefined,
    d.closesAt,
  ].filter((x): x is string => x !== undefined && Date.parse(x) > t);
  return open[0] ?? d.closesAt;
}

/** Whole seconds until an instant, at least 1 (TimeoutSecondsPath takes a positive integer). */
export function secondsUntil(at: string, now: Date): number {
  return Math.min(31_536_000, Math.max(1, Math.ceil((Date.parse(at) - now.getTime()) / 1000)));
}

/**
 * A new placement's id: derived from the client's Idempotency-Key and the site (a double click or
 * a retry lands on the same item), or random. Hashing keeps client strings out of our keys.
 */
export function placementIdFor(site: string, idempotencyKey: string | undefined): string {
  if (idempotencyKey) return createHash('sha256').update(`placement:${site}:${idempotencyKey}`).digest('hex').slice(0, 32);
  return randomBytes(16).toString('hex');
}
