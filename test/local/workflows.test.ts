import {
  DescribeExecutionCommand,
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  GetExecutionHistoryCommand,
  InvalidToken,
  ListExecutionsCommand,
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
  StartExecutionCommand,
  StateMachineDoesNotExist,
  StopExecutionCommand,
  TaskTimedOut,
  type HistoryEvent,
  type SFNClient,
} from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalCloud } from '../../local/cloud.js';
import { sfnClient, startWorkflowCloud } from '../workflows/cloud.js';
import { getItem, mailsTo, postJson } from './helpers.js';

/**
 * The local Step Functions against a real local cloud, through @aws-sdk/client-sfn as handlers use
 * it: callbacks with timeouts and reminders, task tokens, Waits on the movable clock, retries,
 * the service integrations and the execution API. Time only moves when a test moves the clock.
 */
let cloud: LocalCloud;
let sfn: SFNClient;

beforeAll(async () => {
  cloud = await startWorkflowCloud();
  sfn = sfnClient(); // endpoint from AWS_ENDPOINT_URL_SFN, as in a handler
});
afterAll(async () => {
  sfn?.destroy();
  await cloud?.stop();
});

const HOUR = 3600_000;
const arnOf = (workflow: string) => cloud.workflows.stateMachineArn(workflow);
const start = async (workflow: string, name: string, input: unknown) =>
  (await sfn.send(new StartExecutionCommand({ stateMachineArn: arnOf(workflow), name, input: JSON.stringify(input) }))).executionArn!;
const describeExecution = (executionArn: string) => sfn.send(new DescribeExecutionCommand({ executionArn }));
const history = async (executionArn: string): Promise<HistoryEvent[]> => {
  const events: HistoryEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 10, nextToken }));
    events.push(...(page.events ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return events;
};
const tokenOf = async (key: string): Promise<string> => (await getItem(cloud, `CALLBACK#${key}`, 'TOKEN'))?.['token'];
const reminders = async (key: string): Promise<number> => Number((await getItem(cloud, `CALLBACK#${key}`, 'REMINDERS'))?.['reminders'] ?? 0);
const caught = async (p: Promise<unknown>): Promise<Error> => {
  try {
    await p;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected an error');
};
const forgedToken = () => randomBytes(32).toString('base64url');

describe('callback tasks with TimeoutSecondsPath (until an absolute due time)', () => {
  it('times out after the seconds its input names, on the clock, and not before', async () => {
    const executionArn = await start('TestCallbackUntil', 'until-u1', { key: 'u1', wait: { seconds: 7200 } });
    await cloud.workflows.idle();
    cloud.clock.advance(2 * HOUR - 1000);
    await cloud.workflows.idle();
    expect(await reminders('u1')).toBe(0);
    expect((await describeExecution(executionArn)).status).toBe('RUNNING');
    cloud.clock.advance(1000);
    await cloud.workflows.idle();
    expect(await reminders('u1')).toBe(1);
    expect((await describeExecution(executionArn)).status).toBe('SUCCEEDED');
  });

  it('completes on SendTaskSuccess before the due time', async () => {
    const executionArn = await start('TestCallbackUntil', 'until-u2', { key: 'u2', wait: { seconds: 86400 } });
    await cloud.workflows.idle();
    await sfn.send(new SendTaskSuccessCommand({ taskToken: await tokenOf('u2'), output: '{"answer":"yes"}' }));
    await cloud.workflows.idle();
    const done = await describeExecution(executionArn);
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output!)).toMatchObject({ answer: { answer: 'yes' } });
    expect(await reminders('u2')).toBe(0);
  });

  it('fails with States.Runtime when the path names no positive integer, as Step Functions does', async () => {
    const executionArn = await start('TestCallbackUntil', 'until-u3', { key: 'u3', wait: { seconds: -5 } });
    await cloud.workflows.idle();
    const done = await describeExecution(executionArn);
    expect(done.status).toBe('FAILED');
    expect(done.error).toBe('States.Runtime');
  });
});

