import * as z from 'zod/mini';
import { ROLES } from '../staff.js';
import {
  ChecklistSchema,
  COMPETENT_BODIES,
  COST_KINDS,
  factUnion,
  PAYERS,
} from '../recognition.js';

/**
 * A recognition case as stored: the case fields, the §5 checklist, the costs and the facts. Facts
 * are only ever appended; a correction is a new fact with `supersedes` (the domain reads only the
 * facts in force, functions/domain/recognition-facts.ts). The state and the deadlines are derived
 * from the facts, never stored as the truth (a stored copy for lists is just a cache).
 */

/** A recorded fact: the fact as entered, with its id and who recorded it when. */
export const RecognitionFactSchema = factUnion({
  id: z.string(),
  supersedes: z.optional(z.string()),
  recordedAt: z.string(),
  recordedBy: z.string(),
  role: z.optional(z.enum(ROLES)),
});
export type RecognitionFact = z.infer<typeof RecognitionFactSchema>;

export const RecognitionCostSchema = z.object({
  id: z.string(),
  date: z.string(),
  kind: z.enum(COST_KINDS),
  amountCents: z.int(),
  note: z.optional(z.string()),
  recordedAt: z.string(),
  recordedBy: z.string(),
});
export type RecognitionCost = z.infer<typeof RecognitionCostSchema>;

export const RecognitionCaseSchema = z.object({
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
  checklist: ChecklistSchema,
  costs: z.array(RecognitionCostSchema),
  facts: z.array(RecognitionFactSchema),
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
  version: z.int(),
});
export type RecognitionCase = z.infer<typeof RecognitionCaseSchema>;
