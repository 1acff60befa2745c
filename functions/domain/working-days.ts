/**
 * Working days in North Rhine-Westphalia, for reminder and escalation deadlines. Pure, no I/O,
 * no libraries, independent of the process time zone.
 *
 * - A calendar date is a string `YYYY-MM-DD`; a working day is a Monday–Friday that is not a
 *   public holiday in NRW. 24 and 31 December are working days (no statutory holiday).
 * - Holidays are computed for any year, never hand-listed: fixed dates plus the movable feasts,
 *   which follow Easter Sunday (Gregorian computus). Rules are the ones in force since 1995
 *   (Buß- und Bettag was dropped in 1994; 3 October since 1990); earlier years are not modelled.
 * - Calendar dates are dates in Berlin (Europe/Berlin); summer time follows the EU rule (last
 *   Sunday in March to last Sunday in October, 01:00 UTC), exact for every year since 1996.
 */

export interface PublicHoliday {
  /** `YYYY-MM-DD`. */
  date: string;
  /** German name, as on the calendar. */
  name: string;
}

const DAY_MS = 86_400_000;

/** Fixed-date holidays in NRW, as `MM-DD`. */
const FIXED_HOLIDAYS: ReadonlyArray<readonly [string, string]> = [
  ['01-01', 'Neujahr'],
  ['05-01', 'Tag der Arbeit'],
  ['10-03', 'Tag der Deutschen Einheit'],
  ['11-01', 'Allerheiligen'],
  ['12-25', '1. Weihnachtstag'],
  ['12-26', '2. Weihnachtstag'],
];

/** Movable holidays in NRW, as days after Easter Sunday. */
const EASTER_HOLIDAYS: ReadonlyArray<readonly [number, string]> = [
  [-2, 'Karfreitag'],
  [1, 'Ostermontag'],
  [39, 'Christi Himmelfahrt'],
  [50, 'Pfingstmontag'],
  [60, 'Fronleichnam'],
];

/**
 * One-off holidays by law. 31 Oct 2017: Reformation Day for the 500th anniversary of the
 * Reformation, a holiday in all of Germany that year only (in NRW by the Feiertagsgesetz NW).
 */
const ONE_OFF_HOLIDAYS: ReadonlyArray<PublicHoliday> = [
  { date: '2017-10-31', name: 'Reformationstag (500 Jahre Reformation)' },
];

// ---- calendar dates as UTC day numbers (milliseconds at 00:00 UTC; no time zone involved) ----

/** Milliseconds of 00:00 UTC on a calendar date; setUTCFullYear avoids Date.UTC's 0–99 → 19xx. */
function utcDay(year: number, month: number, day: number): number {
  return new Date(0).setUTCFullYear(year, month - 1, day);
}

function formatUtcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Parses a strict `YYYY-MM-DD` that names a real date; throws RangeError otherwise. */
function parseDate(date: string): { year: number; ms: number } {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const ms = m ? utcDay(Number(m[1]), Number(m[2]), Number(m[3])) : NaN;
  if (!m || Number.isNaN(ms) || formatUtcDay(ms) !== date) {
    throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  }
  return { year: Number(m[1]), ms };
}

/** The calendar date `days` days after `date` (negative: before). */
export function addCalendarDays(date: string, days: number): string {
  return formatUtcDay(parseDate(date).ms + days * DAY_MS);
}

// ---- holidays ----

/** Easter Sunday of a Gregorian year (anonymous Gregorian algorithm, Meeus–Jones–Butcher). */
export function easterSunday(year: number): string {
  if (!Number.isInteger(year) || year < 1583 || year > 9999) {
    throw new RangeError(`Year outside the Gregorian range 1583–9999: ${year}`);
  }
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return formatUtcDay(utcDay(year, month, day));
}

/** All public holidays in NRW in a year, sorted by date, with their German names. */
export function publicHolidaysNrw(year: number): PublicHoliday[] {
  const easter = easterSunday(year);
  const year4 = String(year).padStart(4, '0');
  return [
    ...FIXED_HOLIDAYS.map(([monthDay, name]) => ({ date: `${year4}-${monthDay}`, name })),
    ...EASTER_HOLIDAYS.map(([offset, name]) => ({ date: addCalendarDays(easter, offset), name })),
    ...ONE_OFF_HOLIDAYS.filter((h) => h.date.startsWith(`${year4}-`)),
  ].sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
}

