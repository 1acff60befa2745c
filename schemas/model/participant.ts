import * as z from 'zod/mini';
import { LANGUAGE_CODES } from '../languages.js';
import { PLACEMENT_OUTCOMES } from '../placements.js';
import { PARTICIPANT_STATUSES } from '../staff.js';
import { ConsentRecordSchema, EntrySchema } from './entry.js';
import { ExitRecordSchema, FiguresStateSchema } from './exit.js';
import { optionalStr, str } from './fields.js';

/** The intake follow-up's absolute due times and what it did (the workflow waits on these). */
export const FollowUpSchema = z.object({
  reminderDueAt: str,
  escalationDueAt: str,
  reminderSentAt: optionalStr,
  escalatedAt: optionalStr,
});
export type FollowUp = z.infer<typeof FollowUpSchema>;

export const FirstContactSchema = z.object({
  date: str,
  channel: str,
  note: optionalStr,
  recordedAt: str,
  recordedBy: str,
});

export const WithdrawalSchema = z.object({
  reason: str,
  note: optionalStr,
  recordedAt: str,
  recordedBy: str,
});

/** Who on the site's team looks after the participant (set by a lead). */
export const AssignmentSchema = z.object({
  sub: str,
  /** `cognito:username` from the staff directory, so lists can show a name without a lookup. */
  username: str,
  assignedAt: str,
  assignedBy: str,
});
export type Assignment = z.infer<typeof AssignmentSchema>;

/** The participant's last move from another site (the audit trail has every one). */
export const TransferSchema = z.object({ fromSite: str, at: str, by: str });

/**
 * A trial placement's outcome as the participant's record keeps it: one entry per placement
 * (idempotent). Here rather than in placement.ts, so a participant builds no placement schemas.
 */
export const PlacementOutcomeRecordSchema = z.object({
  outcome: z.enum(PLACEMENT_OUTCOMES),
  at: str,
});

/**
 * Processing restricted (Art. 18 GDPR): the person asked for erasure while the funder's retention
 * duty applies. Hidden from every list, search and agenda; read only by a lead with a reason; erased
 * when the duty ends (`erasureDueAt`, the retention sweep).
 */
export const RestrictionSchema = z.object({
  since: str,
  by: str,
  reason: str,
  erasureDueAt: str,
});
export type Restriction = z.infer<typeof RestrictionSchema>;

/** An erasure under way (Art. 17): its id and time are fixed at the start, so a retry finishes the same erasure. */
export const ErasureStateSchema = z.object({
  id: str,
  requestedAt: str,
  by: str,
  reason: str,
  /** `request`: a lead's erasure request; `retention`: the sweep, at the end of the retention period. */
  trigger: z.enum(['request', 'retention']),
});
export type ErasureState = z.infer<typeof ErasureStateSchema>;

/** A registered person: one per person per project (duplicate rule), owned by one site. */
export const ParticipantSchema = z.object({
  id: str,
  reference: str,
  site: str,
  status: z.enum(PARTICIPANT_STATUSES),
  lang: z.enum(LANGUAGE_CODES),
  entry: EntrySchema,
  consent: ConsentRecordSchema,
  firstSubmissionId: str,
  /** Later submissions of the same person (duplicate rule): flagged for staff. */
  duplicateSubmissionIds: z.optional(z.set(str)),
  /** Execution ARNs of the participant's workflows, so staff can see their state. */
  workflows: z.optional(z.object({ intake: optionalStr })),
  followUp: z.optional(FollowUpSchema),
  firstContact: z.optional(FirstContactSchema),
  withdrawal: z.optional(WithdrawalSchema),
  assignedTo: z.optional(AssignmentSchema),
  transferredFrom: z.optional(TransferSchema),
  /** The hiring decision of each finished trial placement, by placement id (written once per placement). */
  placementOutcomes: z.optional(z.record(str, PlacementOutcomeRecordSchema)),
  /** The exit in force (status `exited`); a correction replaces it and keeps the earlier one in `exitHistory`. */
  exit: z.optional(ExitRecordSchema),
  exitHistory: z.optional(z.array(ExitRecordSchema)),
  /** The participant's side of the figures (docs/figures.md); absent only on items from before the figures. */
  figures: z.optional(FiguresStateSchema),
  /** When the person's records are due for erasure by their retention rule (a withdrawal, the exit, a restriction). */
  retentionDueAt: optionalStr,
  restricted: z.optional(RestrictionSchema),
  erasure: z.optional(ErasureStateSchema),
  createdAt: str,
  updatedAt: str,
  version: z.int(),
});
export type Participant = z.infer<typeof ParticipantSchema>;
