/**
 * Job: knowing which executions have work to do — an execution holds an execution slot while it
 * has work and gives it up while every running task is parked; idle() resolves when none has work.
 */
import type { Live, RunnerContext } from './context.js';
import { flush } from './history.js';

/** Takes (or waits for) the execution's slot; once per wake-up, however many branches wake. */
export function activate(ctx: RunnerContext, exec: Live): Promise<void> {
  if (exec.releaseSlot) return Promise.resolve();
  exec.activating ??= ctx.executionSlots.acquire(exec.control.signal).then(
    (release) => {
      exec.releaseSlot = release;
      exec.activating = undefined;
    },
    (err: unknown) => {
      exec.activating = undefined;
      throw err;
    },
  );
  return exec.activating;
}

/** Gives the slot up while every running task of the execution is parked; its history is written now. */
export function parked(ctx: RunnerContext, exec: Live): void {
  if (exec.inflight > 0 && exec.parks.size === exec.inflight) {
    exec.releaseSlot?.();
    exec.releaseSlot = undefined;
    void flush(ctx, exec);
  }
}

/** Recounts whether an execution rests (every running task parked, none answered). */
export function touch(ctx: RunnerContext, exec: Live): void {
  let resting = exec.inflight > 0 && exec.parks.size === exec.inflight;
  if (resting) for (const p of exec.parks) if (p.resolved) resting = false;
  if (resting !== exec.resting && ctx.live.get(exec.record.executionArn) === exec) {
    ctx.busy += resting ? -1 : 1;
    exec.resting = resting;
  }
  changed(ctx);
}

/** Wakes idle() (once per turn of the event loop, however many changes). */
export function changed(ctx: RunnerContext): void {
  if (!ctx.changeListeners.length || ctx.notifyScheduled) return;
  ctx.notifyScheduled = true;
  setImmediate(() => {
    ctx.notifyScheduled = false;
    const listeners = ctx.changeListeners;
    ctx.changeListeners = [];
    for (const l of listeners) l();
  });
}

/**
 * Resolves when no execution has work to do now: each has ended or is parked in a Wait or a
 * callback task whose due time lies ahead on the clock. Waits for retries (they end by
 * themselves) unless `retryWaitsAreIdle` — then a test can move the clock through them.
 */
export async function idle(ctx: RunnerContext, opts: { retryWaitsAreIdle?: boolean } = {}): Promise<void> {
  if (!ctx.stopped) await ctx.catchUp();
  while (!isIdle(ctx, opts.retryWaitsAreIdle ?? false)) {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, 50);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      ctx.changeListeners.push(done);
    });
  }
}

function isIdle(ctx: RunnerContext, retryWaitsAreIdle: boolean): boolean {
  if (ctx.starting.size > 0 || ctx.busy > 0) return false;
  // Only when every execution rests: are their due times still ahead?
  for (const e of ctx.live.values()) {
    const now = e.time.now();
    for (const p of e.parks) if (p.due <= now || (p.kind === 'retry' && !retryWaitsAreIdle)) return false;
  }
  return true;
}
