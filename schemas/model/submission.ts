import * as z from 'zod/mini';
import { LANGUAGE_CODES } from '../languages.js';
import { ConsentRecordSchema, EntrySchema } from './entry.js';
import { optionalStr, str } from './fields.js';

export const SUBMISSION_STATUSES = ['received', 'registered'] as const;

/**
 * An accepted intake: the idempotency record of `POST /api/intake` and the workflow's input.
 * Its personal data (`entry`) is dropped once the workflow has copied it to the participant.
 */
export const SubmissionSchema = z.object({
  id: str,
  reference: str,
  contentHash: str,
  site: str,
  lang: z.enum(LANGUAGE_CODES),
  receivedAt: str,
  status: z.enum(SUBMISSION_STATUSES),
  entry: z.optional(EntrySchema),
  consent: ConsentRecordSchema,
  participantId: optionalStr,
  participantSite: optionalStr,
  duplicate: z.optional(z.boolean()),
  ownerExecution: optionalStr,
  confirmationSentAt: optionalStr,
  teamNotifiedAt: optionalStr,
  expiresAt: z.number(),
});
export type Submission = z.infer<typeof SubmissionSchema>;

/** A further submission of a registered person, kept beside the participant (duplicate rule). */
export const LinkedSubmissionSchema = z.object({
  submissionId: str,
  reference: str,
  site: str,
  lang: z.enum(LANGUAGE_CODES),
  receivedAt: str,
  entry: z.optional(EntrySchema),
  consent: z.optional(ConsentRecordSchema),
});
export type LinkedSubmission = z.infer<typeof LinkedSubmissionSchema>;

/** The duplicate-check key: a hash of the person's identity, pointing at their participant. */
export const IdentitySchema = z.object({ participantId: str, createdAt: str });
export type Identity = z.infer<typeof IdentitySchema>;