describe('callback tasks (.waitForTaskToken) with a timeout, reminders and SendTaskSuccess', () => {
  it('times out into a reminder twice, then completes with the answer sent through the SDK', async () => {
    const executionArn = await start('TestCallbackReminder', 'confirm-k1', { key: 'k1' });
    await cloud.workflows.idle();
    const first = await tokenOf('k1');
    expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/); // 256 random bits
    expect((await describeExecution(executionArn)).status).toBe('RUNNING');

    // Just before the timeout nothing happens; at it, a reminder and a new token.
    cloud.clock.advance(HOUR - 1000);
    await cloud.workflows.idle();
    expect(await reminders('k1')).toBe(0);
    expect(await tokenOf('k1')).toBe(first);
    cloud.clock.advance(1000);
    await cloud.workflows.idle();
    expect(await reminders('k1')).toBe(1);
    const second = await tokenOf('k1');
    expect(second).not.toBe(first);

    // The local-only clock endpoint moves time as well.
    const moved = await postJson(cloud, '/local/clock', { advanceSeconds: 3600 });
    expect(moved.status).toBe(200);
    expect(Date.parse(moved.body.now)).toBeGreaterThanOrEqual(cloud.clock.now() - 1000);
    await cloud.workflows.idle();
    expect(await reminders('k1')).toBe(2);
    const third = await tokenOf('k1');

    // A token whose task has timed out is refused as AWS refuses it.
    const stale = await caught(sfn.send(new SendTaskSuccessCommand({ taskToken: first, output: '{}' })));
    expect(stale).toBeInstanceOf(TaskTimedOut);
    expect(stale.name).toBe('TaskTimedOut');

    await sfn.send(new SendTaskHeartbeatCommand({ taskToken: third }));
    await sfn.send(new SendTaskSuccessCommand({ taskToken: third, output: JSON.stringify({ answer: 'confirmed' }) }));
    await cloud.workflows.idle();

    const done = await describeExecution(executionArn);
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output!)).toMatchObject({ key: 'k1', reminders: 2, confirmation: { answer: 'confirmed' } });
    expect(done.stopDate).toBeInstanceOf(Date);
    expect((await getItem(cloud, 'CALLBACK#k1', 'TOKEN'))?.['answer']).toBe('confirmed');

    // The history shows the loop: three waits for the answer, two timeouts, two reminders.
    const events = await history(executionArn);
    expect(events.map((e) => e.id)).toEqual(events.map((_, i) => i + 1));
    const entered = events.filter((e) => e.type?.endsWith('StateEntered')).map((e) => e.stateEnteredEventDetails?.name);
    expect(entered).toEqual(['AwaitConfirmation', 'SendReminder', 'AwaitConfirmation', 'SendReminder', 'AwaitConfirmation', 'RecordConfirmation']);
    expect(events.filter((e) => e.type === 'TaskTimedOut')).toHaveLength(2);
    expect(events.find((e) => e.type === 'TaskTimedOut')?.taskTimedOutEventDetails?.error).toBe('States.Timeout');
    expect(events.filter((e) => e.type === 'TaskSubmitted')).toHaveLength(3);
    expect(events.filter((e) => e.type === 'LambdaFunctionSucceeded')).toHaveLength(2);
    expect(events[0]).toMatchObject({ type: 'ExecutionStarted', previousEventId: 0 });
    expect(events.at(-1)?.type).toBe('ExecutionSucceeded');
    expect(events.at(-1)?.timestamp).toBeInstanceOf(Date);
    // The token never appears in history: it lives in the table only.
    expect(JSON.stringify(events)).not.toContain(third);

    // A used token: TaskTimedOut, as on AWS.
    const used = await caught(sfn.send(new SendTaskSuccessCommand({ taskToken: third, output: '{}' })));
    expect(used).toBeInstanceOf(TaskTimedOut);
  });

  it('refuses a forged or malformed token with InvalidToken and changes nothing', async () => {
    for (const taskToken of [forgedToken(), 'not-a-token', 'x'.repeat(2000)]) {
      for (const command of [
        new SendTaskSuccessCommand({ taskToken, output: '{}' }),
        new SendTaskFailureCommand({ taskToken, error: 'X' }),
        new SendTaskHeartbeatCommand({ taskToken }),
      ]) {
        const err = await caught(sfn.send(command as SendTaskSuccessCommand));
        expect(err).toBeInstanceOf(InvalidToken);
        expect(err.name).toBe('InvalidToken');
        expect((err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode).toBe(400);
      }
    }
  });

  it('fails the execution with the error given to SendTaskFailure', async () => {
    const executionArn = await start('TestCallbackReminder', 'confirm-k2', { key: 'k2' });
    await cloud.workflows.idle();
    const token = await tokenOf('k2');
    const bad = await caught(sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: 'not json' })));
    expect(bad.name).toBe('InvalidOutput'); // and the token still works:
    await sfn.send(new SendTaskFailureCommand({ taskToken: token, error: 'EmployerDeclined', cause: 'no capacity' }));
    await cloud.workflows.idle();
    const done = await describeExecution(executionArn);
    expect(done).toMatchObject({ status: 'FAILED', error: 'EmployerDeclined', cause: 'no capacity' });
    const events = await history(executionArn);
    expect(events.find((e) => e.type === 'TaskFailed')?.taskFailedEventDetails).toMatchObject({ error: 'EmployerDeclined', resource: 'invoke.waitForTaskToken' });
    expect(events.at(-1)?.executionFailedEventDetails).toMatchObject({ error: 'EmployerDeclined' });
    expect(await caught(sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' })))).toBeInstanceOf(TaskTimedOut);
  });
});

