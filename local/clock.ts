import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';

/** Real time, read from the original Date: the local cloud's Date follows this clock (local/clock-date.ts). */
const realNow = Date.now.bind(Date);

/**
 * The local cloud's clock for workflows: when Waits end, when callback tasks time out, how long a
 * retry waits. Tests move it forward deterministically with advance()/advanceTo(); it never goes
 * back, and the local cloud keeps it across restarts. Handler code does not know it: functions/
 * uses `new Date()`.
 *
 * Demo mode (TIME_SCALE, e.g. 8640 = one day in ten seconds) speeds up each execution's own time
 * from the moment it starts (its timeline): due times that handlers compute from real times (a
 * registration's createdAt + 2 working days) then come due at the scaled pace, however long the
 * local cloud has been running. A single fast clock would run ahead of the handlers' real time and
 * find every new due time already past. At scale 1 every timeline is the clock itself.
 */

/** setTimeout's ceiling (about 24.8 days); longer real delays are re-armed. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** A view of the clock that starts now and runs `scale` times as fast (plus every advance). */
export interface Timeline {
  /** Clock time (epoch ms) at which this timeline starts. */
  readonly start: number;
  now(): number;
}

interface Sleeper {
  due: number;
  timeline: TimelineImpl | undefined;
  /** Real time (epoch ms) at which the sleeper is due, unless the clock is advanced before. */
  wakeReal: number;
  resolve: () => void;
}

class TimelineImpl implements Timeline {
  readonly start: number;
  private readonly realStart: number;
  private readonly offsetStart: number;

  constructor(private readonly clock: Clock) {
    this.realStart = realNow();
    this.offsetStart = clock.offsetMs;
    this.start = this.realStart + this.offsetStart;
  }

  now(): number {
    return this.start + (realNow() - this.realStart) * this.clock.scale + (this.clock.offsetMs - this.offsetStart);
  }

  /** The real time at which this timeline reaches `due` (no further advances). */
  wakeReal(due: number): number {
    return this.realStart + (due - this.start - (this.clock.offsetMs - this.offsetStart)) / this.clock.scale;
  }
}

export interface ClockOptions {
  /** Clock time (epoch ms) now; default the real time. Earlier advances survive a restart this way. */
  start?: number;
  /** How much faster than real time each execution's timeline runs; default 1. */
  scale?: number;
}

export class Clock {
  readonly scale: number;
  /** clock = real time + offset (the advances so far). */
  private offset: number;
  private readonly sleepers = new Set<Sleeper>();
  private timer: NodeJS.Timeout | undefined;
  private timerDue = Infinity;
  private readonly listeners: ((now: number) => void)[] = [];

  constructor(opts: ClockOptions = {}) {
    const scale = opts.scale ?? 1;
    if (!Number.isFinite(scale) || scale <= 0) throw new RangeError(`time scale must be a positive number, not ${scale}`);
    this.scale = scale;
    this.offset = Math.max(0, (opts.start ?? realNow()) - realNow());
  }

  get offsetMs(): number {
    return this.offset;
  }

  /** Clock time in epoch milliseconds: real time plus every advance. */
  now(): number {
    return realNow() + this.offset;
  }

  date(): Date {
    return new Date(this.now());
  }

  /** A timeline that starts now (one per execution run); at scale 1 it is the clock itself. */
  timeline(): Timeline {
    return new TimelineImpl(this);
  }

  /** Moves the clock (and every timeline) forward by ms; every sleeper now due wakes. Returns the new time. */
  advance(ms: number): number {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError('the clock only moves forward: give a finite, non-negative duration');
    this.offset += ms;
    for (const s of this.sleepers) s.wakeReal = this.wakeReal(s.due, s.timeline);
    this.wake();
    const now = this.now();
    for (const l of this.listeners) l(now);
    return now;
  }

  /** Moves the clock forward to a time (a time in the past changes nothing). Returns the new time. */
  advanceTo(to: Date | number): number {
    const target = typeof to === 'number' ? to : to.getTime();
    if (!Number.isFinite(target)) throw new RangeError('not a valid time');
    const ms = target - this.now();
    return ms > 0 ? this.advance(ms) : this.now();
  }

  /** Called after every advance (the local cloud persists the clock with it). */
  onAdvance(listener: (now: number) => void): void {
    this.listeners.push(listener);
  }

