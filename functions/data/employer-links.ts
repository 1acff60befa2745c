import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { retentionSeconds } from '../../schemas/retention.js';
import { EmployerLinkSchema, type EmployerLink } from '../../schemas/model/placement.js';
import { dynamo } from '../clients/dynamo.js';
import { ITEM_TYPE, key, recordDueKeys } from './keys.js';
import { epochSeconds, isExpired, isoOf, parseItem, tableName } from './table.js';

/**
 * Employer links (keys.ts): one item per minted link, keyed by the SHA-256 of its opaque id; the
 * id itself is stored nowhere. Which links still work is the placement's `linkHashes`.
 */

/** How long an item outlives its link, so that an expired link still says "expired" (not "unknown"). */
const KEPT_AFTER_VALIDITY_SECONDS = retentionSeconds('employer_link');

/** Stores a freshly minted link (a random 256-bit id cannot collide: the condition is a guard). */
export async function putEmployerLink(hash: string, link: Omit<EmployerLink, 'expiresAt'>): Promise<EmployerLink> {
  const item: EmployerLink = { ...link, expiresAt: epochSeconds(link.validUntil) + KEPT_AFTER_VALIDITY_SECONDS };
  await dynamo.send(
    new PutCommand({
      TableName: tableName(),
      Item: { ...key.employerLink(hash), type: ITEM_TYPE.employerLink, ...recordDueKeys(isoOf(item.expiresAt), 'employer_link'), ...item },
      ConditionExpression: 'attribute_not_exists(PK)',
    }),
  );
  return item;
}

/** The link item of a hash; undefined when unknown (forged, tampered) or deleted by its TTL. */
export async function getEmployerLink(hash: string): Promise<EmployerLink | undefined> {
  const out = await dynamo.send(new GetCommand({ TableName: tableName(), Key: key.employerLink(hash), ConsistentRead: true }));
  if (!out.Item || isExpired(out.Item)) return undefined;
  return parseItem(EmployerLinkSchema, out.Item);
}
