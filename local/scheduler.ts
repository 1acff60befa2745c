import { cronOf, type DailyScheduleTrigger, type WorkflowSpec } from '../infra/workflow-specs.js';
import { addCalendarDays, berlinDate, berlinMidnight } from '../functions/domain/working-days.js';
import type { Clock } from './clock.js';
import type { WorkflowRunner } from './stepfunctions/runner.js';

/**
 * EventBridge Scheduler, locally: each registry entry with a daily trigger is started when the
 * movable clock passes its time of day (Berlin), by real time or by a test's advance. A jump of
 * months starts it once, as a Scheduler that missed its windows would start the next one. Names
 * are `<workflow>-<day>`, so a start repeated after a restart starts nothing twice; at start-up
 * the last occurrence counts as done (it ran, or the next night catches up).
 */

export interface ScheduleControl {
  /** Resolves when every start the clock has caused so far has been handed to the runner. */
  settled(): Promise<void>;
  stop(): void;
}

/** The latest instant ≤ `now` (epoch ms) at which a daily trigger fires, and its Berlin day. */
export function lastOccurrence(t: DailyScheduleTrigger, now: number): { at: number; day: string } {
  const [h, m] = t.at.split(':').map(Number) as [number, number];
  let day = berlinDate(new Date(now));
  for (let i = 0; i < 3; i++, day = addCalendarDays(day, -1)) {
    // Berlin midnight plus the hours: on the two changeover nights a year this is an hour off, which a nightly sweep does not mind.
    const at = berlinMidnight(day).getTime() + (h * 60 + m) * 60_000;
    if (at <= now) return { at, day };
  }
  throw new Error(`no occurrence of ${cronOf(t)} found`);
}

export function connectSchedules(clock: Clock, runner: WorkflowRunner, workflows: readonly WorkflowSpec[]): ScheduleControl {
  const daily = workflows.flatMap((w) => (w.trigger?.kind === 'daily' ? [{ workflow: w.id, trigger: w.trigger }] : []));
  const done = new Map(daily.map((d) => [d.workflow, lastOccurrence(d.trigger, clock.now()).at]));
  let pending: Promise<unknown> = Promise.resolve();

  const check = (now: number) => {
    for (const { workflow, trigger } of daily) {
      const last = lastOccurrence(trigger, now);
      if (last.at <= (done.get(workflow) ?? Infinity)) continue;
      done.set(workflow, last.at);
      const started = runner.start(workflow, trigger.input, `${workflow}-${last.day}`).catch((err: Error) => {
        if (!runner.isStopped) console.error(`scheduler: ${workflow} not started: ${err.name}`);
      });
      pending = Promise.all([pending, started]);
    }
  };
  clock.onAdvance(check);
  // Real time passes too (a long-running `npm start`): look once a minute.
  const timer = setInterval(() => check(clock.now()), 60_000);
  timer.unref();
  return { settled: () => pending.then(() => undefined), stop: () => clearInterval(timer) };
}
