import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ReferenceLookupSchema, type ReferenceLookup } from '../../schemas/model/search-index.js';
import { dynamo } from '../clients/dynamo.js';
import { INDEXES, ITEM_TYPE, key, nameIndexKeys, siteNamesPartition } from './keys.js';
import { ifCondition, parseItem, queryPage, tableName } from './table.js';

/**
 * The staff search's index items (keys.ts): a Reference lookup per reference (a participant's
 * own and each linked submission's) and the participant's Name-index entries. Every write is an
 * idempotent upsert, so the registration step may write them again on a retry; a search always
 * re-reads the participant and checks its site, so an entry can never show another site's person.
 */

/**
 * Points a reference at its participant. References are random (40 bits): should one ever be
 * taken by another participant, the first keeps it (false) and this one is found by name only.
 */
export async function indexReference(r: ReferenceLookup): Promise<boolean> {
  const out = await ifCondition(() =>
    dynamo.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: key.reference(r.reference),
        UpdateExpression: 'SET #type = :type, #ref = :ref, participantId = :pid, submissionId = if_not_exists(submissionId, :sid)',
        ConditionExpression: 'attribute_not_exists(PK) OR participantId = :pid',
        ExpressionAttributeNames: { '#type': 'type', '#ref': 'reference' },
        ExpressionAttributeValues: { ':type': ITEM_TYPE.reference, ':ref': r.reference, ':pid': r.participantId, ':sid': r.submissionId },
      }),
    ),
  );
  return out !== undefined;
}

export async function lookupReference(reference: string): Promise<ReferenceLookup | undefined> {
  const out = await dynamo.send(new GetCommand({ TableName: tableName(), Key: key.reference(reference), ConsistentRead: true }));
  return out.Item ? parseItem(ReferenceLookupSchema, out.Item) : undefined;
}

/** Writes (or moves, after a transfer) the participant's Name-index entries into its site's index. */
export async function indexNames(participantId: string, site: string, entries: readonly string[]): Promise<void> {
  const { partitionKey: pk, sortKey: sk } = INDEXES.siteNames;
  await Promise.all(
    entries.map((entry) => {
      const keys = nameIndexKeys(site, entry, participantId);
      return dynamo.send(
        new UpdateCommand({
          TableName: tableName(),
          Key: key.nameEntry(participantId, entry),
          UpdateExpression: 'SET #type = :type, participantId = :pid, #entry = :entry, #pk = :pk, #sk = :sk',
          ExpressionAttributeNames: { '#type': 'type', '#entry': 'entry', '#pk': pk, '#sk': sk },
          ExpressionAttributeValues: { ':type': ITEM_TYPE.nameEntry, ':pid': participantId, ':entry': entry, ':pk': keys[pk], ':sk': keys[sk] },
        }),
      );
    }),
  );
}

/**
 * One Query on the site's name index for a prefix: the ids of up to `limit` participants, in the
 * index's (alphabetical) order, and whether more matched.
 */
export async function searchNames(site: string, prefix: string, limit: number): Promise<{ ids: string[]; truncated: boolean }> {
  const { name, partitionKey, sortKey } = INDEXES.siteNames;
  const page = await queryPage({
    IndexName: name,
    KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
    ExpressionAttributeNames: { '#pk': partitionKey, '#sk': sortKey },
    ExpressionAttributeValues: { ':pk': siteNamesPartition(site), ':prefix': prefix },
    // A participant has a few entries; read enough of them to fill a page of people.
    Limit: limit * 3,
  });
  const ids: string[] = [];
  for (const item of page.items) {
    const id = item['participantId'];
    if (typeof id === 'string' && !ids.includes(id)) ids.push(id);
  }
  return { ids: ids.slice(0, limit), truncated: ids.length > limit || page.last !== undefined };
}
