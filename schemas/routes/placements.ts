import * as z from 'zod/mini';
import { defineRoute } from '../http/contract.js';
import { lazySchema } from '../lazy.js';
import { ErrorBody, ERRORS, STAFF_ERRORS, CHANGE_ERRORS } from '../http/errors.js';
import { LINK_PURPOSES, PLACEMENT_DECISIONS, PLACEMENT_OUTCOMES, PLACEMENT_STATUSES } from '../placements.js';
import { PlacementCancelInput, PlacementId, PlacementInput, PlacementListQuery, PlacementOutcomeInput, PlacementResendInput } from '../placement-inputs.js';
import { ROLES } from '../staff.js';
import { ROUTE_PATHS } from './paths.js';
import { WorkflowViewBody } from './staff.js';

/**
 * Trial placements for staff: request one from an employer, list and read them, cancel one, send
 * the employer a new link. Staff and leads of the participant's site; coordinators get 403.
 */

const SITE_STAFF = { kind: 'staff', roles: ['staff', 'lead'] } as const;
const IdParams = z.strictObject({ id: PlacementId });
const Status = lazySchema(() => z.enum(PLACEMENT_STATUSES));
const nullableText = lazySchema(() => z.nullable(z.string()));

export const PlacementCreatedBody = lazySchema(() => z.strictObject({ id: z.string(), version: z.int(), status: Status() }));

