import type { FactType } from '../../schemas/recognition-values.js';
import type { CaseTerms } from './recognition-case.js';
import { effectiveFacts, type Fact, type FactOf } from './recognition-facts.js';
import { addCalendarDays, isPublicHolidayNrw, isWorkingDay, publicHolidaysNrw } from './working-days.js';

/**
 * The periods the competent body must keep in a recognition procedure (BQFG), as a pure function
 * of the facts in force. Our rule, from §31 VwVfG NRW with §§187–193 BGB; every date is a calendar
 * day in Europe/Berlin (`YYYY-MM-DD`). The rules, in the order they apply, each with an example:
 *
 * 1. Start. The day of the event (application received, documents complete) is not counted; the
 *    period runs from the next day (§187(1) BGB). Documents complete 2027-04-03 → first day 2027-04-04.
 * 2. Length. A period of months ends on the day of the last month with the same number as the
 *    event's day, or on that month's last day where it has none (§188(2), (3) BGB):
 *    2027-01-31 + 1 month → 2027-02-28; 2028-01-31 + 1 month → 2028-02-29 (leap year);
 *    2027-04-03 + 3 months → 2027-07-03. A period of weeks ends on the same weekday:
 *    Wed 2027-03-03 + 2 weeks → Wed 2027-03-17.
 * 3. Which period. Receipt: 1 month after the application was received (fast track: 2 weeks).
 *    Decision: 3 months after the documents are complete (fast track: 2 months).
 *    Basis: fast track § 14a BQFG (with § 81a AufenthG), else regulated § 13, else § 6 — Abs. 2
 *    for the receipt (confirm receipt, list missing documents), Abs. 3 for the decision (its
 *    length and the one extension; § 13 Abs. 3 Satz 4 caps it for EU qualifications).
 *    Application 2027-03-03, fast track → receipt due Wed 2027-03-17 (§ 14a Abs. 2 BQFG).
 * 4. Extension (once, with a reason), a length in months or weeks counted from the end of the
 *    original period (§190 BGB), before any weekend shift: documents complete 2026-10-31 → original
 *    end 2027-01-31 (a Sunday, not shifted: only the last end is) + 1 month → 2027-02-28;
 *    original end 2027-07-03 + 2 weeks → 2027-07-17.
 * 5. Suspension. Each request for documents (the day it was sent to the last day of the period
 *    the body set) and each skills analysis (first to last day) adds the calendar days it covers on
 *    or after the first day of the decision period, both ends counted, each day once however many
 *    overlap. Documents complete 2027-04-03; a request of 2027-03-25 with a period to 2027-04-10
 *    adds 2027-04-04…04-10 = 7 days; an analysis 2027-05-01…05-10 and a request 2027-05-05…05-20
 *    add 2027-05-01…05-20 = 20 days. A skills analysis without a known end leaves the decision
 *    date open (`due: null`) until it ends.
 * 6. Weekends and holidays last. An end on a Saturday, Sunday or NRW public holiday moves to the
 *    next working day (§31(3) VwVfG NRW; holidays from working-days.ts): documents complete
 *    2027-04-03 → 2027-07-03, a Saturday → due Mon 2027-07-05. 3 months, extended by 1 month,
 *    12 days suspended from 2026-10-31 → 2027-01-31 → 2027-02-28 → due Fri 2027-03-12.
 *
 * Status on `today` (a Berlin date): `met` once the body acted (receipt confirmed; decision), late
 * or not (`metOn` says when); else `overdue` after the due day, else `open` (also while `due` is
 * null). A deadline appears once its event is recorded; after a withdrawal only met ones remain.
 */

export type PeriodLength = { months: number } | { weeks: number };
export type DeadlineStatus = 'open' | 'met' | 'overdue';

export const RECEIPT_PERIOD: { normal: PeriodLength; fastTrack: PeriodLength } = { normal: { months: 1 }, fastTrack: { weeks: 2 } };
export const DECISION_PERIOD: { normal: PeriodLength; fastTrack: PeriodLength } = { normal: { months: 3 }, fastTrack: { months: 2 } };

/** What suspends the decision clock: a request for documents, or a skills analysis (`to: null` while it runs). */
export interface Suspension {
  kind: 'documents_requested' | 'skills_analysis';
  from: string;
  to: string | null;
}

/** How a due date came about, step by step, for the console to explain. */
export interface DeadlineSteps {
  /** The day of the event (not counted). */
  start: string;
  period: PeriodLength;
  originalEnd: string;
  extension: { length: PeriodLength; end: string; reason: string } | null;
  suspensions: Suspension[];
  /** Calendar days added for the suspensions (each day once, only from the first day of the period). */
  suspendedDays: number;
  /** The end after extension and suspension, before the weekend/holiday shift; null while a skills analysis runs. */
  end: string | null;
  /** Set when `end` fell on a weekend or NRW holiday: why (`Samstag`, `Sonntag` or the holiday's name). */
  shiftedBecause: string | null;
}

