import { ScanCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { INTAKE_TRIGGER } from '../infra/workflow-specs.js';
import type { ChangeRecord } from './dynamo.js';
import { matchesPattern, renderInputTemplate, type EventPattern } from './event-pattern.js';
import type { WorkflowRunner } from './stepfunctions/runner.js';

/**
 * The local stand-in for the EventBridge Pipe from the table stream to the intake workflow:
 * same filter, same input template (infra/workflow-specs.ts).
 */
export interface PipeControl {
  /** Holds records back (as a stream retains them) until resume(); the bench uses this. */
  pause(): void;
  resume(): void;
}

export function connectIntakePipe(onChange: (l: (r: ChangeRecord) => void) => void, runner: WorkflowRunner): PipeControl {
  let held: { submissionId: string }[] | undefined;
  // One execution per submission: its name is unique, so a record delivered twice starts nothing new.
  const deliver = (input: { submissionId: string }) =>
    void runner.start(INTAKE_TRIGGER.workflow, input, `intake-${input.submissionId}`).catch((err: Error) => {
      // A record that arrives while the local cloud stops is picked up at the next start.
      if (!runner.isStopped) console.error(`intake pipe: workflow for submission not started: ${err.message}`);
    });
  onChange((record) => {
    if (!matchesPattern(record, INTAKE_TRIGGER.filterPattern as unknown as EventPattern)) return;
    const input = renderInputTemplate(INTAKE_TRIGGER.inputTemplate, record) as { submissionId: string };
    if (held) held.push(input);
    else deliver(input);
  });
  return {
    pause: () => {
      held ??= [];
    },
    resume: () => {
      const pending = held ?? [];
      held = undefined;
      for (const input of pending) deliver(input);
    },
  };
}

/**
 * After a restart: unfinished executions resume by themselves (the runner keeps them), but a
 * submission stored while the process died may never have reached the pipe. Every submission
 * whose workflow has not done its part (team not yet notified) is offered to the runner again;
 * the execution name is unique per submission, so only those never started start now. Returns
 * how many. (On AWS the stream keeps records until the pipe has delivered them.)
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
      const started = await runner.start(INTAKE_TRIGGER.workflow, { submissionId: id }, `intake-${id}`);
      if (started.created) count++;
    }
    startKey = page.LastEvaluatedKey as Record<string, never> | undefined;
  } while (startKey);
  return count;
}
