/**
 * Job: execution history — the library's event log and the runner's own task events become the
 * events GetExecutionHistory returns (named as Step Functions names them), buffered per execution
 * and written to the store in order.
 */
import { roleArn, type Live, type RunnerContext } from './context.js';
import type { StateInfo } from './definition.js';

/** History of a busy execution is written at least this often (and whenever it parks or ends). */
const HISTORY_FLUSH_MS = 1000;

/** An event of the library's execution log. */
export interface LibraryEvent {
  type: string;
  input?: unknown;
  state?: { name: string; type: string; input: unknown; output?: unknown };
  parentState?: { name: string };
  index?: number;
}

export const json = (v: unknown) => JSON.stringify(v ?? null);

export function emit(ctx: RunnerContext, exec: Live, type: string, details: Record<string, unknown>): void {
  if (exec.closed) return;
  const id = exec.nextEventId++;
  exec.buffer.push({ id, previousEventId: id - 1, timestamp: exec.time.now(), type, ...details });
  // Written when the execution parks or ends, when someone reads it, or after a short while.
  if (!exec.flushTimer && exec.buffer.length < 200) {
    exec.flushTimer = setTimeout(() => void flush(ctx, exec), HISTORY_FLUSH_MS);
    exec.flushTimer.unref();
  } else if (exec.buffer.length >= 200) void flush(ctx, exec);
}

/** Writes the buffered events of an execution (in order, one writer per execution). */
export function flush(ctx: RunnerContext, exec: Live): Promise<void> {
  clearTimeout(exec.flushTimer);
  exec.flushTimer = undefined;
  const events = exec.buffer.splice(0);
  if (events.length) {
    exec.writes = exec.writes
      .then(() => ctx.writeSlots.run(() => ctx.store.appendEvents(exec.record.executionArn, events)))
      .catch((err: Error) => ctx.log(`workflow history of ${exec.record.executionArn} not written: ${err.message}`));
  }
  return exec.writes;
}

/** The library's events, as Step Functions names them (a Wait stays a Wait). */
export function onLibraryEvent(ctx: RunnerContext, exec: Live, ev: LibraryEvent): void {
  const stateName = ev.state?.name ?? '';
  const type = exec.wf.states.get(stateName)?.type ?? ev.state?.type ?? '';
  switch (ev.type) {
    case 'ExecutionStarted':
      if (!exec.redriven) {
        emit(ctx, exec, 'ExecutionStarted', {
          executionStartedEventDetails: { input: json(ev.input), inputDetails: { truncated: false }, roleArn: roleArn() },
        });
      }
      return;
    case 'StateEntered':
      emit(ctx, exec, `${type}StateEntered`, {
        stateEnteredEventDetails: { name: stateName, input: json(ev.state!.input), inputDetails: { truncated: false } },
      });
      return;
    case 'StateExited':
      emit(ctx, exec, `${type}StateExited`, {
        stateExitedEventDetails: { name: stateName, output: json(ev.state!.output), outputDetails: { truncated: false } },
      });
      return;
    case 'StateFailed':
      if (type === 'Map' || type === 'Parallel') emit(ctx, exec, `${type}StateFailed`, {});
      return;
    case 'MapIterationStarted':
    case 'MapIterationSucceeded':
    case 'MapIterationFailed': {
      const key = `mapIteration${ev.type.slice('MapIteration'.length)}EventDetails`;
      emit(ctx, exec, ev.type, { [key]: { name: ev.parentState?.name, index: ev.index } });
      return;
    }
    default:
      return; // execution ends are recorded by finish(); retries and catches show as task events
  }
}

// Task events: a plain Lambda ARN reports LambdaFunction* events, every other resource Task* events.

export function taskScheduled(ctx: RunnerContext, exec: Live, info: StateInfo, input: unknown): void {
  const r = info.resource!;
  if (r.kind === 'lambda') {
    emit(ctx, exec, 'LambdaFunctionScheduled', {
      lambdaFunctionScheduledEventDetails: { resource: r.resource, input: json(input), inputDetails: { truncated: false }, timeoutInSeconds: info.timeoutSeconds },
    });
  } else {
    emit(ctx, exec, 'TaskScheduled', {
      taskScheduledEventDetails: {
        resourceType: r.resourceType,
        resource: r.resource,
        region: ctx.region,
        parameters: json(input),
        timeoutInSeconds: info.timeoutSeconds,
        heartbeatInSeconds: info.heartbeatSeconds,
      },
    });
  }
}

export function taskStarted(ctx: RunnerContext, exec: Live, info: StateInfo): void {
  const r = info.resource!;
  if (r.kind === 'lambda') emit(ctx, exec, 'LambdaFunctionStarted', {});
  else emit(ctx, exec, 'TaskStarted', { taskStartedEventDetails: { resourceType: r.resourceType, resource: r.resource } });
}

/** A callback task's function has run; the task now waits for its token. */
export function taskSubmitted(ctx: RunnerContext, exec: Live, info: StateInfo, result: unknown): void {
  const r = info.resource!;
  emit(ctx, exec, 'TaskSubmitted', {
    taskSubmittedEventDetails: {
      resourceType: r.resourceType,
      resource: r.resource,
      output: json({ ExecutedVersion: '$LATEST', Payload: result ?? null, StatusCode: 200 }),
      outputDetails: { truncated: false },
    },
  });
}

export function taskSucceeded(ctx: RunnerContext, exec: Live, info: StateInfo, output: unknown): void {
  const r = info.resource!;
  const out = { output: json(output), outputDetails: { truncated: false } };
  if (r.kind === 'lambda') emit(ctx, exec, 'LambdaFunctionSucceeded', { lambdaFunctionSucceededEventDetails: out });
  else emit(ctx, exec, 'TaskSucceeded', { taskSucceededEventDetails: { resourceType: r.resourceType, resource: r.resource, ...out } });
}

export function taskFailed(ctx: RunnerContext, exec: Live, info: StateInfo, err: Error, timedOut: boolean): void {
  const r = info.resource!;
  const details = { error: err.name, cause: err.message };
  if (r.kind === 'lambda') emit(ctx, exec, timedOut ? 'LambdaFunctionTimedOut' : 'LambdaFunctionFailed', { [timedOut ? 'lambdaFunctionTimedOutEventDetails' : 'lambdaFunctionFailedEventDetails']: details });
  else if (timedOut) emit(ctx, exec, 'TaskTimedOut', { taskTimedOutEventDetails: { resourceType: r.resourceType, resource: r.resource, ...details } });
  else emit(ctx, exec, 'TaskFailed', { taskFailedEventDetails: { resourceType: r.resourceType, resource: r.resource, ...details } });
}
