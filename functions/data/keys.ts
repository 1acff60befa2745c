/**
 * Every key of the single table, and every access pattern, in one pure module (no SDK). Entity
 * modules (functions/data/*.ts), the CDK table and stream filter (infra/), the local pipe and
 * the page cursors import from here; nobody else spells a key string.
 *
 * | entity                 | PK                                  | SK                             | index keys (sparse unless noted)                                   |
 * |------------------------|-------------------------------------|--------------------------------|--------------------------------------------------------------------|
 * | Submission             | SUBMISSION#<id>                     | SUBMISSION                     | –                                                                  |
 * | Identity (dedup key)   | IDENTITY#<hash>                     | IDENTITY                       | –                                                                  |
 * | Participant            | PARTICIPANT#<id>                    | PROFILE                        | GSI1 SITE#<site> / PARTICIPANT#<createdAt>#<id> (always)           |
 * |                        |                                     |                                | GSI2 SITE#<site>#STATUS#<status> / <createdAt>#<id> (always)       |
 * |                        |                                     |                                | GSI4 SITE#<site>#AGENDA / <dueAt>#intake#<id> (status new, follow-up scheduled) |
 * |                        |                                     |                                | GSI5 SITE#<site>#ASSIGNED#<sub> / <createdAt>#<id> (assigned)     |
 * | Further submission     | PARTICIPANT#<id>                    | SUBMISSION#<receivedAt>#<id>   | –                                                                  |
 * | Name-index entry       | PARTICIPANT#<id>                    | NAME#<folded entry>            | GSI3 SITE#<site>#NAME / <folded entry>#<id>                        |
 * | Audit entry            | PARTICIPANT#<id>                    | AUDIT#<at>#<random>            | –                                                                  |
 * | Reference lookup       | REFERENCE#<reference>               | REFERENCE                      | –                                                                  |
 * | Site audit entry       | SITE#<site>#AUDIT#<UTC day>         | AUDIT#<at>#<random>            | –                                                                  |
 * | Staff directory entry  | SITE#<site>#STAFF                   | STAFF#<sub>                    | –                                                                  |
 * | Team notice marker     | TEAM_NOTICE#<participantId>#<day>   | SITE#<site>                    | – (expires: TTL)                                                   |
 * | Trial placement        | PLACEMENT#<id>                      | PLACEMENT                      | GSI1 SITE#<site>#PLACEMENTS / PLACEMENT#<createdAt>#<id> (always)  |
 * |                        |                                     |                                | GSI2 SITE#<site>#PLACEMENTS#STATUS#<status> / <createdAt>#<id> (always) |
 * |                        |                                     |                                | GSI3 PARTICIPANT#<participantId>#PLACEMENTS / <createdAt>#<id> (always) |
 * |                        |                                     |                                | GSI4 SITE#<site>#AGENDA / <since>#placement.answer#<id> (waiting for the employer) or <feedbackAt>#placement.feedback#<id> (feedback due) |
 * | Employer link          | EMPLOYER_LINK#<sha256(link id)>     | EMPLOYER_LINK                  | – (expires: TTL, well after the link's validUntil)                 |
 * | Figure counter         | REPORT#<site>                       | DAY#<entry day>                | –                                                                  |
 * | (Participant, figures unsettled) | PARTICIPANT#<id>          | PROFILE                        | GSI3 REPORT#UNSETTLED / <id> (while a change is not yet in the counters) |
 * | (Participant, retention)| PARTICIPANT#<id>                    | PROFILE                        | GSI4 RETENTION#DUE / <erasure due>#participant#<id> (withdrawn, exited or restricted) |
 * | (Submission, Employer link, Audit, Site audit, Team notice, Placement: retention) | (theirs) | (theirs)             | GSI5 RETENTION#RECORDS / <due>#<record type>#<id> (from the write; a submission from its workflow's claim; the TTL says the same) |
 * | Recognition case (also a draft from the intake) | RECOGNITION#<id> | CASE                    | GSI1 SITE#<site>#RECOGNITION / RECOGNITION#<createdAt>#<id> (always) |
 * |                        |                                     |                                | GSI3 PARTICIPANT#<participantId>#RECOGNITION / <createdAt>#<id> (always) |
 * |                        |                                     |                                | GSI4 SITE#<site>#AGENDA / <end of the due day>#recognition.deadline#<id> (an unmet receipt or decision deadline with a known day) |
 *
 * The participant's partition sorts AUDIT# < NAME# < PROFILE < SUBMISSION#: the record's query
 * (SK ≥ PROFILE) reads the profile and the further submissions only. Name-index entries hold
 * folded names (personal data, encrypted like the rest) and live in the participant's partition,
 * so an erasure of the partition takes them along. Site-level audit entries (list, search and
 * "Heute" reads: who, when, what, filter and result count — never a search text) live in one
 * partition per site and UTC day, so no partition grows without bound and a day reads in one Query.
 *
 * | access pattern                                      | how                                                  | module          |
 * |-----------------------------------------------------|------------------------------------------------------|-----------------|
 * | accept an intake (idempotent on the key)            | conditional Put Submission                           | submissions.ts  |
 * | replay a retried intake                             | consistent Get Submission                            | submissions.ts  |
 * | one execution owns a submission                     | conditional Update Submission.ownerExecution         | submissions.ts  |
 * | record a mail as sent (exactly once per step)       | conditional Update Submission                        | submissions.ts  |
 * | register once per person (duplicate rule)           | conditional Put Identity, then Participant           | identities.ts, participants.ts |
 * | link a duplicate submission, flag the participant   | conditional Put link item, set union on participant  | participants.ts |
 * | index a participant for search (idempotent)         | Update (upsert) Reference lookup per reference, Name-index entries | search-index.ts |
 * | follow-up due times, reminder/escalation sent       | Update Participant (if_not_exists / condition)       | participants.ts |
 * | put a waiting participant on the site's agenda      | conditional Update Participant (status new) sets GSI4 | participant-changes.ts |
 * | first contact / withdrawal (optimistic locking)     | conditional Update Participant on version; REMOVE GSI4 | participant-changes.ts |
 * | assign / unassign (optimistic locking)              | conditional Update Participant on version; SET/REMOVE GSI5 | participant-changes.ts |
 * | transfer to another site (optimistic locking)       | conditional Update Participant on version (GSI1/2/4 move, GSI5 removed), then re-upsert its Name-index entries | participant-changes.ts, search-index.ts |
 * | list a site's participants, newest first            | Query GSI1 (GSI2 for one status, GSI5 for one assignee), backwards | participants.ts |
 * | search by reference (also a linked submission's)    | Get Reference lookup, Get Participant, same site?    | search-index.ts, participants.ts |
 * | search by name prefix                               | Query GSI3 begins_with, BatchGet the ≤ 25 profiles, same site? | search-index.ts, participants.ts |
 * | "Heute": who waits, what is due within 7 days       | Query GSI4 up to now + 7 days, ascending             | agenda.ts       |
 * | a participant's record: profile, further submissions| Query PK = PARTICIPANT#<id>, SK ≥ PROFILE            | participants.ts |
 * | a page of the audit trail, newest first             | Query PK = PARTICIPANT#<id>, SK begins_with AUDIT#   | audit.ts        |
 * | audit an action (who, when, what; no personal data) | Put Audit in the participant's partition             | audit.ts        |
 * | audit a site-level read (list, search, Heute, team) | Put Site audit entry in SITE#<site>#AUDIT#<day>      | audit.ts        |
 * | record who works at a site (once a day per user)    | conditional Update (upsert) Staff directory entry, only if lastSeenDay ≠ today | staff-directory.ts |
 * | the site's team with their number of assignees      | Query SITE#<site>#STAFF, then a COUNT Query on GSI5 per member (not withdrawn) | staff-directory.ts, participants.ts |
 * | one team notice per person, site and day            | conditional Update (upsert) Team notice marker: new, or this submission's | team-notices.ts |
 * | items whose workflow never started (local restart)  | Scan, the registry's stream filter on each item     | local/stream-pipe.ts |
 * | request a trial placement (idempotent on the key)   | conditional Put Placement (GSI1/2/3, GSI4 answer)    | placements.ts   |
 * | a site's placements, newest first (one status)      | Query GSI1 (GSI2 for one status), backwards          | placements.ts   |
 * | a participant's placements                          | Query GSI3 PARTICIPANT#<id>#PLACEMENTS, backwards    | placements.ts   |
 * | cancel / resend a link (optimistic locking)         | conditional Update Placement on version and status  | placement-changes.ts |
 * | mint an employer link                               | conditional Put Employer link; ADD/SET its hash on the placement | employer-links.ts, placement-steps.ts |
 * | the employer answers / gives feedback (POST /p/…)   | Get Employer link, then one conditional Update Placement (ALL_NEW: the task token) | employer-links.ts, placement-changes.ts |
 * | a workflow step records what it did                 | conditional Update Placement (if_not_exists / attribute_not_exists) | placement-steps.ts |
 * | the outcome on the participant (once per placement) | conditional Update Participant.placementOutcomes.<id> | participants.ts |
 * | "Heute": placements waiting for the employer, feedback due | the agenda's Query on GSI4 (items of type Placement) | agenda.ts |
 * | open a recognition case (idempotent on the key); a draft from the intake (once per submission) | conditional Put Recognition case | recognition-cases.ts |
 * | a site's recognition cases, newest first            | Query GSI1 backwards; state, overdue and body filtered on read (they depend on today) | recognition-cases.ts |
 * | a participant's recognition cases                   | Query GSI3 PARTICIPANT#<id>#RECOGNITION, backwards   | recognition-cases.ts |
 * | a fact, the checklist, a cost, opening a draft (optimistic locking) | conditional Update on version (facts by list_append; GSI4 follows the deadline); ALL_NEW: the task token | recognition-changes.ts |
 * | the workflow claims a reminder once, keeps its token | conditional Update (NOT contains sentReminders, on the version read) | recognition-steps.ts |
 * | "Heute": recognition deadlines due within 7 days or overdue | the agenda's Query on GSI4 (items of type RecognitionCase) | agenda.ts |
 * | every item about one person (access export, Art. 15) | Query PK = PARTICIPANT#<id>; Query GSI3 …#PLACEMENTS and …#RECOGNITION; BatchGet submissions, references, identity, employer links, then team notices by day | data-subject.ts |
 * | a fact moves the figures; settle them (docs/figures.md) | the fact's write sets GSI3 REPORT#UNSETTLED; conditional Updates of Participant.figures (rev) and Figure counters | exits.ts, figure-state.ts, figure-counters.ts |
 * | the unsettled; a site's figures for a period; the lead's export | Query GSI3 REPORT#UNSETTLED; Query REPORT#<site> SK BETWEEN DAY#…; Query GSI1 in pages | figure-*.ts, participant-export.ts |
 * | restrict a person (Art. 18): out of every list, search and agenda | conditional Update Participant (REMOVE GSI1/2/5, GSI4 → RETENTION#DUE), Delete Name-index entries; Update their placements and cases (REMOVE listing/agenda keys) | erasure.ts |
 * | erase a person (Art. 17), now or when due (sweep)  | every item of data-subject.ts deleted, the profile last; one site audit entry (fixed key) | erasure.ts |
 * | who is due for erasure (the nightly sweep)         | Query GSI4 RETENTION#DUE up to now, in pages        | erasure.ts      |
 * | what else is due: delete it, or anonymise a placement's employer contact | Query GSI5 RETENTION#RECORDS up to now, in pages; conditional Delete / Update | record-retention.ts |
 */

