/**
 * Job: the life of an execution — starting it (once per name), launching and running it with the
 * library, resuming RUNNING executions after a restart, finishing it (status, final event, store)
 * and stopping it (StopExecution, execution timeout).
 */
import { randomUUID } from 'node:crypto';
import { activate, changed } from './activity.js';
import { dropTokens, TOKEN_PLACEHOLDER } from './callbacks.js';
import { executionArn, roleArn, type Live, type RunnerContext } from './context.js';
import type { Workflow } from './definition.js';
import { aborted, RunnerSignal, SfnError, timeoutClassReady } from './errors.js';
import { emit, flush, onLibraryEvent, type LibraryEvent } from './history.js';
import type { ExecutionRecord } from './store.js';
import { runTask } from './tasks.js';

export function machineFor(ctx: RunnerContext, stateMachineArn: string): Workflow {
  if (!/^arn:aws[\w-]*:states:[\w-]+:\d{12}:stateMachine:[\w-]{1,80}$/.test(stateMachineArn ?? '')) {
    throw new SfnError('InvalidArn', `Invalid Arn: '${stateMachineArn}'`);
  }
  const wf = ctx.byArn.get(stateMachineArn);
  if (!wf) throw new SfnError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${stateMachineArn}'`);
  return wf;
}

export async function recordFor(ctx: RunnerContext, executionArn: string): Promise<ExecutionRecord> {
  if (!/^arn:aws[\w-]*:states:[\w-]+:\d{12}:execution:[\w-]{1,80}:[^:\s]{1,80}$/.test(executionArn ?? '')) {
    throw new SfnError('InvalidArn', `Invalid Arn: '${executionArn}'`);
  }
  const rec = ctx.live.get(executionArn)?.record ?? (await ctx.store.getExecution(executionArn));
  if (!rec) throw new SfnError('ExecutionDoesNotExist', `Execution Does Not Exist: '${executionArn}'`);
  return rec;
}

/** StartExecution: same name and input as a running execution → that one; otherwise ExecutionAlreadyExists. */
export async function startExecution(ctx: RunnerContext, stateMachineArn: string, name: string | undefined, input: string | undefined): Promise<ExecutionRecord> {
  const wf = machineFor(ctx, stateMachineArn);
  const text = input ?? '{}';
  try {
    JSON.parse(text);
  } catch {
    throw new SfnError('InvalidExecutionInput', 'Invalid State Machine Execution Input: input is not valid JSON');
  }
  const execName = name ?? randomUUID();
  if (!/^[^\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]{1,80}$/.test(execName)) {
    throw new SfnError('InvalidName', `Invalid Name: '${execName}'`);
  }
  return begin(ctx, wf, execName, text, false);
}

/**
 * Records a new execution and launches it in the background. With `reuse`, an existing execution
 * of that name is returned whatever its status; without, only a RUNNING one with the same input.
 */
export async function begin(ctx: RunnerContext, wf: Workflow, name: string, input: string, reuse: boolean): Promise<ExecutionRecord & { created: boolean }> {
  if (ctx.stopped) throw new SfnError('ServiceUnavailable', 'the local cloud is stopping');
  const arn = executionArn(ctx.region, wf.id, name);
  const same = (rec: ExecutionRecord) => {
    if (reuse || (rec.status === 'RUNNING' && rec.input === input)) return { ...rec, created: false };
    throw new SfnError('ExecutionAlreadyExists', `Execution Already Exists: '${arn}'`);
  };
  const live = ctx.live.get(arn);
  if (live) return same(live.record);
  const pending = ctx.starting.get(arn);
  if (pending) return same(await pending);

  const starting = (async () => {
    const record: ExecutionRecord = {
      executionArn: arn,
      stateMachineArn: wf.stateMachineArn,
      workflow: wf.id,
      name,
      status: 'RUNNING',
      input,
      startDate: ctx.clock.now(),
      redriveCount: 0,
    };
    const existing = await ctx.writeSlots.run(() => ctx.store.createExecution(record));
    if (existing) return { ...existing, created: false };
    launch(ctx, wf, record, { redriven: false, nextEventId: 1 });
    return { ...record, created: true };
  })();
  ctx.starting.set(arn, starting);
  changed(ctx);
  try {
    const rec = await starting;
    return rec.created ? rec : same(rec);
  } finally {
    ctx.starting.delete(arn);
    changed(ctx);
  }
}

