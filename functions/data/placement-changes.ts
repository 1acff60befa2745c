import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { PlacementSchema, type Placement, type PlacementAnswer, type PlacementFeedback } from '../../schemas/model/placement.js';
import type { LinkPurpose, PlacementStatus } from '../../schemas/placements.js';
import type { Role } from '../../schemas/staff.js';
import { dynamo } from '../clients/dynamo.js';
import { key, PLACEMENT_INDEXES, sitePlacementStatusPartition } from './keys.js';
import { getPlacement } from './placements.js';
import { ifCondition, parseItem, tableName } from './table.js';

/**
 * Changes to a placement by staff (optimistic locking on the version they saw) and by the
 * employer (through a link): each one conditional write, the status index key and the agenda
 * entry moving in the same write.
 */

const STATUS_PK = PLACEMENT_INDEXES.siteStatus.partitionKey;
const AGENDA = PLACEMENT_INDEXES.agenda;

export type PlacementChange = { ok: true; placement: Placement } | { ok: false; reason: 'not_found' | 'version' | 'status' };

async function whyNot(id: string, site: string, expectedVersion: number): Promise<PlacementChange> {
  const current = await getPlacement(id);
  if (!current || current.site !== site) return { ok: false, reason: 'not_found' };
  if (current.version !== expectedVersion) return { ok: false, reason: 'version' };
  return { ok: false, reason: 'status' };
}

const parsed = (attributes: Record<string, unknown> | undefined) => (attributes ? parseItem(PlacementSchema, attributes) : undefined);

/** Cancels a placement that is requested or confirmed: it leaves the agenda, its links stop working (status). */
export async function cancelPlacement(
  id: string,
  site: string,
  expectedVersion: number,
  c: { reason?: string; at: string; by: string; role: Role },
): Promise<PlacementChange> {
  const out = await ifCondition(() =>
    dynamo.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: key.placement(id),
        UpdateExpression: `SET #status = :cancelled, cancellation = :c, version = version + :one, updatedAt = :at, ${STATUS_PK} = :spk REMOVE ${AGENDA.partitionKey}, ${AGENDA.sortKey}`,
        ConditionExpression: 'attribute_exists(PK) AND site = :site AND version = :version AND #status IN (:requested, :confirmed)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':cancelled': 'cancelled',
          ':c': { ...(c.reason ? { reason: c.reason } : {}), at: c.at, by: c.by, role: c.role },
          ':one': 1,
          ':at': c.at,
          ':spk': sitePlacementStatusPartition(site, 'cancelled'),
          ':site': site,
          ':version': expectedVersion,
          ':requested': 'requested',
          ':confirmed': 'confirmed',
        },
        ReturnValues: 'ALL_NEW',
      }),
    ),
  );
  const p = parsed(out?.Attributes);
  return p ? { ok: true, placement: p } : whyNot(id, site, expectedVersion);
}

/**
 * A staff resend: the new link's hash replaces every earlier one (they stop working). Only while
 * the employer can still act on that purpose: the answer (requested, none recorded) or the
 * feedback (confirmed, requested already, none recorded).
 */
export async function replaceLinks(p: Placement, expectedVersion: number, hash: string, purpose: LinkPurpose, at: string): Promise<PlacementChange> {
  const open = purpose === 'answer' ? '#status = :requested AND attribute_not_exists(answer)' : '#status = :confirmed AND linkPurpose = :purpose AND attribute_not_exists(feedback)';
  const out = await ifCondition(() =>
    dynamo.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: key.placement(p.id),
        UpdateExpression:
          'SET linkHashes = :hashes, linkPurpose = :purpose, linksResent = if_not_exists(linksResent, :zero) + :one, version = version + :one, updatedAt = :at' +
          (purpose === 'answer' ? ', requestSentAt = if_not_exists(requestSentAt, :at)' : ''),
        ConditionExpression: `attribute_exists(PK) AND site = :site AND version = :version AND ${open}`,
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':hashes': new Set([hash]),
          ':purpose': purpose,
          ':zero': 0,
          ':one': 1,
          ':at': at,
          ':site': p.site,
          ':version': expectedVersion,
          ...(purpose === 'answer' ? { ':requested': 'requested' } : { ':confirmed': 'confirmed' }),
        },
        ReturnValues: 'ALL_NEW',
      }),
    ),
  );
  const updated = parsed(out?.Attributes);
  return updated ? { ok: true, placement: updated } : whyNot(p.id, p.site, expectedVersion);
}

