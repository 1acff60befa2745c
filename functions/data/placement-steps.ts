import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../clients/dynamo.js';
import { key } from './keys.js';
import { ifCondition, tableName } from './table.js';

/**
 * What is recorded on a placement besides staff and employer changes: what went out, and when.
 * Each write is conditional on not having been recorded yet, so a retried step records once.
 */

/** The employer was told of a cancellation. False if recorded already. */
export async function markCancellationToldEmployer(id: string, at: string): Promise<boolean> {
  const out = await ifCondition(() =>
    dynamo.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: key.placement(id),
        UpdateExpression: 'SET cancellation.employerToldAt = :at',
        ConditionExpression: 'attribute_exists(cancellation) AND attribute_not_exists(cancellation.employerToldAt)',
        ExpressionAttributeValues: { ':at': at },
      }),
    ),
  );
  return out !== undefined;
}