/**
 * After a restart: every execution still RUNNING starts again from the top, same ARN and input
 * (every step is idempotent). Returns how many.
 */
export async function resume(ctx: RunnerContext): Promise<number> {
  await timeoutClassReady;
  const running = await ctx.store.runningExecutions();
  let count = 0;
  for (const rec of running) {
    if (ctx.live.has(rec.executionArn)) continue;
    const wf = ctx.byArn.get(rec.stateMachineArn);
    if (!wf) {
      ctx.log(`workflow execution ${rec.executionArn}: no state machine ${rec.stateMachineArn} any more; left as it is`);
      continue;
    }
    await redrive(ctx, wf, rec);
    count++;
  }
  return count;
}

async function redrive(ctx: RunnerContext, wf: Workflow, rec: ExecutionRecord): Promise<void> {
  rec.redriveCount += 1;
  rec.redriveDate = ctx.clock.now();
  await ctx.store.recordRedrive(rec.executionArn, rec.redriveCount, rec.redriveDate);
  const last = await ctx.store.lastEventId(rec.executionArn);
  launch(ctx, wf, rec, { redriven: true, nextEventId: last + 1 });
}

function launch(ctx: RunnerContext, wf: Workflow, record: ExecutionRecord, opts: { redriven: boolean; nextEventId: number }): Live {
  let resolveDone!: () => void;
  const exec: Live = {
    record,
    wf,
    time: ctx.clock.timeline(),
    control: new AbortController(),
    redriven: opts.redriven,
    shutdown: false,
    resultSettled: false,
    closed: false,
    nextEventId: opts.nextEventId,
    buffer: [],
    writes: Promise.resolve(),
    flushTimer: undefined,
    releaseSlot: undefined,
    activating: undefined,
    inflight: 0,
    parks: new Set(),
    resting: false,
    retries: new Map(),
    done: new Promise<void>((r) => (resolveDone = r)),
    resolveDone: () => resolveDone(),
  };
  ctx.live.set(record.executionArn, exec);
  ctx.known.set(record.executionArn, record);
  ctx.busy++;
  if (opts.redriven) emit(ctx, exec, 'ExecutionRedriven', { executionRedrivenEventDetails: { redriveCount: record.redriveCount } });
  if (wf.timeoutSeconds !== undefined) {
    ctx.clock.sleepUntil(record.startDate + wf.timeoutSeconds * 1000, exec.control.signal, exec.time).then(
      () => terminate(ctx, exec, { status: 'TIMED_OUT', error: 'States.Timeout', cause: `The execution ran longer than ${wf.timeoutSeconds} seconds.` }),
      () => undefined,
    );
  }
  changed(ctx);
  // Runs once it has an execution slot (StopExecution or a shutdown may come first).
  activate(ctx, exec).then(
    () => run(ctx, exec),
    () => finish(ctx, exec, { ok: false, err: aborted() }),
  );
  return exec;
}

function run(ctx: RunnerContext, exec: Live): void {
  const { wf, record } = exec;
  if (exec.control.signal.aborted) {
    void finish(ctx, exec, { ok: false, err: aborted() });
    return;
  }
  const handlers = Object.fromEntries(wf.taskStates.map((n) => [n, (input: unknown) => runTask(ctx, exec, wf.states.get(n)!, input)]));
  const input = JSON.parse(record.input) as never;
  const handle = wf.machine.run(input, {
    overrides: { taskResourceLocalHandlers: handlers as never, retryIntervalOverrides: wf.retryOverrides },
    context: {
      Execution: {
        Id: record.executionArn,
        Name: record.name,
        StartTime: new Date(record.startDate).toISOString(),
        RoleArn: roleArn(),
        Input: input,
      },
      StateMachine: { Id: wf.stateMachineArn, Name: wf.id },
      Task: { Token: TOKEN_PLACEHOLDER },
    },
  });
  exec.run = handle;
  exec.consumed = (async () => {
    for await (const ev of handle.eventLogs) onLibraryEvent(ctx, exec, ev as LibraryEvent);
  })().catch((err: Error) => ctx.log(`workflow history of ${record.executionArn}: ${err.message}`));
  handle.result
    .then(
      (value) => ({ ok: true as const, value }),
      (err: Error) => ({ ok: false as const, err }),
    )
    .then((outcome) => {
      exec.resultSettled = true;
      return finish(ctx, exec, outcome);
    })
    .catch((err: Error) => ctx.log(`workflow execution ${record.executionArn}: ${err.message}`));
}

