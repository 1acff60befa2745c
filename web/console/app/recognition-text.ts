import type { CompetentBody, FactType } from '../../../schemas/recognition.js';
import { formatShortDay } from './format.js';
import { COMPETENT_BODY_LABELS, FACT_TYPE_LABELS, countryName, labelOf, type DeadlineKind, type DeadlineStatus } from './labels.js';

/**
 * Recognition cases in words (pure, unit-tested): the qualification and the body as lists show
 * them, how a deadline was computed step by step (from the API's `steps`, which are exactly the
 * domain's), a refused fact with what may come instead, and euro amounts as typed and shown.
 */

export type PeriodLength = { months: number } | { weeks: number };

export interface DeadlineSteps {
  start: string;
  period: PeriodLength;
  originalEnd: string;
  extension: { length: PeriodLength; end: string; reason: string } | null;
  suspensions: { kind: 'documents_requested' | 'skills_analysis'; from: string; to: string | null }[];
  suspendedDays: number;
  end: string | null;
  shiftedBecause: string | null;
}

export interface DeadlineLike {
  due: string | null;
  status: DeadlineStatus;
  metOn: string | null;
  steps: DeadlineSteps;
}

/** `1 Monat`, `3 Monate`, `1 Woche`, `2 Wochen`. */
export function lengthText(length: PeriodLength): string {
  if ('months' in length) return `${length.months} ${length.months === 1 ? 'Monat' : 'Monate'}`;
  return `${length.weeks} ${length.weeks === 1 ? 'Woche' : 'Wochen'}`;
}

const days = (n: number) => `${n} ${n === 1 ? 'Tag' : 'Tage'}`;

/** The body's name: the label, or the name entered for `other`; "noch offen" for a draft. */
export function bodyText(body: CompetentBody | null, name: string | null): string {
  if (!body) return 'noch offen';
  return body === 'other' ? (name ?? COMPETENT_BODY_LABELS.other) : labelOf(COMPETENT_BODY_LABELS, body);
}

/** "Pflegefachkraft aus Syrien" */
export function qualificationText(q: { profession: string; country: string }): string {
  return `${q.profession} aus ${countryName(q.country)}`;
}

/**
 * How a due date came about, one line per step, e.g. for a decision: "Unterlagen vollständig am
 * 31.10.2026 (dieser Tag zählt nicht mit)", "3 Monate → 31.01.2027", "verlängert um 1 Monat →
 * 28.02.2027", "gehemmt: Unterlagen nachgefordert 20.11.2026 – 01.12.2026", "12 Tage gehemmt →
 * 12.03.2027", "12.03.2027 (Samstag) → nächster Werktag 14.03.2027".
 */
export function deadlineStepLines(kind: DeadlineKind, d: DeadlineLike): string[] {
  const s = d.steps;
  const lines = [`${kind === 'receipt' ? 'Antrag eingegangen' : 'Unterlagen vollständig'} am ${formatShortDay(s.start)} (dieser Tag zählt nicht mit)`];
  lines.push(`${lengthText(s.period)} → ${formatShortDay(s.originalEnd)}`);
  if (s.extension) lines.push(`verlängert um ${lengthText(s.extension.length)} → ${formatShortDay(s.extension.end)} (Grund: „${s.extension.reason}“)`);
  for (const x of s.suspensions) {
    const what = x.kind === 'documents_requested' ? 'Unterlagen nachgefordert' : 'Qualifikationsanalyse';
    lines.push(x.to ? `gehemmt: ${what} ${formatShortDay(x.from)} – ${formatShortDay(x.to)}` : `gehemmt: ${what} seit ${formatShortDay(x.from)}, noch ohne Ende`);
  }
  if (s.end === null) {
    lines.push('Fristende offen, bis die Qualifikationsanalyse endet');
    return lines;
  }
  if (s.suspendedDays > 0) lines.push(`${days(s.suspendedDays)} gehemmt → ${formatShortDay(s.end)}`);
  if (s.shiftedBecause && d.due) lines.push(`${formatShortDay(s.end)} (${s.shiftedBecause}) → nächster Werktag ${formatShortDay(d.due)}`);
  return lines;
}

/** "offen", "überfällig", "eingehalten (am 12.11.2026)" or "erledigt, aber zu spät (am …)". */
export function deadlineStatusText(d: Pick<DeadlineLike, 'due' | 'status' | 'metOn'>): string {
  if (d.status !== 'met') return d.status === 'overdue' ? 'überfällig' : 'offen';
  const on = d.metOn ? ` (am ${formatShortDay(d.metOn)})` : '';
  return d.due && d.metOn && d.metOn > d.due ? `erledigt, aber zu spät${on}` : `eingehalten${on}`;
}

/** "Eingang bestätigt, Antrag zurückgezogen" — or "kein weiterer Schritt". */
export function allowedText(allowed: readonly string[]): string {
  return allowed.length ? allowed.map((t) => labelOf(FACT_TYPE_LABELS, t)).join(', ') : 'kein weiterer Schritt';
}

/**
 * A 409 for a fact in the console's words: the API's message names the fact types by their codes,
 * so an out-of-order fact is said again with labels. `allowed` is what fits where the order broke
 * (for a fact added at the end: what may come next).
 */
export function refusalText(body: { code?: string; message?: string; allowed?: readonly string[] } | undefined, type: FactType, date: string): string | undefined {
  if (!body?.code || body.code === 'version_conflict') return undefined;
  const next = body.allowed ? ` An dieser Stelle möglich: ${allowedText(body.allowed)}.` : '';
  if (body.code === 'recognition_fact_out_of_order')
    return `„${labelOf(FACT_TYPE_LABELS, type)}“ vom ${formatShortDay(date)} passt so nicht in den Ablauf des Verfahrens – oder ein schon erfasster späterer Schritt passt danach nicht mehr.${next}`;
  return `${body.message ?? 'Das passt nicht zum Stand des Verfahrens.'}${next}`;
}

const euro = new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR' });

/** 12345 → "123,45 €" */
export function formatEuro(cents: number): string {
  return euro.format(cents / 100);
}

/** "123,45", "123.45", "1.234,50 €", "80" → cents; undefined when it is not an amount. */
export function parseEuro(input: string): number | undefined {
  const s = input.replace(/€|\s/g, '');
  if (!/^\d{1,3}(\.\d{3})*(,\d{1,2})?$|^\d+([.,]\d{1,2})?$/.test(s)) return undefined;
  const normal = /,/.test(s) ? s.replace(/\./g, '').replace(',', '.') : /^\d{1,3}(\.\d{3})+$/.test(s) ? s.replace(/\./g, '') : s;
  const cents = Math.round(Number(normal) * 100);
  return Number.isFinite(cents) ? cents : undefined;
}

/** Lines of a text area as single-line items (empty ones dropped). */
export function linesOf(text: string): string[] {
  return text
    .split(/[\r\n\u2028\u2029]+/)
    .map((l) => l.replace(/\t/g, ' ').replace(/ {2,}/g, ' ').trim())
    .filter(Boolean);
}
