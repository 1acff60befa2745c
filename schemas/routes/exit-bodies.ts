import * as z from 'zod/mini';
import { EXIT_OUTCOMES, IMPROVED_REASONS, OUTCOME_SOURCES } from '../exits.js';
import { lazySchema } from '../lazy.js';

/**
 * Exit response shapes the participant's record shares with the exit routes. Apart from those
 * routes (schemas/routes/exit.ts), so the record's functions bundle none of the exit contracts.
 */

/**
 * The outcome the record offers the counsellor: a trial placement's `employment` or
 * `apprenticeship` feedback, or a full recognition decision. Offered only; never recorded by itself.
 */
export const SuggestedOutcomeBody = lazySchema(() =>
  z.strictObject({
    outcome: z.enum(EXIT_OUTCOMES),
    improvedReason: z.nullable(z.enum(IMPROVED_REASONS)),
    source: z.enum(OUTCOME_SOURCES),
    /** The placement's or the recognition case's id. */
    sourceId: z.string(),
    /** When that feedback or decision was recorded. */
    at: z.string(),
  }),
);
