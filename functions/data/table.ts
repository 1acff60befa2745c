import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type * as z from 'zod/mini';
import { dynamo } from '../clients/dynamo.js';
import { config } from '../lib/config.js';
import { agendaBefore, KEY_ATTRIBUTES, TABLE_KEYS } from './keys.js';

/**
 * The small shared helper under the entity modules: the table's name, conditional writes,
 * items parsed (not cast) into their stored shapes, paged queries. Keys live in keys.ts.
 *
 * Every state change is one single-item conditional write (no transactions: dynalite has none);
 * what spans items is made safe by idempotent steps a workflow may retry.
 */

export const tableName = () => config().tableName;

/** A stored item did not match its declared shape: a bug or a hand-edited item, never user input. */
export class StoredItemInvalid extends Error {
  override name = 'StoredItemInvalid';
}

/**
 * Runs a conditional write: its result, or undefined when its condition failed (the one outcome
 * every caller expects and handles). Any other error propagates.
 */
export async function ifCondition<T>(write: () => Promise<T>): Promise<T | undefined> {
  try {
    return await write();
  } catch (err) {
    if (err instanceof ConditionalCheckFailedException) return undefined;
    throw err;
  }
}

/** The item without its key attributes (PK, SK, index keys, type). */
export function stripKeys(item: Record<string, unknown>): Record<string, unknown> {
  const rest = { ...item };
  for (const k of KEY_ATTRIBUTES) delete rest[k];
  return rest;
}

/** Parses an item read from the table into its stored shape (schemas/model/). */
export function parseItem<S extends z.ZodMiniType>(schema: S, item: Record<string, unknown>): z.output<S> {
  const parsed = schema.safeParse(stripKeys(item));
  // The issue list may quote stored values (personal data): the error names the shape only.
  if (!parsed.success) throw new StoredItemInvalid(`stored item does not match its shape (${String(item[TABLE_KEYS.sortKey]).split('#')[0]})`);
  return parsed.data as z.output<S>;
}

export const epochSeconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);
export const isoOf = (epoch: number) => new Date(epoch * 1000).toISOString();

/** Expired items (the TTL attribute) are absent: DynamoDB's own deletion lags up to two days. */
export const isExpired = (item: Record<string, unknown> | undefined, now = Date.now()) => {
  const expiresAt = item?.[TABLE_KEYS.timeToLive];
  return typeof expiresAt === 'number' && expiresAt * 1000 <= now;
};

/** Every page of a query (bounded by `maxItems`), for collections that stay small. */
export async function queryAll(input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>, maxItems = 1000): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const out = await dynamo.send(new QueryCommand({ ...input, TableName: tableName(), ExclusiveStartKey: startKey }));
    items.push(...(out.Items ?? []));
    startKey = out.LastEvaluatedKey;
  } while (startKey && items.length < maxItems);
  return items;
}

/** One page of a query and where the next one starts. */
export async function queryPage(
  input: Omit<QueryCommandInput, 'TableName'>,
): Promise<{ items: Record<string, unknown>[]; last?: Record<string, unknown> }> {
  const out = await dynamo.send(new QueryCommand({ ...input, TableName: tableName() }));
  return { items: out.Items ?? [], ...(out.LastEvaluatedKey ? { last: out.LastEvaluatedKey } : {}) };
}

/**
 * A page of a due queue: the items in one partition of an index whose sort keys begin with a due
 * time (`<due>#…`), those due at or before `until`, soonest first. The agenda and both retention
 * due indexes are such queues (keys.ts).
 */
export function queryDue(
  queue: { index: { name: string; partitionKey: string; sortKey: string }; partition: string },
  until: string,
  limit: number,
  after?: Record<string, unknown>,
): Promise<{ items: Record<string, unknown>[]; last?: Record<string, unknown> }> {
  const { name, partitionKey, sortKey } = queue.index;
  return queryPage({
    IndexName: name,
    KeyConditionExpression: '#pk = :pk AND #sk < :until',
    ExpressionAttributeNames: { '#pk': partitionKey, '#sk': sortKey },
    ExpressionAttributeValues: { ':pk': queue.partition, ':until': agendaBefore(until) },
    ScanIndexForward: true,
    Limit: limit,
    ...(after ? { ExclusiveStartKey: after } : {}),
  });
}
