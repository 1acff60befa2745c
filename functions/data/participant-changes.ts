import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ParticipantSchema, type Assignment, type Participant } from '../../schemas/model/participant.js';
import { dynamo } from '../clients/dynamo.js';
import { AGENDA_KINDS, agendaKeys, assignmentKeys, INDEXES, key, participantIndexKeys, retentionDueKeys, siteStatusPartition, UNSETTLED_FIGURES } from './keys.js';
import { getParticipant } from './participants.js';
import { ifCondition, parseItem, tableName } from './table.js';

/**
 * Changes staff make to a participant: each one conditional write on the profile, with the
 * version the caller saw (optimistic locking), and the profile's index keys moving in the same
 * write — the status index, the site's agenda ("Heute"), the assignment index, the site.
 */

const AGENDA = INDEXES.siteAgenda;
const ASSIGNMENT = INDEXES.siteAssignment;
/** Set by every write that may move the participant's figures, in the same write (docs/figures.md). */
const UNSETTLED = `${UNSETTLED_FIGURES.index.partitionKey} = :upk, ${UNSETTLED_FIGURES.index.sortKey} = :usk`;
const unsettledValues = (id: string) => ({ ':upk': UNSETTLED_FIGURES.partition, ':usk': id });

export type StatusChange =
  | { status: 'contacted'; firstContact: NonNullable<Participant['firstContact']> }
  | { status: 'withdrawn'; withdrawal: NonNullable<Participant['withdrawal']> };

export type ChangeResult = { ok: true; participant: Participant } | { ok: false; reason: 'not_found' | 'version' | 'status' };

/** Why a conditional write failed, from a fresh read (dynalite does not return the old item). */
export async function whyNot(participantId: string, site: string, expectedVersion: number): Promise<ChangeResult> {
  const current = await getParticipant(participantId);
  if (!current || current.site !== site) return { ok: false, reason: 'not_found' };
  if (current.version !== expectedVersion) return { ok: false, reason: 'version' };
  return { ok: false, reason: 'status' };
}

/**
 * Moves a participant to contacted or withdrawn: the status index key moves with the status, and
 * the participant leaves the site's agenda (no longer waiting for a first contact).
 */
export async function changeStatus(participantId: string, site: string, expectedVersion: number, change: StatusChange, at: string, retentionDueAt?: string): Promise<ChangeResult> {
  const detail = change.status === 'contacted' ? { name: 'firstContact', value: change.firstContact } : { name: 'withdrawal', value: change.withdrawal };
  // A withdrawal starts the retention period: the agenda entry gives way to the retention due one (GSI4).
  const due = retentionDueAt ? retentionDueKeys(retentionDueAt, participantId) : undefined;
  const agenda = due
    ? `, retentionDueAt = :due, ${AGENDA.partitionKey} = :dpk, ${AGENDA.sortKey} = :dsk`
    : ` REMOVE ${AGENDA.partitionKey}, ${AGENDA.sortKey}`;
  const out = await ifCondition(() =>
    dynamo.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: key.participant(participantId),
        UpdateExpression: `SET #status = :status, #detail = :detail, version = version + :one, updatedAt = :at, ${INDEXES.siteStatus.partitionKey} = :gsi2pk, ${UNSETTLED}${agenda}`,
        ConditionExpression: 'attribute_exists(PK) AND site = :site AND version = :version AND #status IN (:from1, :from2) AND attribute_not_exists(restricted)',
        ExpressionAttributeNames: { '#status': 'status', '#detail': detail.name },
        ExpressionAttributeValues: {
          ':status': change.status,
          ':detail': detail.value,
          ':one': 1,
          ':at': at,
          ':gsi2pk': siteStatusPartition(site, change.status),
          ':site': site,
          ':version': expectedVersion,
          // A first contact follows registration; a withdrawal may also follow a first contact.
          ':from1': 'new',
          ':from2': change.status === 'withdrawn' ? 'contacted' : 'new',
          ...unsettledValues(participantId),
          ...(due ? { ':due': retentionDueAt, ':dpk': due[AGENDA.partitionKey], ':dsk': due[AGENDA.sortKey] } : {}),
        },
        ReturnValues: 'ALL_NEW',
      }),
    ),
  );
  if (out?.Attributes) return { ok: true, participant: parseItem(ParticipantSchema, out.Attributes) };
  return whyNot(participantId, site, expectedVersion);
}

/**
 * Puts a participant who waits for a first contact on the site's agenda, due when the first
 * contact is. Only while they are `new` at that site: a contact recorded meanwhile keeps them off.
 * False when the condition failed (status or site changed).
 */