describe('heartbeats and execution timeouts on the runner clock', () => {
  it('keeps a callback alive with heartbeats and catches their loss like a timeout', async () => {
    const executionArn = await start('TestHeartbeat', 'heartbeat-1', { key: 'hb1' });
    await cloud.workflows.idle();
    const token = await tokenOf('hb1');
    cloud.clock.advance(500_000);
    await sfn.send(new SendTaskHeartbeatCommand({ taskToken: token }));
    cloud.clock.advance(500_000); // 1000 s after the start, 500 s after the heartbeat
    await cloud.workflows.idle();
    expect((await describeExecution(executionArn)).status).toBe('RUNNING');
    cloud.clock.advance(100_000); // 600 s without a heartbeat
    await cloud.workflows.idle();
    const done = await describeExecution(executionArn);
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output!).lost.Error).toBe('States.HeartbeatTimeout');
    expect(await caught(sfn.send(new SendTaskHeartbeatCommand({ taskToken: token })))).toBeInstanceOf(TaskTimedOut);
  });

  it('times an execution out after its TimeoutSeconds', async () => {
    const executionArn = await start('TestExecutionTimeout', 'too-long', {});
    await cloud.workflows.idle();
    cloud.clock.advance(3600_000);
    await cloud.workflows.idle();
    expect(await describeExecution(executionArn)).toMatchObject({ status: 'TIMED_OUT', error: 'States.Timeout' });
    expect((await history(executionArn)).at(-1)?.type).toBe('ExecutionTimedOut');
  });
});

