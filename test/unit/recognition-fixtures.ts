import type { Fact, FactOf } from '../../functions/domain/recognition-facts.js';
import type { CaseTerms } from '../../functions/domain/recognition-case.js';
import type { FactType } from '../../schemas/recognition.js';

/** Facts for the recognition tests: a fresh hex id each, the fields each type needs. */

let counter = 0;
export const newFactId = () => (++counter).toString(16).padStart(32, '0');

export function fact<T extends FactType>(type: T, date: string, extra: Partial<Omit<FactOf<T>, 'type' | 'date'>> = {}): FactOf<T> {
  return { id: newFactId(), type, date, ...extra } as FactOf<T>;
}

export const received = (date: string) => fact('application_received', date);
export const confirmed = (date: string) => fact('receipt_confirmed', date);
export const complete = (date: string) => fact('documents_complete', date);
export const requested = (date: string, periodEnds: string) => fact('documents_requested', date, { periodEnds });
export const analysisStarted = (date: string) => fact('skills_analysis_started', date);
export const analysisEnded = (date: string) => fact('skills_analysis_ended', date);
export const extended = (date: string, length: { months: number } | { weeks: number }) => fact('extension_granted', date, { ...length, reason: 'Gutachten eingeholt' });
export const decided = (date: string, result: 'full' | 'partial' | 'none' = 'full') => fact('decision', date, { result });
export const planned = (date: string) => fact('adaptation_planned', date, { measure: 'Anpassungslehrgang' });
export const adaptationStarted = (date: string) => fact('adaptation_started', date);
export const adaptationCompleted = (date: string) => fact('adaptation_completed', date);
export const withdrawn = (date: string) => fact('withdrawn', date, { reason: 'Umzug' });

/** A new fact that supersedes `original`. */
export const correcting = <F extends Fact>(original: Fact, replacement: F): F => ({ ...replacement, supersedes: original.id });

/** Facts up to documents complete on `date` (application and receipt a month before). */
export const upToComplete = (date: string, applied = '2026-01-05'): Fact[] => [received(applied), confirmed(applied), complete(date)];

export const NON_REGULATED: CaseTerms = { regulated: false, fastTrack: false, qualification: { country: 'SY' } };
export const REGULATED: CaseTerms = { regulated: true, fastTrack: false, qualification: { country: 'SY' } };
export const FAST_TRACK: CaseTerms = { regulated: false, fastTrack: true, qualification: { country: 'IN' } };
export const EU_REGULATED: CaseTerms = { regulated: true, fastTrack: false, qualification: { country: 'PL' } };
