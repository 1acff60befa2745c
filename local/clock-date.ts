/**
 * The local cloud lives on its clock: in the process that runs it, `new Date()` and `Date.now()`
 * read the clock, so handlers (which only know `new Date()`) see the same time that moves Waits
 * and timeouts. Tests move the clock forward to a Thursday before Easter and the intake is
 * registered on that Thursday. On AWS nothing of this exists: functions/ is unchanged.
 */
const RealDate = globalThis.Date;
let source: { now(): number } | undefined;

function ClockDate(this: unknown, ...args: unknown[]): Date | string {
  const now = source ? source.now() : RealDate.now();
  if (!new.target) return new RealDate(now).toString();
  return args.length === 0 ? new RealDate(now) : new (RealDate as unknown as new (...a: unknown[]) => Date)(...args);
}
ClockDate.prototype = RealDate.prototype;
Object.setPrototypeOf(ClockDate, RealDate);
Object.defineProperty(ClockDate, 'now', { value: () => (source ? source.now() : RealDate.now()) });

let installed = false;

/** Makes Date follow `clock` in this process (undefined: real time again). */
export function dateFollows(clock: { now(): number } | undefined): void {
  source = clock;
  if (!installed) {
    globalThis.Date = ClockDate as unknown as DateConstructor;
    installed = true;
  }
}
