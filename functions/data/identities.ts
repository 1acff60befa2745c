import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { IdentitySchema } from '../../schemas/model/submission.js';
import { dynamo } from '../clients/dynamo.js';
import { ITEM_TYPE, key } from './keys.js';
import { ifCondition, parseItem, tableName } from './table.js';

/** Identities: the duplicate check's hashed keys, one per person per project (keys.ts). */

/** Claims a person's identity for a participant id. If someone holds it already, returns their id. */
export async function claimIdentity(hash: string, participantId: string, at: string): Promise<{ claimed: true } | { claimed: false; participantId: string }> {
  const claimed = await ifCondition(() =>
    dynamo.send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...key.identity(hash), type: ITEM_TYPE.identity, participantId, createdAt: at },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    ),
  );
  if (claimed) return { claimed: true };
  const out = await dynamo.send(new GetCommand({ TableName: tableName(), Key: key.identity(hash), ConsistentRead: true }));
  if (!out.Item) throw new Error('identity item vanished after a failed claim');
  return { claimed: false, participantId: parseItem(IdentitySchema, out.Item).participantId };
}