describe('Wait states on the runner clock', () => {
  it('waits until the clock passes the due time stored on the case, and not before', async () => {
    const dueAt = new Date(cloud.clock.now() + 2 * 24 * HOUR);
    const executionArn = await start('TestWaitUntil', 'wait-1', { delaySeconds: 60, case: { dueAt: dueAt.toISOString() } });
    await cloud.workflows.idle();
    const waitsEntered = async () => (await history(executionArn)).filter((e) => e.type === 'WaitStateEntered').map((e) => e.stateEnteredEventDetails?.name);
    expect(await waitsEntered()).toEqual(['WaitShortly']);

    cloud.clock.advance(60_000);
    await cloud.workflows.idle();
    expect(await waitsEntered()).toEqual(['WaitShortly', 'WaitUntilDue']);

    cloud.clock.advanceTo(dueAt.getTime() - 1000);
    await cloud.workflows.idle();
    expect((await describeExecution(executionArn)).status).toBe('RUNNING');
    expect((await history(executionArn)).some((e) => e.type === 'WaitStateExited' && e.stateExitedEventDetails?.name === 'WaitUntilDue')).toBe(false);

    cloud.clock.advance(1000);
    await cloud.workflows.idle();
    const done = await describeExecution(executionArn);
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output!)).toEqual({ delaySeconds: 60, case: { dueAt: dueAt.toISOString() }, outcome: 'due' });
    const events = await history(executionArn);
    expect(events.filter((e) => e.type === 'WaitStateExited').map((e) => e.stateExitedEventDetails?.name)).toEqual(['WaitShortly', 'WaitUntilDue']);
    const exited = events.find((e) => e.type === 'WaitStateExited' && e.stateExitedEventDetails?.name === 'WaitUntilDue')!;
    expect(exited.timestamp!.getTime()).toBeGreaterThanOrEqual(dueAt.getTime()); // history runs on the clock
  });

  it('does not let waiting executions hold the slots other executions need', async () => {
    const far = new Date(cloud.clock.now() + 365 * 24 * HOUR).toISOString();
    await Promise.all(Array.from({ length: 24 }, (_, i) => start('TestWaitUntil', `parked-${i}`, { delaySeconds: 0, case: { dueAt: far } })));
    await cloud.workflows.idle();
    const executionArn = await start('TestIntegrations', 'while-parked', { key: 'p1', text: 'Hallo', to: ['parked@example.org'] });
    await cloud.workflows.idle();
    expect((await describeExecution(executionArn)).status).toBe('SUCCEEDED');
    const running = await sfn.send(new ListExecutionsCommand({ stateMachineArn: arnOf('TestWaitUntil'), statusFilter: 'RUNNING' }));
    expect(running.executions?.filter((e) => e.name?.startsWith('parked-'))).toHaveLength(24);
  });
});

describe('retries', () => {
  const putCase = (key: string) =>
    DynamoDBDocumentClient.from(cloud.dynamo).send(new PutCommand({ TableName: cloud.tableName, Item: { PK: `CASE#${key}`, SK: 'CASE', attempts: 0 } }));
  const attempts = async (key: string) => (await getItem(cloud, `CASE#${key}`, 'CASE'))?.['attempts'];
  const idle = () => cloud.workflows.idle({ retryWaitsAreIdle: true });

  it('retries a failing step per its Retry policy (interval, backoff) and succeeds', async () => {
    await putCase('r1');
    const executionArn = await start('TestRetry', 'retry-1', { key: 'r1', failTimes: 2 });
    await idle();
    expect(await attempts('r1')).toBe(1);
    cloud.clock.advance(59_000); // IntervalSeconds 60
    await idle();
    expect(await attempts('r1')).toBe(1);
    cloud.clock.advance(1000);
    await idle();
    expect(await attempts('r1')).toBe(2);
    cloud.clock.advance(119_000); // × BackoffRate 2
    await idle();
    expect(await attempts('r1')).toBe(2);
    cloud.clock.advance(1000);
    await idle();
    expect(await attempts('r1')).toBe(3);
    const done = await describeExecution(executionArn);
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output!).result).toEqual({ attempts: 3 });
    const events = await history(executionArn);
    expect(events.filter((e) => e.type === 'LambdaFunctionFailed').map((e) => e.lambdaFunctionFailedEventDetails?.error)).toEqual(['Transient', 'Transient']);
    expect(events.filter((e) => e.type === 'LambdaFunctionScheduled')).toHaveLength(3);
  });

  it('ends FAILED after MaxAttempts and never loses the case', async () => {
    await putCase('r2');
    const executionArn = await start('TestRetry', 'retry-2', { key: 'r2', failTimes: 99 });
    for (let i = 0; i < 4; i++) {
      await idle();
      cloud.clock.advance(HOUR);
    }
    await cloud.workflows.idle();
    const done = await describeExecution(executionArn);
    expect(done).toMatchObject({ status: 'FAILED', error: 'Transient', cause: 'attempt 4 failed' });
    expect(await attempts('r2')).toBe(4); // 1 + MaxAttempts 3
    expect(await getItem(cloud, 'CASE#r2', 'CASE')).toBeDefined();
  });

  it('does not retry an error its policy excludes', async () => {
    const executionArn = await start('TestRetry', 'retry-3', { key: 'no-such-case', failTimes: 0 });
    await cloud.workflows.idle();
    expect(await describeExecution(executionArn)).toMatchObject({ status: 'FAILED', error: 'CaseMissing' });
  });
});

