/**
 * Dates and times for staff, in German and in Berlin time (Intl; the browser's own time zone does
 * not matter: the project and its deadlines are in Duisburg).
 */

const ZONE = 'Europe/Berlin';

const dateTime = new Intl.DateTimeFormat('de-DE', { timeZone: ZONE, day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' });
const dateOnly = new Intl.DateTimeFormat('de-DE', { timeZone: ZONE, day: 'numeric', month: 'long', year: 'numeric' });
const shortDate = new Intl.DateTimeFormat('de-DE', { timeZone: ZONE, day: '2-digit', month: '2-digit', year: 'numeric' });
const shortDateTime = new Intl.DateTimeFormat('de-DE', { timeZone: ZONE, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' });
const weekdayDate = new Intl.DateTimeFormat('de-DE', { timeZone: ZONE, weekday: 'short', day: 'numeric', month: 'long' });
const weekdayDateYear = new Intl.DateTimeFormat('de-DE', { timeZone: ZONE, weekday: 'short', day: 'numeric', month: 'long', year: 'numeric' });
const parts = new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

const valid = (iso: string) => !Number.isNaN(Date.parse(iso));

/** "3. Juni 2027 um 14:05" */
export function formatDateTime(iso: string): string {
  return valid(iso) ? dateTime.format(new Date(iso)) : iso;
}

/** "03.06.2027, 14:05" (lists: short and aligned) */
export function formatShortDateTime(iso: string): string {
  return valid(iso) ? shortDateTime.format(new Date(iso)) : iso;
}

/** A calendar day (YYYY-MM-DD, no time zone): "3. Juni 2027". */
export function formatDay(day: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(day) ? dateOnly.format(new Date(`${day}T12:00:00Z`)) : day;
}

/** A calendar day, short: "03.06.2027". */
export function formatShortDay(day: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(day) ? shortDate.format(new Date(`${day}T12:00:00Z`)) : day;
}

/** A calendar day with its weekday: "Mo., 5. Juli 2027". */
export function formatWeekdayDay(day: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(day) ? weekdayDateYear.format(new Date(`${day}T12:00:00Z`)) : day;
}

/** The Berlin calendar day and time of an instant. */
export function berlinParts(at: Date): { day: string; hour: number; minute: number } {
  const p: Record<string, string> = {};
  for (const { type, value } of parts.formatToParts(at)) p[type] = value;
  return { day: `${p['year']}-${p['month']}-${p['day']}`, hour: Number(p['hour']), minute: Number(p['minute']) };
}

/** Today in Berlin (YYYY-MM-DD). */
export function berlinToday(now: Date = new Date()): string {
  return berlinParts(now).day;
}

/**
 * A due time as the mails say it: "Do., 3. Juni, 24:00". Follow-up deadlines are 00:00 Berlin of
 * the day after the period, which staff read as the end (24:00) of the period's last day. The year
 * is added when it is not the current one.
 */
export function formatDue(iso: string, now: Date = new Date()): string {
  if (!valid(iso)) return iso;
  const at = new Date(iso);
  const { hour, minute } = berlinParts(at);
  const midnight = hour === 0 && minute === 0;
  const day = midnight ? new Date(at.getTime() - 1) : at;
  const sameYear = berlinParts(day).day.slice(0, 4) === berlinParts(now).day.slice(0, 4);
  const time = midnight ? '24:00' : `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
  return `${(sameYear ? weekdayDate : weekdayDateYear).format(day)}, ${time}`;
}

/** Age in whole years on a Berlin day. */
export function ageOn(dateOfBirth: string, today: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/;
  const b = m.exec(dateOfBirth);
  const t = m.exec(today);
  if (!b || !t) return undefined;
  const [by, bm, bd] = [Number(b[1]), Number(b[2]), Number(b[3])];
  const [ty, tm, td] = [Number(t[1]), Number(t[2]), Number(t[3])];
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

/** "seit 3 Tagen", "seit 5 Stunden", "seit wenigen Minuten" — how long someone has waited. */
export function formatWaiting(sinceIso: string, now: Date = new Date()): string {
  const ms = now.getTime() - Date.parse(sinceIso);
  if (!Number.isFinite(ms)) return '';
  const hours = Math.floor(ms / 3_600_000);
  if (hours < 1) return 'seit weniger als einer Stunde';
  if (hours < 24) return hours === 1 ? 'seit 1 Stunde' : `seit ${hours} Stunden`;
  const days = Math.floor(hours / 24);
  return days === 1 ? 'seit 1 Tag' : `seit ${days} Tagen`;
}
