import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../clients/dynamo.js';
import { key } from './keys.js';
import { ifCondition, tableName } from './table.js';

/**
 * What the RecognitionCase workflow records on a case, never touching its version (staff's
 * optimistic lock): the reminders it sent, each claimed once before its mail, and the token of
 * its wait. Both writes hold only on the version the step read, so a step never acts on a case
 * that changed under it (it re-reads instead).
 */

/** Claims a reminder's key before its mail goes out. False: sent already, or the case changed since `version`. */
export async function claimReminder(id: string, reminderKey: string, version: number): Promise<boolean> {
  const out = await ifCondition(() =>
    dynamo.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: key.recognitionCase(id),
        UpdateExpression: 'ADD sentReminders :keys',
        ConditionExpression: 'attribute_exists(PK) AND version = :version AND (attribute_not_exists(sentReminders) OR NOT contains(sentReminders, :key))',
        ExpressionAttributeValues: { ':keys': new Set([reminderKey]), ':key': reminderKey, ':version': version },
      }),
    ),
  );
  return out !== undefined;
}

/** Keeps the waiting callback's token for the version it was computed on. False: the case changed (or is gone). */
export async function storeRecognitionToken(id: string, version: number, token: string, at: string): Promise<boolean> {
  const out = await ifCondition(() =>
    dynamo.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: key.recognitionCase(id),
        UpdateExpression: 'SET taskToken = :t, tokenVersion = :version, tokenStoredAt = :at',
        ConditionExpression: 'attribute_exists(PK) AND version = :version AND attribute_not_exists(#draft)',
        ExpressionAttributeNames: { '#draft': 'draft' },
        ExpressionAttributeValues: { ':t': token, ':version': version, ':at': at },
      }),
    ),
  );
  return out !== undefined;
}
