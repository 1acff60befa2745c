import { ScanCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { INTAKE_TRIGGER } from '../infra/workflow-specs.js';
import type { ChangeRecord } from './dynamo.js';
import { matchesPattern, renderInputTemplate, type EventPattern } from './event-pattern.js';
import type { WorkflowRunner } from './workflow-runner.js';

/**
 * The local stand-in for the EventBridge Pipe from the table stream to the intake workflow:
 * same filter, same input template (infra/workflow-specs.ts).
 */
export function connectIntakePipe(onChange: (l: (r: ChangeRecord) => void) => void, runner: WorkflowRunner): void {
  onChange((record) => {
    if (!matchesPattern(record, INTAKE_TRIGGER.filterPattern as unknown as EventPattern)) return;
    const input = renderInputTemplate(INTAKE_TRIGGER.inputTemplate, record) as { submissionId: string };
    runner.start(INTAKE_TRIGGER.workflow, input, `intake-${input.submissionId}`);
  });
}

/**
 * After a restart: executions do not survive the process, so every submission whose workflow had
 * not finished (team not yet notified) is started again from the top. The steps are idempotent,
 * so nothing is sent twice. (On AWS the stream and Step Functions keep this state themselves.)
 */
export async function redriveUnfinishedIntakes(client: DynamoDBClient, tableName: string, runner: WorkflowRunner): Promise<number> {
  let count = 0;
  let startKey: Record<string, never> | undefined;
  const now = Math.floor(Date.now() / 1000);
  do {
    const page = await client.send(
      new ScanCommand({
        TableName: tableName,
        FilterExpression: 'SK = :sk AND attribute_not_exists(teamNotifiedAt) AND expiresAt > :now',
        ExpressionAttributeValues: { ':sk': { S: 'SUBMISSION' }, ':now': { N: String(now) } },
        ProjectionExpression: 'id',
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) {
      const id = item['id']?.S;
      if (!id) continue;
      runner.start(INTAKE_TRIGGER.workflow, { submissionId: id }, `intake-${id}`);
      count++;
    }
    startKey = page.LastEvaluatedKey as Record<string, never> | undefined;
  } while (startKey);
  return count;
}
