import type { Language } from '../../schemas/languages.js';
import { WEEKDAYS, type OpeningHours, type PostalAddress, type Weekday } from '../../schemas/sites.js';

/**
 * A site's office in words (pure), for the data notice and every mail to a participant or employer:
 * weekday names from Intl in the reader's language, times and numbers as they are.
 */

const dayNames = new Map<Language, string[]>();

function weekdayNames(lang: Language): string[] {
  let names = dayNames.get(lang);
  if (!names) {
    const format = new Intl.DateTimeFormat(lang, { weekday: 'long', timeZone: 'UTC' });
    // 2024-01-01 was a Monday: the order of WEEKDAYS.
    names = WEEKDAYS.map((_, i) => format.format(new Date(Date.UTC(2024, 0, 1 + i))));
    dayNames.set(lang, names);
  }
  return names;
}

/** Consecutive days of three or more read as a range ("Montag–Donnerstag"), others as a list. */
function daysInWords(lang: Language, days: readonly Weekday[]): string {
  const names = weekdayNames(lang);
  const idx = [...new Set(days)].map((d) => WEEKDAYS.indexOf(d)).sort((a, b) => a - b);
  const consecutive = idx.every((n, i) => i === 0 || n === idx[i - 1]! + 1);
  if (consecutive && idx.length >= 3) return `${names[idx[0]!]}–${names[idx[idx.length - 1]!]}`;
  return idx.map((i) => names[i]).join(', ');
}

/** One entry per line: the days in words and the times (`09:00–16:00`, kept apart so RTL text can isolate them). */
export function openingHoursInWords(lang: Language, hours: OpeningHours): { days: string; time: string }[] {
  return hours.map((h) => ({ days: daysInWords(lang, h.days), time: `${h.opens}–${h.closes}` }));
}

export function addressLines(a: PostalAddress): [string, string] {
  return [a.street, `${a.postcode} ${a.city}`];
}

/** A `tel:` URI from a printed number (German numbers without a country code get +49). */
export function telUri(phone: string): string {
  const digits = phone.replace(/[^\d+]/g, '');
  return `tel:${digits.startsWith('+') ? digits : digits.startsWith('0') ? `+49${digits.slice(1)}` : digits}`;
}

/** Unicode isolates (FSI … PDI): a reference, phone number or address reads left to right inside right-to-left text. */
export const isolate = (value: string): string => `\u2068${value}\u2069`;
