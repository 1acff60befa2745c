import { DeleteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { PlacementSchema, type Placement } from '../../schemas/model/placement.js';
import { dynamo } from '../clients/dynamo.js';
import { key, RECORDS_DUE, recordDueKeys, TABLE_KEYS, type DueRecordType, type ItemKey } from './keys.js';
import { ifCondition, parseItem, queryDue, tableName } from './table.js';

/**
 * The records other than people that the retention sweep erases when due (keys.ts, GSI5
 * RETENTION#RECORDS): submissions, employer links, team notice markers and audit entries are deleted, a placement's
 * employer contact is anonymised. Each write is conditional, so a restarted sweep changes nothing twice.
 */

const DUE = RECORDS_DUE.index;

export interface DueRecord {
  key: ItemKey;
  type: DueRecordType;
  item: Record<string, unknown>;
}

/** A page of the records due at `now`, soonest first. The index projects every attribute. */
export async function recordsDue(now: string, limit: number): Promise<DueRecord[]> {
  const page = await queryDue(RECORDS_DUE, now, limit);
  return page.items.map((item) => ({
    key: { PK: String(item[TABLE_KEYS.partitionKey]), SK: String(item[TABLE_KEYS.sortKey]) },
    type: String(item[DUE.sortKey]).split('#')[1] as DueRecordType,
    item,
  }));
}

/**
 * Deletes a record whose TTL has passed by `now` (epoch seconds). A record written again meanwhile
 * under the same key (a submission's idempotency record) has a later TTL and stays. False when nothing was deleted.
 */
export async function deleteExpired(itemKey: ItemKey, now: number): Promise<boolean> {
  const out = await ifCondition(() =>
    dynamo.send(
      new DeleteCommand({
        TableName: tableName(),
        Key: itemKey,
        ConditionExpression: '#ttl <= :now',
        ExpressionAttributeNames: { '#ttl': TABLE_KEYS.timeToLive },
        ExpressionAttributeValues: { ':now': now },
      }),
    ),
  );
  return out !== undefined;
}

export const placementOf = (r: DueRecord): Placement => parseItem(PlacementSchema, r.item);

/**
 * Anonymises the employer's contact on an ended placement: the contact person, their e-mail and
 * phone and the supervisor go; the firm's name and address, the dates and the outcome stay (the
 * participant's record of the placement). On the version read; out of the due index.
 */
export async function anonymiseEmployerContact(p: Placement, at: string): Promise<boolean> {
  const out = await ifCondition(() =>
    dynamo.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: key.placement(p.id),
        UpdateExpression:
          'SET employer.contactName = :gone, employer.email = :gone, contactErasedAt = :at, updatedAt = :at, version = version + :one ' +
          `REMOVE employer.phone, supervisor, ${DUE.partitionKey}, ${DUE.sortKey}`,
        ConditionExpression: 'version = :version',
        ExpressionAttributeValues: { ':gone': '', ':at': at, ':one': 1, ':version': p.version },
      }),
    ),
  );
  return out !== undefined;
}

/** Moves a placement whose employer contact is not due yet to the time the sweep should look again. */
export async function lookAgainAt(p: Placement, dueAt: string): Promise<void> {
  const next = recordDueKeys(dueAt, 'employer_contact', p.id);
  await ifCondition(() =>
    dynamo.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: key.placement(p.id),
        UpdateExpression: `SET ${DUE.sortKey} = :sk`,
        ConditionExpression: 'version = :version',
        ExpressionAttributeValues: { ':sk': next[DUE.sortKey], ':version': p.version },
      }),
    ),
  );
}
