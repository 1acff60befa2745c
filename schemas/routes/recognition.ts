import * as z from 'zod/mini';
import { defineRoute } from '../http/contract.js';
import { lazySchema } from '../lazy.js';
import { CHANGE_ERRORS, ErrorBody, ERRORS, STAFF_ERRORS } from '../http/errors.js';
import { ROLES } from '../staff.js';
import {
  ChecklistSchema,
  COMPETENT_BODIES,
  COST_KINDS,
  DOCUMENT_KINDS,
  factUnion,
  FACT_TYPES,
  PAYERS,
  RECOGNITION_CASE_STATES,
  RecognitionCaseId,
  RecognitionCaseInput,
  RecognitionCaseOpenInput,
  RecognitionCostRequest,
  RecognitionDocumentsInput,
  RecognitionEventInput,
  RecognitionListQuery,
} from '../recognition.js';
import { ROUTE_PATHS } from './paths.js';
import { RecognitionSummaryBody } from './recognition-bodies.js';
import { WorkflowViewBody } from './staff.js';

export { RecognitionSummaryBody, TodayRecognitionBody } from './recognition-bodies.js';

/**
 * Recognition cases (BQFG) for staff: open one (or a draft an intake left), list and read them,
 * keep the §5 checklist, record the facts of the procedure and its costs. Staff and leads of the
 * participant's site; coordinators get 403, another site's case or participant 404.
 */

const SITE_STAFF = { kind: 'staff', roles: ['staff', 'lead'] } as const;
const IdParams = z.strictObject({ id: RecognitionCaseId });

export const RecognitionChangedBody = lazySchema(() => z.strictObject({ id: z.string(), version: z.int() }));

const Length = () => z.union([z.strictObject({ months: z.int() }), z.strictObject({ weeks: z.int() })]);
const DeadlineFields = () => ({
  due: z.nullable(z.string()),
  basis: z.string(),
  status: z.enum(['open', 'met', 'overdue']),
  metOn: z.nullable(z.string()),
  explanation: z.string(),
  steps: z.strictObject({
    start: z.string(),
    period: Length(),
    originalEnd: z.string(),
    extension: z.nullable(z.strictObject({ length: Length(), end: z.string(), reason: z.string() })),
    suspensions: z.array(z.strictObject({ kind: z.enum(['documents_requested', 'skills_analysis']), from: z.string(), to: z.nullable(z.string()) })),
    suspendedDays: z.int(),
    end: z.nullable(z.string()),
    shiftedBecause: z.nullable(z.string()),
  }),
});

/** A fact as recorded, with whether it is in force (a correction supersedes, nothing is edited). */
const FactBody = () =>
  factUnion({
  id: z.string(),
  supersedes: z.optional(z.string()),
  recordedAt: z.string(),
  recordedBy: z.string(),
  role: z.optional(z.enum(ROLES)),
  inForce: z.boolean(),
  supersededBy: z.nullable(z.string()),
});

