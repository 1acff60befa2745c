import { formatShortDay } from './format.js';

/**
 * The figures page's periods (pure: unit-tested). A period is a range of entry days, both ends
 * included and either open, as GET /api/staff/reports/kpis takes it; the presets are what a lead
 * reports on: since the project began, this year, the last full quarter.
 */

export const PRESETS = ['all', 'year', 'quarter', 'last-quarter', 'last-year', 'custom'] as const;
export type Preset = (typeof PRESETS)[number];

export const PRESET_LABELS: Record<Preset, string> = {
  all: 'seit Projektbeginn',
  year: 'dieses Jahr',
  quarter: 'dieses Quartal',
  'last-quarter': 'letztes Quartal',
  'last-year': 'letztes Jahr',
  custom: 'eigener Zeitraum',
};

export interface Period {
  preset: Preset;
  from?: string;
  to?: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

interface Quarter {
  year: number;
  /** 1–4 */
  q: number;
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDayOfMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

export function quarterOf(day: string): Quarter {
  return { year: Number(day.slice(0, 4)), q: Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1 };
}

export function quarterStart({ year, q }: Quarter): string {
  return `${year}-${pad(3 * q - 2)}-01`;
}

export function quarterEnd({ year, q }: Quarter): string {
  return `${year}-${pad(3 * q)}-${pad(lastDayOfMonth(year, 3 * q))}`;
}

function shift({ year, q }: Quarter, by: number): Quarter {
  const n = year * 4 + (q - 1) + by;
  return { year: Math.floor(n / 4), q: (n % 4) + 1 };
}

const ordinal = (a: Quarter) => a.year * 4 + a.q;

/** The day before an ISO day. */
function dayBefore(day: string): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** A preset's entry days, as of `today` (Berlin). */
export function periodOf(preset: Preset, today: string, custom: { from?: string; to?: string } = {}): Period {
  const year = Number(today.slice(0, 4));
  const now = quarterOf(today);
  switch (preset) {
    case 'all':
      return { preset };
    case 'year':
      return { preset, from: `${year}-01-01`, to: today };
    case 'quarter':
      return { preset, from: quarterStart(now), to: today };
    case 'last-quarter': {
      const last = shift(now, -1);
      return { preset, from: quarterStart(last), to: quarterEnd(last) };
    }
    case 'last-year':
      return { preset, from: `${year - 1}-01-01`, to: `${year - 1}-12-31` };
    case 'custom':
      return { preset, ...(custom.from ? { from: custom.from } : {}), ...(custom.to ? { to: custom.to } : {}) };
  }
}

/** The period an address asks for (`?period=year`, or `?from=…&to=…`); since the project began by default. */
export function periodFromQuery(query: URLSearchParams, today: string): Period {
  const from = query.get('from') ?? '';
  const to = query.get('to') ?? '';
  if (DAY.test(from) || DAY.test(to)) return periodOf('custom', today, { ...(DAY.test(from) ? { from } : {}), ...(DAY.test(to) ? { to } : {}) });
  const preset = query.get('period') as Preset | null;
  return periodOf(preset && PRESETS.includes(preset) && preset !== 'custom' ? preset : 'all', today);
}

/** The address's query for a period (presets by name, so a bookmark follows the calendar). */
export function queryOfPeriod(p: Period): Record<string, string | undefined> {
  if (p.preset === 'custom') return { from: p.from, to: p.to };
  return { period: p.preset === 'all' ? undefined : p.preset };
}

/** "Eintritte seit Projektbeginn", "Eintritte 01.01.2027 – 31.03.2027". */
export function periodText(p: Period): string {
  if (!p.from && !p.to) return 'Eintritte seit Projektbeginn';
  if (p.from && p.to) return `Eintritte ${formatShortDay(p.from)} – ${formatShortDay(p.to)}`;
  return p.from ? `Eintritte ab ${formatShortDay(p.from)}` : `Eintritte bis ${formatShortDay(p.to!)}`;
}

/** One bar group of the chart: a quarter of entry days (cut to the period), or everything before the first quarter shown. */
export interface Bucket {
  /** "1. Quartal 2027", or "vor dem 1. Quartal 2025" */
  label: string;
  /** The chart's axis: "Q1 2027", "früher" */
  short: string;
  from?: string;
  to?: string;
}

/**
 * The quarters of a period, at most `max` (the latest): with an open start (since the project
 * began) or a longer period, one more bucket holds every earlier entry, so the buckets add up to
 * the period's figures.
 */
export function quarterBuckets(p: Pick<Period, 'from' | 'to'>, today: string, max = 8): Bucket[] {
  const to = p.to && p.to < today ? p.to : today;
  const last = quarterOf(to);
  const first = p.from ? quarterOf(p.from) : undefined;
  let start = shift(last, -(max - 1));
  if (first && ordinal(first) > ordinal(start)) start = first;
  if (p.from && p.from > to) return [];
  const out: Bucket[] = [];
  const earlierEnd = dayBefore(quarterStart(start));
  if (!p.from || p.from <= earlierEnd) {
    out.push({ label: `vor dem ${start.q}. Quartal ${start.year}`, short: 'früher', ...(p.from ? { from: p.from } : {}), to: earlierEnd });
  }
  for (let q = start; ordinal(q) <= ordinal(last); q = shift(q, 1)) {
    const from = p.from && p.from > quarterStart(q) ? p.from : quarterStart(q);
    const end = quarterEnd(q) < to ? quarterEnd(q) : to;
    out.push({ label: `${q.q}. Quartal ${q.year}`, short: `Q${q.q} ${q.year}`, from, to: end });
  }
  return out;
}
