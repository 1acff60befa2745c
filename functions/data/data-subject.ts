import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import { DATA_EXPORT_KINDS, type DataExportKind } from '../../schemas/data-export.js';
import { dynamo } from '../clients/dynamo.js';
import { config } from '../lib/config.js';
import {
  INDEXES,
  ITEM_TYPE,
  key,
  participantPartition,
  participantPlacementsPartition,
  participantRecognitionPartition,
  SK,
  TABLE_KEYS,
  type ItemKey,
} from './keys.js';
import { isExpired, queryAll, stripKeys, StoredItemInvalid, tableName } from './table.js';

/**
 * Every item the table holds about one person, gathered by the keys that lead to them (keys.ts),
 * for the access request (Art. 15) and, later, erasure. Nothing is found by scanning: each kind is
 * reached from the person's own partition or from ids their items name.
 *
 * | kind                  | reached by                                                                 |
 * |-----------------------|----------------------------------------------------------------------------|
 * | Participant, ParticipantSubmission, NameIndexEntry, Audit | Query PK = PARTICIPANT#<id> (the whole partition) |
 * | Submission            | Get SUBMISSION#<id> for the first submission, every duplicate and every further submission |
 * | ReferenceLookup       | Get REFERENCE#<reference> for the person's and each further submission's reference |
 * | Identity              | Get IDENTITY#<hash> for each identity hash the caller computed from the entries |
 * | Placement             | Query GSI3 PARTICIPANT#<id>#PLACEMENTS                                      |
 * | EmployerLink          | Get EMPLOYER_LINK#<hash> for each of the placements' link hashes            |
 * | RecognitionCase       | Query GSI3 PARTICIPANT#<id>#RECOGNITION (cases and drafts)                  |
 * | TeamNotice            | Get TEAM_NOTICE#<id>#<day> for each day a submission came in, per configured site |
 *
 * Items past their TTL are included and marked: until DynamoDB deletes them, they are stored.
 */

export interface StoredItem {
  kind: DataExportKind;
  key: ItemKey;
  expired: boolean;
  /** Every attribute but the keys; string sets as sorted arrays. */
  attributes: Record<string, unknown>;
}

/** How the caller's rules lead from the person's items to keys outside their partition. */
export interface PersonKeys {
  participantId: string;
  /** The identity hash of an entry (the profile's, a further submission's): functions/domain/intake.ts. */
  identityHashOf: (entry: Record<string, unknown>) => string;
  /** The team notice's day of a submission received at an instant (Berlin, YYYY-MM-DD). */
  noticeDayOf: (receivedAt: string) => string;
}

const BY_SORT_KEY: [string, DataExportKind][] = [
  [SK.profile, 'Participant'],
  [SK.linkedSubmissionPrefix, 'ParticipantSubmission'],
  [SK.nameEntryPrefix, 'NameIndexEntry'],
  [SK.auditPrefix, 'Audit'],
];