describe('service integrations', () => {
  it('calls DynamoDB and SES v2 through the SDK and lambda:invoke with the AWS result shape', async () => {
    const executionArn = await start('TestIntegrations', 'integrations-1', { key: 'n1', text: 'Guten Tag', to: ['notiz@example.org'] });
    await cloud.workflows.idle();
    const done = await describeExecution(executionArn);
    expect(done.status).toBe('SUCCEEDED');
    const output = JSON.parse(done.output!);
    expect(output.note).toEqual({ text: 'Guten Tag' });
    expect(output.mail.messageId).toEqual(expect.any(String));
    expect(output.invoked).toEqual({ ExecutedVersion: '$LATEST', Payload: 1, StatusCode: 200 });
    expect(output.refused.Error).toBe('DynamoDB.ConditionalCheckFailedException');
    expect(output.deleted).toEqual({ text: 'Guten Tag' });
    expect(await getItem(cloud, 'NOTE#n1', 'NOTE')).toBeUndefined();
    const mails = await mailsTo(cloud, 'notiz@example.org');
    expect(mails.map((m) => [m.subject, m.body.text?.trim()])).toEqual([['Notiz n1', 'Guten Tag']]);
    const scheduled = (await history(executionArn)).filter((e) => e.type === 'TaskScheduled').map((e) => e.taskScheduledEventDetails);
    expect(scheduled.map((d) => `${d?.resourceType}:${d?.resource}`)).toEqual([
      'dynamodb:putItem',
      'dynamodb:getItem',
      'aws-sdk:sesv2:sendEmail',
      'lambda:invoke',
      'dynamodb:putItem',
      'dynamodb:deleteItem',
    ]);
  });
});

