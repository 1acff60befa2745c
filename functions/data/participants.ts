import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { FollowUpSchema, ParticipantSchema, type FollowUp, type Participant } from '../../schemas/model/participant.js';
import { LinkedSubmissionSchema, type LinkedSubmission, type Submission } from '../../schemas/model/submission.js';
import type { ParticipantStatus } from '../../schemas/staff.js';
import { dynamo } from '../clients/dynamo.js';
import type { ListPosition } from './cursor.js';
import { INDEXES, ITEM_TYPE, key, participantIndexKeys, participantPartition, siteListingPartition, siteStatusPartition, SK } from './keys.js';
import { ifCondition, parseItem, queryAll, queryPage, tableName } from './table.js';

/** Participants: the person's profile and their further submissions (keys.ts). */

/** Creates the participant unless it exists already (a retried step): idempotent. */
export async function createParticipant(p: Participant): Promise<void> {
  await ifCondition(() =>
    dynamo.send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...key.participant(p.id), type: ITEM_TYPE.participant, ...participantIndexKeys(p), ...p },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    ),
  );
}

export async function getParticipant(id: string): Promise<Participant | undefined> {
  const out = await dynamo.send(new GetCommand({ TableName: tableName(), Key: key.participant(id), ConsistentRead: true }));
  return out.Item ? parseItem(ParticipantSchema, out.Item) : undefined;
}

/**
 * Links a further submission of the same person to the existing participant and flags it for
 * staff. Both writes are idempotent: the link is a conditional put, the flag a set union.
 */
export async function linkDuplicateSubmission(participantId: string, s: Submission, at: string): Promise<void> {
  const link: LinkedSubmission = {
    submissionId: s.id,
    reference: s.reference,
    site: s.site,
    lang: s.lang,
    receivedAt: s.receivedAt,
    ...(s.entry ? { entry: s.entry } : {}),
    consent: s.consent,
  };
  await ifCondition(() =>
    dynamo.send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...key.linkedSubmission(participantId, s.receivedAt, s.id), type: ITEM_TYPE.linkedSubmission, ...link },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    ),
  );
  await dynamo.send(
    new UpdateCommand({
      TableName: tableName(),
      Key: key.participant(participantId),
      UpdateExpression: 'ADD duplicateSubmissionIds :ids SET updatedAt = :at',
      ConditionExpression: 'attribute_exists(PK)',
      ExpressionAttributeValues: { ':ids': new Set([s.id]), ':at': at },
    }),
  );
}

/** Remembers which execution runs the participant's intake workflow (idempotent). */
export async function recordIntakeExecution(participantId: string, executionArn: string): Promise<void> {
  await dynamo.send(
    new UpdateCommand({
      TableName: tableName(),
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
      TableName: tableName(),
      Key: key.participant(participantId),
      UpdateExpression: 'SET followUp = if_not_exists(followUp, :f)',
      ConditionExpression: 'attribute_exists(PK)',
      ExpressionAttributeValues: { ':f': due },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  const stored = FollowUpSchema.safeParse(out.Attributes?.['followUp']);
  return stored.success ? stored.data : due;
}

/** Records a follow-up mail as sent, once. False if it was recorded already. */
export async function markFollowUpSent(participantId: string, field: 'reminderSentAt' | 'escalatedAt', at: string): Promise<boolean> {
  const marked = await ifCondition(() =>
    dynamo.send(
      new UpdateCommand({
        TableName: tableName(),
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
 * Moves a participant to contacted or withdrawn with optimistic locking: one conditional write
 * on the version the caller saw. The status index key moves with the status.
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
        TableName: tableName(),
        Key: key.participant(participantId),
        UpdateExpression: `SET #status = :status, #detail = :detail, version = version + :one, updatedAt = :at, ${INDEXES.siteStatus.partitionKey} = :gsi2pk`,
        ConditionExpression: 'attribute_exists(PK) AND site = :site AND version = :version AND #status IN (:from1, :from2)',
        ExpressionAttributeNames: { '#status': 'status', '#detail': detail.name },
        ExpressionAttributeValues: {
          ':status': change.status,
          ':detail': detail.value,
          ':one': 1,
          ':at': at,
          ':gsi2pk': siteStatusPartition(site, change.status),
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
  if (out?.Attributes) return { ok: true, participant: parseItem(ParticipantSchema, out.Attributes) };
  // Tell why from a fresh read: dynalite does not return the old item on a failed condition.
  const current = await getParticipant(participantId);
  if (!current || current.site !== site) return { ok: false, reason: 'not_found' };
  if (current.version !== expectedVersion) return { ok: false, reason: 'version' };
  return { ok: false, reason: 'status' };
}


/**
 * A page of one site's participants, newest first. The partition is always the caller's site:
 * a continuation position can only move within it, never into another site.
 */
export async function listParticipants(
  site: string,
  opts: { status?: ParticipantStatus; after?: ListPosition; limit: number },
): Promise<{ items: Participant[]; next?: ListPosition }> {
  const index = opts.status !== undefined ? INDEXES.siteStatus : INDEXES.siteListing;
  const partition = opts.status !== undefined ? siteStatusPartition(site, opts.status) : siteListingPartition(site);
  const page = await queryPage({
    IndexName: index.name,
    KeyConditionExpression: '#pk = :pk',
    ExpressionAttributeNames: { '#pk': index.partitionKey },
    ExpressionAttributeValues: { ':pk': partition },
    ScanIndexForward: false,
    Limit: opts.limit,
    ...(opts.after
      ? { ExclusiveStartKey: { [index.partitionKey]: partition, [index.sortKey]: opts.after.sortKey, PK: opts.after.pk, SK: SK.profile } }
      : {}),
  });
  return {
    items: page.items.map((i) => parseItem(ParticipantSchema, i)),
    ...(page.last ? { next: { sortKey: String(page.last[index.sortKey]), pk: String(page.last['PK']) } } : {}),
  };
}

/** The profile and the further submissions: one query from PROFILE on (the audit trail sorts before it). */
export async function getParticipantWithSubmissions(id: string): Promise<{ participant: Participant; submissions: LinkedSubmission[] } | undefined> {
  const items = await queryAll({
    KeyConditionExpression: 'PK = :pk AND SK >= :profile',
    ExpressionAttributeValues: { ':pk': participantPartition(id), ':profile': SK.profile },
    ConsistentRead: true,
  });
  const profile = items.find((i) => i['SK'] === SK.profile);
  if (!profile) return undefined;
  return {
    participant: parseItem(ParticipantSchema, profile),
    submissions: items
      .filter((i) => String(i['SK']).startsWith(SK.linkedSubmissionPrefix))
      .map((i) => parseItem(LinkedSubmissionSchema, i)),
  };
}
