import * as z from 'zod/mini';
import { isCountryCode } from './countries.js';
import { lazySchema } from './lazy.js';
import { code, issue, text } from './text.js';
import {
  COMPETENT_BODIES,
  COST_KINDS,
  DOCUMENT_KINDS,
  DOCUMENT_STATES,
  DECISION_RESULTS,
  PAYERS,
  RECOGNITION_CASE_STATES,
  type CompetentBody,
} from './recognition-values.js';

import { checklistItemSchema, checklistSchema, dayField, factUnion, type Checklist, type ChecklistItem } from './recognition-shapes.js';

export * from './recognition-values.js';
export { factUnion, type Checklist, type ChecklistItem };

/**
 * Recognition of foreign qualifications (BQFG): the case fields, the §5 document checklist, the
 * costs and the facts a counsellor records, as strict contracts the routes reuse. Stored shapes:
 * schemas/model/recognition.ts. The rules over them (order of facts, periods, reminders) are pure
 * functions in functions/domain/recognition-*.ts.
 */

const day = dayField();

/** Recognition case ids are lowercase hex, like participant and placement ids. */
export const RecognitionCaseId = z.string().check(z.regex(/^[0-9a-f]{32}$/));
/** A fact's id, given when it is recorded (lowercase hex). */
export const FactId = z.string().check(z.regex(/^[0-9a-f]{32}$/, code('invalid_type')));

export const ForeignQualificationSchema = z.strictObject({
  country: z.string().check(z.regex(/^[A-Z]{2}$/, code('invalid_option')), z.refine(isCountryCode, issue('invalid_option'))),
  /** The title as in the original document (any script). */
  title: text(200),
  profession: text(100),
  year: z.int().check(z.minimum(1950), z.maximum(2100)),
});

/** The case fields as a counsellor enters them (RecognitionCaseInput; opening a draft takes them without `participantId`). */
export const RecognitionCaseFields = {
  participantId: z.string().check(z.regex(/^[0-9a-f]{32}$/, code('invalid_type'))),
  qualification: ForeignQualificationSchema,
  regulated: z.boolean(),
  /** The fast-track procedure (§14a BQFG with §81a AufenthG): shorter periods. */
  fastTrack: z.boolean(),
  competentBody: z.enum(COMPETENT_BODIES),
  competentBodyName: z.optional(text(200)),
  /** Set only to override the derivation from `qualification.country` (e.g. a third-country diploma recognised in an EU state). */
  euQualification: z.optional(z.boolean()),
  referenceProfession: z.optional(text(200)),
  payer: z.optional(z.enum(PAYERS)),
  /** When the Anerkennungszuschuss was applied for (it must come before the first cost). */
  grantAppliedOn: z.optional(day),
  note: z.optional(text(1000)),
};

/** `competentBodyName` is needed for `other` and refused otherwise. */
export const competentBodyNameRule = () =>
  z.superRefine((c: { competentBody: CompetentBody; competentBodyName?: string | undefined }, ctx) => {
    if (c.competentBody === 'other' && !c.competentBodyName) ctx.addIssue({ code: 'custom', path: ['competentBodyName'], input: c, ...issue('required') });
    if (c.competentBody !== 'other' && c.competentBodyName) ctx.addIssue({ code: 'custom', path: ['competentBodyName'], input: c, ...issue('not_applicable') });
  });

/** The case as a counsellor opens it. `competentBodyName` is needed for `other` and refused otherwise. */
export const RecognitionCaseInput = z.strictObject(RecognitionCaseFields).check(competentBodyNameRule());
export type RecognitionCaseInput = z.output<typeof RecognitionCaseInput>;

/** A cost as recorded (fees, translations, certification), in euro cents. */
export const RecognitionCostInput = z.strictObject({
  date: day,
  kind: z.enum(COST_KINDS),
  amountCents: z.int().check(z.minimum(0), z.maximum(10_000_000)),
  note: z.optional(text(300)),
});
export type RecognitionCostInput = z.output<typeof RecognitionCostInput>;

/** One document of the checklist: its state and the day it entered that state. */
export const ChecklistItemSchema = checklistItemSchema();
/** The §5 checklist: every document kind exactly once. */
export const ChecklistSchema = checklistSchema();

/** A change of one document's state (`date` defaults to today's Berlin date in the use case). */
export const ChecklistUpdateInput = z.strictObject({
  kind: z.enum(DOCUMENT_KINDS),
  state: z.enum(DOCUMENT_STATES),
  date: z.optional(day),
});
export type ChecklistUpdateInput = z.output<typeof ChecklistUpdateInput>;

/** A fact as a counsellor records it: `{ type, date, … }`, optionally `supersedes` the id of the fact it corrects. */
export const RecognitionFactInput = lazySchema(() => factUnion({ supersedes: z.optional(FactId) }));
export type RecognitionFactInput = z.output<ReturnType<typeof RecognitionFactInput>>;

// ---- the staff routes' requests (schemas/routes/recognition.ts) ----

const version = z.int().check(z.minimum(1));

/** POST /api/staff/recognition-cases/{id}/open — a draft from the intake becomes a case: the case fields, on the version the caller saw. */
const { participantId: _participantId, ...openFields } = RecognitionCaseFields;
export const RecognitionCaseOpenInput = z.strictObject({ version, ...openFields }).check(competentBodyNameRule());
export type RecognitionCaseOpenInput = z.output<typeof RecognitionCaseOpenInput>;

/** PATCH /api/staff/recognition-cases/{id}/documents — one or more checklist items, each kind once, on the version the caller saw. */
export const RecognitionDocumentsInput = z.strictObject({
  version,
  documents: z
    .array(ChecklistUpdateInput)
    .check(
      z.minLength(1),
      z.maxLength(DOCUMENT_KINDS.length),
      z.refine((items: { kind: string }[]) => new Set(items.map((i) => i.kind)).size === items.length, issue('duplicate_values')),
    ),
});
export type RecognitionDocumentsInput = z.output<typeof RecognitionDocumentsInput>;

/** POST /api/staff/recognition-cases/{id}/events — one fact (`{version, type, date, …}`), optionally superseding one. */
export const RecognitionEventInput = factUnion({ supersedes: z.optional(FactId), version });
export type RecognitionEventInput = z.output<typeof RecognitionEventInput>;

/** POST /api/staff/recognition-cases/{id}/costs — a cost, on the version the caller saw. */
export const RecognitionCostRequest = z.strictObject({ version, ...RecognitionCostInput.shape });
export type RecognitionCostRequest = z.output<typeof RecognitionCostRequest>;

/** GET /api/staff/recognition-cases?state=&overdue=&body=&cursor= */
export const RecognitionListQuery = z.strictObject({
  state: z.optional(z.enum(RECOGNITION_CASE_STATES)),
  /** `true`: only cases with a deadline passed unmet; `false`: only the others. */
  overdue: z.optional(z.enum(['true', 'false'])),
  /** The competent body. */
  body: z.optional(z.enum(COMPETENT_BODIES)),
  cursor: z.optional(z.string().check(z.maxLength(512), z.regex(/^[A-Za-z0-9_-]+$/))),
});
export type RecognitionListQuery = z.output<typeof RecognitionListQuery>;
