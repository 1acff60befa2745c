/**
 * How long each kind of record is kept: the one place that says it. The data notice
 * (functions/domain/data-notice.ts) tells participants these periods, docs/domain.md
 * ("Retention") explains them, and the retention sweep erases what is due by them. Pure data and
 * date arithmetic, no I/O.
 *
 * `from` names the event the period counts from; `keep` is a number of days or months after it, or
 * `funder_retention_end`: the end of the ESF Plus retention duty (Art. 82 Regulation (EU)
 * 2021/1060: five years from 31 December of the year of the last payment to the project), a date
 * the deployment configures (`funderRetentionEnd`, CDK context → `FUNDER_RETENTION_END`) because
 * only the funder's notice fixes it.
 */

export const RECORD_TYPES = [
  'submission_unprocessed',
  'participant_withdrawn_before_start',
  'participant_after_exit',
  'special_category_answers_withdrawn',
  'employer_contact',
  'employer_link',
  'audit_entry',
] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

export type RetentionClock = 'received' | 'withdrawn' | 'exit' | 'consent_withdrawn' | 'placement_end' | 'link_closed' | 'created';

export type RetentionPeriod = { days: number } | { months: number } | 'funder_retention_end';

export interface RetentionRule {
  from: RetentionClock;
  keep: RetentionPeriod;
  /** `delete` removes the items; `anonymise` overwrites the personal fields and keeps what the figures need. */
  then: 'delete' | 'anonymise';
  /** Why this long (German, for staff and the data-protection officer; docs/domain.md quotes it). */
  why: string;
}

/** The default end of the ESF Plus retention duty when the deployment sets none (programme period 2021–2027). */
export const DEFAULT_FUNDER_RETENTION_END = '2034-12-31';

export const RETENTION: Record<RecordType, RetentionRule> = {
  submission_unprocessed: {
    from: 'received',
    keep: { days: 35 },
    then: 'delete',
    why: 'Eine Anmeldung, die nicht zu einer Akte wurde (nicht verarbeitet): Zeit für Rückfragen und Fehlersuche, dann nicht mehr nötig. Spam (Honeypot) wird gar nicht gespeichert. Die TTL der Anmeldung (functions/data/submissions.ts) liest diese Frist.',
  },
  participant_withdrawn_before_start: {
    from: 'withdrawn',
    keep: { months: 6 },
    then: 'delete',
    why: 'Zurückgezogen, bevor die Teilnahme begann: keine Förderpflicht; sechs Monate für Rückfragen und eine erneute Anmeldung.',
  },
  participant_after_exit: {
    from: 'exit',
    keep: 'funder_retention_end',
    then: 'anonymise',
    why: 'Teilgenommen: Eintritts- und Austrittsdaten, Erprobungen und Anerkennungsverfahren sind Belege der ESF-Plus-Förderung und müssen bis zum Ende der Aufbewahrungsfrist prüfbar bleiben; bis dahin eingeschränkt verarbeitet, danach anonymisiert (die Zahlen bleiben).',
  },
  special_category_answers_withdrawn: {
    from: 'consent_withdrawn',
    keep: { days: 0 },
    then: 'delete',
    why: 'Besondere Kategorien (Teil 2, Art. 9 DSGVO) nur mit Einwilligung: nach deren Widerruf sofort gelöscht.',
  },
  employer_contact: {
    from: 'placement_end',
    keep: { months: 12 },
    then: 'anonymise',
    why: 'Ansprechperson, E-Mail und Telefon im Betrieb: ein Jahr nach dem Ende der Erprobung für Rückfragen; die Erprobung selbst bleibt als Beleg beim Teilnehmer.',
  },
  employer_link: {
    from: 'link_closed',
    keep: { days: 90 },
    then: 'delete',
    why: 'Ein Link an den Betrieb (nur sein Hash ist gespeichert): 90 Tage nach Ablauf, damit ein später Klick eine verständliche Seite zeigt. Die TTL des Links (functions/data/employer-links.ts) liest diese Frist.',
  },
  audit_entry: {
    from: 'created',
    keep: { months: 36 },
    then: 'delete',
    why: 'Wer wann was getan hat (ohne personenbezogene Daten): drei Jahre als Nachweis für die Datenschutzaufsicht.',
  },
};

/** The last day (`YYYY-MM-DD`) a record of `type` may be kept when its clock started on `start` (a calendar day). */
export function retentionEnd(type: RecordType, start: string, funderRetentionEnd: string = DEFAULT_FUNDER_RETENTION_END): string {
  const keep = RETENTION[type].keep;
  if (keep === 'funder_retention_end') return start > funderRetentionEnd ? start : funderRetentionEnd;
  const [y, m, d] = start.slice(0, 10).split('-').map(Number) as [number, number, number];
  if ('days' in keep) return new Date(Date.UTC(y, m - 1, d + keep.days)).toISOString().slice(0, 10);
  // A period of months ends on the same day of the month, or that month's last day (31 Jan + 1 month = 28/29 Feb).
  const last = new Date(Date.UTC(y, m - 1 + keep.months + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m - 1 + keep.months, Math.min(d, last))).toISOString().slice(0, 10);
}

/** Whether a record of `type` whose clock started on `start` is due for erasure on `today` (the day after its last day). */
export function isRetentionDue(type: RecordType, start: string, today: string, funderRetentionEnd?: string): boolean {
  return today.slice(0, 10) > retentionEnd(type, start, funderRetentionEnd);
}

/**
 * The instant a record of `type` whose clock started at `start` (ISO) becomes due: the start (UTC)
 * of the day after its last day. The sweep erases it then; its TTL says the same.
 */
export function recordDueAt(type: RecordType, start: string, funderRetentionEnd?: string): string {
  return dueAfter(retentionEnd(type, start.slice(0, 10), funderRetentionEnd));
}

/** The instant a record whose last day is `lastDay` (YYYY-MM-DD) becomes due: the start (UTC) of the day after. */
export function dueAfter(lastDay: string): string {
  const [y, m, d] = lastDay.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString();
}

/** A period of days as seconds, for DynamoDB's TTL backstop on items whose rule counts days. */
export function retentionSeconds(type: RecordType): number {
  const keep = RETENTION[type].keep;
  if (keep === 'funder_retention_end' || !('days' in keep)) throw new Error(`${type}: not a period of days`);
  return keep.days * 24 * 3600;
}
