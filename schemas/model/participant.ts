import * as z from 'zod/mini';
import { LANGUAGE_CODES } from '../languages.js';
import { PLACEMENT_OUTCOMES } from '../placements.js';
import { PARTICIPANT_STATUSES } from '../staff.js';
import { ConsentRecordSchema, EntrySchema } from './entry.js';

/** The intake follow-up's absolute due times and what it did (the workflow waits on these). */
export const FollowUpSchema = z.object({
  reminderDueAt: z.string(),
  escalationDueAt: z.string(),
  reminderSentAt: z.optional(z.string()),
  escalatedAt: z.optional(z.string()),
});
export type FollowUp = z.infer<typeof FollowUpSchema>;

export const FirstContactSchema = z.object({
  date: z.string(),
  channel: z.string(),
  note: z.optional(z.string()),
  recordedAt: z.string(),
  recordedBy: z.string(),
});

export const WithdrawalSchema = z.object({
  reason: z.string(),
  note: z.optional(z.string()),
  recordedAt: z.string(),
  recordedBy: z.string(),
});

/** Who on the site's team looks after the participant (set by a lead). */
export const AssignmentSchema = z.object({
  sub: z.string(),
  /** `cognito:username` from the staff directory, so lists can show a name without a lookup. */
  username: z.string(),
  assignedAt: z.string(),
  assignedBy: z.string(),
});
export type Assignment = z.infer<typeof AssignmentSchema>;

/** The participant's last move from another site (the audit trail has every one). */
export const TransferSchema = z.object({ fromSite: z.string(), at: z.string(), by: z.string() });

/**
 * A trial placement's outcome as the participant's record keeps it: one entry per placement
 * (idempotent). Here rather than in placement.ts, so a participant builds no placement schemas.
 */
export const PlacementOutcomeRecordSchema = z.object({
  outcome: z.enum(PLACEMENT_OUTCOMES),
  at: z.string(),
});

/** A registered person: one per person per project (duplicate rule), owned by one site. */
export const ParticipantSchema = z.object({
  id: z.string(),
  reference: z.string(),
  site: z.string(),
  status: z.enum(PARTICIPANT_STATUSES),
  lang: z.enum(LANGUAGE_CODES),
  entry: EntrySchema,
  consent: ConsentRecordSchema,
  firstSubmissionId: z.string(),
  /** Later submissions of the same person (duplicate rule): flagged for staff. */
  duplicateSubmissionIds: z.optional(z.set(z.string())),
  /** Execution ARNs of the participant's workflows, so staff can see their state. */
  workflows: z.optional(z.object({ intake: z.optional(z.string()) })),
  followUp: z.optional(FollowUpSchema),
  firstContact: z.optional(FirstContactSchema),
  withdrawal: z.optional(WithdrawalSchema),
  assignedTo: z.optional(AssignmentSchema),
  transferredFrom: z.optional(TransferSchema),
  /** The hiring decision of each finished trial placement, by placement id (written once per placement). */
  placementOutcomes: z.optional(z.record(z.string(), PlacementOutcomeRecordSchema)),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.int(),
});
export type Participant = z.infer<typeof ParticipantSchema>;
