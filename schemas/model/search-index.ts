import * as z from 'zod/mini';
import { optionalStr, str } from './fields.js';

/**
 * What the staff search reads (functions/data/search-index.ts). Both point at a participant and
 * hold no site: the participant's profile says where it belongs, so a transfer moves nothing here
 * but the Name-index entries' site partition.
 */

/** A reference (the participant's own or a linked submission's) → its participant. */
export const ReferenceLookupSchema = z.object({
  reference: str,
  participantId: str,
  submissionId: str,
});
export type ReferenceLookup = z.infer<typeof ReferenceLookupSchema>;

/** One normalised name of a participant in the site's name index (the key is the entry). */
export const NameEntrySchema = z.object({ participantId: str, entry: str });
export type NameEntry = z.infer<typeof NameEntrySchema>;

/** "A team was told about this person today": one notice per participant, site and day. */
export const TeamNoticeSchema = z.object({
  participantId: str,
  site: str,
  day: str,
  /** The submission whose notice this is; a retried step of the same submission may send it. */
  submissionId: str,
  sentAt: optionalStr,
  expiresAt: z.number(),
});
export type TeamNotice = z.infer<typeof TeamNoticeSchema>;
