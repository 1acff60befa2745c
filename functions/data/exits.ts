import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ExitRecord } from '../../schemas/model/exit.js';
import { ParticipantSchema } from '../../schemas/model/participant.js';
import { dynamo } from '../clients/dynamo.js';
import { INDEXES, key, retentionDueKeys, siteStatusPartition, UNSETTLED_FIGURES } from './keys.js';
import { whyNot, type ChangeResult } from './participant-changes.js';
import { ifCondition, parseItem, tableName } from './table.js';

/**
 * The exit and its corrections: each one conditional write on the profile with the version the
 * caller saw, which also marks the figures unsettled (docs/figures.md) in the same write.
 */

const U = UNSETTLED_FIGURES.index;
const AGENDA = INDEXES.siteAgenda;

/** Records the exit: `contacted` (a first contact recorded) → `exited`; the status index moves with it. */
export async function writeExit(participantId: string, site: string, expectedVersion: number, exit: ExitRecord, at: string, retentionDueAt: string): Promise<ChangeResult> {
  // The exit starts the retention period: off the agenda, into the retention due partition (GSI4).
  const due = retentionDueKeys(retentionDueAt, participantId);
  const out = await ifCondition(() =>
    dynamo.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: key.participant(participantId),
        UpdateExpression: `SET #status = :exited, #exit = :exit, version = version + :one, updatedAt = :at, ${INDEXES.siteStatus.partitionKey} = :gsi2pk, ${U.partitionKey} = :upk, ${U.sortKey} = :usk, retentionDueAt = :due, ${AGENDA.partitionKey} = :dpk, ${AGENDA.sortKey} = :dsk`,
        ConditionExpression: 'attribute_exists(PK) AND site = :site AND version = :version AND #status = :contacted AND attribute_exists(firstContact) AND attribute_not_exists(restricted)',
        ExpressionAttributeNames: { '#status': 'status', '#exit': 'exit' },
        ExpressionAttributeValues: {
          ':exited': 'exited',
          ':contacted': 'contacted',
          ':exit': exit,
          ':one': 1,
          ':at': at,
          ':gsi2pk': siteStatusPartition(site, 'exited'),
          ':due': retentionDueAt,
          ':dpk': due[AGENDA.partitionKey],
          ':dsk': due[AGENDA.sortKey],
          ':upk': UNSETTLED_FIGURES.partition,
          ':usk': participantId,
          ':site': site,
          ':version': expectedVersion,
        },
        ReturnValues: 'ALL_NEW',
      }),
    ),
  );
  if (out?.Attributes) return { ok: true, participant: parseItem(ParticipantSchema, out.Attributes) };
  return whyNot(participantId, site, expectedVersion);
}

/**
 * Replaces the exit in force by `exit` (a correction): the one it replaces (`replaced`, as read on
 * `expectedVersion`) is appended to `exitHistory`. Only while `exited`.
 */
export async function writeExitCorrection(participantId: string, site: string, expectedVersion: number, exit: ExitRecord, replaced: ExitRecord, at: string): Promise<ChangeResult> {
  const out = await ifCondition(() =>
    dynamo.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: key.participant(participantId),
        UpdateExpression: `SET #exit = :exit, exitHistory = list_append(if_not_exists(exitHistory, :none), :replaced), version = version + :one, updatedAt = :at, ${U.partitionKey} = :upk, ${U.sortKey} = :usk`,
        ConditionExpression: 'attribute_exists(PK) AND site = :site AND version = :version AND #status = :exited AND attribute_not_exists(restricted)',
        ExpressionAttributeNames: { '#status': 'status', '#exit': 'exit' },
        ExpressionAttributeValues: {
          ':exited': 'exited',
          ':exit': exit,
          ':none': [],
          ':replaced': [replaced],
          ':one': 1,
          ':at': at,
          ':upk': UNSETTLED_FIGURES.partition,
          ':usk': participantId,
          ':site': site,
          ':version': expectedVersion,
        },
        ReturnValues: 'ALL_NEW',
      }),
    ),
  );
  if (out?.Attributes) return { ok: true, participant: parseItem(ParticipantSchema, out.Attributes) };
  return whyNot(participantId, site, expectedVersion);
}
