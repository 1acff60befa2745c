import * as z from 'zod/mini';
import { defineRoute } from '../http/contract.js';
import { lazySchema } from '../lazy.js';
import { ROUTE_PATHS } from './paths.js';
import { RecognitionSummaryBody } from './recognition-bodies.js';
import { ERRORS, STAFF_ERRORS, CHANGE_ERRORS } from '../http/errors.js';
import { LANGUAGE_CODES } from '../languages.js';
import { AUDIT_ROLES, AuditDetailSchema, AuditEntrySchema } from '../model/audit.js';
import { ConsentRecordSchema, EntrySchema } from '../model/entry.js';
import { FirstContactSchema, FollowUpSchema, WithdrawalSchema } from '../model/participant.js';
import { ExitRecordSchema } from '../model/exit.js';
import { SuggestedOutcomeBody } from './exit-bodies.js';
import { PLACEMENT_OUTCOMES, PLACEMENT_STATUSES } from '../placements.js';
import { PARTICIPANT_STATUSES } from '../staff.js';
import { FirstContactInput, ParticipantId, ParticipantListQuery, WithdrawalInput } from '../staff-inputs.js';

/** Staff routes: behind the JWT authorizer; staff and leads see their own site only. */

const SITE_STAFF = { kind: 'staff', roles: ['staff', 'lead'] } as const;

const Cursor = lazySchema(() => z.nullable(z.string()));
const IdParams = lazySchema(() => z.strictObject({ id: ParticipantId() }));

export const SiteRefBody = lazySchema(() => z.strictObject({ id: z.string(), name: z.string() }));

/** Who looks after a participant: the staff member's subject id and sign-in name. */
export const AssigneeBody = lazySchema(() => z.strictObject({ sub: z.string(), username: z.string() }));

export const ParticipantSummaryBody = lazySchema(() =>
  z.strictObject({
    id: z.string(),
    reference: z.string(),
    site: z.string(),
    status: z.enum(PARTICIPANT_STATUSES),
    createdAt: z.string(),
    firstName: z.string(),
    lastName: z.string(),
    help: z.array(z.string()),
    duplicates: z.int(),
    assignedTo: z.nullable(AssigneeBody()),
  }),
);

export const ListParticipants = defineRoute({
  id: 'ListParticipants',
  ...ROUTE_PATHS.ListParticipants,
  auth: SITE_STAFF,
  tag: 'participants',
  summary: "A page of the caller's site's participants, newest first",
  description:
    'One Query on the site index (or the status index; or, with `assignedTo=me|<sub>`, the assignment index, a status then filtering); never a Scan. ' +
    'The cursor only continues within the caller\'s own site. The read is audited in the site\'s audit partition (filter, page, count; no personal data).',
  query: ParticipantListQuery,
  responses: {
    200: { description: 'A page and the cursor of the next one (null at the end).', body: lazySchema(() => z.strictObject({ items: z.array(ParticipantSummaryBody()), cursor: Cursor() })) },
    400: ERRORS[400],
    ...STAFF_ERRORS,
  },
});

export const WorkflowViewBody = lazySchema(() =>
  z.strictObject({
    name: z.string(),
    title: z.string(),
    status: z.string(),
    statusText: z.string(),
    currentState: z.nullable(z.string()),
    currentStateText: z.nullable(z.string()),
    nextDueAt: z.nullable(z.string()),
    history: z.array(z.strictObject({ at: z.string(), text: z.string() })),
  }),
);

const AuditBody = lazySchema(() =>
  z.strictObject({
    at: AuditEntrySchema.shape.at,
    /** A staff subject id, or `employer` (a trial placement's employer, through their link). */
    actor: z.string(),
    role: z.enum(AUDIT_ROLES),
    action: z.string(),
    /** What exactly (e.g. a transfer's sites, an assignee's subject id); never personal data. */
    detail: z.optional(AuditDetailSchema),
  }),
);