export const RecognitionRecordBody = lazySchema(() => z.strictObject({
  case: z.strictObject({
    id: z.string(),
    site: z.string(),
    version: z.int(),
    draft: z.boolean(),
    participantId: z.string(),
    participantReference: z.string(),
    qualification: z.strictObject({ country: z.string(), title: z.nullable(z.string()), profession: z.string(), year: z.int() }),
    regulated: z.nullable(z.boolean()),
    fastTrack: z.nullable(z.boolean()),
    competentBody: z.nullable(z.enum(COMPETENT_BODIES)),
    competentBodyName: z.nullable(z.string()),
    /** As entered (null: derived from the country). */
    euQualification: z.nullable(z.boolean()),
    /** Whether the one extension is capped at one month or four weeks (EU qualification, regulated profession). */
    extensionCapped: z.boolean(),
    referenceProfession: z.nullable(z.string()),
    payer: z.nullable(z.enum(PAYERS)),
    grantAppliedOn: z.nullable(z.string()),
    note: z.nullable(z.string()),
    createdAt: z.string(),
    createdBy: z.nullable(z.string()),
    updatedAt: z.string(),
    openedAt: z.nullable(z.string()),
  }),
  state: z.enum(RECOGNITION_CASE_STATES),
  overdue: z.boolean(),
  checklist: ChecklistSchema,
  /** Documents still missing or waiting for their translation. */
  outstandingDocuments: z.array(z.enum(DOCUMENT_KINDS)),
  /** Every fact in the order recorded, superseded ones too. */
  facts: z.array(FactBody()),
  /** What may be recorded next. */
  allowedNext: z.array(z.enum(FACT_TYPES)),
  /** The domain's deadlines on today's Berlin date; a deadline that does not apply yet is absent. */
  deadlines: z.strictObject({
    receipt: z.optional(z.strictObject(DeadlineFields())),
    decision: z.optional(z.strictObject({ ...DeadlineFields(), suspendedDays: z.int(), extended: z.boolean() })),
  }),
  /** What the workflow reminds the team of (each once, at `remindAt`), and whether it did. */
  reminders: z.array(
    z.strictObject({
      kind: z.enum(['receipt_overdue', 'decision_overdue', 'translation_pending', 'adaptation_follow_up']),
      due: z.string(),
      remindAt: z.string(),
      document: z.nullable(z.enum(DOCUMENT_KINDS)),
      sent: z.boolean(),
    }),
  ),
  costs: z.array(
    z.strictObject({ id: z.string(), date: z.string(), kind: z.enum(COST_KINDS), amountCents: z.int(), note: z.nullable(z.string()), recordedAt: z.string(), recordedBy: z.string() }),
  ),
  /** Costs dated before the Anerkennungszuschuss was applied for, when the grant is to pay. */
  grantWarning: z.nullable(z.strictObject({ code: z.literal('costs_before_grant_application'), firstCostOn: z.string(), grantAppliedOn: z.nullable(z.string()) })),
  /** The RecognitionCase workflow in German words; null before it started (a draft) or if it cannot be read. */
  workflow: z.nullable(WorkflowViewBody()),
}));

/** A refused fact: the rule's code, a translated message naming what is allowed, and the allowed fact types. */
export const RecognitionRefusalBody = lazySchema(() => z.strictObject({ ...ErrorBody().shape, allowed: z.optional(z.array(z.enum(FACT_TYPES))) }));

const idempotencyKey = {
  'Idempotency-Key': { description: 'One per attempt (a UUID); a retry with the same key is recognised.', pattern: '^[A-Za-z0-9_\\-:.]{8,128}$' },
};

export const CreateRecognitionCase = defineRoute({
  id: 'CreateRecognitionCase',
  ...ROUTE_PATHS.CreateRecognitionCase,
  auth: SITE_STAFF,
  tag: 'recognition',
  summary: 'Open a recognition case (BQFG) for a participant',
  description:
    'One conditional write of the case (keyed by the `Idempotency-Key`, or random) with an empty §5 checklist, then the RecognitionCase workflow is started with the ' +
    'case id only (execution name = case id). A withdrawn participant: 409 `recognition_participant_withdrawn`; another site\'s: 404. The same key returns the first ' +
    'answer; with another body 422. An intake that asked for recognition leaves a draft instead: open it with `…/{id}/open`.',
  headers: idempotencyKey,
  body: { schema: RecognitionCaseInput, maxBytes: 16 * 1024 },
  responses: {
    201: { description: 'Opened.', body: RecognitionChangedBody },
    400: ERRORS[400],
    404: ERRORS[404],
    409: ERRORS[409],
    413: ERRORS[413],
    415: ERRORS[415],
    422: ERRORS[422],
    503: { description: 'The workflow could not be started: send the same request again (same `Idempotency-Key`).', body: ErrorBody },
    ...STAFF_ERRORS,
  },
});

export const OpenRecognitionCase = defineRoute({
  id: 'OpenRecognitionCase',
  ...ROUTE_PATHS.OpenRecognitionCase,
  auth: SITE_STAFF,
  tag: 'recognition',
  summary: 'Open the draft an intake left: the case fields the counsellor completes',
  description:
    'On the draft\'s version (409 `version_conflict`; `status_conflict` once it is open). The checklist keeps what the intake said is at hand; the case keeps the draft\'s id ' +
    'and place in the list. Starts the RecognitionCase workflow, audited in the participant\'s trail.',
  params: IdParams,
  body: { schema: RecognitionCaseOpenInput, maxBytes: 16 * 1024 },
  responses: {
    200: { description: 'Opened; the new version.', body: RecognitionChangedBody },
    ...CHANGE_ERRORS,
    503: { description: 'The workflow could not be started: send the same request again.', body: ErrorBody },
  },
});