import type { RecordType } from '../../schemas/retention.js';

export const TABLE_KEYS = {
  partitionKey: 'PK',
  sortKey: 'SK',
  /** DynamoDB's TTL attribute (epoch seconds); expired items are also filtered on read. */
  timeToLive: 'expiresAt',
} as const;

export const INDEXES = {
  /** A site's participants, newest first. */
  siteListing: { name: 'GSI1', partitionKey: 'GSI1PK', sortKey: 'GSI1SK' },
  /** A site's participants in one status, newest first. */
  siteStatus: { name: 'GSI2', partitionKey: 'GSI2PK', sortKey: 'GSI2SK' },
  /** Name search: Name-index entries, one per normalised name (first/last, either order). Sparse. */
  siteNames: { name: 'GSI3', partitionKey: 'GSI3PK', sortKey: 'GSI3SK' },
  /**
   * A site's agenda ("Heute"), by due time: any item that is due carries these two attributes
   * and drops them when it is done (sparse). The intake follow-up puts the waiting participant
   * here; trial placements and recognition cases add their own kinds to the same partition.
   */
  siteAgenda: { name: 'GSI4', partitionKey: 'GSI4PK', sortKey: 'GSI4SK' },
  /** A site's participants assigned to one staff member, newest first. Sparse. */
  siteAssignment: { name: 'GSI5', partitionKey: 'GSI5PK', sortKey: 'GSI5SK' },
} as const;

