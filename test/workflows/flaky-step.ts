import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';

/** Test task: counts its attempts on the case and fails while attempts ≤ failTimes. */
const doc = DynamoDBDocumentClient.from(new DynamoDBClient({}));

class Transient extends Error {
  override name = 'Transient';
}
class CaseMissing extends Error {
  override name = 'CaseMissing';
}

export async function handler(event: { key: string; failTimes: number }): Promise<{ attempts: number }> {
  const out = await doc
    .send(
      new UpdateCommand({
        TableName: process.env['TABLE_NAME'],
        Key: { PK: `CASE#${event.key}`, SK: 'CASE' },
        UpdateExpression: 'ADD attempts :one',
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeValues: { ':one': 1 },
        ReturnValues: 'UPDATED_NEW',
      }),
    )
    .catch((err: Error) => {
      throw err.name === 'ConditionalCheckFailedException' ? new CaseMissing(event.key) : err;
    });
  const attempts = Number(out.Attributes?.['attempts']);
  if (attempts <= event.failTimes) throw new Transient(`attempt ${attempts} failed`);
  return { attempts };
}
