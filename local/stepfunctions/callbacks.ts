/**
 * Job: callbacks and task tokens — `lambda:invoke.waitForTaskToken` tasks (a fresh token per task,
 * only its hash stored), and SendTaskSuccess, SendTaskFailure and SendTaskHeartbeat answering them.
 */
import { createHash, randomBytes } from 'node:crypto';
import { activate, parked, touch } from './activity.js';
import { DEFAULT_TASK_TIMEOUT_SECONDS, invokeInSlot } from './calls.js';
import type { Live, Park, RunnerContext, Waiter } from './context.js';
import { resolveFunction, TIMEOUT_PARAMETER, type StateInfo } from './definition.js';
import { aborted, SfnError, taskError, timeoutError } from './errors.js';
import { taskSubmitted } from './history.js';

/** What `$$.Task.Token` resolves to in Parameters; replaced by a fresh token in callback tasks. */
export const TOKEN_PLACEHOLDER = 'local-task-token-placeholder-3f9c1e7a';
const TOKEN_FORMAT = /^[A-Za-z0-9_-]{43}$/;

const mintToken = () => randomBytes(32).toString('base64url');
const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

function withToken(value: unknown, token: string): unknown {
  if (typeof value === 'string') return value.replaceAll(TOKEN_PLACEHOLDER, token);
  if (Array.isArray(value)) return value.map((v) => withToken(v, token));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withToken(v, token)]));
  return value;
}

/**
 * `lambda:invoke.waitForTaskToken`: a fresh token replaces `$$.Task.Token` in the payload, the
 * function runs, then the task waits on the clock for SendTaskSuccess/Failure, its TimeoutSeconds
 * or HeartbeatSeconds.
 */
export async function callback(ctx: RunnerContext, exec: Live, info: StateInfo, input: unknown, started: () => void): Promise<unknown> {
  const { [TIMEOUT_PARAMETER.replace(/\.\$$/, '')]: timeoutFromInput, ...p } = (input ?? {}) as { FunctionName?: unknown; Payload?: unknown } & Record<string, unknown>;
  const timeoutSeconds = info.timeoutFromInput ? checkedTimeout(timeoutFromInput) : info.timeoutSeconds;
  const fn = resolveFunction(ctx.tasks, p.FunctionName);
  const token = mintToken();
  const hash = hashToken(token);
  const begun = exec.time.now();
  let resolve!: (v: unknown) => void;
  let reject!: (e: Error) => void;
  const outcome = new Promise<unknown>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  outcome.catch(() => undefined);
  const waiter: Waiter = {
    exec,
    info,
    settled: false,
    outcome,
    resolve,
    reject,
    heartbeatDue: info.heartbeatSeconds !== undefined ? begun + info.heartbeatSeconds * 1000 : Infinity,
  };
  await ctx.store.putToken(hash, { executionArn: exec.record.executionArn, stateName: info.name, createdAt: begun });
  if (exec.control.signal.aborted) throw aborted();
  ctx.tokens.set(hash, waiter); // live before the function sees the token
  try {
    const result = await invokeInSlot(ctx, exec, fn, withToken(p.Payload ?? {}, token), started, DEFAULT_TASK_TIMEOUT_SECONDS * 1000);
    taskSubmitted(ctx, exec, info, result);
    const timeoutDue = timeoutSeconds !== undefined ? begun + timeoutSeconds * 1000 : Infinity;
    for (;;) {
      if (waiter.settled) return await outcome;
      const due = Math.min(timeoutDue, waiter.heartbeatDue);
      const wake = new AbortController();
      const park: Park = { kind: 'callback', due, resolved: false };
      waiter.park = park;
      waiter.wake = () => wake.abort();
      exec.parks.add(park);
      touch(ctx, exec);
      parked(ctx, exec);
      let reason: 'settled' | 'due' | 'woken';
      try {
        reason = await Promise.race([
          outcome.then(
            () => 'settled' as const,
            () => 'settled' as const,
          ),
          ctx.clock.sleepUntil(due, AbortSignal.any([wake.signal, exec.control.signal]), exec.time).then(
            () => 'due' as const,
            () => 'woken' as const,
          ),
        ]);
      } finally {
        wake.abort();
        exec.parks.delete(park);
        touch(ctx, exec);
      }
      if (exec.control.signal.aborted) throw aborted();
      if (reason !== 'woken') await activate(ctx, exec);
      if (reason === 'settled') return await outcome;
      if (reason === 'due') {
        const now = exec.time.now();
        if (now >= timeoutDue) throw timeoutError('States.Timeout', `The task did not report back within ${timeoutSeconds} seconds.`);
        if (now >= waiter.heartbeatDue) throw timeoutError('States.HeartbeatTimeout', `No heartbeat within ${info.heartbeatSeconds} seconds.`);
      }
    }
  } finally {
    ctx.tokens.delete(hash);
  }
}

/** TimeoutSecondsPath must name a positive integer, as Step Functions requires (else States.Runtime). */
function checkedTimeout(value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 31_536_000) {
    throw taskError('States.Runtime', 'TimeoutSecondsPath did not resolve to a positive integer (1 to 31536000)');
  }
  return value;
}

export async function sendTaskSuccess(ctx: RunnerContext, token: string, output: string): Promise<void> {
  let value: unknown;
  try {
    value = JSON.parse(output);
  } catch {
    throw new SfnError('InvalidOutput', 'Invalid Output: output is not valid JSON');
  }
  settle(ctx, await waiterFor(ctx, token), { value });
}

export async function sendTaskFailure(ctx: RunnerContext, token: string, error: string | undefined, cause: string | undefined): Promise<void> {
  settle(ctx, await waiterFor(ctx, token), { error: taskError(error ?? 'States.TaskFailed', cause ?? '') });
}

export async function sendTaskHeartbeat(ctx: RunnerContext, token: string): Promise<void> {
  const w = await waiterFor(ctx, token);
  if (w.settled) throw new SfnError('TaskTimedOut', 'Task Timed Out');
  if (w.info.heartbeatSeconds !== undefined) {
    w.heartbeatDue = w.exec.time.now() + w.info.heartbeatSeconds * 1000;
    w.wake?.();
  }
}

/** Forgets the tokens of an execution that ends: answers to them get TaskTimedOut. */
export function dropTokens(ctx: RunnerContext, exec: Live): void {
  for (const [hash, w] of ctx.tokens) if (w.exec === exec) ctx.tokens.delete(hash);
}

/** A live waiting task, or the error AWS gives: InvalidToken (malformed, unknown) or TaskTimedOut (no longer waiting). */
async function waiterFor(ctx: RunnerContext, token: string): Promise<Waiter> {
  if (typeof token !== 'string' || !TOKEN_FORMAT.test(token)) throw new SfnError('InvalidToken', 'Invalid Token');
  const hash = hashToken(token);
  const live = ctx.tokens.get(hash);
  if (live && !live.settled) return live;
  if (live || (await ctx.store.getToken(hash))) throw new SfnError('TaskTimedOut', 'Task Timed Out: the task is no longer waiting for this token');
  throw new SfnError('InvalidToken', 'Invalid Token');
}

function settle(ctx: RunnerContext, w: Waiter, result: { value: unknown } | { error: Error }): void {
  if (w.settled) throw new SfnError('TaskTimedOut', 'Task Timed Out: the task is no longer waiting for this token');
  w.settled = true;
  if (w.park) w.park.resolved = true;
  if ('error' in result) w.reject(result.error);
  else w.resolve(result.value);
  touch(ctx, w.exec);
}
