import * as z from 'zod/mini';
import { EMPLOYMENT_KINDS, EXIT_ANSWERS, EXIT_EMPLOYMENT_STATUSES, EXIT_OUTCOMES, IMPROVED_REASONS } from '../exits.js';
import { optionalStr, str } from './fields.js';

/** The ESF Plus exit questionnaire as stored: the situation at exit. */
export const ExitSituationSchema = z.object({
  employmentStatus: z.enum(EXIT_EMPLOYMENT_STATUSES),
  jobSearching: z.enum(EXIT_ANSWERS),
  inEducationOrTraining: z.enum(EXIT_ANSWERS),
  qualificationGained: z.enum(EXIT_ANSWERS),
});

/** An exit as recorded (the one in force on the participant; earlier ones in `exitHistory`). */
export const ExitRecordSchema = z.object({
  date: str,
  outcome: z.enum(EXIT_OUTCOMES),
  improvedReason: z.optional(z.enum(IMPROVED_REASONS)),
  improvedReasonText: optionalStr,
  employmentKind: z.optional(z.enum(EMPLOYMENT_KINDS)),
  employerName: optionalStr,
  trainingOccupation: optionalStr,
  situation: ExitSituationSchema,
  note: optionalStr,
  recordedAt: str,
  recordedBy: str,
  /** Set on a correction: why the exit before it was wrong. */
  correctionReason: optionalStr,
});
export type ExitRecord = z.infer<typeof ExitRecordSchema>;

/**
 * What one participant adds to the figures (0 or 1 each), at its site and entry day: the unit
 * the counters are kept in (functions/domain/figures.ts derives it from the participant).
 */
export const ContributionSchema = z.object({
  site: str,
  day: str,
  participants: z.int(),
  unemployed: z.int(),
  longTermUnemployed: z.int(),
  migrantBackground: z.int(),
  employment: z.int(),
  training: z.int(),
  improvedProspects: z.int(),
});
export type Contribution = z.infer<typeof ContributionSchema>;

/** A counter item's address: site and entry day. */
export const CounterRefSchema = z.object({ site: str, day: str });

/**
 * The participant's side of the figures (docs/figures.md): what the counters hold for it
 * (`applied`), and the step in progress. `rev` grows by one with every step, so every write
 * is conditional on the rev it read. `pending`: the delta `from` → `to` is being added under the
 * change id `cid`; `cleaning`: it is added, the change id is being removed from `counters`.
 */
export const FiguresStateSchema = z.object({
  rev: z.int(),
  phase: z.enum(['settled', 'pending', 'cleaning']),
  applied: z.optional(ContributionSchema),
  from: z.optional(ContributionSchema),
  to: z.optional(ContributionSchema),
  cid: optionalStr,
  counters: z.optional(z.array(CounterRefSchema)),
});
export type FiguresState = z.infer<typeof FiguresStateSchema>;