export const ParticipantRecordBody = lazySchema(() =>
  z.strictObject({
    participant: z.strictObject({
      id: z.string(),
      reference: z.string(),
      site: z.string(),
      status: z.enum(PARTICIPANT_STATUSES),
      lang: z.enum(LANGUAGE_CODES),
      createdAt: z.string(),
      updatedAt: z.string(),
      version: z.int(),
      entry: EntrySchema,
      consent: ConsentRecordSchema,
      firstContact: z.nullable(FirstContactSchema),
      withdrawal: z.nullable(WithdrawalSchema),
      followUp: z.nullable(FollowUpSchema),
      assignedTo: z.nullable(AssigneeBody()),
      /** The last handover from another site, if any (the audit trail has each one). */
      transferredFrom: z.nullable(z.strictObject({ site: SiteRefBody(), at: z.string() })),
      /** The exit in force (status `exited`), else null. */
      exit: z.nullable(ExitRecordSchema),
      /** Earlier exits a correction replaced, oldest first. */
      exitHistory: z.array(ExitRecordSchema),
    }),
    /** The likely outcome from a placement's feedback or a full recognition decision, offered for the exit form (null once exited, or when there is none). */
    suggestedOutcome: z.nullable(SuggestedOutcomeBody()),
    workflows: z.array(WorkflowViewBody()),
    duplicates: z.strictObject({
      flagged: z.boolean(),
      submissions: z.array(
        z.strictObject({
          reference: z.string(),
          receivedAt: z.string(),
          site: z.string(),
          /** The site whose intake it came in through; `otherSite` when that is not the record's site. */
          fromSite: SiteRefBody(),
          otherSite: z.boolean(),
          lang: z.enum(LANGUAGE_CODES),
          entry: z.nullable(EntrySchema),
        }),
      ),
    }),
    /** The participant's trial placements, newest first (GET /api/staff/placements/{id} for one). */
    placements: z.array(
      z.strictObject({
        id: z.string(),
        status: z.enum(PLACEMENT_STATUSES),
        employerName: z.string(),
        role: z.string(),
        startDate: z.string(),
        endDate: z.string(),
        /** The hiring decision once the employer gave feedback. */
        outcome: z.nullable(z.enum(PLACEMENT_OUTCOMES)),
      }),
    ),
    /** The participant's recognition cases at this site (drafts from the intake too), newest first (GET /api/staff/recognition-cases/{id} for one). */
    recognitionCases: z.array(RecognitionSummaryBody()),
    /** The newest entries, oldest first (this read last); older ones through `auditCursor`. */
    audit: z.array(AuditBody()),
    auditCursor: Cursor(),
  }),
);

export const GetParticipant = defineRoute({
  id: 'GetParticipant',
  ...ROUTE_PATHS.GetParticipant,
  auth: SITE_STAFF,
  tag: 'participants',
  summary: "A participant's record",
  description:
    'Entry data, the assignee, duplicate flags and further submissions (with the site each came in through: a person registered at another site too is one participant, ' +
    'shown here with `fromSite` and `otherSite`), the trial placements, the recognition cases, the newest audit entries, the workflows in words. The read itself is audited before the data leaves.',
  params: IdParams,
  responses: { 200: { description: 'The record.', body: ParticipantRecordBody }, 404: ERRORS[404], ...STAFF_ERRORS },
});

export const AuditQuery = lazySchema(() =>
  z.strictObject({
    cursor: z.optional(z.string().check(z.maxLength(512), z.regex(/^[A-Za-z0-9_-]+$/))),
  }),
);

export const GetParticipantAudit = defineRoute({
  id: 'GetParticipantAudit',
  ...ROUTE_PATHS.GetParticipantAudit,
  auth: SITE_STAFF,
  tag: 'participants',
  summary: "Older entries of a participant's audit trail",
  description: 'Pages of 50, newest first. Who (subject id and role), when, what — no personal data.',
  params: IdParams,
  query: AuditQuery,
  responses: {
    200: { description: 'A page and the cursor of the next (older) one.', body: lazySchema(() => z.strictObject({ items: z.array(AuditBody()), cursor: Cursor() })) },
    400: ERRORS[400],
    404: ERRORS[404],
    ...STAFF_ERRORS,
  },
});

export const StatusChangedBody = lazySchema(() =>
  z.strictObject({
    id: z.string(),
    status: z.enum(PARTICIPANT_STATUSES),
    version: z.int(),
    updatedAt: z.string(),
  }),
);

const statusChange = {
  params: IdParams,
  responses: {
    200: { description: 'Changed; the new version.', body: StatusChangedBody },
    ...CHANGE_ERRORS,
  },
} as const;

export const RecordFirstContact = defineRoute({
  id: 'RecordFirstContact',
  ...ROUTE_PATHS.RecordFirstContact,
  auth: SITE_STAFF,
  tag: 'participants',
  summary: 'Record the first contact',
  description: 'With the version the caller saw (409 `version_conflict` if someone was quicker). Ends the intake follow-up.',
  body: { schema: FirstContactInput, maxBytes: 8 * 1024 },
  ...statusChange,
});

export const WithdrawParticipant = defineRoute({
  id: 'WithdrawParticipant',
  ...ROUTE_PATHS.WithdrawParticipant,
  auth: SITE_STAFF,
  tag: 'participants',
  summary: 'Record a withdrawal',
  description: 'With the version the caller saw. Allowed from `new` and `contacted`. Ends the intake follow-up.',
  body: { schema: WithdrawalInput, maxBytes: 8 * 1024 },
  ...statusChange,
});
