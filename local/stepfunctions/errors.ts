/**
 * Job: the errors of the local Step Functions — the API's errors (SfnError), the runner's own
 * signals that no Retry or Catch may handle, task errors, and timeouts as the library's class.
 */
import '../polyfills.js';
import { StateMachine } from 'aws-local-stepfunctions';
import { localFunctionArn } from '../lambda.js';

/** An error the Step Functions API answers with (HTTP 400, `__type` = type). */
export class SfnError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
    this.name = type;
  }
}

/** Errors the runner raises inside an execution that no Retry or Catch may handle. */
export class RunnerSignal extends Error {
  readonly isRetryable = false;
  readonly isCatchable = false;
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}
export const aborted = () => new RunnerSignal('Local.ExecutionStopped', 'the execution was stopped');
export const restartFromTop = () => new RunnerSignal('Local.RestartFromTop', 'parked longer than the local runner can wait in one go');
export const runtimeError = (message: string) => new RunnerSignal('States.Runtime', message);

/** An error as a Task state reports it: `name` is what Retry and Catch match, `message` the cause. */
export function taskError(name: string, cause: string): Error {
  const err = new Error(cause);
  err.name = name;
  return err;
}

/**
 * `States.Timeout` must be the library's own error class: `States.TaskFailed` in a Retry or Catch
 * matches every task error except that class. It is not exported, so one is caught once from a
 * task with a 1 ms timeout.
 */
let StatesTimeoutError: (new () => Error) | undefined;
export const timeoutClassReady: Promise<void> = (async () => {
  const probe = new StateMachine(
    { StartAt: 'T', States: { T: { Type: 'Task', Resource: localFunctionArn('Probe'), TimeoutSeconds: 0.001, End: true } } } as never,
    { validationOptions: { noValidate: true } },
  );
  const run = probe.run({}, { overrides: { taskResourceLocalHandlers: { T: () => new Promise(() => undefined) } } });
  try {
    await run.result;
  } catch (err) {
    const cause = (err as { cause?: Error }).cause;
    if (cause?.name === 'States.Timeout') StatesTimeoutError = cause.constructor as new () => Error;
  }
})();

export function timeoutError(name: 'States.Timeout' | 'States.HeartbeatTimeout', cause: string): Error {
  const err = StatesTimeoutError ? new StatesTimeoutError() : new Error();
  err.name = name;
  err.message = cause;
  return err;
}
export const isTimeout = (err: Error) => (StatesTimeoutError !== undefined && err instanceof StatesTimeoutError) || err.name === 'States.Timeout';
