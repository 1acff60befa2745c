import * as z from 'zod/mini';
import { defineRoute } from '../http/contract.js';
import { lazySchema } from '../lazy.js';
import { ROUTE_PATHS } from './paths.js';
import { ERRORS, STAFF_ERRORS, CHANGE_ERRORS } from '../http/errors.js';
import { ROLES } from '../staff.js';
import { AssignmentInput, ParticipantId, ParticipantSearchQuery, TransferInput } from '../staff-inputs.js';
import { PlacementSummaryBody } from './placements.js';
import { TodayRecognitionBody } from './recognition-bodies.js';
import { AssigneeBody, ParticipantSummaryBody, SiteRefBody } from './staff.js';

/**
 * What the staff console needs beyond list and record: the search, "Heute", assignment, the
 * site's team, and the handover of a participant to another site. Staff and leads see their own
 * site only; coordinators (no personal data) get 403 on every one.
 */

const SITE_STAFF = { kind: 'staff', roles: ['staff', 'lead'] } as const;
const LEAD = { kind: 'staff', roles: ['lead'] } as const;
const IdParams = lazySchema(() => z.strictObject({ id: ParticipantId() }));

export const ParticipantSearchBody = lazySchema(() =>
  z.strictObject({
    /** How the query was read: a reference (then at most one person) or a name prefix. */
    by: z.enum(['reference', 'name']),
    items: z.array(ParticipantSummaryBody()),
    /** More people matched than the 25 shown: the console asks for a longer query. */
    truncated: z.boolean(),
  }),
);

export const SearchParticipants = defineRoute({
  id: 'SearchParticipants',
  ...ROUTE_PATHS.SearchParticipants,
  auth: SITE_STAFF,
  tag: 'participants',
  summary: "Find a participant of the caller's site by reference or name",
  description:
    '`q` is a reference as read out on the phone — any case, with or without the dash, O for 0, I or L for 1 — the participant\'s own or that of a linked (duplicate) ' +
    'submission: one Get on the reference lookup, then the profile. Otherwise (or when such a reference finds no one and `q` has no digit) a name prefix, folded like the ' +
    'duplicate check (case, accents, ä/ae/a …: "mül", "Mue" and "MULLER" find Müller): one Query on the site\'s name index, then the (≤ 25) profiles in one BatchGet. ' +
    'One word: a prefix of the first or last name (or a word of either); several words: a whole first or last name, then a prefix of the other ("jana bei"). ' +
    'Another site\'s participant is never found. The search is audited in the site\'s audit partition with how it was read and the count — never the search text.',
  query: ParticipantSearchQuery,
  responses: {
    200: { description: 'The matching participants of the caller\'s site (summaries, like the list).', body: ParticipantSearchBody },
    400: ERRORS[400],
    ...STAFF_ERRORS,
  },
});

export const WaitingItemBody = lazySchema(() =>
  z.strictObject({
    participant: ParticipantSummaryBody(),
    /** When the first contact is due (2 NRW working days after the intake); the agenda's order. */
    dueAt: z.string(),
    overdue: z.boolean(),
    waitingSince: z.string(),
    /** Whole NRW working days since the intake (reminder after 2, escalation after 5); changes at midnight only. */
    waitedWorkingDays: z.int(),
    reminderSentAt: z.nullable(z.string()),
    escalatedAt: z.nullable(z.string()),
    /** The follow-up's next step (reminder, then escalation); null once both went out. */
    nextDueAt: z.nullable(z.string()),
  }),
);

export const UpcomingItemBody = lazySchema(() =>
  z.strictObject({
    kind: z.enum(['intake.reminder', 'intake.escalation']),
    dueAt: z.string(),
    participantId: z.string(),
    reference: z.string(),
    text: z.string(),
  }),
);

export const TodayPlacementBody = lazySchema(() =>
  z.strictObject({
    /** `placement.answer`: waiting for the employer's answer; `placement.feedback`: the feedback is due (the last day). */
    kind: z.enum(['placement.answer', 'placement.feedback']),
    placement: PlacementSummaryBody(),
    /** The answer: when the request expires (10 working days); the feedback: when it is requested (the last day). */
    dueAt: z.string(),
    overdue: z.boolean(),
    /** Since when the site waits: the request, or the feedback request. */
    waitingSince: z.string(),
    /** Whole NRW working days waited since then (the answer: reminders after 3 and 6, expiry after 10); 0 before the feedback is due. */
    waitedWorkingDays: z.int(),
    remindersSent: z.int(),
    /** The next automatic step (a reminder, the expiry, asking the counsellor); null once none is left. */
    nextDueAt: z.nullable(z.string()),
  }),
);

