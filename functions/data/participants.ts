import { BatchGetCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { FollowUpSchema, ParticipantSchema, type FollowUp, type Participant } from '../../schemas/model/participant.js';
import { LinkedSubmissionSchema, type LinkedSubmission, type Submission } from '../../schemas/model/submission.js';
import type { ParticipantStatus } from '../../schemas/staff.js';
import { dynamo } from '../clients/dynamo.js';
import {
  INDEXES,
  ITEM_TYPE,
  key,
  participantIndexKeys,
  participantPartition,
  siteAssignmentPartition,
  siteListingPartition,
  siteStatusPartition,
  SK,
  unsettledFigureKeys,
} from './keys.js';
import type { ListPosition } from './cursor.js';
import { ifCondition, parseItem, queryAll, queryPage, tableName } from './table.js';

/** Participants: the person's profile and their further submissions (keys.ts); staff changes in participant-changes.ts. */

/** Creates the participant unless it exists already (a retried step): idempotent. */
export async function createParticipant(p: Participant): Promise<void> {
  await ifCondition(() =>
    dynamo.send(
      new PutCommand({
        TableName: tableName(),
        // Marked unsettled: its contribution is not in the figures yet (docs/figures.md).
        Item: { ...key.participant(p.id), type: ITEM_TYPE.participant, ...participantIndexKeys(p), ...unsettledFigureKeys(p.id), ...p },
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

/**
 * The hiring decision of a trial placement on the participant, once per placement: the map entry
 * is set only while absent; the map itself is created by the first placement that ends. Idempotent.
 */
export async function recordPlacementOutcome(participantId: string, placementId: string, outcome: { outcome: string; at: string }): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const entry = await ifCondition(() =>
      dynamo.send(
        new UpdateCommand({
          TableName: tableName(),
          Key: key.participant(participantId),
          UpdateExpression: 'SET placementOutcomes.#pid = :o',
          ConditionExpression: 'attribute_exists(placementOutcomes) AND attribute_not_exists(placementOutcomes.#pid)',
          ExpressionAttributeNames: { '#pid': placementId },
          ExpressionAttributeValues: { ':o': outcome },
        }),
      ),
    );
    if (entry) return;
    const map = await ifCondition(() =>
      dynamo.send(
        new UpdateCommand({
          TableName: tableName(),
          Key: key.participant(participantId),
          UpdateExpression: 'SET placementOutcomes = :map',
          ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(placementOutcomes)',
          ExpressionAttributeValues: { ':map': { [placementId]: outcome } },
        }),
      ),
    );
    if (map) return;
    // Neither: the entry is there already (a retry), or the participant is gone (erased).
    const p = await getParticipant(participantId);
    if (!p || p.placementOutcomes?.[placementId]) return;
  }
  throw new Error('placement outcome not recorded');
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

/**
 * A page of one site's participants, newest first. The partition is always the caller's site:
 * a continuation position can only move within it, never into another site.
 */
export async function listParticipants(
  site: string,
  opts: { status?: ParticipantStatus; assignedTo?: string; after?: ListPosition; limit: number },
): Promise<{ items: Participant[]; next?: ListPosition }> {
  // One Query: on the assignment index for one assignee (a status then filters), else the status
  // index for one status, else the site listing.
  const { index, partition } =
    opts.assignedTo !== undefined
      ? { index: INDEXES.siteAssignment, partition: siteAssignmentPartition(site, opts.assignedTo) }
      : opts.status !== undefined
        ? { index: INDEXES.siteStatus, partition: siteStatusPartition(site, opts.status) }
        : { index: INDEXES.siteListing, partition: siteListingPartition(site) };
  const statusFilter = opts.assignedTo !== undefined && opts.status !== undefined;
  const page = await queryPage({
    IndexName: index.name,
    KeyConditionExpression: '#pk = :pk',
    ...(statusFilter ? { FilterExpression: '#status = :status' } : {}),
    ExpressionAttributeNames: { '#pk': index.partitionKey, ...(statusFilter ? { '#status': 'status' } : {}) },
    ExpressionAttributeValues: { ':pk': partition, ...(statusFilter ? { ':status': opts.status } : {}) },
    ScanIndexForward: false,
    Limit: opts.limit,
    ...(opts.after
      ? { ExclusiveStartKey: { [index.partitionKey]: partition, [index.sortKey]: opts.after.sortKey, PK: opts.after.pk, SK: SK.profile } }
      : {}),
  });
  return {
    // Defence in depth: an index entry that lags behind a transfer never shows another site's person.
    items: page.items.map((i) => parseItem(ParticipantSchema, i)).filter((p) => p.site === site),
    ...(page.last ? { next: { sortKey: String(page.last[index.sortKey]), pk: String(page.last['PK']) } } : {}),
  };
}

/** Profiles by id (one BatchGetItem of at most 100), in the order asked; missing ones left out. */
export async function getParticipants(ids: readonly string[]): Promise<Participant[]> {
  if (ids.length === 0) return [];
  if (ids.length > 100) throw new RangeError('at most 100 participants at once');
  const found = new Map<string, Participant>();
  let keys: Record<string, unknown>[] = ids.map((id) => key.participant(id) as unknown as Record<string, unknown>);
  for (let attempt = 0; keys.length > 0 && attempt < 5; attempt++) {
    if (attempt > 0) await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
    const out = await dynamo.send(new BatchGetCommand({ RequestItems: { [tableName()]: { Keys: keys, ConsistentRead: true } } }));
    for (const item of out.Responses?.[tableName()] ?? []) {
      const p = parseItem(ParticipantSchema, item);
      found.set(p.id, p);
    }
    keys = (out.UnprocessedKeys?.[tableName()]?.Keys ?? []) as Record<string, unknown>[];
  }
  if (keys.length > 0) throw new Error('participants not read (throttled)');
  return ids.map((id) => found.get(id)).filter((p): p is Participant => p !== undefined);
}

/** How many open cases (not withdrawn) of the site are assigned to one staff member: a COUNT Query on GSI5. */
export async function countAssigned(site: string, sub: string): Promise<number> {
  let count = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const out = await dynamo.send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: INDEXES.siteAssignment.name,
        KeyConditionExpression: '#pk = :pk',
        FilterExpression: '#status <> :withdrawn',
        ExpressionAttributeNames: { '#pk': INDEXES.siteAssignment.partitionKey, '#status': 'status' },
        ExpressionAttributeValues: { ':pk': siteAssignmentPartition(site, sub), ':withdrawn': 'withdrawn' },
        Select: 'COUNT',
        ExclusiveStartKey: startKey,
      }),
    );
    count += out.Count ?? 0;
    startKey = out.LastEvaluatedKey;
  } while (startKey);
  return count;
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
