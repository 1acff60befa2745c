import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { PlacementSchema, type Placement } from '../../schemas/model/placement.js';
import type { PlacementStatus } from '../../schemas/placements.js';
import { dynamo } from '../clients/dynamo.js';
import type { ListPosition } from './cursor.js';
import {
  AGENDA_KINDS,
  agendaKeys,
  ITEM_TYPE,
  key,
  participantPlacementsPartition,
  PLACEMENT_INDEXES,
  placementIndexKeys,
  recordDueKeys,
  sitePlacementsPartition,
  sitePlacementStatusPartition,
  SK,
} from './keys.js';
import { ifCondition, parseItem, queryPage, tableName } from './table.js';

/**
 * Trial placements (keys.ts): the placement item with its listing keys (site, status,
 * participant) and, while it waits for the employer, its place on the site's agenda. Staff and
 * employer changes: placement-changes.ts; what the workflow records: placement-steps.ts.
 */

export type PutPlacementResult = { created: true; placement: Placement } | { created: false; existing: Placement | undefined };

/** Requests a placement: one conditional Put (a retried request with the same key finds the first). */
/** `contactDueAt`: when the retention sweep first looks at the employer's contact (functions/domain/erasure.ts). */
export async function putPlacement(p: Placement, contactDueAt: string): Promise<PutPlacementResult> {
  const written = await ifCondition(() =>
    dynamo.send(
      new PutCommand({
        TableName: tableName(),
        Item: {
          ...key.placement(p.id),
          type: ITEM_TYPE.placement,
          ...placementIndexKeys(p),
          // Waiting for the employer from now on: on "Heute" until answered, expired or cancelled.
          ...agendaKeys(p.site, p.createdAt, AGENDA_KINDS.placementAnswer, p.id),
          ...recordDueKeys(contactDueAt, 'employer_contact', p.id),
          ...p,
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    ),
  );
  if (written) return { created: true, placement: p };
  return { created: false, existing: await getPlacement(p.id) };
}

export async function getPlacement(id: string): Promise<Placement | undefined> {
  const out = await dynamo.send(new GetCommand({ TableName: tableName(), Key: key.placement(id), ConsistentRead: true }));
  return out.Item ? parseItem(PlacementSchema, out.Item) : undefined;
}

/**
 * A page of one site's placements, newest first: one Query on the site's placement listing (or
 * its status index for one status). The partition is always the caller's site.
 */
export async function listPlacements(
  site: string,
  opts: { status?: PlacementStatus; after?: ListPosition; limit: number },
): Promise<{ items: Placement[]; next?: ListPosition }> {
  const { index, partition } =
    opts.status !== undefined
      ? { index: PLACEMENT_INDEXES.siteStatus, partition: sitePlacementStatusPartition(site, opts.status) }
      : { index: PLACEMENT_INDEXES.siteListing, partition: sitePlacementsPartition(site) };
  const page = await queryPage({
    IndexName: index.name,
    KeyConditionExpression: '#pk = :pk',
    ExpressionAttributeNames: { '#pk': index.partitionKey },
    ExpressionAttributeValues: { ':pk': partition },
    ScanIndexForward: false,
    Limit: opts.limit,
    ...(opts.after
      ? { ExclusiveStartKey: { [index.partitionKey]: partition, [index.sortKey]: opts.after.sortKey, PK: opts.after.pk, SK: SK.placement } }
      : {}),
  });
  return {
    items: page.items.map((i) => parseItem(PlacementSchema, i)).filter((p) => p.site === site),
    ...(page.last ? { next: { sortKey: String(page.last[index.sortKey]), pk: String(page.last['PK']) } } : {}),
  };
}

/** A participant's placements, newest first (one Query; a person has a handful). */
export async function placementsOfParticipant(participantId: string, limit = 50): Promise<Placement[]> {
  const index = PLACEMENT_INDEXES.byParticipant;
  const page = await queryPage({
    IndexName: index.name,
    KeyConditionExpression: '#pk = :pk',
    ExpressionAttributeNames: { '#pk': index.partitionKey },
    ExpressionAttributeValues: { ':pk': participantPlacementsPartition(participantId) },
    ScanIndexForward: false,
    Limit: limit,
  });
  return page.items.map((i) => parseItem(PlacementSchema, i)).filter((p) => p.participantId === participantId);
}