/**
 * The indexes trial placements reuse, each with a partition of their own (overloaded GSIs: no
 * participant partition ever holds a placement, and the other way round).
 */
export const PLACEMENT_INDEXES = {
  /** A site's placements, newest first: `SITE#<site>#PLACEMENTS`. */
  siteListing: INDEXES.siteListing,
  /** A site's placements in one status, newest first: `SITE#<site>#PLACEMENTS#STATUS#<status>`. */
  siteStatus: INDEXES.siteStatus,
  /** A participant's placements, newest first: `PARTICIPANT#<id>#PLACEMENTS`. */
  byParticipant: INDEXES.siteNames,
  /** The site's agenda ("Heute"), shared with the intake follow-up. */
  agenda: INDEXES.siteAgenda,
} as const;

/** Every key attribute an item may carry; stripped before an item is parsed into its shape. */
export const KEY_ATTRIBUTES = [
  TABLE_KEYS.partitionKey,
  TABLE_KEYS.sortKey,
  ...Object.values(INDEXES).flatMap((i) => [i.partitionKey, i.sortKey]),
  'type',
] as const;

/** Sort keys of singleton items and the prefixes of collections. */
export const SK = {
  submission: 'SUBMISSION', identity: 'IDENTITY', profile: 'PROFILE', linkedSubmissionPrefix: 'SUBMISSION#', auditPrefix: 'AUDIT#', nameEntryPrefix: 'NAME#',
  reference: 'REFERENCE', staffPrefix: 'STAFF#', placement: 'PLACEMENT', employerLink: 'EMPLOYER_LINK', recognitionCase: 'CASE', figureDayPrefix: 'DAY#',
} as const;

