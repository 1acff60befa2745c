import type { Checklist } from '../../schemas/recognition.js';
import { DOCUMENT_KINDS, type DocumentKind, type DocumentState } from '../../schemas/recognition-values.js';
import { addCalendarDays } from './working-days.js';

/**
 * The §5 BQFG document checklist of a recognition case, pure. Every document kind has one item:
 * its state (`missing`, `at_hand`, `translation_ordered`, `translated`, `submitted`) and `since`,
 * the day it entered that state (the translation reminder counts from it). Setting the state an
 * item already has changes nothing, so `since` keeps the day it first got there.
 */

/**
 * A fresh checklist on `date`: everything missing, except what the intake said is at hand
 * (its `transcripts` count as certificates; unknown names are ignored).
 */
export function newChecklist(date: string, atHand: readonly string[] = []): Checklist {
  addCalendarDays(date, 0); // validates the date
  const have = new Set(atHand.map((d) => (d === 'transcripts' ? 'certificates' : d)));
  const item = (kind: DocumentKind) => ({ state: (have.has(kind) ? 'at_hand' : 'missing') as DocumentState, since: date });
  return Object.fromEntries(DOCUMENT_KINDS.map((k) => [k, item(k)])) as Checklist;
}

/** The checklist with one document in a new state since `date`; the same state keeps its `since`. */
export function setDocumentState(checklist: Checklist, kind: DocumentKind, state: DocumentState, date: string): Checklist {
  if (checklist[kind].state === state) return checklist;
  addCalendarDays(date, 0);
  return { ...checklist, [kind]: { state, since: date } };
}

/** Documents still to get: missing, or waiting for their translation (in the order of DOCUMENT_KINDS). */
export function outstandingDocuments(checklist: Checklist): DocumentKind[] {
  return DOCUMENT_KINDS.filter((k) => checklist[k].state === 'missing' || checklist[k].state === 'translation_ordered');
}