/** Whether a calendar date is a public holiday in NRW. */
export function isPublicHolidayNrw(date: string): boolean {
  const { year } = parseDate(date);
  return publicHolidaysNrw(year).some((h) => h.date === date);
}

/** Whether a calendar date is a working day in NRW: Monday–Friday and not a public holiday. */
export function isWorkingDay(date: string): boolean {
  const weekday = new Date(parseDate(date).ms).getUTCDay(); // 0 = Sunday, 6 = Saturday
  return weekday !== 0 && weekday !== 6 && !isPublicHolidayNrw(date);
}

/**
 * The n-th working day after `date` (n ≥ 0, an integer). `date` itself never counts, whether or
 * not it is a working day; n = 0 returns `date` unchanged.
 */
export function addWorkingDays(date: string, n: number): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`Working days must be an integer ≥ 0: ${n}`);
  let current = addCalendarDays(date, 0); // validates `date`
  for (let found = 0; found < n; ) {
    current = addCalendarDays(current, 1);
    if (isWorkingDay(current)) found++;
  }
  return current;
}

// ---- Berlin time ----

const HOUR_MS = 3_600_000;

/**
 * 01:00 UTC on the last Sunday of a month: when EU summer time starts (March) and ends (October),
 * the same instant in every EU time zone (Directive 2000/84/EC, in force since 1996).
 */
function lastSundayAt0100Utc(year: number, month: number): number {
  const lastDay = new Date(Date.UTC(year, month, 0)); // day 0 of the next month
  return Date.UTC(year, month - 1, lastDay.getUTCDate() - lastDay.getUTCDay(), 1);
}

/**
 * Offset of Berlin from UTC at an instant, in milliseconds (+1 h in winter, +2 h in summer).
 * Computed from the EU rule rather than read from the tz database through Intl: same answers
 * since 1996, and no time-zone data to load at cold start.
 */
function berlinOffsetMs(ms: number): number {
  const year = new Date(ms).getUTCFullYear();
  return ms >= lastSundayAt0100Utc(year, 3) && ms < lastSundayAt0100Utc(year, 10) ? 2 * HOUR_MS : HOUR_MS;
}

/** Berlin wall-clock fields of an instant. */
function berlinFields(ms: number): { year: number; month: number; day: number } {
  const wall = new Date(ms + berlinOffsetMs(ms));
  return { year: wall.getUTCFullYear(), month: wall.getUTCMonth() + 1, day: wall.getUTCDate() };
}

function assertValidInstant(instant: Date): void {
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) throw new RangeError('Invalid instant');
}

/** The calendar date (`YYYY-MM-DD`) in Berlin at an instant. */
export function berlinDate(instant: Date): string {
  assertValidInstant(instant);
  const f = berlinFields(instant.getTime());
  return formatUtcDay(utcDay(f.year, f.month, f.day));
}

/**
 * The instant of 00:00 Berlin time on a calendar date. Guess with the offset at 00:00 UTC, then
 * correct with the offset at the guessed instant (they differ only if a DST change lies in
 * between). Berlin changes at 02:00/03:00, so midnight always exists and is unambiguous.
 */
export function berlinMidnight(date: string): Date {
  const wallClock = parseDate(date).ms;
  let instant = wallClock - berlinOffsetMs(wallClock);
  instant = wallClock - berlinOffsetMs(instant);
  return new Date(instant);
}

/**
 * When a deadline of n working days, started at `from`, has passed: 00:00 Berlin time on the day
 * after the n-th working day after `from`'s Berlin date. The start day itself never counts, so a
 * start on a weekend or holiday counts from the next working day. E.g. Thu 2 Apr 2026 (before
 * Easter), n = 2 → Tue 7 and Wed 8 Apr → Thu 9 Apr 2026 00:00 Berlin (2026-04-08T22:00:00Z).
 */
export function workingDaysDeadline(from: Date, n: number): Date {
  const lastDay = addWorkingDays(berlinDate(from), n);
  return berlinMidnight(addCalendarDays(lastDay, 1));
}