export const TodayBody = lazySchema(() =>
  z.strictObject({
    /** Participants waiting for a first contact (status `new`), longest waiting / overdue first. */
    waiting: z.array(WaitingItemBody()),
    /** Trial placements waiting for the employer (longest first), then those whose feedback is due within 7 days or overdue. */
    placements: z.array(TodayPlacementBody()),
    /** Recognition cases whose receipt or decision deadline passed unmet (first) or is due within 7 days, by due day. */
    recognition: z.array(TodayRecognitionBody()),
    /** What falls due within the next 7 days, earliest first. */
    upcoming: z.array(UpcomingItemBody()),
    /** The agenda had more items than one read takes (250). */
    truncated: z.boolean(),
  }),
);

export const GetToday = defineRoute({
  id: 'GetToday',
  ...ROUTE_PATHS.GetToday,
  auth: SITE_STAFF,
  tag: 'participants',
  summary: '"Heute": who waits for a first contact, trial placements waiting for the employer or for feedback, recognition deadlines, and what is due within 7 days',
  description:
    'One Query on the site\'s agenda index (sparse: an item is on it while it is due; the intake follow-up puts a waiting participant there when it schedules the due ' +
    'times, a first contact, withdrawal or transfer takes it off or along). Each waiting participant with how long they have waited, whether reminder and escalation ' +
    'went out, the next due time and the assignee (filter "meine" in the console on `participant.assignedTo`). Poll with `If-None-Match`: 304 while nothing changed ' +
    '(nothing is audited then, as no data leaves); a 200 is audited with counts only.',
  headers: {
    'If-None-Match': { description: 'The `ETag` of the last answer: 304 without a body if it still holds.' },
  },
  responses: {
    200: {
      description: 'The site\'s "Heute".',
      body: TodayBody,
      headers: { ETag: { description: 'A strong tag of this body, for `If-None-Match`.' } },
    },
    304: { description: 'Not modified since the `If-None-Match` tag: no body.', headers: { ETag: { description: 'The same tag.' } } },
    ...STAFF_ERRORS,
  },
});

export const AssignedBody = lazySchema(() =>
  z.strictObject({
    id: z.string(),
    version: z.int(),
    updatedAt: z.string(),
    assignedTo: z.nullable(AssigneeBody()),
  }),
);

export const AssignParticipant = defineRoute({
  id: 'AssignParticipant',
  ...ROUTE_PATHS.AssignParticipant,
  auth: LEAD,
  tag: 'participants',
  summary: 'Assign a staff member of the site (or nobody)',
  description:
    'Leads only (staff get 403). `assignedTo` is the subject id of someone in the site\'s staff directory (GET /api/staff/team), or null. With the version the caller ' +
    'saw: 409 `version_conflict` if someone was quicker. Audited in the participant\'s trail (the assignee\'s subject id, no names).',
  params: IdParams,
  body: { schema: AssignmentInput, maxBytes: 4 * 1024 },
  responses: {
    200: { description: 'Assigned; the new version.', body: AssignedBody },
    ...CHANGE_ERRORS,
  },
});

export const TransferredBody = lazySchema(() =>
  z.strictObject({
    id: z.string(),
    site: z.string(),
    version: z.int(),
    updatedAt: z.string(),
  }),
);

export const TransferParticipant = defineRoute({
  id: 'TransferParticipant',
  ...ROUTE_PATHS.TransferParticipant,
  auth: LEAD,
  tag: 'participants',
  summary: 'Hand a participant over to another site',
  description:
    'Leads of the owning site only (staff get 403, another site\'s lead 404). One person, one project: a person who registered again at another site stays one ' +
    'participant; this moves them there, with the version the caller saw (409 on a stale one). The site listing, status, agenda and name-search keys move with them; ' +
    'the assignment ends. Audited in the participant\'s trail; the receiving site\'s lead gets a notice (reference and console link only). Afterwards this site gets 404.',
  params: IdParams,
  body: { schema: TransferInput, maxBytes: 4 * 1024 },
  responses: {
    200: { description: 'Transferred; the new site and version.', body: TransferredBody },
    ...CHANGE_ERRORS,
  },
});

export const TeamMemberBody = lazySchema(() =>
  z.strictObject({
    sub: z.string(),
    username: z.string(),
    role: z.enum(ROLES),
    firstSeenAt: z.string(),
    lastSeenAt: z.string(),
    /** Open (not withdrawn) participants assigned to them. */
    assigned: z.int(),
  }),
);

export const GetTeam = defineRoute({
  id: 'GetTeam',
  ...ROUTE_PATHS.GetTeam,
  auth: LEAD,
  tag: 'staff',
  summary: "The site's team, with each member's assigned participants",
  description:
    'Leads only. The site\'s staff directory: every staff route records its caller (subject, sign-in name, role) at most once a day with a conditional write, so ' +
    'no Cognito admin call is needed; someone who never used the console is not listed yet. `assigned` is a COUNT Query on the assignment index per member.',
  responses: {
    200: { description: 'The team, by sign-in name.', body: lazySchema(() => z.strictObject({ site: SiteRefBody(), items: z.array(TeamMemberBody()) })) },
    ...STAFF_ERRORS,
  },
});

