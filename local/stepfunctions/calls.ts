/**
 * Job: calling what a Task names — a handler module (plain Lambda ARN, `lambda:invoke`) or a
 * service integration — in a task slot, raced with a real-time timeout and the end of the
 * execution, and tracked so stop() lets calls in flight finish.
 */
import type { TaskSpec } from '../../infra/workflow-specs.js';
import { invoke } from '../lambda.js';
import type { Live, RunnerContext } from './context.js';
import { resolveFunction, type StateInfo } from './definition.js';
import { aborted, timeoutError } from './errors.js';

/** Lambda tasks without TimeoutSeconds (the library's default, in real time). */
export const DEFAULT_TASK_TIMEOUT_SECONDS = 60;

/** A Lambda handler or an SDK call: one task slot, a real-time timeout (TimeoutSeconds, else 60 s). */
export async function callTarget(ctx: RunnerContext, exec: Live, info: StateInfo, input: unknown, started: () => void): Promise<unknown> {
  const r = info.resource!;
  const timeoutMs = (info.timeoutSeconds ?? DEFAULT_TASK_TIMEOUT_SECONDS) * 1000;
  return ctx.taskSlots.run(async () => {
    if (exec.control.signal.aborted) throw aborted();
    started();
    if (r.kind === 'lambda') return (await guard(exec, track(ctx, invoke(info.task!.entry, info.task!.id, input)), timeoutMs)) ?? null;
    if (r.kind === 'lambda-invoke') {
      const p = (input ?? {}) as { FunctionName?: unknown; Payload?: unknown };
      const fn = resolveFunction(ctx.tasks, p.FunctionName);
      const payload = await guard(exec, track(ctx, invoke(fn.entry, fn.id, p.Payload ?? {})), timeoutMs);
      return { ExecutedVersion: '$LATEST', Payload: payload ?? null, StatusCode: 200 };
    }
    return guard(exec, track(ctx, ctx.integrations.call(r, input)), timeoutMs);
  });
}

/** A task function with its payload, in a task slot (the callback tasks' first half). */
export function invokeInSlot(ctx: RunnerContext, exec: Live, fn: TaskSpec, payload: unknown, started: () => void, timeoutMs: number): Promise<unknown> {
  return ctx.taskSlots.run(async () => {
    if (exec.control.signal.aborted) throw aborted();
    started();
    return guard(exec, track(ctx, invoke(fn.entry, fn.id, payload)), timeoutMs);
  });
}

/** Races work with a real-time timeout (States.Timeout) and the end of the execution. */
async function guard<T>(exec: Live, work: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const stop = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(timeoutError('States.Timeout', `The task ran longer than ${timeoutMs / 1000} seconds.`)), timeoutMs);
    onAbort = () => reject(aborted());
    exec.control.signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([work, stop]);
  } finally {
    clearTimeout(timer);
    exec.control.signal.removeEventListener('abort', onAbort!);
  }
}

/** Keeps track of handler invocations, so stop() lets them finish before the services go. */
function track<T>(ctx: RunnerContext, p: Promise<T>): Promise<T> {
  ctx.invocations.add(p);
  const done = () => ctx.invocations.delete(p);
  p.then(done, done);
  return p;
}