export async function placeOnAgenda(participantId: string, site: string, dueAt: string): Promise<boolean> {
  const keys = agendaKeys(site, dueAt, AGENDA_KINDS.intake, participantId);
  const out = await ifCondition(() =>
    dynamo.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: key.participant(participantId),
        UpdateExpression: 'SET #apk = :apk, #ask = :ask',
        ConditionExpression: 'attribute_exists(PK) AND site = :site AND #status = :new',
        ExpressionAttributeNames: { '#apk': AGENDA.partitionKey, '#ask': AGENDA.sortKey, '#status': 'status' },
        ExpressionAttributeValues: { ':apk': keys[AGENDA.partitionKey], ':ask': keys[AGENDA.sortKey], ':site': site, ':new': 'new' },
      }),
    ),
  );
  return out !== undefined;
}

/** Assigns a staff member (or nobody): the assignment index key moves with it. */
export async function assign(p: Participant, expectedVersion: number, assignment: Assignment | null, at: string): Promise<ChangeResult> {
  const keys = assignment ? assignmentKeys(p.site, assignment.sub, p.createdAt, p.id) : undefined;
  const out = await ifCondition(() =>
    dynamo.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: key.participant(p.id),
        UpdateExpression: keys
          ? 'SET assignedTo = :a, version = version + :one, updatedAt = :at, #gpk = :gpk, #gsk = :gsk'
          : 'SET version = version + :one, updatedAt = :at REMOVE assignedTo, #gpk, #gsk',
        ConditionExpression: 'attribute_exists(PK) AND site = :site AND version = :version',
        ExpressionAttributeNames: { '#gpk': ASSIGNMENT.partitionKey, '#gsk': ASSIGNMENT.sortKey },
        ExpressionAttributeValues: {
          ':one': 1,
          ':at': at,
          ':site': p.site,
          ':version': expectedVersion,
          ...(keys ? { ':a': assignment, ':gpk': keys[ASSIGNMENT.partitionKey], ':gsk': keys[ASSIGNMENT.sortKey] } : {}),
        },
        ReturnValues: 'ALL_NEW',
      }),
    ),
  );
  if (out?.Attributes) return { ok: true, participant: parseItem(ParticipantSchema, out.Attributes) };
  return whyNot(p.id, p.site, expectedVersion);
}

export type TransferResult = ChangeResult | { ok: false; reason: 'changed' };

/**
 * Moves a participant (as read: `p`) to another site in one conditional write: the site, the
 * site listing and status index keys, the agenda entry if they wait for a first contact; the
 * assignment ends (the assignee works at the old site). `changed`: the follow-up was scheduled
 * between the read and the write (it sets no version) — read again and retry.
 */
export async function transfer(p: Participant, expectedVersion: number, toSite: string, at: string, by: string): Promise<TransferResult> {
  const moved = participantIndexKeys({ ...p, site: toSite });
  const onAgenda = p.status === 'new' && p.followUp !== undefined;
  const agenda = onAgenda ? agendaKeys(toSite, p.followUp!.reminderDueAt, AGENDA_KINDS.intake, p.id) : undefined;
  const remove = [ASSIGNMENT.partitionKey, ASSIGNMENT.sortKey, 'assignedTo', ...(agenda ? [] : [AGENDA.partitionKey, AGENDA.sortKey])];
  const out = await ifCondition(() =>
    dynamo.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: key.participant(p.id),
        UpdateExpression:
          `SET site = :to, version = version + :one, updatedAt = :at, transferredFrom = :from, ` +
          `${INDEXES.siteListing.partitionKey} = :g1, ${INDEXES.siteStatus.partitionKey} = :g2, ${UNSETTLED}` +
          (agenda ? `, ${AGENDA.partitionKey} = :apk, ${AGENDA.sortKey} = :ask` : '') +
          ` REMOVE ${remove.join(', ')}`,
        ConditionExpression:
          `attribute_exists(PK) AND site = :site AND version = :version AND #status = :status AND ` +
          (p.followUp ? 'attribute_exists(followUp)' : 'attribute_not_exists(followUp)'),
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':to': toSite,
          ':one': 1,
          ':at': at,
          ':from': { fromSite: p.site, at, by },
          ':g1': moved[INDEXES.siteListing.partitionKey],
          ':g2': moved[INDEXES.siteStatus.partitionKey],
          ':site': p.site,
          ':version': expectedVersion,
          ':status': p.status,
          ...(agenda ? { ':apk': agenda[AGENDA.partitionKey], ':ask': agenda[AGENDA.sortKey] } : {}),
          ...unsettledValues(p.id),
        },
        ReturnValues: 'ALL_NEW',
      }),
    ),
  );
  if (out?.Attributes) return { ok: true, participant: parseItem(ParticipantSchema, out.Attributes) };
  const why = await whyNot(p.id, p.site, expectedVersion);
  return !why.ok && why.reason === 'status' ? { ok: false, reason: 'changed' } : why;
}