export type ItemKey = { PK: string; SK: string };

export const key = {
  submission: (id: string): ItemKey => ({ PK: `SUBMISSION#${id}`, SK: SK.submission }),
  identity: (hash: string): ItemKey => ({ PK: `IDENTITY#${hash}`, SK: SK.identity }),
  participant: (id: string): ItemKey => ({ PK: participantPartition(id), SK: SK.profile }),
  linkedSubmission: (participantId: string, receivedAt: string, submissionId: string): ItemKey => ({ PK: participantPartition(participantId), SK: `${SK.linkedSubmissionPrefix}${receivedAt}#${submissionId}` }),
  /** `suffix` makes entries written in the same millisecond distinct (random). */
  audit: (participantId: string, at: string, suffix: string): ItemKey => ({ PK: participantPartition(participantId), SK: `${SK.auditPrefix}${at}#${suffix}` }),
  /** Site-level audit (list, search, Heute reads): one partition per site and UTC day of `at`. */
  siteAudit: (site: string, at: string, suffix: string): ItemKey => ({ PK: `SITE#${site}#AUDIT#${at.slice(0, 10)}`, SK: `${SK.auditPrefix}${at}#${suffix}` }),
  /** Which participant a reference belongs to: their own or a linked submission's. */
  reference: (reference: string): ItemKey => ({ PK: `REFERENCE#${reference}`, SK: SK.reference }),
  nameEntry: (participantId: string, entry: string): ItemKey => ({ PK: participantPartition(participantId), SK: `${SK.nameEntryPrefix}${entry}` }),
  staffMember: (site: string, sub: string): ItemKey => ({ PK: staffDirectoryPartition(site), SK: `${SK.staffPrefix}${sub}` }),
  /** One team notice per participant, recipient site and (Berlin) day. */
  teamNotice: (participantId: string, day: string, site: string): ItemKey => ({ PK: `TEAM_NOTICE#${participantId}#${day}`, SK: `SITE#${site}` }),
  placement: (id: string): ItemKey => ({ PK: `PLACEMENT#${id}`, SK: SK.placement }),
  /** An employer link, by the hex SHA-256 of its opaque id (the id itself is never stored). */
  employerLink: (hash: string): ItemKey => ({ PK: `EMPLOYER_LINK#${hash}`, SK: SK.employerLink }),
  recognitionCase: (id: string): ItemKey => ({ PK: `RECOGNITION#${id}`, SK: SK.recognitionCase }),
  /** The figures of one site and entry day (docs/figures.md). */
  figureCounter: (site: string, day: string): ItemKey => ({ PK: figureCounterPartition(site), SK: `${SK.figureDayPrefix}${day}` }),
};

export const figureCounterPartition = (site: string) => `REPORT#${site}`;

/** Participants whose latest fact is not in the counters yet: GSI3 (free on the profile), sparse, usually empty. */
export const UNSETTLED_FIGURES = { index: INDEXES.siteNames, partition: 'REPORT#UNSETTLED' } as const;
export const unsettledFigureKeys = (participantId: string) => ({ [UNSETTLED_FIGURES.index.partitionKey]: UNSETTLED_FIGURES.partition, [UNSETTLED_FIGURES.index.sortKey]: participantId });

