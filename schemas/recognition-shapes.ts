import * as z from 'zod/mini';
import { isRealDate } from './dates.js';
import { lazySchema } from './lazy.js';
import { DECISION_RESULTS, DOCUMENT_KINDS, DOCUMENT_STATES } from './recognition-values.js';
import { code, issue, text } from './text.js';

/**
 * The parts of recognition cases that both the staff routes' requests (schemas/recognition.ts)
 * and the stored shape (schemas/model/recognition.ts) are made of: the day, the §5 checklist and
 * the fact union. Each is built on first use, so that a function which only reads stored cases
 * (the participant's record, the intake's draft) builds none of the routes' contracts at import.
 */

/** A calendar day, `YYYY-MM-DD`, that exists. */
export const dayField = lazySchema(() =>
  z.string().check(
    z.maxLength(10),
    z.regex(/^\d{4}-\d{2}-\d{2}$/, code('invalid_date')),
    z.refine((s: string) => isRealDate(s), issue('invalid_date')),
  ),
);

/** One document of the checklist: its state and the day it entered that state. */
export const checklistItemSchema = lazySchema(() => z.strictObject({ state: z.enum(DOCUMENT_STATES), since: dayField() }));
export type ChecklistItem = z.output<ReturnType<typeof checklistItemSchema>>;

/** The §5 checklist: every document kind exactly once. */
export const checklistSchema = lazySchema(() => z.record(z.enum(DOCUMENT_KINDS), checklistItemSchema()));
export type Checklist = z.output<ReturnType<typeof checklistSchema>>;

// Refinements take the wider `unknown`: the factory's generic base shape hides the field types.
const periodEndsNotBefore = (f: unknown) => {
  const { date, periodEnds } = f as { date: string; periodEnds: string };
  return periodEnds >= date;
};
const monthsOrWeeks = (f: unknown) => {
  const { months, weeks } = f as { months?: number; weeks?: number };
  return (months === undefined) !== (weeks === undefined);
};

/**
 * The fact union, built for a base shape: `supersedes` for a new fact (a correction names the
 * fact it replaces; nothing is edited in place), plus `id` and who/when for a stored one.
 */
export function factUnion<B extends z.core.$ZodLooseShape>(base: B) {
  const day = dayField();
  const reason = text(500);
  const measure = z.optional(text(200));
  const fact = <T extends string, S extends z.core.$ZodLooseShape>(type: T, shape: S) =>
    z.strictObject({ type: z.literal(type), date: day, ...shape, ...base });
  return z.discriminatedUnion('type', [
    fact('application_received', {}),
    fact('receipt_confirmed', { missingDocuments: z.optional(z.array(text(200)).check(z.maxLength(30))) }),
    fact('documents_requested', { periodEnds: day }).check(
      z.refine(periodEndsNotBefore, { ...issue('period_ends_before_date'), path: ['periodEnds'] }),
    ),
    fact('skills_analysis_started', {}),
    fact('skills_analysis_ended', {}),
    fact('documents_complete', {}),
    fact('extension_granted', {
      months: z.optional(z.int().check(z.minimum(1), z.maximum(12))),
      weeks: z.optional(z.int().check(z.minimum(1), z.maximum(52))),
      reason,
    }).check(z.refine(monthsOrWeeks, { ...issue('months_or_weeks'), path: ['months'] })),
    fact('decision', { result: z.enum(DECISION_RESULTS), differences: z.optional(z.array(text(500)).check(z.maxLength(30))) }),
    fact('adaptation_planned', { measure }),
    fact('adaptation_started', { measure }),
    fact('adaptation_completed', { measure }),
    fact('withdrawn', { reason }),
  ]);
}
