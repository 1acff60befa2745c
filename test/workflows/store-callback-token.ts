import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';

/**
 * Test task (the receiving end of a `.waitForTaskToken` task): keeps the task token in the table,
 * as the product keeps an employer's token, so that a later answer can resume the workflow.
 */
const doc = DynamoDBDocumentClient.from(new DynamoDBClient({}));

export async function handler(event: { key: string; taskToken: string }): Promise<{ stored: true }> {
  await doc.send(
    new PutCommand({
      TableName: process.env['TABLE_NAME'],
      Item: { PK: `CALLBACK#${event.key}`, SK: 'TOKEN', token: event.taskToken, issuedAt: new Date().toISOString() },
    }),
  );
  return { stored: true };
}
