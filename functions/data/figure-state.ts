import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { FiguresState } from '../../schemas/model/exit.js';
import { ParticipantSchema, type Participant } from '../../schemas/model/participant.js';
import { dynamo } from '../clients/dynamo.js';
import { key, UNSETTLED_FIGURES } from './keys.js';
import { ifCondition, parseItem, queryPage, tableName } from './table.js';

/**
 * The participant's side of the figures (docs/figures.md): `figures` on the profile, every step
 * one conditional write on the rev it read (it never touches `version`, so staff's optimistic
 * locking is not disturbed), and the "unsettled" mark (GSI3) that facts set and a settled state
 * removes.
 */

export const INITIAL_FIGURES: FiguresState = { rev: 0, phase: 'settled' };

export interface FiguresRead {
  participant: Participant;
  figures: FiguresState;
  unsettled: boolean;
}

export async function readFigures(participantId: string): Promise<FiguresRead | undefined> {
  const out = await dynamo.send(new GetCommand({ TableName: tableName(), Key: key.participant(participantId), ConsistentRead: true }));
  if (!out?.Item) return undefined;
  const participant = parseItem(ParticipantSchema, out.Item);
  return { participant, figures: participant.figures ?? INITIAL_FIGURES, unsettled: out.Item[UNSETTLED_FIGURES.index.partitionKey] !== undefined };
}

/**
 * Replaces `figures` by `next` if it is still at `rev` (an item from before the figures has none:
 * rev 0). `version`: also only if no fact changed since (a claim computes its delta from the
 * facts read). `settled`: also removes the unsettled mark. False when the condition failed.
 */
export async function writeFigures(participantId: string, rev: number, next: FiguresState, opts: { version?: number; settled?: boolean } = {}): Promise<boolean> {
  const I = UNSETTLED_FIGURES.index;
  const out = await ifCondition(() =>
    dynamo.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: key.participant(participantId),
        UpdateExpression: `SET figures = :next${opts.settled ? ` REMOVE ${I.partitionKey}, ${I.sortKey}` : ''}`,
        ConditionExpression:
          `attribute_exists(PK) AND (figures.rev = :rev${rev === 0 ? ' OR attribute_not_exists(figures)' : ''})` + (opts.version !== undefined ? ' AND version = :version' : ''),
        ExpressionAttributeValues: { ':next': next, ':rev': rev, ...(opts.version !== undefined ? { ':version': opts.version } : {}) },
      }),
    ),
  );
  return out !== undefined;
}

/** Ids of participants whose figures are not settled (a page; usually none). */
export async function unsettledParticipants(limit = 100): Promise<string[]> {
  const I = UNSETTLED_FIGURES.index;
  const page = await queryPage({
    IndexName: I.name,
    KeyConditionExpression: '#pk = :pk',
    ExpressionAttributeNames: { '#pk': I.partitionKey },
    ExpressionAttributeValues: { ':pk': UNSETTLED_FIGURES.partition },
    ProjectionExpression: 'id',
    Limit: limit,
  });
  return page.items.map((i) => String(i['id']));
}
