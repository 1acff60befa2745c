import * as z from 'zod/mini';
import { ERASURE_REASONS, RESTRICTED_READ_REASONS } from './erasure.js';
import { version } from './staff-inputs.js';

/** The request bodies of erasure and the restricted read (their values: schemas/erasure.ts, without zod for the pages). */

/** POST /api/staff/participants/{id}/erasure */
export const ErasureInput = z.strictObject({
  version: version(),
  reason: z.enum(ERASURE_REASONS),
});
export type ErasureInput = z.infer<typeof ErasureInput>;

/** POST /api/staff/participants/{id}/restricted-read (a POST: the reason is a body, never part of a URL). */
export const RestrictedReadInput = z.strictObject({
  reason: z.enum(RESTRICTED_READ_REASONS),
});
export type RestrictedReadInput = z.infer<typeof RestrictedReadInput>;
