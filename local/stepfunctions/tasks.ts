/**
 * Job: running one Task state for the library — each attempt with its history events, Wait
 * states (turned into local tasks) and retry intervals parked on the runner's clock, and the
 * retrier chosen for the next interval.
 */
import { activate, parked, touch } from './activity.js';
import { callback } from './callbacks.js';
import { callTarget } from './calls.js';
import type { Live, Park, RunnerContext } from './context.js';
import { LIBRARY_TASK_TIMEOUT_SECONDS, type StateInfo } from './definition.js';
import { aborted, isTimeout, restartFromTop, RunnerSignal, runtimeError, taskError } from './errors.js';
import { taskFailed, taskScheduled, taskStarted, taskSucceeded } from './history.js';
import { nextRetry } from './retry.js';

/** A task parked this long in real time is started again from the top before the library's timer fires. */
const RESTART_AFTER_MS = (LIBRARY_TASK_TIMEOUT_SECONDS - 24 * 3600) * 1000;

/** The handler the library calls for a Task state (every Task and Wait of the definition). */
export async function runTask(ctx: RunnerContext, exec: Live, info: StateInfo, input: unknown): Promise<unknown> {
  exec.inflight++;
  touch(ctx, exec);
  let horizon: NodeJS.Timeout | undefined;
  try {
    // Lets the history catch up with the library's events (state entered) before ours.
    await new Promise((r) => setImmediate(r));
    if (exec.control.signal.aborted) throw aborted();
    const work = taskBody(ctx, exec, info, input);
    const tooLong = new Promise<never>((_, reject) => {
      horizon = setTimeout(() => reject(restartFromTop()), RESTART_AFTER_MS);
      horizon.unref();
    });
    return await Promise.race([work, tooLong]);
  } finally {
    clearTimeout(horizon);
    exec.inflight--;
    touch(ctx, exec);
  }
}

async function taskBody(ctx: RunnerContext, exec: Live, info: StateInfo, input: unknown): Promise<unknown> {
  if (info.resource!.kind === 'wait') return waitState(ctx, exec, input);
  const retry = exec.retries.get(info.name);
  if (retry?.delayMs !== undefined) {
    const delay = retry.delayMs;
    delete retry.delayMs;
    await park(ctx, exec, 'retry', exec.time.now() + delay);
  }
  return attempt(ctx, exec, info, input);
}

/** A Wait state: `{ input, seconds | timestamp }` from the Parameters it was turned into. */
async function waitState(ctx: RunnerContext, exec: Live, params: unknown): Promise<unknown> {
  const p = params as { input: unknown; seconds?: unknown; timestamp?: unknown };
  let due: number;
  if (p.seconds !== undefined) {
    if (typeof p.seconds !== 'number' || !Number.isInteger(p.seconds) || p.seconds < 0) throw runtimeError(`Wait: seconds must be a non-negative integer, not ${JSON.stringify(p.seconds)}`);
    due = exec.time.now() + p.seconds * 1000;
  } else {
    const ts = p.timestamp;
    if (typeof ts !== 'string' || !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(ts) || Number.isNaN(Date.parse(ts))) {
      throw runtimeError(`Wait: the timestamp must be an RFC 3339 time, not ${JSON.stringify(ts)}`);
    }
    due = Date.parse(ts);
  }
  await park(ctx, exec, 'wait', due);
  return p.input;
}

async function park(ctx: RunnerContext, exec: Live, kind: Park['kind'], due: number): Promise<void> {
  const park: Park = { kind, due, resolved: false };
  exec.parks.add(park);
  touch(ctx, exec);
  parked(ctx, exec);
  try {
    await ctx.clock.sleepUntil(due, exec.control.signal, exec.time);
  } finally {
    exec.parks.delete(park);
    touch(ctx, exec);
  }
  await activate(ctx, exec);
}

async function attempt(ctx: RunnerContext, exec: Live, info: StateInfo, input: unknown): Promise<unknown> {
  taskScheduled(ctx, exec, info, input);
  const started = () => taskStarted(ctx, exec, info);
  try {
    const output = info.resource!.kind === 'callback' ? await callback(ctx, exec, info, input, started) : await callTarget(ctx, exec, info, input, started);
    exec.retries.delete(info.name);
    taskSucceeded(ctx, exec, info, output);
    return output;
  } catch (e) {
    const err = e instanceof Error ? e : taskError('Error', String(e));
    if (exec.control.signal.aborted || err instanceof RunnerSignal) throw err;
    taskFailed(ctx, exec, info, err, isTimeout(err) || err.name === 'States.HeartbeatTimeout');
    planRetry(ctx, exec, info, err);
    throw err;
  }
}

/** Mirrors the library's choice of retrier, so the runner can wait the interval on its clock. */
function planRetry(ctx: RunnerContext, exec: Live, info: StateInfo, err: Error): void {
  const state = exec.retries.get(info.name) ?? { attempts: info.retry.map(() => 0) };
  const retryable = (err as { isRetryable?: boolean }).isRetryable ?? true;
  const next = nextRetry(info.retry, state.attempts, { name: err.name, retryable, timedOut: isTimeout(err) });
  if (!next) {
    exec.retries.delete(info.name);
    return;
  }
  state.attempts[next.index] = (state.attempts[next.index] ?? 0) + 1;
  state.delayMs = next.delaySeconds * 1000 * ctx.retryIntervalScale;
  exec.retries.set(info.name, state);
}