export const ListRecognitionCases = defineRoute({
  id: 'ListRecognitionCases',
  ...ROUTE_PATHS.ListRecognitionCases,
  auth: SITE_STAFF,
  tag: 'recognition',
  summary: "A page of the caller's site's recognition cases (and drafts), newest first",
  description:
    'Queries the site\'s recognition listing; `state`, `overdue` and `body` (the competent body) are applied on read, because the state and an overdue deadline depend ' +
    'on today. Pages of up to 25; the cursor continues after the last case looked at, within the caller\'s own site. Audited in the site\'s audit partition.',
  query: RecognitionListQuery,
  responses: {
    200: { description: 'A page and the cursor of the next one (null at the end).', body: lazySchema(() => z.strictObject({ items: z.array(RecognitionSummaryBody()), cursor: z.nullable(z.string()) })) },
    400: ERRORS[400],
    ...STAFF_ERRORS,
  },
});

export const GetRecognitionCase = defineRoute({
  id: 'GetRecognitionCase',
  ...ROUTE_PATHS.GetRecognitionCase,
  auth: SITE_STAFF,
  tag: 'recognition',
  summary: 'A recognition case: its state, checklist, facts, deadlines with their computation, reminders, costs, the workflow in words',
  description: 'Another site\'s case answers 404 like an unknown id. The read is audited in the participant\'s trail before the data leaves.',
  params: IdParams,
  responses: { 200: { description: 'The case.', body: RecognitionRecordBody }, 404: ERRORS[404], ...STAFF_ERRORS },
});
export const UpdateRecognitionDocuments = defineRoute({
  id: 'UpdateRecognitionDocuments',
  ...ROUTE_PATHS.UpdateRecognitionDocuments,
  auth: SITE_STAFF,
  tag: 'recognition',
  summary: 'Change the state of documents of the §5 checklist',
  description:
    '`missing`, `at_hand`, `translation_ordered`, `translated`, `submitted`, each since `date` (default today, Berlin; never in the future). On the version the caller ' +
    'saw. A translation ordered for more than 3 weeks reminds the team once; the workflow is told of the change.',
  params: IdParams,
  body: { schema: RecognitionDocumentsInput, maxBytes: 8 * 1024 },
  responses: { 200: { description: 'Changed; the new version.', body: RecognitionChangedBody }, ...CHANGE_ERRORS },
});

export const PostRecognitionEvent = defineRoute({
  id: 'PostRecognitionEvent',
  ...ROUTE_PATHS.PostRecognitionEvent,
  auth: SITE_STAFF,
  tag: 'recognition',
  summary: 'Record a fact of the procedure (application received, receipt confirmed, documents requested, …, decision, withdrawal)',
  description:
    'On the version the caller saw. A fact out of order, a second or too long extension, or a correction (`supersedes`) of an unknown or already corrected fact: 409 ' +
    'with its code, a message naming what may come next, and `allowed`. Facts are appended, never edited; each goes into the participant\'s audit trail. The deadlines ' +
    'follow at once, and the workflow is told (a decision ends the deadline tracking; a withdrawal ends the workflow).',
  params: IdParams,
  body: { schema: RecognitionEventInput, maxBytes: 8 * 1024 },
  responses: {
    201: { description: 'Recorded; the new version.', body: lazySchema(() => z.strictObject({ id: z.string(), version: z.int(), factId: z.string() })) },
    ...CHANGE_ERRORS,
    409: { description: 'A stale version (`version_conflict`), a draft (`recognition_case_draft`), or a fact the rules refuse, with `allowed`.', body: RecognitionRefusalBody },
  },
});

export const PostRecognitionCost = defineRoute({
  id: 'PostRecognitionCost',
  ...ROUTE_PATHS.PostRecognitionCost,
  auth: SITE_STAFF,
  tag: 'recognition',
  summary: 'Record a cost (fee, translation, certification) in euro cents',
  description: 'On the version the caller saw. A cost dated before the Anerkennungszuschuss was applied for (when it is the payer) shows as the case\'s grant warning.',
  params: IdParams,
  body: { schema: RecognitionCostRequest, maxBytes: 4 * 1024 },
  responses: { 201: { description: 'Recorded; the new version.', body: RecognitionChangedBody }, ...CHANGE_ERRORS },
});
