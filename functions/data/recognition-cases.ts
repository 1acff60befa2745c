import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { RecognitionCaseSchema, RecognitionDraftSchema, type RecognitionCase, type RecognitionDraft } from '../../schemas/model/recognition.js';
import { dynamo } from '../clients/dynamo.js';
import type { ListPosition } from './cursor.js';
import {
  AGENDA_KINDS,
  agendaKeys,
  ITEM_TYPE,
  key,
  participantRecognitionPartition,
  RECOGNITION_INDEXES,
  recognitionIndexKeys,
  siteRecognitionPartition,
  SK,
} from './keys.js';
import { ifCondition, parseItem, queryPage, tableName } from './table.js';

/**
 * Recognition cases (keys.ts): one item per case, holding its facts (appended, never edited), its
 * checklist and costs, with its listing keys (site, participant) and, while a receipt or decision
 * deadline is unmet, its place on the site's agenda. A draft from the intake is the same item
 * with `draft: true` until a counsellor opens it. Staff changes: recognition-changes.ts; what the
 * workflow records: recognition-steps.ts.
 */

export type StoredRecognition = RecognitionCase | RecognitionDraft;

/** Parses a stored recognition item: a draft or a case. */
export function parseRecognition(item: Record<string, unknown>): StoredRecognition {
  return item['draft'] === true ? parseItem(RecognitionDraftSchema(), item) : parseItem(RecognitionCaseSchema(), item);
}

/** The item with its keys: listing keys always, the agenda keys while a deadline is unmet (`agendaDueAt`). */
export function recognitionItem(c: StoredRecognition, agendaDueAt: string | undefined): Record<string, unknown> {
  return {
    ...key.recognitionCase(c.id),
    type: ITEM_TYPE.recognitionCase,
    ...recognitionIndexKeys(c),
    ...(agendaDueAt ? agendaKeys(c.site, agendaDueAt, AGENDA_KINDS.recognitionDeadline, c.id) : {}),
    ...c,
  };
}

export type PutRecognitionResult = { created: true } | { created: false; existing: StoredRecognition | undefined };

/** Creates a case or a draft: one conditional Put (a retry with the same id finds the first). */
export async function putRecognition(c: StoredRecognition, agendaDueAt?: string): Promise<PutRecognitionResult> {
  const written = await ifCondition(() =>
    dynamo.send(new PutCommand({ TableName: tableName(), Item: recognitionItem(c, agendaDueAt), ConditionExpression: 'attribute_not_exists(PK)' })),
  );
  return written ? { created: true } : { created: false, existing: await getRecognition(c.id) };
}

export async function getRecognition(id: string): Promise<StoredRecognition | undefined> {
  const out = await dynamo.send(new GetCommand({ TableName: tableName(), Key: key.recognitionCase(id), ConsistentRead: true }));
  return out.Item ? parseRecognition(out.Item) : undefined;
}

/**
 * A page of one site's cases (and drafts), newest first: one Query on the site's recognition
 * listing. Each item comes with its position, so a caller filtering on read can continue after
 * exactly the last item it looked at. The partition is always the caller's site.
 */
export async function listRecognitionPage(
  site: string,
  opts: { after?: ListPosition; limit: number },
): Promise<{ items: { item: StoredRecognition; position: ListPosition }[]; more: boolean }> {
  const index = RECOGNITION_INDEXES.siteListing;
  const partition = siteRecognitionPartition(site);
  const page = await queryPage({
    IndexName: index.name,
    KeyConditionExpression: '#pk = :pk',
    ExpressionAttributeNames: { '#pk': index.partitionKey },
    ExpressionAttributeValues: { ':pk': partition },
    ScanIndexForward: false,
    Limit: opts.limit,
    ...(opts.after
      ? { ExclusiveStartKey: { [index.partitionKey]: partition, [index.sortKey]: opts.after.sortKey, PK: opts.after.pk, SK: SK.recognitionCase } }
      : {}),
  });
  const items = page.items
    .map((i) => ({ item: parseRecognition(i), position: { sortKey: String(i[index.sortKey]), pk: String(i['PK']) } }))
    .filter(({ item }) => item.site === site);
  return { items, more: page.last !== undefined };
}

/** A participant's cases and drafts, newest first (one Query; a person has a handful). */
export async function recognitionOfParticipant(participantId: string, limit = 50): Promise<StoredRecognition[]> {
  const index = RECOGNITION_INDEXES.byParticipant;
  const page = await queryPage({
    IndexName: index.name,
    KeyConditionExpression: '#pk = :pk',
    ExpressionAttributeNames: { '#pk': index.partitionKey },
    ExpressionAttributeValues: { ':pk': participantRecognitionPartition(participantId) },
    ScanIndexForward: false,
    Limit: limit,
  });
  return page.items.map(parseRecognition).filter((c) => c.participantId === participantId);
}
