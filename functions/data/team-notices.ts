import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { TeamNoticeSchema } from '../../schemas/model/search-index.js';
import { dynamo } from '../clients/dynamo.js';
import { ITEM_TYPE, key, RECORDS_DUE, recordDueKeys } from './keys.js';
import { epochSeconds, ifCondition, isoOf, parseItem, tableName } from './table.js';

/**
 * Team notice markers (keys.ts): further submissions of the same person on one day give each
 * team one notice, not one each. The marker belongs to the first submission that claims it; a
 * retried step of that same submission may still send (once: `sentAt`). Expires after two days.
 */

const MARKER_SECONDS = 2 * 24 * 3600;

export type NoticeClaim = 'send' | 'sent' | 'taken';

/** Claims today's notice to a site's team for a participant: `send`, already `sent` by us, or `taken`. */
export async function claimTeamNotice(n: { participantId: string; site: string; day: string; submissionId: string }, at: string): Promise<NoticeClaim> {
  const expiresAt = epochSeconds(at) + MARKER_SECONDS;
  // The retention sweep deletes it when it expires (as DynamoDB's TTL would, later).
  const due = recordDueKeys(isoOf(expiresAt), 'team_notice');
  const D = RECORDS_DUE.index;
  const out = await ifCondition(() =>
    dynamo.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: key.teamNotice(n.participantId, n.day, n.site),
        UpdateExpression: 'SET #type = :type, participantId = :pid, site = :site, #day = :day, submissionId = :sid, expiresAt = if_not_exists(expiresAt, :exp), #dpk = if_not_exists(#dpk, :dpk), #dsk = if_not_exists(#dsk, :dsk)',
        ConditionExpression: 'attribute_not_exists(PK) OR submissionId = :sid',
        ExpressionAttributeNames: { '#type': 'type', '#day': 'day', '#dpk': D.partitionKey, '#dsk': D.sortKey },
        ExpressionAttributeValues: {
          ':type': ITEM_TYPE.teamNotice,
          ':pid': n.participantId,
          ':site': n.site,
          ':day': n.day,
          ':sid': n.submissionId,
          ':exp': expiresAt,
          ':dpk': due[D.partitionKey],
          ':dsk': due[D.sortKey],
        },
        ReturnValues: 'ALL_NEW',
      }),
    ),
  );
  if (out === undefined) return 'taken';
  return out.Attributes && parseItem(TeamNoticeSchema, out.Attributes).sentAt ? 'sent' : 'send';
}

export async function markTeamNoticeSent(n: { participantId: string; site: string; day: string }, at: string): Promise<void> {
  await dynamo.send(
    new UpdateCommand({
      TableName: tableName(),
      Key: key.teamNotice(n.participantId, n.day, n.site),
      UpdateExpression: 'SET sentAt = if_not_exists(sentAt, :at)',
      ConditionExpression: 'attribute_exists(PK)',
      ExpressionAttributeValues: { ':at': at },
    }),
  );
}
