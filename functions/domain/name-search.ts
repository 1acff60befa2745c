import { foldName, normaliseReference } from './intake.js';

/**
 * The staff search's pure rules. A participant is found by a reference read out on the phone
 * (normaliseReference: any case, with or without the dash, O/0, I/L/1) — their own or that of a
 * linked (duplicate) submission — or by a prefix of their name.
 *
 * Names go into the site's name index folded like the duplicate check (foldName: case, accents,
 * umlaut transliterations, spacing): "mül", "Mue" and "MULLER" all find "Müller". Each participant
 * has a few entries, `<first>#<last>` and `<last>#<first>` (plus one per word of a name of
 * several words, followed by the other name), so one prefix query answers:
 * - one word: a prefix of the first or the last name, or of any word of either ("heide" finds
 *   "von der Heide");
 * - several words: the first is a whole first or last name (or a word of one), the rest a prefix
 *   of the other name: "jana bei" finds Jana Beispiel, "beispiel j" and "Beispiel, Jana" too.
 */

/** At most this many entries per participant (names of many words add one entry per word). */
export const MAX_NAME_ENTRIES = 8;

const WORD_SEPARATORS = /[\s\-\u2010\u2011'\u2019.,;]+/u;

const words = (name: string) => name.split(WORD_SEPARATORS).map(foldName).filter(Boolean);

/** The name-index entries of a participant: folded names joined by '#' (never in a log). */
export function nameEntries(firstName: string, lastName: string): string[] {
  const first = foldName(firstName);
  const last = foldName(lastName);
  const entries = new Set<string>();
  const pair = (a: string, b: string) => (a && b ? `${a}#${b}` : a || b);
  if (first || last) {
    entries.add(pair(first, last));
    entries.add(pair(last, first));
  }
  for (const w of words(firstName)) if (w !== first) entries.add(pair(w, last));
  for (const w of words(lastName)) if (w !== last) entries.add(pair(w, first));
  return [...entries].filter(Boolean).slice(0, MAX_NAME_ENTRIES);
}

/** The prefix a name query asks the index for, or undefined when nothing searchable is left. */
export function namePrefix(query: string): string | undefined {
  const tokens = query.split(/[\s,;]+/u).map(foldName).filter(Boolean);
  const [head, ...rest] = tokens;
  if (!head) return undefined;
  return rest.length ? `${head}#${rest.join('')}` : head;
}

export type SearchPlan =
  | { by: 'reference'; reference: string; thenName?: string }
  | { by: 'name'; prefix: string }
  | { by: 'none' };

/**
 * What a query means. A valid reference is looked up first; when the query has no digit it may
 * also be a name (e.g. "Schneide" reads as a reference), so the name index is asked if the
 * reference finds no one at the caller's site.
 */
export function planSearch(query: string): SearchPlan {
  const reference = normaliseReference(query);
  const prefix = namePrefix(query);
  if (reference) return { by: 'reference', reference, ...(prefix && !/\d/.test(query) ? { thenName: prefix } : {}) };
  return prefix ? { by: 'name', prefix } : { by: 'none' };
}
