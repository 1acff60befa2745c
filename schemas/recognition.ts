import * as z from 'zod/mini';
import { isCountryCode } from './countries.js';
import { isRealDate } from './dates.js';
import { code, issue, text } from './text.js';

/**
 * Recognition of foreign qualifications (BQFG): the case fields, the §5 document checklist, the
 * costs and the facts a counsellor records, as strict contracts the routes reuse. Stored shapes:
 * schemas/model/recognition.ts. The rules over them (order of facts, periods, reminders) are pure
 * functions in functions/domain/recognition-*.ts.
 */

/** Who decides: IHK FOSA (IHK trades), Handwerkskammer, Bezirksregierung (regulated health professions in NRW: Münster), Landesprüfungsamt, ZAB, or another body by name. */
export const COMPETENT_BODIES = ['ihk_fosa', 'hwk', 'bezirksregierung', 'landespruefungsamt', 'zab', 'other'] as const;
export type CompetentBody = (typeof COMPETENT_BODIES)[number];

/** Who pays fees and translations. The Anerkennungszuschuss must be applied for before costs arise. */
export const PAYERS = ['participant', 'jobcenter', 'anerkennungszuschuss'] as const;
export type Payer = (typeof PAYERS)[number];

/** What a cost was for (fees, translations, certification; docs/domain.md). */
export const COST_KINDS = ['fee', 'translation', 'certification', 'other'] as const;
export type CostKind = (typeof COST_KINDS)[number];

/**
 * The documents of §5 BQFG (§12 for regulated professions), named as the intake names them
 * (schemas/intake-options.ts `DOCUMENTS`): the tabular CV in German, an ID document, the foreign
 * certificates, proof of work experience, the declaration that no earlier application was made,
 * and the translations by sworn translators.
 */
