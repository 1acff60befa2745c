import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Intake } from '../../schemas/intake.js';
import type { Language } from '../../schemas/languages.js';
import { config } from '../lib/config.js';
import { dynamo } from '../lib/dynamo.js';

/**
 * The one entity module for the single table. Every key string and access pattern lives here.
 *
 * | entity                | PK                     | SK                         | GSI1 (site listing)                       |
 * |-----------------------|------------------------|----------------------------|-------------------------------------------|
 * | Submission            | SUBMISSION#<id>        | SUBMISSION                 | –                                         |
 * | Identity (dedup key)  | IDENTITY#<hash>        | IDENTITY                   | –                                         |
 * | Participant           | PARTICIPANT#<id>       | PROFILE                    | SITE#<site> / PARTICIPANT#<createdAt>#<id>|
 * | Further submission    | PARTICIPANT#<id>       | SUBMISSION#<receivedAt>#<id>| –                                        |
 *
 * GSI2 (status filter): SITE#<site>#STATUS#<status> / <createdAt>#<id> on the participant.
 *
 * | access pattern                                   | how                                           |
 * |--------------------------------------------------|-----------------------------------------------|
 * | accept an intake (idempotent on the key)         | conditional Put Submission                    |
 * | replay a retried intake                          | consistent Get Submission                     |
 * | register once per person (duplicate rule)        | conditional Put Identity, then Participant    |
 * | link a duplicate submission, flag the participant| conditional Put link item, Update participant |
 * | record a mail as sent (exactly-once per step)    | conditional Update Submission                 |
 *
 * Every state change is one single-item conditional write (no transactions: dynalite has none);
 * what spans items is made safe by idempotent steps a workflow may retry (DESIGN.md).
 * Expired items (expiresAt, the TTL attribute) are treated as absent on read.
 */

export const key = {
  submission: (id: string) => ({ PK: `SUBMISSION#${id}`, SK: 'SUBMISSION' }),
  identity: (hash: string) => ({ PK: `IDENTITY#${hash}`, SK: 'IDENTITY' }),
  participant: (id: string) => ({ PK: `PARTICIPANT#${id}`, SK: 'PROFILE' }),
  participantSubmission: (participantId: string, receivedAt: string, submissionId: string) => ({
    PK: `PARTICIPANT#${participantId}`,
    SK: `SUBMISSION#${receivedAt}#${submissionId}`,
  }),
};

/** How long an accepted submission stays as an idempotency record after it was processed. */
const SUBMISSION_RETENTION_SECONDS = 7 * 24 * 3600;

const table = () => config().tableName;
const epochSeconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);
const isExpired = (item: { expiresAt?: number } | undefined, now = Date.now()) =>
  item?.expiresAt !== undefined && item.expiresAt * 1000 <= now;

export type IntakeEntry = Omit<Intake, 'lang' | 'site' | 'consent' | 'website'>;

export interface Submission {
  id: string;
  reference: string;
  contentHash: string;
  site: string;
  lang: Language;
  receivedAt: string;
  status: 'received' | 'registered';
  /** Personal data: removed once the workflow has copied it to the participant and sent the mails. */
  entry?: IntakeEntry;
  consent: { noticeVersion: string; acceptedAt: string };
  participantId?: string;
  participantSite?: string;
  duplicate?: boolean;
  confirmationSentAt?: string;
  teamNotifiedAt?: string;
  expiresAt: number;
}

export type PutSubmissionResult = { created: true; submission: Submission } | { created: false; existing: Submission };

/** Accepts an intake: one conditional write. An existing (unexpired) item with the same id is returned instead. */
export async function putSubmission(s: Omit<Submission, 'expiresAt' | 'status'>): Promise<PutSubmissionResult> {
  const submission: Submission = {
    ...s,
    status: 'received',
    expiresAt: epochSeconds(s.receivedAt) + SUBMISSION_RETENTION_SECONDS,
  };
  try {
    await dynamo.send(
      new PutCommand({
        TableName: table(),
        Item: { ...key.submission(s.id), type: 'Submission', ...submission },
        ConditionExpression: 'attribute_not_exists(PK) OR expiresAt <= :now',
        ExpressionAttributeValues: { ':now': Math.floor(Date.now() / 1000) },
      }),
    );
    return { created: true, submission };
  } catch (err) {
    if (!(err instanceof ConditionalCheckFailedException)) throw err;
    const existing = await getSubmission(s.id);
    if (!existing) throw err; // expired between the two calls: let the client retry
    return { created: false, existing };
  }
}

export async function getSubmission(id: string): Promise<Submission | undefined> {
  const out = await dynamo.send(new GetCommand({ TableName: table(), Key: key.submission(id), ConsistentRead: true }));
  const item = out.Item as Submission | undefined;
  return isExpired(item) ? undefined : item;
}

/* ------------------------------------------------------------------ identities and participants */