/** Staff record the hiring decision (the employer told them): the same completion, on the version the caller saw. */
export async function recordFeedbackByStaff(id: string, site: string, expectedVersion: number, feedback: PlacementFeedback): Promise<PlacementChange> {
  const out = await ifCondition(() =>
    dynamo.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: key.placement(id),
        UpdateExpression: `SET feedback = :f, #status = :completed, version = version + :one, updatedAt = :at, ${STATUS_PK} = :spk REMOVE ${AGENDA.partitionKey}, ${AGENDA.sortKey}`,
        ConditionExpression: 'attribute_exists(PK) AND site = :site AND version = :version AND #status = :confirmed AND attribute_not_exists(feedback)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':f': feedback,
          ':completed': 'completed',
          ':one': 1,
          ':at': feedback.at,
          ':spk': sitePlacementStatusPartition(site, 'completed'),
          ':site': site,
          ':version': expectedVersion,
          ':confirmed': 'confirmed',
        },
        ReturnValues: 'ALL_NEW',
      }),
    ),
  );
  const p = parsed(out?.Attributes);
  return p ? { ok: true, placement: p } : whyNot(id, site, expectedVersion);
}

/**
 * The employer's answer through a link: one conditional write that holds only while the link is
 * one of the placement's current links for the answer and nothing is recorded yet. The placement
 * leaves the agenda (no longer waiting for the employer). ALL_NEW carries the stored task token.
 * Undefined: refused (read the placement to say why).
 */
export async function recordAnswer(placementId: string, site: string, linkHash: string, answer: PlacementAnswer): Promise<Placement | undefined> {
  const status: PlacementStatus = answer.decision === 'confirm' ? 'confirmed' : 'declined';
  return recordByLink(placementId, site, linkHash, 'answer', {
    set: 'answer = :value',
    value: answer,
    from: 'requested',
    to: status,
    at: answer.at,
    notYet: 'answer',
  });
}

/** The employer's feedback through a link: the same kind of write; the placement is completed. */
export async function recordFeedback(placementId: string, site: string, linkHash: string, feedback: PlacementFeedback): Promise<Placement | undefined> {
  return recordByLink(placementId, site, linkHash, 'feedback', {
    set: 'feedback = :value',
    value: feedback,
    from: 'confirmed',
    to: 'completed',
    at: feedback.at,
    notYet: 'feedback',
  });
}

async function recordByLink(
  placementId: string,
  site: string,
  linkHash: string,
  purpose: LinkPurpose,
  w: { set: string; value: unknown; from: PlacementStatus; to: PlacementStatus; at: string; notYet: string },
): Promise<Placement | undefined> {
  const out = await ifCondition(() =>
    dynamo.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: key.placement(placementId),
        UpdateExpression: `SET ${w.set}, #status = :to, version = version + :one, updatedAt = :at, ${STATUS_PK} = :spk REMOVE ${AGENDA.partitionKey}, ${AGENDA.sortKey}`,
        ConditionExpression: `attribute_exists(PK) AND site = :site AND #status = :from AND attribute_not_exists(${w.notYet}) AND linkPurpose = :purpose AND contains(linkHashes, :hash)`,
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':value': w.value,
          ':to': w.to,
          ':one': 1,
          ':at': w.at,
          ':spk': sitePlacementStatusPartition(site, w.to),
          ':site': site,
          ':from': w.from,
          ':purpose': purpose,
          ':hash': linkHash,
        },
        ReturnValues: 'ALL_NEW',
      }),
    ),
  );
  return parsed(out?.Attributes);
}