  /**
   * Resolves when the clock — or the given timeline — reaches `due` (epoch ms), by real time
   * passing (scaled on a timeline) or by an advance; rejects with the signal's reason when it
   * aborts first.
   */
  sleepUntil(due: number, signal?: AbortSignal, timeline?: Timeline): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    const t = timeline as TimelineImpl | undefined;
    if (due <= (t ? t.now() : this.now())) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const sleeper: Sleeper = {
        due,
        timeline: t,
        wakeReal: this.wakeReal(due, t),
        resolve: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = () => {
        this.sleepers.delete(sleeper);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.sleepers.add(sleeper);
      if (sleeper.wakeReal < this.timerDue) this.arm();
    });
  }

  /** Number of sleepers (tests, diagnostics). */
  get sleeping(): number {
    return this.sleepers.size;
  }

  /** Stops the timer; sleepers stay asleep (their owners abort them). */
  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.timerDue = Infinity;
  }

  private wakeReal(due: number, t: TimelineImpl | undefined): number {
    return t ? t.wakeReal(due) : due - this.offset;
  }

  private wake(): void {
    const real = realNow();
    for (const s of this.sleepers) {
      if (s.wakeReal <= real || s.due <= (s.timeline ? s.timeline.now() : this.now())) {
        this.sleepers.delete(s);
        s.resolve();
      }
    }
    this.arm();
  }

  private arm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.timerDue = Infinity;
    for (const s of this.sleepers) if (s.wakeReal < this.timerDue) this.timerDue = s.wakeReal;
    if (this.timerDue === Infinity) return;
    const realMs = Math.min(MAX_TIMER_MS, Math.max(0, Math.ceil(this.timerDue - realNow())));
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.timerDue = Infinity;
      this.wake();
    }, realMs);
    this.timer.unref();
  }
}

/** How far ahead of real time the endpoint may move the clock: a saved clock never goes back. */
const MAX_AHEAD_MS = 10 * 365.25 * 86400_000;
const MAX_AHEAD_SECONDS = MAX_AHEAD_MS / 1000;

const ClockMove = z.union([
  z.strictObject({ advanceSeconds: z.number().positive().max(MAX_AHEAD_SECONDS) }),
  z.strictObject({ to: z.iso.datetime({ offset: true }) }),
]);

const USAGE =
  `Send {"advanceSeconds": n} (0 < n ≤ ${MAX_AHEAD_SECONDS}) or {"to": "<ISO 8601 date and time, e.g. 2027-01-04T09:00:00Z>"}; ` +
  'the clock only moves forward, at most 10 years ahead of real time.';

/** Loopback clients only: the clock is a test and demo tool, even when HOST exposes the API. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return address === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

/**
 * The local-only clock endpoint on the local API (never deployed): `GET /local/clock` gives the
 * time; `POST /local/clock` with `{"advanceSeconds": n}` or `{"to": "<ISO time>"}` moves it
 * forward and gives the new time. A time already past changes nothing.
 */
export async function handleClockRequest(req: IncomingMessage, res: ServerResponse, clock: Clock | undefined): Promise<boolean> {
  const path = new URL(req.url ?? '/', 'http://local').pathname;
  if (path !== '/local/clock' || !clock) return false;
  const answer = (status: number, body: unknown, close = false) => {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': String(Buffer.byteLength(text)),
      'cache-control': 'no-store',
      // The body is left unread: a kept-alive socket would read its rest as the next request.
      ...(close ? { connection: 'close' } : {}),
    });
    res.end(text);
    return true;
  };
  if (!isLoopbackAddress(req.socket.remoteAddress)) return answer(403, { message: 'Forbidden: /local/clock answers loopback clients only.' }, true);
  const state = () => ({ now: clock.date().toISOString(), timeScale: clock.scale });
  if (req.method === 'GET') return answer(200, state());
  if (req.method !== 'POST') return answer(405, { message: 'Method Not Allowed' }, true);
  const chunks: Buffer[] = [];
  for await (const c of req as AsyncIterable<Buffer>) {
    chunks.push(c);
    if (chunks.length > 16) return answer(413, { message: 'Request Entity Too Large' }, true);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
  } catch {
    return answer(400, { message: USAGE });
  }
  const move = ClockMove.safeParse(parsed);
  if (!move.success) return answer(400, { message: USAGE });
  const target = 'to' in move.data ? Date.parse(move.data.to) : clock.now() + move.data.advanceSeconds * 1000;
  // Bounded by real time, so neither one request nor many add up to a clock no intake survives.
  if (!Number.isFinite(target) || target > realNow() + MAX_AHEAD_MS) return answer(400, { message: USAGE });
  clock.advanceTo(target);
  return answer(200, state());
}