export interface Deadline {
  due: string | null;
  /** The paragraph the period comes from, e.g. `§ 6 Abs. 2 BQFG`. */
  basis: string;
  status: DeadlineStatus;
  /** The day the body acted (receipt confirmed, decision made). */
  metOn: string | null;
  /** In German, e.g. `3 Monate ab 31.10.2026, verlängert um 1 Monat, 12 Tage gehemmt → 12.03.2027`. */
  explanation: string;
  steps: DeadlineSteps;
}

export interface DecisionDeadline extends Deadline {
  suspendedDays: number;
  extended: boolean;
}

export interface RecognitionDeadlines {
  receipt?: Deadline;
  decision?: DecisionDeadline;
}

// ---- date arithmetic (rules 2 and 6) ----

/** `date` plus whole months; the day clamped to the last day of a shorter month (31 Jan + 1 → 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  addCalendarDays(date, 0); // validates the date
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  const lastDay = new Date(new Date(0).setUTCFullYear(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
}

/** The end of a period of months or weeks that starts with an event on `date` (the event's day not counted). */
export function addPeriod(date: string, length: PeriodLength): string {
  return 'months' in length ? addMonths(date, length.months) : addCalendarDays(date, 7 * length.weeks);
}

/** `date` itself if it is an NRW working day, else the next one. */
export function nextWorkingDay(date: string): string {
  let day = date;
  while (!isWorkingDay(day)) day = addCalendarDays(day, 1);
  return day;
}

const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;

/** Calendar days covered by the spans on or after `firstDay`, both ends counted, each day once (rule 5). */
export function countSuspendedDays(spans: ReadonlyArray<{ from: string; to: string }>, firstDay: string): number {
  const first = dayNumber(firstDay);
  const clipped = spans
    .map((s) => [Math.max(dayNumber(s.from), first), dayNumber(s.to)] as const)
    .filter(([from, to]) => from <= to)
    .sort((a, b) => a[0] - b[0]);
  let total = 0;
  let counted = -Infinity; // the last day already counted
  for (const [from, to] of clipped) {
    const start = Math.max(from, counted + 1);
    if (to >= start) total += to - start + 1;
    counted = Math.max(counted, to);
  }
  return total;
}

// ---- the two deadlines ----

type Terms = Pick<CaseTerms, 'regulated' | 'fastTrack'>;

/** `§ 14a` (fast track), `§ 13` (regulated) or `§ 6`; Abs. 2 for the receipt, Abs. 3 for the decision. */
export function deadlineBasis(deadline: 'receipt' | 'decision', terms: Terms): string {
  const paragraph = terms.fastTrack ? '14a' : terms.regulated ? '13' : '6';
  return `§ ${paragraph} Abs. ${deadline === 'receipt' ? 2 : 3} BQFG`;
}

function first<T extends FactType>(facts: readonly Fact[], type: T): FactOf<T> | undefined {
  return facts.find((f): f is FactOf<T> => f.type === type);
}

function suspensionsOf(facts: readonly Fact[]): Suspension[] {
  const out: Suspension[] = [];
  let analysisFrom: string | null = null;
  for (const f of facts) {
    if (f.type === 'documents_requested') out.push({ kind: 'documents_requested', from: f.date, to: f.periodEnds });
    if (f.type === 'skills_analysis_started') analysisFrom = f.date;
    if (f.type === 'skills_analysis_ended' && analysisFrom !== null) {
      out.push({ kind: 'skills_analysis', from: analysisFrom, to: f.date });
      analysisFrom = null;
    }
  }
  if (analysisFrom !== null) out.push({ kind: 'skills_analysis', from: analysisFrom, to: null });
  return out;
}

function lengthOf(f: FactOf<'extension_granted'>): PeriodLength {
  return f.months !== undefined ? { months: f.months } : { weeks: f.weeks ?? 0 };
}

function conclude(basis: string, steps: Omit<DeadlineSteps, 'shiftedBecause'>, metOn: string | null, today: string): Deadline {
  const due = steps.end === null ? null : nextWorkingDay(steps.end);
  const full: DeadlineSteps = { ...steps, shiftedBecause: steps.end !== null && due !== steps.end ? nonWorkingReason(steps.end) : null };
  const status: DeadlineStatus = metOn !== null ? 'met' : due !== null && today > due ? 'overdue' : 'open';
  return { due, basis, status, metOn, explanation: explain(full, due), steps: full };
}