export const CreatePlacement = defineRoute({
  id: 'CreatePlacement',
  ...ROUTE_PATHS.CreatePlacement,
  auth: SITE_STAFF,
  tag: 'placements',
  summary: 'Ask an employer for a trial placement (betriebliche Erprobung, §45 SGB III)',
  description:
    'One conditional write of the placement (keyed by the `Idempotency-Key`, or random), then the TrialPlacement workflow is started with the placement id only ' +
    '(execution name = placement id): it mails the employer a link, reminds after 3 and 6 NRW working days, and the request expires after 10. ' +
    'Length, first to last day both counted: at most 42 days, or 84 when the participant is long-term unemployed and `seriousObstacles` is true ' +
    '(400 `placement_too_long` on `endDate` naming the cap). The first day must not be in the past (Berlin date), the last not before the first. ' +
    'A withdrawn participant: 409 `participant_withdrawn`; another site\'s: 404. The same `Idempotency-Key` returns the first answer (a double click makes one placement); ' +
    'with another body 422.',
  headers: {
    'Idempotency-Key': { description: 'One per attempt (a UUID); a retry with the same key is recognised.', pattern: '^[A-Za-z0-9_\\-:.]{8,128}$' },
  },
  body: { schema: PlacementInput, maxBytes: 16 * 1024 },
  responses: {
    201: { description: 'Requested.', body: PlacementCreatedBody },
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

export const PlacementSummaryBody = lazySchema(() =>
  z.strictObject({
    id: z.string(),
    status: Status(),
    participantId: z.string(),
    participantReference: z.string(),
    employerName: z.string(),
    role: z.string(),
    startDate: z.string(),
    endDate: z.string(),
    weeklyHours: z.number(),
    createdAt: z.string(),
    updatedAt: z.string(),
  }),
);

export const ListPlacements = defineRoute({
  id: 'ListPlacements',
  ...ROUTE_PATHS.ListPlacements,
  auth: SITE_STAFF,
  tag: 'placements',
  summary: "A page of the caller's site's trial placements, newest first",
  description:
    'One Query on the site\'s placement listing (or, with `status`, its status index). The cursor only continues within the caller\'s own site. ' +
    'Audited in the site\'s audit partition (filter, page, count).',
  query: PlacementListQuery,
  responses: {
    200: { description: 'A page and the cursor of the next one (null at the end).', body: lazySchema(() => z.strictObject({ items: z.array(PlacementSummaryBody()), cursor: nullableText() })) },
    400: ERRORS[400],
    ...STAFF_ERRORS,
  },
});

const DueBody = lazySchema(() =>
  z.strictObject({
    from: z.string(),
    firstReminderAt: z.string(),
    secondReminderAt: z.string(),
    closesAt: z.string(),
    firstReminderSentAt: nullableText(),
    secondReminderSentAt: nullableText(),
  }),
);

export const PlacementDetailBody = lazySchema(() =>
  z.strictObject({
    id: z.string(),
    site: z.string(),
    status: Status(),
    version: z.int(),
    participantId: z.string(),
    participantReference: z.string(),
    /** `contactErasedAt`: the contact person, e-mail and phone were anonymised 12 months after the end (then empty). */
    employer: z.strictObject({ name: z.string(), contactName: z.string(), email: z.string(), phone: nullableText(), address: nullableText(), contactErasedAt: nullableText() }),
    role: z.string(),
    startDate: z.string(),
    endDate: z.string(),
    /** First to last day, both counted. */
    days: z.int(),
    maxDays: z.int(),
    weeklyHours: z.number(),
    tasks: nullableText(),
    place: nullableText(),
    supervisor: z.nullable(z.strictObject({ name: z.string(), phone: z.string() })),
    accidentInsurance: nullableText(),
    seriousObstacles: z.boolean(),
    note: nullableText(),
    createdAt: z.string(),
    createdBy: z.string(),
    updatedAt: z.string(),
    /** Which employer link works now, if any (the answer's or the feedback's). */
    linkPurpose: z.nullable(z.enum(LINK_PURPOSES)),
    requestSentAt: nullableText(),
    linksResent: z.int(),
    answerDue: z.nullable(DueBody()),
    answer: z.nullable(z.strictObject({ decision: z.enum(PLACEMENT_DECISIONS), reason: nullableText(), at: z.string() })),
    expiredAt: nullableText(),
    checkInAt: nullableText(),
    checkInSentAt: nullableText(),
    feedbackAt: nullableText(),
    feedbackRequestSentAt: nullableText(),
    feedbackDue: z.nullable(DueBody()),
    feedback: z.nullable(z.strictObject({ outcome: z.enum(PLACEMENT_OUTCOMES), reason: nullableText(), at: z.string(), by: z.string() })),
    cancellation: z.nullable(z.strictObject({ reason: nullableText(), at: z.string(), by: z.string(), role: z.enum(ROLES), employerToldAt: nullableText() })),
  }),
);

export const PlacementRecordBody = lazySchema(() =>
  z.strictObject({
    placement: PlacementDetailBody(),
    participant: z.strictObject({ id: z.string(), reference: z.string() }),
    /** The TrialPlacement workflow in German words; null before it started or if it cannot be read. */
    workflow: z.nullable(WorkflowViewBody()),
  }),
);

export const GetPlacement = defineRoute({
  id: 'GetPlacement',
  ...ROUTE_PATHS.GetPlacement,
  auth: SITE_STAFF,
  tag: 'placements',
  summary: 'A trial placement: the request, the employer\'s answer and feedback, the workflow in words',
  description: 'Another site\'s placement answers 404 like an unknown id. The read is audited in the participant\'s trail before the data leaves.',
  params: IdParams,
  responses: { 200: { description: 'The placement.', body: PlacementRecordBody }, 404: ERRORS[404], ...STAFF_ERRORS },
});

export const PlacementChangedBody = lazySchema(() => z.strictObject({ id: z.string(), status: Status(), version: z.int(), updatedAt: z.string() }));

const change = {
  params: IdParams,
  responses: {
    200: { description: 'Done; the new version.', body: PlacementChangedBody },
    ...CHANGE_ERRORS,
  },
} as const;

export const CancelPlacement = defineRoute({
  id: 'CancelPlacement',
  ...ROUTE_PATHS.CancelPlacement,
  auth: SITE_STAFF,
  tag: 'placements',
  summary: 'Cancel a trial placement',
  description:
    'With the version the caller saw (409 `version_conflict` if it changed, e.g. the employer answered; `status_conflict` once declined, expired, completed or cancelled). ' +
    'Stops the workflow, and tells the employer if they had been asked. Every link of the placement then shows "abgesagt".',
  body: { schema: PlacementCancelInput, maxBytes: 4 * 1024 },
  ...change,
});

export const ResendPlacementLink = defineRoute({
  id: 'ResendPlacementLink',
  ...ROUTE_PATHS.ResendPlacementLink,
  auth: SITE_STAFF,
  tag: 'placements',
  summary: 'Send the employer a new link; the old ones stop working',
  description:
    'While the employer can still answer (requested) or give feedback (confirmed, feedback requested): a fresh link by mail, and every earlier link of the placement ' +
    'shows "ersetzt". With the version the caller saw.',
  body: { schema: PlacementResendInput, maxBytes: 4 * 1024 },
  ...change,
});

export const PostPlacementOutcome = defineRoute({
  id: 'PostPlacementOutcome',
  ...ROUTE_PATHS.PostPlacementOutcome,
  auth: SITE_STAFF,
  tag: 'placements',
  summary: 'Record the hiring decision (when the employer gave it by phone)',
  description:
    'For a confirmed placement without feedback, with the version the caller saw: `employment`, `apprenticeship` or `none` (then a `reason`). The placement is ' +
    'completed, the outcome goes on the participant and into their audit trail at once, and a workflow still waiting for the feedback ends with it. ' +
    'The employer\'s feedback link then says "bereits beantwortet".',
  body: { schema: PlacementOutcomeInput, maxBytes: 4 * 1024 },
  ...change,
});
