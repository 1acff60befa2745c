import {
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  SendTaskSuccessCommand,
  StartExecutionCommand,
  TaskTimedOut,
  type SFNClient,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalCloud } from '../../local/cloud.js';
import { sfnClient, startWorkflowCloud } from '../workflows/cloud.js';
import { getItem, portsOf, tempDataDir } from './helpers.js';

/**
 * Executions survive a restart of the local cloud: a callback waiting for its answer and a Wait on
 * a due time resume (from the top, as every step is idempotent) with the same ARN; the old token
 * is dead, the new one completes the execution, and nothing is doubled.
 */
let cloud: LocalCloud;
let sfn: SFNClient;
const dataDir = tempDataDir();
const HOUR = 3600_000;

beforeAll(async () => {
  cloud = await startWorkflowCloud({ dataDir });
  sfn = sfnClient();
});
afterAll(async () => {
  sfn?.destroy();
  await cloud?.stop();
});

const arnOf = (workflow: string) => cloud.workflows.stateMachineArn(workflow);
const tokenOf = async (key: string): Promise<string> => (await getItem(cloud, `CALLBACK#${key}`, 'TOKEN'))?.['token'];
const reminders = async (key: string) => Number((await getItem(cloud, `CALLBACK#${key}`, 'REMINDERS'))?.['reminders'] ?? 0);
const history = async (executionArn: string) => (await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }))).events ?? [];
const restart = async () => {
  const ports = portsOf(cloud);
  await cloud.stop();
  sfn.destroy();
  cloud = await startWorkflowCloud({ dataDir, ...ports });
  sfn = sfnClient();
};

describe('executions across a restart of the local cloud', () => {
  it('resumes a waiting callback and a Wait, with the same ARNs, neither lost nor doubled', async () => {
    const callback = await sfn.send(
      new StartExecutionCommand({ stateMachineArn: arnOf('TestCallbackReminder'), name: 'across-restart', input: '{"key":"rs1"}' }),
    );
    const dueAt = new Date(cloud.clock.now() + 24 * HOUR).toISOString();
    const wait = await sfn.send(
      new StartExecutionCommand({ stateMachineArn: arnOf('TestWaitUntil'), name: 'wait-across-restart', input: JSON.stringify({ delaySeconds: 0, case: { dueAt } }) }),
    );
    await cloud.workflows.idle();
    const first = await tokenOf('rs1');
    cloud.clock.advance(HOUR); // one timeout → one reminder, a second token
    await cloud.workflows.idle();
    expect(await reminders('rs1')).toBe(1);
    const second = await tokenOf('rs1');
    expect(second).not.toBe(first);
    const clockBefore = cloud.clock.now();

    await restart();
    expect(cloud.redriven).toBe(2);
    expect(cloud.clock.now()).toBeGreaterThanOrEqual(clockBefore); // the moved clock is kept
    await cloud.workflows.idle();

    // Started again from the top: a new token in the table; the earlier ones are dead.
    const third = await tokenOf('rs1');
    expect(third).not.toBe(second);
    for (const old of [first, second]) {
      const err = await sfn.send(new SendTaskSuccessCommand({ taskToken: old, output: '{}' })).catch((e: Error) => e);
      expect(err).toBeInstanceOf(TaskTimedOut);
    }
    expect(await reminders('rs1')).toBe(1); // the restart itself sends no reminder

    await sfn.send(new SendTaskSuccessCommand({ taskToken: third, output: '{"answer":"after restart"}' }));
    await cloud.workflows.idle();
    const done = await sfn.send(new DescribeExecutionCommand({ executionArn: callback.executionArn }));
    expect(done).toMatchObject({ status: 'SUCCEEDED', redriveCount: 1, executionArn: callback.executionArn });
    expect(JSON.parse(done.output!).confirmation).toEqual({ answer: 'after restart' });
    expect(done.startDate).toEqual(callback.startDate);

    const listed = await sfn.send(new ListExecutionsCommand({ stateMachineArn: arnOf('TestCallbackReminder') }));
    expect(listed.executions?.filter((e) => e.name === 'across-restart')).toHaveLength(1);
    const events = await history(callback.executionArn!);
    expect(events.filter((e) => e.type === 'ExecutionStarted')).toHaveLength(1);
    expect(events.filter((e) => e.type === 'ExecutionRedriven').map((e) => e.executionRedrivenEventDetails?.redriveCount)).toEqual([1]);
    expect(events.map((e) => e.id)).toEqual(events.map((_, i) => i + 1));
    expect(events.at(-1)?.type).toBe('ExecutionSucceeded');

    // The Wait keeps its absolute due time.
    const waitArn = wait.executionArn!;
    cloud.clock.advanceTo(Date.parse(dueAt) - 1000);
    await cloud.workflows.idle();
    expect((await sfn.send(new DescribeExecutionCommand({ executionArn: waitArn }))).status).toBe('RUNNING');
    cloud.clock.advance(1000);
    await cloud.workflows.idle();
    expect((await sfn.send(new DescribeExecutionCommand({ executionArn: waitArn }))).status).toBe('SUCCEEDED');
  });

  it('resumes nothing that has ended', async () => {
    await restart();
    expect(cloud.redriven).toBe(0);
    const listed = await sfn.send(new ListExecutionsCommand({ stateMachineArn: arnOf('TestCallbackReminder') }));
    expect(listed.executions?.map((e) => [e.name, e.status])).toEqual([['across-restart', 'SUCCEEDED']]);
  });
});
