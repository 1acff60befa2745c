import { SFNClient } from '@aws-sdk/client-sfn';
import type { TaskSpec, WorkflowSpec } from '../../infra/workflow-specs.js';
import { startLocalCloud, type LocalCloud } from '../../local/cloud.js';
import { ephemeralSettings, type LocalSettings } from '../../local/settings.js';

/** Test-only state machines and task modules, registered with the local runner (never deployed). */
export const TEST_TASKS: TaskSpec[] = [
  { id: 'StoreCallbackToken', entry: 'test/workflows/store-callback-token.ts', access: ['table:write'] },
  { id: 'CountReminder', entry: 'test/workflows/count-reminder.ts', access: ['table:write'] },
  { id: 'FlakyStep', entry: 'test/workflows/flaky-step.ts', access: ['table:write'] },
];

export const TEST_WORKFLOWS: WorkflowSpec[] = [
  { id: 'TestCallbackReminder', definition: 'test/workflows/callback-reminder.asl.json', tasks: ['StoreCallbackToken', 'CountReminder'] },
  { id: 'TestWaitUntil', definition: 'test/workflows/wait-until.asl.json', tasks: [] },
  { id: 'TestRetry', definition: 'test/workflows/retry.asl.json', tasks: ['FlakyStep'] },
  { id: 'TestIntegrations', definition: 'test/workflows/integrations.asl.json', tasks: ['CountReminder'] },
  { id: 'TestHeartbeat', definition: 'test/workflows/heartbeat.asl.json', tasks: ['StoreCallbackToken'] },
  { id: 'TestCallbackUntil', definition: 'test/workflows/callback-until.asl.json', tasks: ['StoreCallbackToken', 'CountReminder'] },
  { id: 'TestExecutionTimeout', definition: 'test/workflows/execution-timeout.asl.json', tasks: [] },
];

/** A local cloud that also runs the test definitions. */
export function startWorkflowCloud(overrides: Partial<LocalSettings> = {}): Promise<LocalCloud> {
  return startLocalCloud(ephemeralSettings(overrides), { workflows: { extraWorkflows: TEST_WORKFLOWS, extraTasks: TEST_TASKS } });
}

/** A Step Functions client as a handler makes one: endpoint, region and credentials from the environment. */
export function sfnClient(): SFNClient {
  return new SFNClient({});
}
