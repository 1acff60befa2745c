import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';

/** Test task: "sends" a reminder by counting it in the table; returns the count. */
const doc = DynamoDBDocumentClient.from(new DynamoDBClient({}));

export async function handler(event: { key: string }): Promise<number> {
  const out = await doc.send(
    new UpdateCommand({
      TableName: process.env['TABLE_NAME'],
      Key: { PK: `CALLBACK#${event.key}`, SK: 'REMINDERS' },
      UpdateExpression: 'ADD reminders :one',
      ExpressionAttributeValues: { ':one': 1 },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  return Number(out.Attributes?.['reminders']);
}
