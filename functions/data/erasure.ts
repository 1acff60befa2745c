import { BatchWriteCommand, DeleteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ParticipantSchema, type ErasureState, type Participant, type Restriction } from '../../schemas/model/participant.js';
import { dynamo } from '../clients/dynamo.js';
import { INDEXES, key, RETENTION_DUE, retentionDueKeys, type ItemKey } from './keys.js';
import { whyNot, type ChangeResult } from './participant-changes.js';
import { ifCondition, parseItem, queryDue, tableName } from './table.js';

/**
 * Erasure (Art. 17) and restriction (Art. 18) in the table (keys.ts): the restriction's one
 * conditional write on the profile and the hiding of the person's placements and cases, the
 * erasure's fixed start, the deletes, and the page of people due for erasure.
 */

const I = INDEXES;
const DUE = RETENTION_DUE.index;

/**
 * Restricts a person: the restriction on the profile, the profile out of the site listing, status
 * and assignment indexes, and into the retention due partition (GSI4, which no longer holds an
 * agenda entry for them). On the version the caller saw; once.
 */
export async function restrictProfile(p: Participant, expectedVersion: number, restriction: Restriction, at: string): Promise<ChangeResult> {
  const due = retentionDueKeys(restriction.erasureDueAt, p.id);
  const out = await ifCondition(() =>
    dynamo.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: key.participant(p.id),
        UpdateExpression:
          `SET restricted = :r, retentionDueAt = :due, version = version + :one, updatedAt = :at, ${DUE.partitionKey} = :dpk, ${DUE.sortKey} = :dsk ` +
          `REMOVE ${[I.siteListing, I.siteStatus, I.siteAssignment].flatMap((x) => [x.partitionKey, x.sortKey]).join(', ')}`,
        ConditionExpression: 'attribute_exists(PK) AND site = :site AND version = :version AND attribute_not_exists(restricted) AND attribute_not_exists(erasure)',
        ExpressionAttributeValues: {
          ':r': restriction,
          ':due': restriction.erasureDueAt,
          ':one': 1,
          ':at': at,
          ':dpk': due[DUE.partitionKey],
          ':dsk': due[DUE.sortKey],
          ':site': p.site,
          ':version': expectedVersion,
        },
        ReturnValues: 'ALL_NEW',
      }),
    ),
  );
  if (out?.Attributes) return { ok: true, participant: parseItem(ParticipantSchema, out.Attributes) };
  return whyNot(p.id, p.site, expectedVersion);
}

/** Takes a restricted person's placement or case out of the site's lists and agenda (idempotent); it stays reachable by the person's id for the erasure. */
export async function hideFromLists(itemKey: ItemKey): Promise<void> {
  await ifCondition(() =>
    dynamo.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: itemKey,
        UpdateExpression: `SET restricted = :yes REMOVE ${[I.siteListing, I.siteStatus, I.siteAgenda].flatMap((x) => [x.partitionKey, x.sortKey]).join(', ')}`,
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeValues: { ':yes': true },
      }),
    ),
  );
}

/**
 * Fixes the erasure's id, time and reason on the profile before anything is deleted, unless an
 * earlier attempt did: a retry then finishes that erasure (same id, same audit entry). Answers the
 * erasure in force, or undefined when the profile is gone (erased already) or the version is stale.
 */
export async function beginErasure(participantId: string, erasure: ErasureState, expectedVersion?: number): Promise<ErasureState | undefined> {
  const out = await ifCondition(() =>
    dynamo.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: key.participant(participantId),
        UpdateExpression: 'SET erasure = if_not_exists(erasure, :e)',
        ConditionExpression: expectedVersion === undefined ? 'attribute_exists(PK)' : 'attribute_exists(PK) AND (version = :version OR attribute_exists(erasure))',
        ExpressionAttributeValues: { ':e': erasure, ...(expectedVersion === undefined ? {} : { ':version': expectedVersion }) },
        ReturnValues: 'ALL_NEW',
      }),
    ),
  );
  return out?.Attributes ? parseItem(ParticipantSchema, out.Attributes).erasure : undefined;
}

/** Deletes items in batches of 25, retrying what DynamoDB left unprocessed. Deleting what is gone already is no error. */
export async function deleteItems(keys: readonly ItemKey[]): Promise<void> {
  const unique = [...new Map(keys.map((k) => [`${k.PK}\u0000${k.SK}`, k])).values()];
  for (let i = 0; i < unique.length; i += 25) {
    let pending: { DeleteRequest: { Key: ItemKey } }[] | undefined = unique.slice(i, i + 25).map((Key) => ({ DeleteRequest: { Key } }));
    for (let attempt = 0; pending?.length && attempt < 8; attempt++) {
      const out = await dynamo.send(new BatchWriteCommand({ RequestItems: { [tableName()]: pending } }));
      pending = out.UnprocessedItems?.[tableName()] as typeof pending;
    }
    if (pending?.length) throw new Error('BatchWrite left items unprocessed');
  }
}

/** Deletes the profile last: as long as it exists, a retry finds every other item through it. */
export async function deleteProfile(participantId: string): Promise<void> {
  await dynamo.send(new DeleteCommand({ TableName: tableName(), Key: key.participant(participantId) }));
}

/** A page of the people due for erasure at `now` (their due time passed), soonest first. */
export async function dueForErasure(now: string, limit: number, after?: Record<string, unknown>): Promise<{ due: Participant[]; last?: Record<string, unknown> }> {
  const page = await queryDue(RETENTION_DUE, now, limit, after);
  // The index projects every attribute: the profiles themselves, no Get per person.
  return { due: page.items.map((i) => parseItem(ParticipantSchema, i)), ...(page.last ? { last: page.last } : {}) };
}
