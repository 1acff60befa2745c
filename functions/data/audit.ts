import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { randomBytes } from 'node:crypto';
import { AuditEntrySchema, type AuditEntry } from '../../schemas/model/audit.js';
import { dynamo } from '../clients/dynamo.js';
import { ITEM_TYPE, key, participantPartition, SK } from './keys.js';
import { parseItem, queryPage, tableName } from './table.js';

/** The audit trail: who (subject and role), when, what — no personal data (keys.ts). */

export async function appendAudit(participantId: string, entry: AuditEntry): Promise<void> {
  await dynamo.send(
    new PutCommand({
      TableName: tableName(),
      Item: { ...key.audit(participantId, entry.at, randomBytes(4).toString('hex')), type: ITEM_TYPE.audit, ...entry },
      ConditionExpression: 'attribute_not_exists(PK)',
    }),
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
      Item: { ...key.siteAudit(site, entry.at, randomBytes(4).toString('hex')), type: ITEM_TYPE.siteAudit, site, ...entry },
      ConditionExpression: 'attribute_not_exists(PK)',
    }),
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
