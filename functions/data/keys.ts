/**
 * Every key of the single table, and every access pattern, in one pure module (no SDK). Entity
 * modules (functions/data/*.ts), the CDK table and stream filter (infra/), the local pipe and
 * the page cursors import from here; nobody else spells a key string.
 *
 * | entity               | PK                    | SK                              | GSI1 (site listing)                         | GSI2 (status filter)                         |
 * |----------------------|-----------------------|---------------------------------|---------------------------------------------|----------------------------------------------|
 * | Submission           | SUBMISSION#<id>       | SUBMISSION                      | –                                           | –                                            |
 * | Identity (dedup key) | IDENTITY#<hash>       | IDENTITY                        | –                                           | –                                            |
 * | Participant          | PARTICIPANT#<id>      | PROFILE                         | SITE#<site> / PARTICIPANT#<createdAt>#<id>  | SITE#<site>#STATUS#<status> / <createdAt>#<id> |
 * | Further submission   | PARTICIPANT#<id>      | SUBMISSION#<receivedAt>#<id>    | –                                           | –                                            |
 * | Audit entry          | PARTICIPANT#<id>      | AUDIT#<at>#<random>             | –                                           | –                                            |
 *
 * | access pattern                                      | how                                                  | module          |
 * |-----------------------------------------------------|------------------------------------------------------|-----------------|
 * | accept an intake (idempotent on the key)            | conditional Put Submission                           | submissions.ts  |
 * | replay a retried intake                             | consistent Get Submission                            | submissions.ts  |
 * | one execution owns a submission                     | conditional Update Submission.ownerExecution         | submissions.ts  |
 * | record a mail as sent (exactly once per step)       | conditional Update Submission                        | submissions.ts  |
 * | register once per person (duplicate rule)           | conditional Put Identity, then Participant           | identities.ts, participants.ts |
 * | link a duplicate submission, flag the participant   | conditional Put link item, set union on participant  | participants.ts |
 * | follow-up due times, reminder/escalation sent       | Update Participant (if_not_exists / condition)       | participants.ts |
 * | first contact / withdrawal (optimistic locking)     | conditional Update Participant on version            | participants.ts |
 * | list a site's participants, newest first            | Query GSI1 (GSI2 for one status), backwards          | participants.ts |
 * | a participant's record: profile, further submissions| Query PK = PARTICIPANT#<id>, SK ≥ PROFILE            | participants.ts |
 * | a page of the audit trail, newest first             | Query PK = PARTICIPANT#<id>, SK begins_with AUDIT#   | audit.ts        |
 * | audit an action (who, when, what; no personal data) | Put Audit in the participant's partition             | audit.ts        |
 * | items whose workflow never started (local restart)  | Scan, the registry's stream filter on each item     | local/stream-pipe.ts |
 */

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
  submission: 'SUBMISSION',
  identity: 'IDENTITY',
  profile: 'PROFILE',
  linkedSubmissionPrefix: 'SUBMISSION#',
  auditPrefix: 'AUDIT#',
} as const;

export interface ItemKey {
  PK: string;
  SK: string;
}

export const key = {
  submission: (id: string): ItemKey => ({ PK: `SUBMISSION#${id}`, SK: SK.submission }),
  identity: (hash: string): ItemKey => ({ PK: `IDENTITY#${hash}`, SK: SK.identity }),
  participant: (id: string): ItemKey => ({ PK: participantPartition(id), SK: SK.profile }),
  linkedSubmission: (participantId: string, receivedAt: string, submissionId: string): ItemKey => ({
    PK: participantPartition(participantId),
    SK: `${SK.linkedSubmissionPrefix}${receivedAt}#${submissionId}`,
  }),
  /** `suffix` makes entries written in the same millisecond distinct (random). */
  audit: (participantId: string, at: string, suffix: string): ItemKey => ({
    PK: participantPartition(participantId),
    SK: `${SK.auditPrefix}${at}#${suffix}`,
  }),
};

export function participantPartition(id: string): string {
  return `PARTICIPANT#${id}`;
}

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
export const siteStatusPartition = (site: string, status: string) => `SITE#${site}#STATUS#${status}`;

/** What page cursors may carry (functions/data/cursor.ts): an index sort key and a participant PK. */
export const CURSOR_PATTERNS = {
  participantSortKey: /^(PARTICIPANT#)?\d{4}-\d{2}-\d{2}T[\d:.]+Z#[0-9a-f]{32}$/,
  participantPk: /^PARTICIPANT#[0-9a-f]{32}$/,
  auditSortKey: /^AUDIT#\d{4}-\d{2}-\d{2}T[\d:.]+Z#[0-9a-f]{8}$/,
} as const;

/** Item `type` attributes (for humans reading the table, and the stream filter). */
export const ITEM_TYPE = {
  submission: 'Submission',
  identity: 'Identity',
  participant: 'Participant',
  linkedSubmission: 'ParticipantSubmission',
  audit: 'Audit',
} as const;

/**
 * The table stream's filter for "a fresh submission was stored" (EventBridge Pipes syntax):
 * INSERT, or MODIFY when an expired idempotency record was replaced.
 */
export const NEW_SUBMISSION_STREAM_FILTER = {
  eventName: ['INSERT', 'MODIFY'],
  dynamodb: { Keys: { SK: { S: [SK.submission] } }, NewImage: { status: { S: ['received'] } } },
} as const;