/**
 * People due for erasure at the end of their retention (schemas/retention.ts), by due time: GSI4,
 * which a withdrawn, exited or restricted profile no longer needs for the agenda. The sweep reads it.
 */
export const RETENTION_DUE = { index: INDEXES.siteAgenda, partition: 'RETENTION#DUE' } as const;
export const retentionDueKeys = (dueAt: string, participantId: string) => ({ [RETENTION_DUE.index.partitionKey]: RETENTION_DUE.partition, [RETENTION_DUE.index.sortKey]: `${dueAt}#participant#${participantId}` });
/** Every other record with a retention rule (or `team_notice`, the intake's two-day marker), by due time: GSI5, which only profiles use otherwise. */
export type DueRecordType = RecordType | 'team_notice';
export const RECORDS_DUE = { index: INDEXES.siteAssignment, partition: 'RETENTION#RECORDS' } as const;
export const recordDueKeys = (dueAt: string, type: DueRecordType, id = '') => ({ [RECORDS_DUE.index.partitionKey]: RECORDS_DUE.partition, [RECORDS_DUE.index.sortKey]: `${dueAt}#${type}#${id}` });

/** Recognition cases reuse GSI1 (site listing), GSI3 (by participant) and GSI4 (agenda), in partitions of their own. */
export const RECOGNITION_INDEXES = { siteListing: INDEXES.siteListing, byParticipant: INDEXES.siteNames, agenda: INDEXES.siteAgenda } as const;

/** A recognition case's listing keys (site, participant); they never move (the state is derived on read). */
export function recognitionIndexKeys(c: { site: string; createdAt: string; id: string; participantId: string }) {
  const I = RECOGNITION_INDEXES;
  return {
    [I.siteListing.partitionKey]: siteRecognitionPartition(c.site),
    [I.siteListing.sortKey]: `RECOGNITION#${c.createdAt}#${c.id}`,
    [I.byParticipant.partitionKey]: participantRecognitionPartition(c.participantId),
    [I.byParticipant.sortKey]: `${c.createdAt}#${c.id}`,
  };
}
export const siteRecognitionPartition = (site: string) => `SITE#${site}#RECOGNITION`;
export const participantRecognitionPartition = (participantId: string) => `PARTICIPANT#${participantId}#RECOGNITION`;

/** A placement's listing index keys (site, status, participant); the status key moves with the status. */
export function placementIndexKeys(p: { site: string; status: string; createdAt: string; id: string; participantId: string }) {
  const I = PLACEMENT_INDEXES;
  return {
    [I.siteListing.partitionKey]: sitePlacementsPartition(p.site),
    [I.siteListing.sortKey]: `PLACEMENT#${p.createdAt}#${p.id}`,
    [I.siteStatus.partitionKey]: sitePlacementStatusPartition(p.site, p.status),
    [I.siteStatus.sortKey]: `${p.createdAt}#${p.id}`,
    [I.byParticipant.partitionKey]: participantPlacementsPartition(p.participantId),
    [I.byParticipant.sortKey]: `${p.createdAt}#${p.id}`,
  };
}

export const sitePlacementsPartition = (site: string) => `SITE#${site}#PLACEMENTS`;
export const sitePlacementStatusPartition = (site: string, status: string) => `SITE#${site}#PLACEMENTS#STATUS#${status}`;
export const participantPlacementsPartition = (participantId: string) => `PARTICIPANT#${participantId}#PLACEMENTS`;
export const staffDirectoryPartition = (site: string) => `SITE#${site}#STAFF`;
export const participantPartition = (id: string): string => `PARTICIPANT#${id}`;

/** The participant's index keys; the status index moves with the status. */
export function participantIndexKeys(p: { site: string; status: string; createdAt: string; id: string }) {
  return {
    [INDEXES.siteListing.partitionKey]: siteListingPartition(p.site),
    [INDEXES.siteListing.sortKey]: `PARTICIPANT#${p.createdAt}#${p.id}`,
    [INDEXES.siteStatus.partitionKey]: siteStatusPartition(p.site, p.status),
    [INDEXES.siteStatus.sortKey]: `${p.createdAt}#${p.id}`,
  };
}

