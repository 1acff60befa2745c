import { describe, expect, it } from 'vitest';
import { Clock } from '../../local/clock.js';

/** The workflow clock on its own: moved by tests, scaled for demos, never backwards. */
describe('the workflow clock', () => {
  const T0 = Date.parse('2030-03-01T08:00:00Z');

  it('wakes exactly the sleepers an advance reaches, in one step', async () => {
    const clock = new Clock({ start: T0 });
    const woke: string[] = [];
    const sleep = (label: string, due: number) => clock.sleepUntil(due).then(() => woke.push(label));
    const all = [sleep('in 1 h', T0 + 3600_000), sleep('in 2 h', T0 + 7200_000), sleep('in a year', T0 + 365 * 86400_000)];
    clock.advance(3600_000);
    await new Promise((r) => setImmediate(r));
    expect(woke).toEqual(['in 1 h']);
    clock.advanceTo(new Date(T0 + 7200_000));
    await new Promise((r) => setImmediate(r));
    expect(woke).toEqual(['in 1 h', 'in 2 h']);
    expect(clock.sleeping).toBe(1);
    clock.advance(365 * 86400_000);
    await Promise.all(all);
    expect(woke).toHaveLength(3);
    clock.stop();
  });

  it('resolves at once for a due time already passed, and never moves back', async () => {
    const clock = new Clock({ start: T0 });
    await clock.sleepUntil(T0 - 1);
    const now = clock.now();
    expect(clock.advanceTo(T0 - 86400_000)).toBeGreaterThanOrEqual(now);
    expect(() => clock.advance(-1)).toThrow(RangeError);
    expect(() => clock.advance(Number.NaN)).toThrow(RangeError);
    expect(() => new Clock({ scale: 0 })).toThrow(RangeError);
  });

  it('ends a sleep when its signal aborts', async () => {
    const clock = new Clock({ start: T0 });
    const control = new AbortController();
    const sleeping = clock.sleepUntil(T0 + 3600_000, control.signal);
    control.abort(new Error('stopped'));
    await expect(sleeping).rejects.toThrow('stopped');
    expect(clock.sleeping).toBe(0);
    clock.stop();
  });

  it('runs each timeline scaled in demo mode, however long the clock has been running', async () => {
    const clock = new Clock({ scale: 3_600_000 }); // an hour per real millisecond
    await new Promise((r) => setTimeout(r, 30)); // the clock itself does not run ahead of real time
    expect(Math.abs(clock.now() - Date.now())).toBeLessThan(5);
    const timeline = clock.timeline(); // an execution starts now: "2 hours from now" in handler time
    const due = Date.now() + 2 * 3600_000;
    const started = performance.now();
    await clock.sleepUntil(due, undefined, timeline);
    expect(performance.now() - started).toBeLessThan(200);
    expect(timeline.now()).toBeGreaterThanOrEqual(due);
    clock.stop();
  });

  it('moves every timeline with an advance; at scale 1 a timeline is the clock', async () => {
    const clock = new Clock({ start: T0 });
    const timeline = clock.timeline();
    expect(Math.abs(timeline.now() - clock.now())).toBeLessThan(2);
    const woke = clock.sleepUntil(clock.now() + 86400_000, undefined, timeline);
    clock.advance(86400_000);
    await woke;
    expect(Math.abs(timeline.now() - clock.now())).toBeLessThan(2);
    clock.stop();
  });

  it('notifies listeners of an advance (the local cloud persists the clock with it)', () => {
    const clock = new Clock({ start: T0 });
    const seen: number[] = [];
    clock.onAdvance((now) => seen.push(now));
    clock.advance(1000);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toBeGreaterThanOrEqual(T0 + 1000);
  });
});
