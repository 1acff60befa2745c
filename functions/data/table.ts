import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { randomBytes } from 'node:crypto';
import type { Intake } from '../../schemas/intake.js';
import type { Language } from '../../schemas/languages.js';
import type { ParticipantStatus, Role } from '../../schemas/staff.js';
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
 * | Audit entry           | PARTICIPANT#<id>       | AUDIT#<at>#<random>        | –                                         |
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
 * | follow-up due times, reminder/escalation sent    | Update Participant (if_not_exists / condition)|
 * | first contact / withdrawal (optimistic locking)  | conditional Update Participant on version     |
 * | list a site's participants, newest first         | Query GSI1 (or GSI2 for one status), backwards|
 * | a participant's record: profile, submissions, audit | Query PK = PARTICIPANT#<id> (one partition) |
 * | audit an action (who, when, what; no personal data) | Put AUDIT item in the participant partition |
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
  audit: (participantId: string, at: string) => ({
    PK: `PARTICIPANT#${participantId}`,
    SK: `AUDIT#${at}#${randomBytes(4).toString('hex')}`,
  }),
};

/** How long an accepted submission stays as an idempotency record after it was processed. */
// Longer than the intake workflow may run (30 days), so a resumed execution still finds it.
const SUBMISSION_RETENTION_SECONDS = 35 * 24 * 3600;

const table = () => config().tableName;

/**
 * Runs a conditional write: its result, or undefined when its condition failed (the one outcome
 * every caller here expects and handles). Any other error propagates.
 */
