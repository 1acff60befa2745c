import { UpdateCommand, type UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import { PlacementDueSchema, PlacementSchema, type Placement, type PlacementDue } from '../../schemas/model/placement.js';
import type { LinkPurpose } from '../../schemas/placements.js';
import { dynamo } from '../clients/dynamo.js';
import { AGENDA_KINDS, agendaKeys, key, PLACEMENT_INDEXES, sitePlacementStatusPartition } from './keys.js';
import { ifCondition, parseItem, tableName } from './table.js';

/**
 * What the TrialPlacement workflow records on a placement: due times (once), links, mails sent,
 * the task token, the expiry. Each write is conditional (on the status, and on not having been
 * recorded yet), so a retried or restarted step records once and never revives a closed placement.
 */

const AGENDA = PLACEMENT_INDEXES.agenda;
const update = (input: Omit<UpdateCommandInput, 'TableName'>) =>
  ifCondition(() => dynamo.send(new UpdateCommand({ TableName: tableName(), ...input })));

/** While the employer may act on a purpose: the answer (requested, none yet), the feedback (confirmed, none yet). */
const OPEN: Record<LinkPurpose, { condition: string; values: Record<string, string> }> = {
  answer: { condition: '#status = :requested AND attribute_not_exists(answer)', values: { ':requested': 'requested' } },
  feedback: { condition: '#status = :confirmed AND attribute_not_exists(feedback)', values: { ':confirmed': 'confirmed' } },
};
const dueField = (purpose: LinkPurpose) => (purpose === 'answer' ? 'answerDue' : 'feedbackDue');

/** Stores a wait's due times once; a retried or restarted step gets the stored ones. Undefined: no longer open. */
export async function storeDue(id: string, purpose: LinkPurpose, due: PlacementDue): Promise<PlacementDue | undefined> {
  const out = await update({
    Key: key.placement(id),
    UpdateExpression: `SET #due = if_not_exists(#due, :due)`,
    ConditionExpression: `attribute_exists(PK) AND ${OPEN[purpose].condition}`,
    ExpressionAttributeNames: { '#due': dueField(purpose), '#status': 'status' },
    ExpressionAttributeValues: { ':due': due, ...OPEN[purpose].values },
    ReturnValues: 'UPDATED_NEW',
  });
  const stored = PlacementDueSchema.safeParse(out?.Attributes?.[dueField(purpose)]);
  return out ? (stored.success ? stored.data : due) : undefined;
}

/** A minted link joins the links that work (a staff resend replaces them all). False: no longer open. */
export async function addLinkHash(id: string, purpose: LinkPurpose, hash: string): Promise<boolean> {
  const out = await update({
    Key: key.placement(id),
    UpdateExpression: 'ADD linkHashes :h SET linkPurpose = :purpose',
    ConditionExpression: `attribute_exists(PK) AND ${OPEN[purpose].condition}`,
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: { ':h': new Set([hash]), ':purpose': purpose, ...OPEN[purpose].values },
  });
  return out !== undefined;
}

export type SentField = 'requestSentAt' | 'checkInSentAt' | 'feedbackRequestSentAt' | 'teamToldAt' | 'participantToldAt' | 'outcomeRecordedAt';

/** Records that a step's mail went out (or its work is done), once. False if recorded already. */
export async function markDone(id: string, field: SentField, at: string): Promise<boolean> {
  const out = await update({
    Key: key.placement(id),
    UpdateExpression: 'SET #f = :at',
    ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(#f)',
    ExpressionAttributeNames: { '#f': field },
    ExpressionAttributeValues: { ':at': at },
  });
  return out !== undefined;
}

/** Records a reminder (or, for the feedback's second, asking the counsellor) as sent, once. */
export async function markReminderSent(id: string, purpose: LinkPurpose, which: 'firstReminderSentAt' | 'secondReminderSentAt', at: string): Promise<boolean> {
  const out = await update({
    Key: key.placement(id),
    UpdateExpression: 'SET #due.#w = :at',
    ConditionExpression: 'attribute_exists(#due) AND attribute_not_exists(#due.#w)',
    ExpressionAttributeNames: { '#due': dueField(purpose), '#w': which },
    ExpressionAttributeValues: { ':at': at },
  });
  return out !== undefined;
}

/** Keeps the waiting callback's task token, while the employer may still act. False: answered or closed. */
export async function storeTaskToken(id: string, purpose: LinkPurpose, token: string, at: string): Promise<boolean> {
  const out = await update({
    Key: key.placement(id),
    UpdateExpression: 'SET taskToken = :t, tokenPurpose = :purpose, tokenStoredAt = :at',
    ConditionExpression: `attribute_exists(PK) AND ${OPEN[purpose].condition}`,
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: { ':t': token, ':purpose': purpose, ':at': at, ...OPEN[purpose].values },
  });
  return out !== undefined;
}

/** No answer within 10 working days: the request expires (off the agenda). False: answered or closed meanwhile. */
export async function expirePlacement(id: string, site: string, at: string): Promise<boolean> {
  const out = await update({
    Key: key.placement(id),
    UpdateExpression: `SET #status = :expired, expiredAt = :at, version = version + :one, updatedAt = :at, ${PLACEMENT_INDEXES.siteStatus.partitionKey} = :spk REMOVE ${AGENDA.partitionKey}, ${AGENDA.sortKey}, taskToken`,
    ConditionExpression: `attribute_exists(PK) AND site = :site AND ${OPEN.answer.condition}`,
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: { ':expired': 'expired', ':at': at, ':one': 1, ':spk': sitePlacementStatusPartition(site, 'expired'), ':site': site, ...OPEN.answer.values },
  });
  return out !== undefined;
}

/**
 * The employer confirmed: the check-in and feedback times are stored once, the placement goes on
 * the agenda as "feedback due" on its last day, the used token goes. Undefined: no longer confirmed.
 */
export async function scheduleFollowUps(p: Placement, times: { checkInAt: string; feedbackAt: string }): Promise<Placement | undefined> {
  const agenda = agendaKeys(p.site, times.feedbackAt, AGENDA_KINDS.placementFeedback, p.id);
  const out = await update({
    Key: key.placement(p.id),
    UpdateExpression: 'SET checkInAt = if_not_exists(checkInAt, :c), feedbackAt = if_not_exists(feedbackAt, :f), #apk = :apk, #ask = :ask REMOVE taskToken',
    ConditionExpression: 'attribute_exists(PK) AND site = :site AND #status = :confirmed',
    ExpressionAttributeNames: { '#status': 'status', '#apk': AGENDA.partitionKey, '#ask': AGENDA.sortKey },
    ExpressionAttributeValues: {
      ':c': times.checkInAt,
      ':f': times.feedbackAt,
      ':apk': agenda[AGENDA.partitionKey],
      ':ask': agenda[AGENDA.sortKey],
      ':site': p.site,
      ':confirmed': 'confirmed',
    },
    ReturnValues: 'ALL_NEW',
  });
  return out?.Attributes ? parseItem(PlacementSchema, out.Attributes) : undefined;
}

/** The employer was told of a cancellation. False if recorded already. */
export async function markCancellationToldEmployer(id: string, at: string): Promise<boolean> {
  const out = await update({
    Key: key.placement(id),
    UpdateExpression: 'SET cancellation.employerToldAt = :at',
    ConditionExpression: 'attribute_exists(cancellation) AND attribute_not_exists(cancellation.employerToldAt)',
    ExpressionAttributeValues: { ':at': at },
  });
  return out !== undefined;
}