export interface Participant {
  id: string;
  reference: string;
  site: string;
  status: 'new' | 'contacted' | 'withdrawn';
  lang: Language;
  entry: IntakeEntry;
  consent: { noticeVersion: string; acceptedAt: string };
  firstSubmissionId: string;
  /** Later submissions for the same person (duplicate rule): flagged for staff. */
  duplicateSubmissionIds?: Set<string>;
  createdAt: string;
  updatedAt: string;
  version: number;
}

function participantIndexKeys(p: Pick<Participant, 'site' | 'status' | 'createdAt' | 'id'>) {
  return {
    GSI1PK: `SITE#${p.site}`,
    GSI1SK: `PARTICIPANT#${p.createdAt}#${p.id}`,
    GSI2PK: `SITE#${p.site}#STATUS#${p.status}`,
    GSI2SK: `${p.createdAt}#${p.id}`,
  };
}

/** Claims a person's identity for a participant id. If someone holds it already, returns their id. */
export async function claimIdentity(
  hash: string,
  participantId: string,
  at: string,
): Promise<{ claimed: true } | { claimed: false; participantId: string }> {
  try {
    await dynamo.send(
      new PutCommand({
        TableName: table(),
        Item: { ...key.identity(hash), type: 'Identity', participantId, createdAt: at },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    );
    return { claimed: true };
  } catch (err) {
    if (!(err instanceof ConditionalCheckFailedException)) throw err;
    const out = await dynamo.send(new GetCommand({ TableName: table(), Key: key.identity(hash), ConsistentRead: true }));
    const holder = out.Item?.['participantId'];
    if (typeof holder !== 'string') throw err;
    return { claimed: false, participantId: holder };
  }
}

/** Creates the participant unless it exists already (a retried step): idempotent. */
export async function createParticipant(p: Participant): Promise<void> {
  try {
    await dynamo.send(
      new PutCommand({
        TableName: table(),
        Item: { ...key.participant(p.id), type: 'Participant', ...participantIndexKeys(p), ...p },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    );
  } catch (err) {
    if (!(err instanceof ConditionalCheckFailedException)) throw err;
  }
}

export async function getParticipant(id: string): Promise<Participant | undefined> {
  const out = await dynamo.send(new GetCommand({ TableName: table(), Key: key.participant(id), ConsistentRead: true }));
  if (!out.Item) return undefined;
  const { PK: _pk, SK: _sk, type: _t, GSI1PK: _a, GSI1SK: _b, GSI2PK: _c, GSI2SK: _d, ...participant } = out.Item;
  return participant as Participant;
}

/**
 * Links a further submission of the same person to the existing participant and flags it for
 * staff. Both writes are idempotent: the link is a conditional put, the flag a set union.
 */
export async function linkDuplicateSubmission(participantId: string, s: Submission, at: string): Promise<void> {
  try {
    await dynamo.send(
      new PutCommand({
        TableName: table(),
        Item: {
          ...key.participantSubmission(participantId, s.receivedAt, s.id),
          type: 'ParticipantSubmission',
          submissionId: s.id,
          reference: s.reference,
          site: s.site,
          lang: s.lang,
          receivedAt: s.receivedAt,
          entry: s.entry,
          consent: s.consent,
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    );
  } catch (err) {
    if (!(err instanceof ConditionalCheckFailedException)) throw err;
  }
  await dynamo.send(
    new UpdateCommand({
      TableName: table(),
      Key: key.participant(participantId),
      UpdateExpression: 'ADD duplicateSubmissionIds :ids SET updatedAt = :at',
      ConditionExpression: 'attribute_exists(PK)',
      ExpressionAttributeValues: { ':ids': new Set([s.id]), ':at': at },
    }),
  );
}

/* ------------------------------------------------------------------ workflow step records */

export async function markSubmissionRegistered(
  id: string,
  r: { participantId: string; participantSite: string; duplicate: boolean },
): Promise<void> {
  await dynamo.send(
    new UpdateCommand({
      TableName: table(),
      Key: key.submission(id),
      UpdateExpression: 'SET #status = :registered, participantId = :pid, participantSite = :psite, duplicate = :dup',
      ConditionExpression: 'attribute_exists(PK)',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':registered': 'registered',
        ':pid': r.participantId,
        ':psite': r.participantSite,
        ':dup': r.duplicate,
      },
    }),
  );
}

/**
 * Records that the confirmation went out and drops the submission's personal data: the
 * participant holds it now, and the submission stays only as an idempotency record.
 */
export async function markConfirmationSent(id: string, at: string): Promise<void> {
  await dynamo.send(
    new UpdateCommand({
      TableName: table(),
      Key: key.submission(id),
      UpdateExpression: 'SET confirmationSentAt = :at REMOVE entry',
      ConditionExpression: 'attribute_exists(PK) AND #status = :registered',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':at': at, ':registered': 'registered' },
    }),
  );
}

export async function markTeamNotified(id: string, at: string): Promise<void> {
  await dynamo.send(
    new UpdateCommand({
      TableName: table(),
      Key: key.submission(id),
      UpdateExpression: 'SET teamNotifiedAt = :at',
      ConditionExpression: 'attribute_exists(PK)',
      ExpressionAttributeValues: { ':at': at },
    }),
  );
}