async function finish(ctx: RunnerContext, exec: Live, outcome: { ok: true; value: unknown } | { ok: false; err: Error }): Promise<void> {
  await exec.consumed;
  exec.control.abort(aborted());
  exec.releaseSlot?.();
  exec.releaseSlot = undefined;
  const rec = exec.record;
  try {
    if (exec.shutdown) {
      // The process stops: the execution stays RUNNING and starts again at the next start.
      exec.closed = true;
      await flush(ctx, exec);
      return;
    }
    const cause = outcome.ok ? undefined : ((outcome.err as { cause?: Error }).cause ?? outcome.err);
    if (!exec.stopRequest && cause instanceof RunnerSignal && cause.name === 'Local.RestartFromTop') {
      exec.closed = true;
      await flush(ctx, exec);
      ctx.live.delete(rec.executionArn);
      if (!exec.resting) ctx.busy--;
      exec.resting = true; // counted once: the new run counts itself
      await redrive(ctx, exec.wf, rec);
      return;
    }
    rec.stopDate = exec.time.now();
    if (exec.stopRequest) {
      rec.status = exec.stopRequest.status;
      if (exec.stopRequest.error !== undefined) rec.error = exec.stopRequest.error;
      if (exec.stopRequest.cause !== undefined) rec.cause = exec.stopRequest.cause;
      const details = { error: rec.error, cause: rec.cause };
      if (rec.status === 'ABORTED') emit(ctx, exec, 'ExecutionAborted', { executionAbortedEventDetails: details });
      else emit(ctx, exec, 'ExecutionTimedOut', { executionTimedOutEventDetails: details });
    } else if (outcome.ok) {
      rec.status = 'SUCCEEDED';
      rec.output = JSON.stringify(outcome.value ?? null);
      emit(ctx, exec, 'ExecutionSucceeded', { executionSucceededEventDetails: { output: rec.output, outputDetails: { truncated: false } } });
    } else {
      rec.status = 'FAILED';
      rec.error = cause?.name ?? 'States.Runtime';
      rec.cause = cause?.message ?? '';
      emit(ctx, exec, 'ExecutionFailed', { executionFailedEventDetails: { error: rec.error, cause: rec.cause } });
      if (!rec.error.startsWith('Local.')) ctx.log(`workflow ${exec.wf.id} execution ${rec.name} failed: ${rec.error}: ${rec.cause}`);
    }
    exec.closed = true;
    await flush(ctx, exec);
    await ctx.store.finishExecution(rec);
  } finally {
    if (ctx.live.get(rec.executionArn) === exec) ctx.live.delete(rec.executionArn);
    if (!exec.resting) ctx.busy--;
    exec.resting = false;
    exec.resolveDone();
    changed(ctx);
  }
}

/** Ends a running execution (StopExecution, execution timeout). */
function terminate(ctx: RunnerContext, exec: Live, stop: NonNullable<Live['stopRequest']>): void {
  if (exec.stopRequest || exec.shutdown || exec.resultSettled) return;
  exec.stopRequest = stop;
  exec.control.abort(aborted()); // a queued execution's slot request ends with it
  exec.run?.abort();
  dropTokens(ctx, exec);
  changed(ctx);
}

/** StopExecution: ends a running execution as ABORTED; an execution that has ended stays as it is. */
export async function stopExecution(ctx: RunnerContext, executionArn: string, error?: string, cause?: string): Promise<ExecutionRecord> {
  const rec = await recordFor(ctx, executionArn);
  const exec = ctx.live.get(executionArn);
  if (exec) {
    terminate(ctx, exec, { status: 'ABORTED', ...(error !== undefined ? { error } : {}), ...(cause !== undefined ? { cause } : {}) });
    await exec.done;
    return { ...exec.record };
  }
  return { ...rec };
}
