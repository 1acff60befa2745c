import * as z from 'zod/mini';
import { isRealDate } from './dates.js';
import { EMPLOYMENT_KINDS, EXIT_ANSWERS, EXIT_EMPLOYMENT_STATUSES, EXIT_OUTCOMES, IMPROVED_REASONS } from './exits.js';
import { code, issue, text } from './text.js';

/** The exit routes' request bodies (contracts: schemas/routes/exit.ts). */

const version = z.int().check(z.minimum(1));
const day = z.string().check(
  z.regex(/^\d{4}-\d{2}-\d{2}$/, code('invalid_date')),
  z.refine((s: string) => isRealDate(s), issue('invalid_date')),
);

/** The ESF Plus exit questionnaire: the situation when the participant leaves. */
export const ExitSituationInput = z.strictObject({
  employmentStatus: z.enum(EXIT_EMPLOYMENT_STATUSES),
  jobSearching: z.enum(EXIT_ANSWERS),
  inEducationOrTraining: z.enum(EXIT_ANSWERS),
  qualificationGained: z.enum(EXIT_ANSWERS),
});

const ExitFields = {
  version,
  /** The day the participant left (Berlin calendar day; not in the future, not before the first contact). */
  date: day,
  outcome: z.enum(EXIT_OUTCOMES),
  /** Required with `improved_prospects`, refused otherwise. */
  improvedReason: z.optional(z.enum(IMPROVED_REASONS)),
  /** Required with `improvedReason: other`, refused otherwise. */
  improvedReasonText: z.optional(text(200)),
  /** Only with `employment`, optional. */
  employmentKind: z.optional(z.enum(EMPLOYMENT_KINDS)),
  /** Only with `employment`, optional. */
  employerName: z.optional(text(200)),
  /** Only with `training`, optional. */
  trainingOccupation: z.optional(text(200)),
  situation: ExitSituationInput,
  note: z.optional(text(500, 0)),
};

type ExitShape = {
  outcome: (typeof EXIT_OUTCOMES)[number];
  improvedReason?: string | undefined;
  improvedReasonText?: string | undefined;
  employmentKind?: string | undefined;
  employerName?: string | undefined;
  trainingOccupation?: string | undefined;
};

/** Which detail belongs to which outcome: missing ones are `required`, others `not_applicable`. */
export const exitDetailRule = () =>
  z.superRefine((e: ExitShape, ctx) => {
    const add = (path: string, c: string) => ctx.addIssue({ code: 'custom', path: [path], input: e, ...issue(c) });
    if (e.outcome === 'improved_prospects' && !e.improvedReason) add('improvedReason', 'required');
    if (e.outcome !== 'improved_prospects' && e.improvedReason) add('improvedReason', 'not_applicable');
    if (e.improvedReason === 'other' && !e.improvedReasonText) add('improvedReasonText', 'required');
    if (e.improvedReason !== 'other' && e.improvedReasonText) add('improvedReasonText', 'not_applicable');
    if (e.outcome !== 'employment' && e.employmentKind) add('employmentKind', 'not_applicable');
    if (e.outcome !== 'employment' && e.employerName) add('employerName', 'not_applicable');
    if (e.outcome !== 'training' && e.trainingOccupation) add('trainingOccupation', 'not_applicable');
  });

/** POST /api/staff/participants/{id}/exit — the exit, with the version the caller saw. */
export const ExitInput = z.strictObject(ExitFields).check(exitDetailRule());
export type ExitInput = z.output<typeof ExitInput>;

/**
 * POST /api/staff/participants/{id}/exit/corrections — the exit as it should have been recorded,
 * with why it is corrected. Replaces the exit in force; the earlier one stays in the record.
 */
export const ExitCorrectionInput = z.strictObject({ ...ExitFields, reason: text(300) }).check(exitDetailRule());
export type ExitCorrectionInput = z.output<typeof ExitCorrectionInput>;