async function ifCondition<T>(write: () => Promise<T>): Promise<T | undefined> {
  try {
    return await write();
  } catch (err) {
    if (err instanceof ConditionalCheckFailedException) return undefined;
    throw err;
  }
}
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
  const written = await ifCondition(() =>
    dynamo.send(
      new PutCommand({
        TableName: table(),
        Item: { ...key.submission(s.id), type: 'Submission', ...submission },
        ConditionExpression: 'attribute_not_exists(PK) OR expiresAt <= :now',
        ExpressionAttributeValues: { ':now': Math.floor(Date.now() / 1000) },
      }),
    ),
  );
  if (written) return { created: true, submission };
  const existing = await getSubmission(s.id);
  if (!existing) throw new Error('submission expired between write and read'); // rare: the client retries
  return { created: false, existing };
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
  /** Execution ARNs of the participant's workflows, so staff can see their state. */
  workflows?: { intake?: string };
  /** The intake follow-up's absolute due times and what it did (the workflow waits on these). */
  followUp?: FollowUp;
  firstContact?: { date: string; channel: string; note?: string; recordedAt: string; recordedBy: string };
  withdrawal?: { reason: string; note?: string; recordedAt: string; recordedBy: string };
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
  const claimed = await ifCondition(() =>
    dynamo.send(
      new PutCommand({
        TableName: table(),
        Item: { ...key.identity(hash), type: 'Identity', participantId, createdAt: at },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    ),
  );
  if (claimed) return { claimed: true };
  const out = await dynamo.send(new GetCommand({ TableName: table(), Key: key.identity(hash), ConsistentRead: true }));
  const holder = out.Item?.['participantId'];
  if (typeof holder !== 'string') throw new Error('identity item without a participant');
  return { claimed: false, participantId: holder };
}

/** Creates the participant unless it exists already (a retried step): idempotent. */
export async function createParticipant(p: Participant): Promise<void> {
  await ifCondition(() =>
    dynamo.send(
      new PutCommand({
        TableName: table(),
        Item: { ...key.participant(p.id), type: 'Participant', ...participantIndexKeys(p), ...p },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    ),
  );
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
  await ifCondition(() =>
    dynamo.send(
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
    ),
  );
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

/**
 * Makes an execution the owner of a submission. True for the first execution and for the same
 * execution again (a retry or a resume); false for any other (a stream record delivered twice).
 */
export async function claimSubmission(id: string, executionArn: string): Promise<boolean> {
  const owned = await ifCondition(() =>
    dynamo.send(
      new UpdateCommand({
        TableName: table(),
        Key: key.submission(id),
        UpdateExpression: 'SET ownerExecution = :arn',
        ConditionExpression: 'attribute_exists(PK) AND (attribute_not_exists(ownerExecution) OR ownerExecution = :arn)',
        ExpressionAttributeValues: { ':arn': executionArn },
      }),
    ),
  );
  return owned !== undefined;
}

export interface FollowUp {
  reminderDueAt: string;
  escalationDueAt: string;
  reminderSentAt?: string;
  escalatedAt?: string;
}

/** Remembers which execution runs the participant's intake workflow (idempotent). */
export async function recordIntakeExecution(participantId: string, executionArn: string): Promise<void> {
  await dynamo.send(
    new UpdateCommand({
      TableName: table(),
      Key: key.participant(participantId),
      UpdateExpression: 'SET workflows = if_not_exists(workflows, :w)',
      ConditionExpression: 'attribute_exists(PK)',
      ExpressionAttributeValues: { ':w': { intake: executionArn } },
    }),
  );
}

/** Stores the follow-up's due times once; a retried or restarted step gets the stored ones back. */
export async function scheduleFollowUp(participantId: string, due: FollowUp): Promise<FollowUp> {
  const out = await dynamo.send(
    new UpdateCommand({
      TableName: table(),
      Key: key.participant(participantId),
      UpdateExpression: 'SET followUp = if_not_exists(followUp, :f)',
      ConditionExpression: 'attribute_exists(PK)',
      ExpressionAttributeValues: { ':f': due },
      ReturnValues: 'ALL_NEW',
    }),
  );
  return (out.Attributes as Participant).followUp ?? due;
}

/** Records a follow-up mail as sent, once. False if it was recorded already. */
export async function markFollowUpSent(participantId: string, field: 'reminderSentAt' | 'escalatedAt', at: string): Promise<boolean> {
  const marked = await ifCondition(() =>
    dynamo.send(
      new UpdateCommand({
        TableName: table(),
        Key: key.participant(participantId),
        UpdateExpression: 'SET followUp.#f = :at',
        ConditionExpression: 'attribute_exists(followUp) AND attribute_not_exists(followUp.#f)',
        ExpressionAttributeNames: { '#f': field },
        ExpressionAttributeValues: { ':at': at },
      }),
    ),
  );
  return marked !== undefined;
}

export type StatusChange =
  | { status: 'contacted'; firstContact: NonNullable<Participant['firstContact']> }
  | { status: 'withdrawn'; withdrawal: NonNullable<Participant['withdrawal']> };

export type StatusChangeResult = { ok: true; participant: Participant } | { ok: false; reason: 'not_found' | 'version' | 'status' };

/**
 * Moves a new participant to contacted or withdrawn with optimistic locking: one conditional
 * write on the version the caller saw. The status index key moves with the status.
 */
export async function changeStatus(
  participantId: string,
  site: string,
  expectedVersion: number,
  change: StatusChange,
  at: string,
): Promise<StatusChangeResult> {
  const detail = change.status === 'contacted' ? { name: 'firstContact', value: change.firstContact } : { name: 'withdrawal', value: change.withdrawal };
  const out = await ifCondition(() =>
    dynamo.send(
      new UpdateCommand({
        TableName: table(),
        Key: key.participant(participantId),
        UpdateExpression: 'SET #status = :status, #detail = :detail, version = version + :one, updatedAt = :at, GSI2PK = :gsi2pk',
        ConditionExpression: 'attribute_exists(PK) AND site = :site AND version = :version AND #status IN (:from1, :from2)',
        ExpressionAttributeNames: { '#status': 'status', '#detail': detail.name },
        ExpressionAttributeValues: {
          ':status': change.status,
          ':detail': detail.value,
          ':one': 1,
          ':at': at,
          ':gsi2pk': `SITE#${site}#STATUS#${change.status}`,
          ':site': site,
          ':version': expectedVersion,
          // A first contact follows registration; a withdrawal may also follow a first contact.
          ':from1': 'new',
          ':from2': change.status === 'withdrawn' ? 'contacted' : 'new',
        },
        ReturnValues: 'ALL_NEW',
      }),
    ),
  );
  if (out) return { ok: true, participant: out.Attributes as Participant };
  // Tell why from a fresh read: dynalite does not return the old item on a failed condition.
  const current = await getParticipant(participantId);
  if (!current || current.site !== site) return { ok: false, reason: 'not_found' };
  if (current.version !== expectedVersion) return { ok: false, reason: 'version' };
  return { ok: false, reason: 'status' };
}

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

/* ------------------------------------------------------------------ staff reads and the audit trail */

export interface ParticipantSummary {
  id: string;
  reference: string;
  site: string;
  status: ParticipantStatus;
  createdAt: string;
  firstName: string;
  lastName: string;
  help: string[];
  duplicates: number;
}

/** Where a listing continues: the index sort key and the item's key within the caller's site. */
export interface ListPosition {
  sortKey: string;
  pk: string;
}

/**
 * A page of one site's participants, newest first. The partition is always the caller's site:
 * a continuation position can only move within it, never into another site.
 */
export async function listParticipants(
  site: string,
  opts: { status?: ParticipantStatus; after?: ListPosition; limit: number },
): Promise<{ items: ParticipantSummary[]; next?: ListPosition }> {
  const byStatus = opts.status !== undefined;
  const index = byStatus ? { name: 'GSI2', pk: 'GSI2PK', sk: 'GSI2SK' } : { name: 'GSI1', pk: 'GSI1PK', sk: 'GSI1SK' };
  const partition = byStatus ? `SITE#${site}#STATUS#${opts.status}` : `SITE#${site}`;
  const out = await dynamo.send(
    new QueryCommand({
      TableName: table(),
      IndexName: index.name,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': index.pk },
      ExpressionAttributeValues: { ':pk': partition },
      ScanIndexForward: false,
      Limit: opts.limit,
      ...(opts.after
        ? { ExclusiveStartKey: { [index.pk]: partition, [index.sk]: opts.after.sortKey, PK: opts.after.pk, SK: 'PROFILE' } }
        : {}),
    }),
  );
  const items = (out.Items ?? []).map((i) => {
    const p = i as Participant;
    return {
      id: p.id,
      reference: p.reference,
      site: p.site,
      status: p.status,
      createdAt: p.createdAt,
      firstName: p.entry.person.firstName,
      lastName: p.entry.person.lastName,
      help: p.entry.help,
      duplicates: p.duplicateSubmissionIds?.size ?? 0,
    };
  });
  const last = out.LastEvaluatedKey;
  return {
    items,
    ...(last ? { next: { sortKey: String(last[index.sk]), pk: String(last['PK']) } } : {}),
  };
}

export interface AuditEntry {
  at: string;
  /** The staff user's subject (a pseudonymous id), never a name. */
  actor: string;
  role: Role;
  action: string;
}

export interface LinkedSubmission {
  submissionId: string;
  reference: string;
  site: string;
  lang: Language;
  receivedAt: string;
  entry?: IntakeEntry;
}

export interface ParticipantRecord {
  participant: Participant;
  submissions: LinkedSubmission[];
  audit: AuditEntry[];
}

/** The participant's whole partition in one query: profile, further submissions, audit trail. */
export async function getParticipantRecord(id: string): Promise<ParticipantRecord | undefined> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const out = await dynamo.send(
      new QueryCommand({
        TableName: table(),
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': `PARTICIPANT#${id}` },
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }),
    );
    items.push(...(out.Items ?? []));
    startKey = out.LastEvaluatedKey;
  } while (startKey);
  const profile = items.find((i) => i['SK'] === 'PROFILE');
  if (!profile) return undefined;
  const strip = ({ PK: _pk, SK: _sk, type: _t, GSI1PK: _a, GSI1SK: _b, GSI2PK: _c, GSI2SK: _d, ...rest }: Record<string, unknown>) => rest;
  return {
    participant: strip(profile) as unknown as Participant,
    submissions: items.filter((i) => String(i['SK']).startsWith('SUBMISSION#')).map((i) => strip(i) as unknown as LinkedSubmission),
    audit: items.filter((i) => String(i['SK']).startsWith('AUDIT#')).map((i) => strip(i) as unknown as AuditEntry),
  };
}

/** Appends to a participant's audit trail: who (subject and role), when, what — no personal data. */
export async function appendAudit(participantId: string, entry: AuditEntry): Promise<void> {
  await dynamo.send(
    new PutCommand({
      TableName: table(),
      Item: { ...key.audit(participantId, entry.at), type: 'Audit', ...entry },
      ConditionExpression: 'attribute_not_exists(PK)',
    }),
  );
}
