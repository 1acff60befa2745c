import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { COUNT_KEYS, type Counts } from '../../schemas/exits.js';
import { dynamo } from '../clients/dynamo.js';
import { figureCounterPartition, ITEM_TYPE, key, SK } from './keys.js';
import { ifCondition, queryAll, tableName } from './table.js';

/**
 * Figure counters: one item per site and entry day with the sums of its participants'
 * contributions (docs/figures.md). A delta is added under a change id with one conditional
 * Update: the id is kept in `inflight` until the participant has recorded it as applied, so a
 * retried add is refused; `cleanups` counts removals of ids, so an add prepared before a removal
 * is refused too (it re-reads). The item holds only the ids of changes in flight: it stays small.
 */

export interface CounterState {
  exists: boolean;
  cleanups: number;
  inflight: Record<string, string>;
}

export interface DayCounts extends Counts {
  day: string;
}

export async function readCounter(site: string, day: string): Promise<CounterState> {
  const out = await dynamo.send(new GetCommand({ TableName: tableName(), Key: key.figureCounter(site, day), ConsistentRead: true }));
  const item = out.Item;
  if (!item) return { exists: false, cleanups: 0, inflight: {} };
  return { exists: true, cleanups: Number(item['cleanups'] ?? 0), inflight: (item['inflight'] as Record<string, string> | undefined) ?? {} };
}

/**
 * Adds `delta` under change id `cid`, only if the item is still as read (`seen`): absent, or with
 * the same number of cleanups and without this id. False when the condition failed: read again.
 */
export async function addToCounter(site: string, day: string, cid: string, delta: Counts, seen: CounterState, at: string): Promise<boolean> {
  const adds = COUNT_KEYS.map((k, i) => `#c${i} :d${i}`).join(', ');
  const names: Record<string, string> = Object.fromEntries(COUNT_KEYS.map((k, i) => [`#c${i}`, k]));
  const values: Record<string, unknown> = Object.fromEntries(COUNT_KEYS.map((k, i) => [`:d${i}`, delta[k]]));
  const out = await ifCondition(() =>
    dynamo.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: key.figureCounter(site, day),
        UpdateExpression: seen.exists
          ? `ADD ${adds} SET inflight.#cid = :at`
          : `ADD ${adds}, cleanups :zero SET inflight = :inflight, #type = :type, site = :site, #day = :day`,
        ConditionExpression: seen.exists ? 'cleanups = :seen AND attribute_not_exists(inflight.#cid)' : 'attribute_not_exists(PK)',
        ExpressionAttributeNames: { ...names, ...(seen.exists ? { '#cid': cid } : { '#type': 'type', '#day': 'day' }) },
        ExpressionAttributeValues: {
          ...values,
          ...(seen.exists ? { ':at': at, ':seen': seen.cleanups } : { ':zero': 0, ':inflight': { [cid]: at }, ':type': ITEM_TYPE.figureCounter, ':site': site, ':day': day }),
        },
      }),
    ),
  );
  return out !== undefined;
}

/** Removes a change id the participant has recorded as applied (idempotent: a second removal changes nothing). */
export async function removeChangeId(site: string, day: string, cid: string): Promise<void> {
  await ifCondition(() =>
    dynamo.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: key.figureCounter(site, day),
        UpdateExpression: 'REMOVE inflight.#cid ADD cleanups :one',
        ConditionExpression: 'attribute_exists(inflight.#cid)',
        ExpressionAttributeNames: { '#cid': cid },
        ExpressionAttributeValues: { ':one': 1 },
      }),
    ),
  );
}

/** A site's counters for entry days `from`–`to` (both included): one Query, one item per day with entries. */
export async function countersOf(site: string, from: string, to: string): Promise<DayCounts[]> {
  const items = await queryAll(
    {
      KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': figureCounterPartition(site), ':from': `${SK.figureDayPrefix}${from}`, ':to': `${SK.figureDayPrefix}${to}` },
      ConsistentRead: true,
    },
    100_000,
  );
  return items.map((item) => {
    const c = Object.fromEntries(COUNT_KEYS.map((k) => [k, Number(item[k] ?? 0)])) as Counts;
    return { ...c, day: String(item['SK']).slice(SK.figureDayPrefix.length) };
  });
}
