/**
 * Job: the Retry and Catch rules, as pure functions — which `ErrorEquals` list matches an error,
 * which retrier applies to a failed attempt and how long to wait before the next one. The library
 * retries (at once) and catches by the same rules; the runner mirrors its choice of retrier so it
 * can wait the interval on its own clock.
 */

export interface Retrier {
  ErrorEquals: string[];
  IntervalSeconds?: number;
  MaxAttempts?: number;
  BackoffRate?: number;
  MaxDelaySeconds?: number;
  JitterStrategy?: 'NONE' | 'FULL';
}

/** What the rules need to know of an error. */
export interface FailedAttempt {
  /** The error name (`States.Timeout`, `DynamoDB.ConditionalCheckFailedException`, …). */
  name: string;
  /** False for the runner's own signals: nothing may retry or catch them. */
  retryable: boolean;
  /** A timeout (the library's class): `States.TaskFailed` does not match it. */
  timedOut: boolean;
}

/** Whether one `ErrorEquals` list of a Retry or Catch matches the error. */
export function matchesErrorEquals(errorEquals: readonly string[], err: FailedAttempt): boolean {
  return errorEquals.some((e) => e === err.name || e === 'States.ALL' || (e === 'States.TaskFailed' && !err.timedOut));
}

/**
 * On AWS a heartbeat timeout is matched by both names: a Retry or Catch naming `States.Timeout`
 * also matches `States.HeartbeatTimeout`.
 */
export function withHeartbeatTimeout(errorEquals: readonly string[]): string[] {
  return errorEquals.includes('States.Timeout') ? [...errorEquals, 'States.HeartbeatTimeout'] : [...errorEquals];
}

/** The seconds before the next attempt, after `attempts` retries by this retrier so far. */
export function retryIntervalSeconds(r: Retrier, attempts: number, random: () => number = Math.random): number {
  let seconds = (r.IntervalSeconds ?? 1) * Math.pow(r.BackoffRate ?? 2, attempts);
  if (r.MaxDelaySeconds) seconds = Math.min(seconds, r.MaxDelaySeconds);
  if (r.JitterStrategy === 'FULL') seconds = random() * seconds;
  return seconds;
}

/**
 * The retry for a failed attempt: the first retrier whose ErrorEquals matches decides; once it has
 * used its MaxAttempts (default 3) the error goes on to Catch. `attempts[i]` counts the retries of
 * retrier i so far. Undefined: no retry.
 */
export function nextRetry(
  retriers: readonly Retrier[],
  attempts: readonly number[],
  err: FailedAttempt,
  random: () => number = Math.random,
): { index: number; delaySeconds: number } | undefined {
  if (!err.retryable) return undefined;
  for (const [index, r] of retriers.entries()) {
    if (!matchesErrorEquals(r.ErrorEquals, err)) continue;
    const used = attempts[index] ?? 0;
    if (used >= (r.MaxAttempts ?? 3)) return undefined;
    return { index, delaySeconds: retryIntervalSeconds(r, used, random) };
  }
  return undefined;
}
