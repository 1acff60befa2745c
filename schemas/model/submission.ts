import * as z from 'zod/mini';
import { LANGUAGE_CODES } from '../languages.js';
import { ConsentRecordSchema, EntrySchema } from './entry.js';

export const SUBMISSION_STATUSES = ['received', 'registered'] as const;

/**
 * An accepted intake: the idempotency record of `POST /api/intake` and the workflow's input.
 * Its personal data (`entry`) is dropped once the workflow has copied it to the participant.
 */
export const SubmissionSchema = z.object({
  id: z.string(),
  reference: z.string(),
  contentHash: z.string(),
  site: z.string(),
  lang: z.enum(LANGUAGE_CODES),
  receivedAt: z.string(),
  status: z.enum(SUBMISSION_STATUSES),
  entry: z.optional(EntrySchema),
  consent: ConsentRecordSchema,
  participantId: z.optional(z.string()),
  participantSite: z.optional(z.string()),
  duplicate: z.optional(z.boolean()),
  ownerExecution: z.optional(z.string()),
  confirmationSentAt: z.optional(z.string()),
  teamNotifiedAt: z.optional(z.string()),
  expiresAt: z.number(),
});
export type Submission = z.infer<typeof SubmissionSchema>;

/** A further submission of a registered person, kept beside the participant (duplicate rule). */
export const LinkedSubmissionSchema = z.object({
  submissionId: z.string(),
  reference: z.string(),
  site: z.string(),
  lang: z.enum(LANGUAGE_CODES),
  receivedAt: z.string(),
  entry: z.optional(EntrySchema),
  consent: z.optional(ConsentRecordSchema),
});
export type LinkedSubmission = z.infer<typeof LinkedSubmissionSchema>;

/** The duplicate-check key: a hash of the person's identity, pointing at their participant. */
export const IdentitySchema = z.object({ participantId: z.string(), createdAt: z.string() });
export type Identity = z.infer<typeof IdentitySchema>;