describe('the execution API through @aws-sdk/client-sfn', () => {
  it('starts by name once: same input gives the running execution, another input ExecutionAlreadyExists', async () => {
    const first = await sfn.send(new StartExecutionCommand({ stateMachineArn: arnOf('TestCallbackReminder'), name: 'once', input: '{"key":"o1"}' }));
    const again = await sfn.send(new StartExecutionCommand({ stateMachineArn: arnOf('TestCallbackReminder'), name: 'once', input: '{"key":"o1"}' }));
    expect(again.executionArn).toBe(first.executionArn);
    expect(again.startDate).toEqual(first.startDate);
    const other = await caught(sfn.send(new StartExecutionCommand({ stateMachineArn: arnOf('TestCallbackReminder'), name: 'once', input: '{"key":"o2"}' })));
    expect(other).toBeInstanceOf(ExecutionAlreadyExists);
    // The runner's own start (the intake pipe's) with the same name starts nothing either.
    const internal = await cloud.workflows.start('TestCallbackReminder', { key: 'o1' }, 'once');
    expect(internal).toMatchObject({ executionArn: first.executionArn, created: false });
    await cloud.workflows.idle();
    const list = await sfn.send(new ListExecutionsCommand({ stateMachineArn: arnOf('TestCallbackReminder') }));
    expect(list.executions?.filter((e) => e.name === 'once')).toHaveLength(1);

    // StopExecution aborts it, and is idempotent; a closed execution's name stays taken.
    const stopped = await sfn.send(new StopExecutionCommand({ executionArn: first.executionArn, error: 'Withdrawn', cause: 'participant withdrew' }));
    expect(stopped.stopDate).toBeInstanceOf(Date);
    await sfn.send(new StopExecutionCommand({ executionArn: first.executionArn }));
    const described = await describeExecution(first.executionArn!);
    expect(described).toMatchObject({ status: 'ABORTED', error: 'Withdrawn', cause: 'participant withdrew', name: 'once', input: '{"key":"o1"}' });
    expect(described.stateMachineArn).toBe(arnOf('TestCallbackReminder'));
    expect((await history(first.executionArn!)).at(-1)).toMatchObject({ type: 'ExecutionAborted', executionAbortedEventDetails: { error: 'Withdrawn' } });
    const token = await tokenOf('o1');
    expect(await caught(sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' })))).toBeInstanceOf(TaskTimedOut);
    const reuse = await caught(sfn.send(new StartExecutionCommand({ stateMachineArn: arnOf('TestCallbackReminder'), name: 'once', input: '{"key":"o1"}' })));
    expect(reuse).toBeInstanceOf(ExecutionAlreadyExists);
  });

  it('lists executions by state machine and status, newest first, page by page', async () => {
    for (const i of [1, 2, 3]) await start('TestWaitUntil', `list-${i}`, { delaySeconds: 0, case: { dueAt: '2999-01-01T00:00:00Z' } });
    await cloud.workflows.idle();
    await sfn.send(new StopExecutionCommand({ executionArn: cloud.workflows.executionArn('TestWaitUntil', 'list-2') }));
    const aborted = await sfn.send(new ListExecutionsCommand({ stateMachineArn: arnOf('TestWaitUntil'), statusFilter: 'ABORTED' }));
    expect(aborted.executions?.map((e) => e.name)).toEqual(['list-2']);
    const names: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await sfn.send(new ListExecutionsCommand({ stateMachineArn: arnOf('TestWaitUntil'), maxResults: 2, nextToken }));
      expect(page.executions!.length).toBeLessThanOrEqual(2);
      names.push(...page.executions!.map((e) => e.name!));
      nextToken = page.nextToken;
    } while (nextToken);
    expect(names.filter((n) => n.startsWith('list-'))).toEqual(['list-3', 'list-2', 'list-1']);
    expect(new Set(names).size).toBe(names.length);
  });

  it('answers unknown state machines and executions with the errors AWS gives', async () => {
    const noMachine = await caught(sfn.send(new StartExecutionCommand({ stateMachineArn: arnOf('NoSuchMachine'), input: '{}' })));
    expect(noMachine).toBeInstanceOf(StateMachineDoesNotExist);
    const noExecution = await caught(describeExecution(cloud.workflows.executionArn('TestWaitUntil', 'never-started')));
    expect(noExecution).toBeInstanceOf(ExecutionDoesNotExist);
    const badInput = await caught(sfn.send(new StartExecutionCommand({ stateMachineArn: arnOf('TestWaitUntil'), input: '{' })));
    expect(badInput.name).toBe('InvalidExecutionInput');
    const badName = await caught(sfn.send(new StartExecutionCommand({ stateMachineArn: arnOf('TestWaitUntil'), name: 'a b', input: '{}' })));
    expect(badName.name).toBe('InvalidName');
  });

  it('speaks JSON 1.0 on the wire: HTTP 400 with __type and message', async () => {
    const call = (target: string, body: unknown) =>
      fetch(cloud.sfnEndpoint, { method: 'POST', headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': target }, body: JSON.stringify(body) });
    const invalid = await call('AWSStepFunctions.SendTaskSuccess', { taskToken: 'forged', output: '{}' });
    expect(invalid.status).toBe(400);
    expect(invalid.headers.get('content-type')).toBe('application/x-amz-json-1.0');
    expect(await invalid.json()).toEqual({ __type: 'InvalidToken', message: expect.any(String) });
    expect((await (await call('AWSStepFunctions.CreateStateMachine', {})).json()).__type).toBe('UnknownOperationException');
    expect((await (await call('AWSStepFunctions.DescribeExecution', {})).json()).__type).toBe('ValidationException');
    expect((await (await call('AWSStepFunctions.constructor', {})).json()).__type).toBe('UnknownOperationException');
  });

  it('keeps the clock endpoint local and forward-only', async () => {
    const now = await (await fetch(`${cloud.apiUrl}/local/clock`)).json();
    expect(Date.parse(now.now)).toBeGreaterThan(0);
    expect((await postJson(cloud, '/local/clock', { advanceSeconds: -5 })).status).toBe(400);
    expect((await postJson(cloud, '/local/clock', { to: 'yesterday' })).status).toBe(400);
    const before = cloud.clock.now();
    const back = await postJson(cloud, '/local/clock', { to: '2000-01-01T00:00:00Z' });
    expect(back.status).toBe(200);
    expect(Date.parse(back.body.now)).toBeGreaterThanOrEqual(before - 1);
  });
});
