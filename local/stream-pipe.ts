import { ScanCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { TABLE_KEYS } from '../functions/data/keys.js';
import type { TableStreamTrigger, WorkflowSpec } from '../infra/workflow-specs.js';
import type { ChangeRecord } from './dynamo.js';
import { matchesPattern, renderInputTemplate, type EventPattern } from './event-pattern.js';
import type { WorkflowRunner } from './stepfunctions/runner.js';

/**
 * The local stand-in for the EventBridge Pipes from the table stream: every workflow whose
 * registry entry has a table-stream trigger gets the same filter and input template
 * (infra/workflow-specs.ts) applied to the local change feed.
 */
export interface PipeControl {
  /** Holds records back (as a stream retains them) until resume(); the bench uses this. */
  pause(): void;
  resume(): void;
}

type Triggered = { workflow: string; trigger: TableStreamTrigger };

const triggersOf = (workflows: readonly WorkflowSpec[]): Triggered[] =>
  workflows.flatMap((w) => (w.trigger?.kind === 'table-stream' ? [{ workflow: w.id, trigger: w.trigger }] : []));

/** One execution per item: its name is unique, so a record delivered twice starts nothing new. */
function executionName(t: TableStreamTrigger, input: Record<string, unknown>): string {
  return `${t.executionName.prefix}${String(input[t.executionName.inputField])}`;
}

function inputFor(t: TableStreamTrigger, record: ChangeRecord): Record<string, unknown> | undefined {
  if (!matchesPattern(record, t.filterPattern as unknown as EventPattern)) return undefined;
  return renderInputTemplate(t.inputTemplate, record) as Record<string, unknown>;
}

export function connectStreamTriggers(
  onChange: (l: (r: ChangeRecord) => void) => void,
  runner: WorkflowRunner,
  workflows: readonly WorkflowSpec[],
): PipeControl {
  const triggers = triggersOf(workflows);
  let held: (() => void)[] | undefined;
  const deliver = (workflow: string, t: TableStreamTrigger, input: Record<string, unknown>) => () =>
    void runner.start(workflow, input, executionName(t, input)).catch((err: Error) => {
      // A record that arrives while the local cloud stops is picked up at the next start.
      if (!runner.isStopped) console.error(`stream pipe: ${workflow} not started: ${err.name}`);
    });
  onChange((record) => {
    for (const { workflow, trigger } of triggers) {
      const input = inputFor(trigger, record);
      if (!input) continue;
      const go = deliver(workflow, trigger, input);
      if (held) held.push(go);
      else go();
    }
  });
  return {
    pause: () => {
      held ??= [];
    },
    resume: () => {
      const pending = held ?? [];
      held = undefined;
      for (const go of pending) go();
    },
  };
}

/**
 * After a restart: unfinished executions resume by themselves (the runner keeps them), but an
 * item stored while the process died may never have reached the pipe. Every unexpired item that
 * the trigger's filter matches as a new record is offered to the runner again; execution names
 * are unique per item, so only those never started start now. Returns how many. (On AWS the
 * stream keeps records until the pipe has delivered them.)
 */
export async function redriveStreamTriggers(client: DynamoDBClient, tableName: string, runner: WorkflowRunner, workflows: readonly WorkflowSpec[]): Promise<number> {
  const triggers = triggersOf(workflows);
  if (triggers.length === 0) return 0;
  let count = 0;
  let startKey: Record<string, never> | undefined;
  const now = Math.floor(Date.now() / 1000);
  do {
    const page = await client.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey: startKey, ConsistentRead: true }));
    for (const item of page.Items ?? []) {
      const expiresAt = Number(item[TABLE_KEYS.timeToLive]?.N ?? Infinity);
      if (expiresAt <= now) continue;
      const record = {
        eventName: 'INSERT',
        dynamodb: { Keys: { [TABLE_KEYS.partitionKey]: item[TABLE_KEYS.partitionKey]!, [TABLE_KEYS.sortKey]: item[TABLE_KEYS.sortKey]! }, NewImage: item },
      } as unknown as ChangeRecord;
      for (const { workflow, trigger } of triggers) {
        const input = inputFor(trigger, record);
        if (!input) continue;
        const started = await runner.start(workflow, input, executionName(trigger, input));
        if (started.created) count++;
      }
    }
    startKey = page.LastEvaluatedKey as Record<string, never> | undefined;
  } while (startKey);
  return count;
}