export const siteListingPartition = (site: string) => `SITE#${site}`;
/** A site-listing sort key bound for participants registered at `iso` ('~' sorts after every id). */
export const siteListingBound = (iso: string, end = false) => `PARTICIPANT#${iso}${end ? '~' : ''}`;
export const siteStatusPartition = (site: string, status: string) => `SITE#${site}#STATUS#${status}`;
export const siteNamesPartition = (site: string) => `SITE#${site}#NAME`;
export const siteAgendaPartition = (site: string) => `SITE#${site}#AGENDA`;
export const siteAssignmentPartition = (site: string, sub: string) => `SITE#${site}#ASSIGNED#${sub}`;

/** A Name-index entry's search key: `<folded entry>#<participant id>` (a prefix query finds it). */
export const nameIndexKeys = (site: string, entry: string, participantId: string) => ({
  [INDEXES.siteNames.partitionKey]: siteNamesPartition(site), [INDEXES.siteNames.sortKey]: `${entry}#${participantId}`,
});

/** Kinds of agenda items (the middle part of the agenda sort key). */
export const AGENDA_KINDS = {
  /** A registered participant waiting for the first contact; due when the first contact is. */
  intake: 'intake',
  /** A trial placement waiting for the employer's answer; sorted by when the wait began. */
  placementAnswer: 'placement.answer',
  /** A confirmed trial placement whose feedback is due on its last day. */
  placementFeedback: 'placement.feedback',
  /** A recognition case's unmet receipt or decision deadline, by the end of its due day (00:00 Berlin after it). */
  recognitionDeadline: 'recognition.deadline',
} as const;
export type AgendaKind = (typeof AGENDA_KINDS)[keyof typeof AGENDA_KINDS];

/** An agenda item's index keys: the site's agenda, sorted by due time. */
export const agendaKeys = (site: string, dueAt: string, kind: AgendaKind, id: string) => ({
  [INDEXES.siteAgenda.partitionKey]: siteAgendaPartition(site), [INDEXES.siteAgenda.sortKey]: `${dueAt}#${kind}#${id}`,
});

/** The exclusive upper bound of agenda sort keys due at or before `until` (ISO): '$' sorts after '#'. */
export const agendaBefore = (until: string) => `${until}$`;

/** The assignment index keys of a participant assigned to `sub`. */
export const assignmentKeys = (site: string, sub: string, createdAt: string, id: string) => ({
  [INDEXES.siteAssignment.partitionKey]: siteAssignmentPartition(site, sub), [INDEXES.siteAssignment.sortKey]: `${createdAt}#${id}`,
});

/** What page cursors may carry (functions/data/cursor.ts): an index sort key and a participant PK. */
export const CURSOR_PATTERNS = {
  participantSortKey: /^(PARTICIPANT#)?\d{4}-\d{2}-\d{2}T[\d:.]+Z#[0-9a-f]{32}$/,
  participantPk: /^PARTICIPANT#[0-9a-f]{32}$/,
  auditSortKey: /^AUDIT#\d{4}-\d{2}-\d{2}T[\d:.]+Z#[0-9a-f]{8}$/,
  placementSortKey: /^(PLACEMENT#)?\d{4}-\d{2}-\d{2}T[\d:.]+Z#[0-9a-f]{32}$/,
  placementPk: /^PLACEMENT#[0-9a-f]{32}$/,
  recognitionSortKey: /^RECOGNITION#\d{4}-\d{2}-\d{2}T[\d:.]+Z#[0-9a-f]{32}$/,
  recognitionPk: /^RECOGNITION#[0-9a-f]{32}$/,
} as const;

/** Item `type` attributes (for humans reading the table, and the stream filter). */
export const ITEM_TYPE = {
  submission: 'Submission', identity: 'Identity', participant: 'Participant',
  linkedSubmission: 'ParticipantSubmission', audit: 'Audit', siteAudit: 'SiteAudit',
  reference: 'ReferenceLookup', nameEntry: 'NameIndexEntry', staffMember: 'StaffMember',
  teamNotice: 'TeamNotice', placement: 'Placement', employerLink: 'EmployerLink',
  recognitionCase: 'RecognitionCase', figureCounter: 'FigureCounter',
} as const;

/**
 * The table stream's filter for "a fresh submission was stored" (EventBridge Pipes syntax):
 * INSERT, or MODIFY when an expired idempotency record was replaced.
 */
export const NEW_SUBMISSION_STREAM_FILTER = {
  eventName: ['INSERT', 'MODIFY'],
  dynamodb: { Keys: { SK: { S: [SK.submission] } }, NewImage: { status: { S: ['received'] } } },
} as const;