export async function itemsOfPerson(person: PersonKeys): Promise<StoredItem[]> {
  const id = person.participantId;
  const [own, placements, cases] = await Promise.all([
    queryAll({ KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': participantPartition(id) }, ConsistentRead: true }, 100_000),
    byParticipantIndex(participantPlacementsPartition(id)),
    byParticipantIndex(participantRecognitionPartition(id)),
  ]);
  const ownItems = own.map((i) => stored(i, kindInPartition(String(i[TABLE_KEYS.sortKey]))));
  const profile = ownItems.find((i) => i.kind === 'Participant');
  if (!profile) return [];
  const further = ownItems.filter((i) => i.kind === 'ParticipantSubmission');

  const submissionIds = new Set<string>([String(profile.attributes['firstSubmissionId'])]);
  for (const s of asArray(profile.attributes['duplicateSubmissionIds'])) submissionIds.add(s);
  for (const f of further) submissionIds.add(String(f.attributes['submissionId']));
  const references = new Set<string>([String(profile.attributes['reference']), ...further.map((f) => String(f.attributes['reference']))]);
  const placementItems = placements.filter((p) => p['participantId'] === id).map((p) => stored(p, 'Placement'));
  const linkHashes = placementItems.flatMap((p) => asArray(p.attributes['linkHashes']));
  const entries = [profile, ...further].map((i) => i.attributes['entry']).filter((e): e is Record<string, unknown> => !!e && typeof e === 'object');

  const first: ItemKey[] = [
    ...[...submissionIds].map((s) => key.submission(s)),
    ...[...references].map((r) => key.reference(r)),
    ...[...new Set(entries.map(person.identityHashOf))].map((h) => key.identity(h)),
    ...[...new Set(linkHashes)].map((h) => key.employerLink(h)),
  ];
  const fetched = (await getMany(first)).map((i) => stored(i, kindOfType(i['type'])));
  // Team notices are keyed by the day each submission came in, for the team it went to (any site).
  const days = new Set(fetched.filter((i) => i.kind === 'Submission').map((i) => person.noticeDayOf(String(i.attributes['receivedAt']))));
  const notices = (await getMany([...days].flatMap((day) => config().siteIds.map((site) => key.teamNotice(id, day, site))))).map((i) => stored(i, 'TeamNotice'));
  return [
    ...ownItems,
    // An identity, reference or submission that names another participant (never expected) is theirs, not this person's.
    ...fetched.filter((i) => i.kind === 'EmployerLink' || i.attributes['participantId'] === undefined || i.attributes['participantId'] === id),
    ...notices,
    ...placementItems,
    ...cases.filter((c) => c['participantId'] === id).map((c) => stored(c, 'RecognitionCase')),
  ];
}

async function byParticipantIndex(partition: string): Promise<Record<string, unknown>[]> {
  const index = INDEXES.siteNames; // GSI3 holds the by-participant partitions of placements and cases (keys.ts)
  return queryAll({
    IndexName: index.name,
    KeyConditionExpression: '#pk = :pk',
    ExpressionAttributeNames: { '#pk': index.partitionKey },
    ExpressionAttributeValues: { ':pk': partition },
  });
}

/** Consistent BatchGet in pages of 100, with the unprocessed keys retried. */
async function getMany(keys: readonly ItemKey[]): Promise<Record<string, unknown>[]> {
  const unique = [...new Map(keys.map((k) => [`${k.PK}\u0000${k.SK}`, k])).values()];
  const items: Record<string, unknown>[] = [];
  for (let i = 0; i < unique.length; i += 100) {
    let pending: Record<string, unknown>[] | undefined = unique.slice(i, i + 100) as unknown as Record<string, unknown>[];
    for (let attempt = 0; pending?.length && attempt < 8; attempt++) {
      const out = await dynamo.send(new BatchGetCommand({ RequestItems: { [tableName()]: { Keys: pending, ConsistentRead: true } } }));
      items.push(...(out.Responses?.[tableName()] ?? []));
      pending = out.UnprocessedKeys?.[tableName()]?.Keys as Record<string, unknown>[] | undefined;
    }
    if (pending?.length) throw new Error('BatchGet left keys unprocessed');
  }
  return items;
}

function kindInPartition(sortKey: string): DataExportKind {
  const match = BY_SORT_KEY.find(([prefix]) => sortKey === prefix || (prefix.endsWith('#') && sortKey.startsWith(prefix)));
  // An item of an unknown kind under the person's key is a bug to see, never one to leave out.
  if (!match) throw new StoredItemInvalid(`unknown item kind in a participant partition (${sortKey.split('#')[0]})`);
  return match[1];
}

function kindOfType(type: unknown): DataExportKind {
  const known = Object.values(ITEM_TYPE) as string[];
  if (typeof type === 'string' && known.includes(type) && (DATA_EXPORT_KINDS as readonly string[]).includes(type)) return type as DataExportKind;
  throw new StoredItemInvalid('unknown item type among a person\'s items');
}

function stored(item: Record<string, unknown>, kind: DataExportKind): StoredItem {
  return {
    kind,
    key: { PK: String(item[TABLE_KEYS.partitionKey]), SK: String(item[TABLE_KEYS.sortKey]) },
    expired: isExpired(item),
    attributes: plain(stripKeys(item)) as Record<string, unknown>,
  };
}

/** Sets (DynamoDB string and number sets) as sorted arrays, so the copy is plain JSON. */
function plain(value: unknown): unknown {
  if (value instanceof Set) return [...value].map(plain).sort();
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return value;
}

function asArray(value: unknown): string[] {
  if (value instanceof Set || Array.isArray(value)) return [...value].map(String);
  return [];
}