/**
 * The receipt and decision deadlines of a case on `today` (a Berlin date), from all its facts
 * (superseded ones are left out here). E.g. regulated, documents complete 2027-04-03, nothing
 * else → `decision: { due: '2027-07-05', basis: '§ 13 Abs. 3 BQFG', status: 'open', … }` on 2027-05-01.
 */
export function recognitionDeadlines(terms: Terms, facts: readonly Fact[], today: string): RecognitionDeadlines {
  const inForce = effectiveFacts(facts);
  const withdrawn = first(inForce, 'withdrawn') !== undefined;
  const out: RecognitionDeadlines = {};

  const received = first(inForce, 'application_received');
  const confirmed = first(inForce, 'receipt_confirmed');
  if (received && (confirmed || !withdrawn)) {
    const period = terms.fastTrack ? RECEIPT_PERIOD.fastTrack : RECEIPT_PERIOD.normal;
    const end = addPeriod(received.date, period);
    const steps = { start: received.date, period, originalEnd: end, extension: null, suspensions: [], suspendedDays: 0, end };
    out.receipt = conclude(deadlineBasis('receipt', terms), steps, confirmed?.date ?? null, today);
  }

  const complete = first(inForce, 'documents_complete');
  const decision = first(inForce, 'decision');
  if (complete && (decision || !withdrawn)) {
    const period = terms.fastTrack ? DECISION_PERIOD.fastTrack : DECISION_PERIOD.normal;
    const originalEnd = addPeriod(complete.date, period);
    const granted = first(inForce, 'extension_granted');
    const extension = granted ? { length: lengthOf(granted), end: addPeriod(originalEnd, lengthOf(granted)), reason: granted.reason } : null;
    const suspensions = suspensionsOf(inForce);
    const ended = suspensions.filter((s): s is Suspension & { to: string } => s.to !== null);
    const suspendedDays = countSuspendedDays(ended, addCalendarDays(complete.date, 1));
    const running = suspensions.some((s) => s.to === null);
    const end = running ? null : addCalendarDays(extension?.end ?? originalEnd, suspendedDays);
    const steps = { start: complete.date, period, originalEnd, extension, suspensions, suspendedDays, end };
    const deadline = conclude(deadlineBasis('decision', terms), steps, decision?.date ?? null, today);
    out.decision = { ...deadline, suspendedDays, extended: extension !== null };
  }
  return out;
}

// ---- the German explanation ----

const WEEKDAYS = ['Sonntag', 'Montag', 'Dienstag', 'Mittwoch', 'Donnerstag', 'Freitag', 'Samstag'] as const;

/** `Samstag`, `Sonntag`, or the NRW holiday's name (a holiday on a weekend is named as the holiday). */
function nonWorkingReason(date: string): string {
  if (isPublicHolidayNrw(date)) return publicHolidaysNrw(Number(date.slice(0, 4))).find((h) => h.date === date)?.name ?? 'Feiertag';
  return WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()] ?? '';
}

/** `31.10.2026`. */
export function germanDate(date: string): string {
  return `${date.slice(8, 10)}.${date.slice(5, 7)}.${date.slice(0, 4)}`;
}

/** `1 Monat`, `3 Monate`, `1 Woche`, `2 Wochen`. */
export function germanLength(length: PeriodLength): string {
  if ('months' in length) return `${length.months} ${length.months === 1 ? 'Monat' : 'Monate'}`;
  return `${length.weeks} ${length.weeks === 1 ? 'Woche' : 'Wochen'}`;
}

/**
 * E.g. `3 Monate ab 31.10.2026, verlängert um 1 Monat, 12 Tage gehemmt → 12.03.2027`;
 * `3 Monate ab 03.04.2027 → 03.07.2027 (Samstag) → nächster Werktag 05.07.2027`;
 * `3 Monate ab 03.04.2027, Qualifikationsanalyse seit 01.05.2027 ohne Ende: Fristende offen`.
 */
function explain(s: DeadlineSteps, due: string | null): string {
  const parts = [`${germanLength(s.period)} ab ${germanDate(s.start)}`];
  if (s.extension) parts.push(`verlängert um ${germanLength(s.extension.length)}`);
  if (s.suspendedDays > 0) parts.push(`${s.suspendedDays} ${s.suspendedDays === 1 ? 'Tag' : 'Tage'} gehemmt`);
  const running = s.suspensions.find((x) => x.to === null);
  if (running || s.end === null || due === null) {
    parts.push(`Qualifikationsanalyse seit ${germanDate(running?.from ?? s.start)} ohne Ende: Fristende offen`);
    return parts.join(', ');
  }
  const shift = s.shiftedBecause ? ` (${s.shiftedBecause}) → nächster Werktag ${germanDate(due)}` : '';
  return `${parts.join(', ')} → ${germanDate(s.end)}${shift}`;
}
