import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { createHash, randomBytes } from 'node:crypto';
import { AuditEntrySchema, type AuditEntry } from '../../schemas/model/audit.js';
import { dynamo } from '../clients/dynamo.js';
import { recordDueAt } from '../../schemas/retention.js';
import { ITEM_TYPE, key, participantPartition, recordDueKeys, SK } from './keys.js';
import { epochSeconds, ifCondition, parseItem, queryPage, tableName } from './table.js';

/** The audit trail: who (subject and role), when, what — no personal data (keys.ts). */

/** Every entry is due 36 months on (schemas/retention.ts): the sweep deletes it then, its TTL is the backstop. */
function retention(at: string) {
  const due = recordDueAt('audit_entry', at);
  return { expiresAt: epochSeconds(due), ...recordDueKeys(due, 'audit_entry') };
}

export async function appendAudit(participantId: string, entry: AuditEntry): Promise<void> {
  await dynamo.send(
    new PutCommand({
      TableName: tableName(),
      Item: { ...key.audit(participantId, entry.at, randomBytes(4).toString('hex')), type: ITEM_TYPE.audit, ...entry, ...retention(entry.at) },
      ConditionExpression: 'attribute_not_exists(PK)',
    }),
  );
}

/**
 * An entry a retried step may write again (a workflow's): its key is fixed by `once` (any
 * string naming the event, hashed to the key's suffix), so the second write changes nothing.
 */
export async function appendAuditOnce(participantId: string, entry: AuditEntry, once: string): Promise<void> {
  const suffix = createHash('sha256').update(once).digest('hex').slice(0, 8);
  await ifCondition(() =>
    dynamo.send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...key.audit(participantId, entry.at, suffix), type: ITEM_TYPE.audit, ...entry, ...retention(entry.at) },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    ),
  );
}

/**
 * A site-level entry (list, search, "Heute" reads): in the site's audit partition of the day
 * (keys.ts). The entry says who, when, what and e.g. which filter and how many results — never
 * a search text or anything else a person could be recognised by.
 */
export async function appendSiteAudit(site: string, entry: AuditEntry): Promise<void> {
  await dynamo.send(
    new PutCommand({
      TableName: tableName(),
      Item: { ...key.siteAudit(site, entry.at, randomBytes(4).toString('hex')), type: ITEM_TYPE.siteAudit, site, ...entry, ...retention(entry.at) },
      ConditionExpression: 'attribute_not_exists(PK)',
    }),
  );
}

/** A site-level entry a retried step may write again: its key is fixed by `once` (hashed), so the second write changes nothing. */
export async function appendSiteAuditOnce(site: string, entry: AuditEntry, once: string): Promise<void> {
  const suffix = createHash('sha256').update(once).digest('hex').slice(0, 8);
  await ifCondition(() =>
    dynamo.send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...key.siteAudit(site, entry.at, suffix), type: ITEM_TYPE.siteAudit, site, ...entry, ...retention(entry.at) },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    ),
  );
}

/** A page of a participant's audit trail, newest first; `after` is the last sort key seen. */
export async function auditPage(
  participantId: string,
  opts: { limit: number; after?: string },
): Promise<{ items: AuditEntry[]; next?: string }> {
  const pk = participantPartition(participantId);
  const page = await queryPage({
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
    ExpressionAttributeValues: { ':pk': pk, ':prefix': SK.auditPrefix },
    ScanIndexForward: false,
    Limit: opts.limit,
    ConsistentRead: true,
    ...(opts.after ? { ExclusiveStartKey: { PK: pk, SK: opts.after } } : {}),
  });
  return {
    items: page.items.map((i) => parseItem(AuditEntrySchema, i)),
    ...(page.last ? { next: String(page.last['SK']) } : {}),
  };
}