export const DOCUMENT_KINDS = ['cv_german', 'id_document', 'certificates', 'work_experience', 'no_earlier_application', 'translations'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** Where a document stands. `since` on the checklist item says when it entered the state. */
export const DOCUMENT_STATES = ['missing', 'at_hand', 'translation_ordered', 'translated', 'submitted'] as const;
export type DocumentState = (typeof DOCUMENT_STATES)[number];

/** The facts of a procedure, in the order they usually happen (functions/domain/recognition-facts.ts has the rules). */
export const FACT_TYPES = [
  'application_received',
  'receipt_confirmed',
  'documents_requested',
  'skills_analysis_started',
  'skills_analysis_ended',
  'documents_complete',
  'extension_granted',
  'decision',
  'adaptation_planned',
  'adaptation_started',
  'adaptation_completed',
  'withdrawn',
] as const;
export type FactType = (typeof FACT_TYPES)[number];

/**
 * Where a case stands, derived from its facts (functions/domain/recognition-facts.ts):
 * - `preparing`: no fact yet; the documents are being gathered.
 * - `submitted`: the application reached the body; its receipt is not confirmed yet.
 * - `receipt_confirmed`: the body confirmed receipt; the documents are not complete yet.
 * - `in_review`: the documents are complete; the decision period runs.
 * - `suspended`: as `in_review`, but today a skills analysis runs or a request for documents
 *   is within the period the body set (the decision clock stands still).
 * - `decided`: the decision is recorded; after a partial one an adaptation may follow.
 * - `adaptation`: an adaptation qualification or compensation measure is planned or running.
 * - `closed`: the adaptation is completed.
 * - `withdrawn`: the application was withdrawn, or the participant gave up the follow-up.
 */
export const RECOGNITION_STATES = [
  'preparing',
  'submitted',
  'receipt_confirmed',
  'in_review',
  'suspended',
  'decided',
  'adaptation',
  'closed',
  'withdrawn',
] as const;
export type RecognitionState = (typeof RECOGNITION_STATES)[number];

/** Full equivalence, partial (the decision lists the substantial differences; an adaptation can follow), none. */
export const DECISION_RESULTS = ['full', 'partial', 'none'] as const;
export type DecisionResult = (typeof DECISION_RESULTS)[number];

/**
 * Qualifications from these states count as EU qualifications (§13 Abs. 3 Satz 4 BQFG: the 27 EU
 * member states, the other EEA states Iceland, Liechtenstein and Norway, and Switzerland), as
 * ISO 3166-1 alpha-2 codes (Greece is `GR`, not the EU's `EL`).
 */
export const EU_EEA_CH_COUNTRIES = [
  'AT', 'BE', 'BG', 'CY', 'CZ', 'DE', 'DK', 'EE', 'ES', 'FI', 'FR', 'GR', 'HR', 'HU', 'IE', 'IT', 'LT', 'LU', 'LV', 'MT',
  'NL', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK',
  'IS', 'LI', 'NO',
  'CH',
] as const;

const EU_EEA_CH = new Set<string>(EU_EEA_CH_COUNTRIES);

/** Whether a country (ISO alpha-2, uppercase) is an EU or EEA state or Switzerland. */
export function isEuEeaSwissCountry(country: string): boolean {
  return EU_EEA_CH.has(country);
}

const day = z.string().check(
  z.maxLength(10),
  z.regex(/^\d{4}-\d{2}-\d{2}$/, code('invalid_date')),
  z.refine((s: string) => isRealDate(s), issue('invalid_date')),
);

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
export const ChecklistItemSchema = z.strictObject({
  state: z.enum(DOCUMENT_STATES),
  since: day,
});
export type ChecklistItem = z.output<typeof ChecklistItemSchema>;

/** The §5 checklist: every document kind exactly once. */
export const ChecklistSchema = z.record(z.enum(DOCUMENT_KINDS), ChecklistItemSchema);
export type Checklist = z.output<typeof ChecklistSchema>;

/** A change of one document's state (`date` defaults to today's Berlin date in the use case). */
export const ChecklistUpdateInput = z.strictObject({
  kind: z.enum(DOCUMENT_KINDS),
  state: z.enum(DOCUMENT_STATES),
  date: z.optional(day),
});
export type ChecklistUpdateInput = z.output<typeof ChecklistUpdateInput>;

// ---- facts ----

const reason = text(500);

// Refinements take the wider `unknown`: the factory's generic base shape hides the field types.
const periodEndsNotBefore = (f: unknown) => {
  const { date, periodEnds } = f as { date: string; periodEnds: string };
  return periodEnds >= date;
};
const monthsOrWeeks = (f: unknown) => {
  const { months, weeks } = f as { months?: number; weeks?: number };
  return (months === undefined) !== (weeks === undefined);
};
const measure = z.optional(text(200));

/**
 * The fact union, built for a base shape: `supersedes` for a new fact (a correction names the
 * fact it replaces; nothing is edited in place), plus `id` and who/when for a stored one.
 */
export function factUnion<B extends z.core.$ZodLooseShape>(base: B) {
  const fact = <T extends string, S extends z.core.$ZodLooseShape>(type: T, shape: S) =>
    z.strictObject({ type: z.literal(type), date: day, ...shape, ...base });
  return z.discriminatedUnion('type', [
    fact('application_received', {}),
    fact('receipt_confirmed', { missingDocuments: z.optional(z.array(text(200)).check(z.maxLength(30))) }),
    fact('documents_requested', { periodEnds: day }).check(
      z.refine(periodEndsNotBefore, { ...issue('period_ends_before_date'), path: ['periodEnds'] }),
    ),
    fact('skills_analysis_started', {}),
    fact('skills_analysis_ended', {}),
    fact('documents_complete', {}),
    fact('extension_granted', {
      months: z.optional(z.int().check(z.minimum(1), z.maximum(12))),
      weeks: z.optional(z.int().check(z.minimum(1), z.maximum(52))),
      reason,
    }).check(z.refine(monthsOrWeeks, { ...issue('months_or_weeks'), path: ['months'] })),
    fact('decision', { result: z.enum(DECISION_RESULTS), differences: z.optional(z.array(text(500)).check(z.maxLength(30))) }),
    fact('adaptation_planned', { measure }),
    fact('adaptation_started', { measure }),
    fact('adaptation_completed', { measure }),
    fact('withdrawn', { reason }),
  ]);
}

/** A fact as a counsellor records it: `{ type, date, … }`, optionally `supersedes` the id of the fact it corrects. */
export const RecognitionFactInput = factUnion({ supersedes: z.optional(FactId) });
export type RecognitionFactInput = z.output<typeof RecognitionFactInput>;

// ---- the staff routes' requests (schemas/routes/recognition.ts) ----

const version = z.int().check(z.minimum(1));

/** What a case can be in lists: a draft from the intake (required fields still missing), or a state of its facts. */
export const RECOGNITION_CASE_STATES = ['draft', ...RECOGNITION_STATES] as const;
export type RecognitionCaseState = (typeof RECOGNITION_CASE_STATES)[number];

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
