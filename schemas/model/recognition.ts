import * as z from 'zod/mini';
import { ROLES } from '../staff.js';
import { lazySchema } from '../lazy.js';
import { checklistSchema, factUnion } from '../recognition-shapes.js';
import { COMPETENT_BODIES, COST_KINDS, PAYERS } from '../recognition-values.js';

/**
 * A recognition case as stored: the case fields, the §5 checklist, the costs and the facts. Facts
 * are only ever appended; a correction is a new fact with `supersedes` (the domain reads only the
 * facts in force, functions/domain/recognition-facts.ts). The state and the deadlines are derived
 * from the facts, never stored as the truth (a stored copy for lists is just a cache).
 * Each shape is built on its first parse (lazySchema), so a function that never reads a case
 * builds none of it at import.
 */

/** A recorded fact: the fact as entered, with its id and who recorded it when. */
export const RecognitionFactSchema = lazySchema(() => factUnion({
  id: z.string(),
  supersedes: z.optional(z.string()),
  recordedAt: z.string(),
  recordedBy: z.string(),
  role: z.optional(z.enum(ROLES)),
}));
export type RecognitionFact = z.infer<ReturnType<typeof RecognitionFactSchema>>;

export const RecognitionCostSchema = lazySchema(() => z.object({
  id: z.string(),
  date: z.string(),
  kind: z.enum(COST_KINDS),
  amountCents: z.int(),
  note: z.optional(z.string()),
  recordedAt: z.string(),
  recordedBy: z.string(),
}));
export type RecognitionCost = z.infer<ReturnType<typeof RecognitionCostSchema>>;

export const RecognitionCaseSchema = lazySchema(() => z.object({
  id: z.string(),
  site: z.string(),
  participantId: z.string(),
  qualification: z.object({ country: z.string(), title: z.string(), profession: z.string(), year: z.int() }),
  regulated: z.boolean(),
  fastTrack: z.boolean(),
  competentBody: z.enum(COMPETENT_BODIES),
  competentBodyName: z.optional(z.string()),
  euQualification: z.optional(z.boolean()),
  referenceProfession: z.optional(z.string()),
  payer: z.optional(z.enum(PAYERS)),
  grantAppliedOn: z.optional(z.string()),
  note: z.optional(z.string()),
  checklist: checklistSchema(),
  costs: z.array(RecognitionCostSchema()),
  facts: z.array(RecognitionFactSchema()),
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
  version: z.int(),
  /** The participant's processing is restricted (Art. 18): out of every list and agenda, read by no route. */
  restricted: z.optional(z.boolean()),

  /** The participant's reference: what team mails and lists show of them (no name). */
  participantReference: z.string(),
  /** Hash of the request body (an Idempotency-Key replayed with another body is refused). */
  contentHash: z.optional(z.string()),
  /** A case opened from an intake's draft: the submission it came from, and who opened it when. */
  submissionId: z.optional(z.string()),
  openedAt: z.optional(z.string()),
  openedBy: z.optional(z.string()),
  /** The keys of the reminders the workflow sent (functions/domain/recognition-reminders.ts), each claimed once before mailing. */
  sentReminders: z.optional(z.set(z.string())),
  /** The task token of the workflow's wait and the case version it was stored for (never in a URL or a log). */
  taskToken: z.optional(z.string()),
  tokenVersion: z.optional(z.int()),
  tokenStoredAt: z.optional(z.string()),
}));
export type RecognitionCase = z.infer<ReturnType<typeof RecognitionCaseSchema>>;

/**
 * A draft an intake that asked for recognition leaves for the counsellor (the same key as the
 * case it becomes): the qualification as the participant gave it (no title yet) and the checklist
 * from the documents they said they have. Opening it (the case fields) turns it into a case.
 */
export const RecognitionDraftSchema = lazySchema(() => z.object({
  id: z.string(),
  draft: z.literal(true),
  site: z.string(),
  participantId: z.string(),
  participantReference: z.string(),
  qualification: z.object({ country: z.string(), profession: z.string(), year: z.int() }),
  checklist: checklistSchema(),
  submissionId: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.int(),
  restricted: z.optional(z.boolean()),
}));
export type RecognitionDraft = z.infer<ReturnType<typeof RecognitionDraftSchema>>;

/** Whether a stored recognition item is a draft (not opened yet). */
export const isRecognitionDraft = (item: RecognitionCase | RecognitionDraft): item is RecognitionDraft => 'draft' in item && item.draft === true;
