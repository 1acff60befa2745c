import { describe, expect, it } from 'vitest';
import { matchesErrorEquals, nextRetry, retryIntervalSeconds, withHeartbeatTimeout, type Retrier } from '../../local/stepfunctions/retry.js';

const failed = (name: string, extra: { retryable?: boolean; timedOut?: boolean } = {}) => ({ name, retryable: true, timedOut: false, ...extra });

describe('ErrorEquals matching (Retry and Catch)', () => {
  it('matches the error name, States.ALL, and States.TaskFailed for every error but a timeout', () => {
    expect(matchesErrorEquals(['Lambda.Unknown'], failed('Lambda.Unknown'))).toBe(true);
    expect(matchesErrorEquals(['Lambda.Unknown'], failed('DynamoDB.ConditionalCheckFailedException'))).toBe(false);
    expect(matchesErrorEquals(['States.ALL'], failed('States.Timeout', { timedOut: true }))).toBe(true);
    expect(matchesErrorEquals(['States.TaskFailed'], failed('SesV2.MessageRejected'))).toBe(true);
    expect(matchesErrorEquals(['States.TaskFailed'], failed('States.Timeout', { timedOut: true }))).toBe(false);
    expect(matchesErrorEquals(['States.Timeout'], failed('States.Timeout', { timedOut: true }))).toBe(true);
    expect(matchesErrorEquals([], failed('Anything'))).toBe(false);
  });

  it('lets States.Timeout also match a heartbeat timeout, as on AWS', () => {
    expect(withHeartbeatTimeout(['States.Timeout'])).toEqual(['States.Timeout', 'States.HeartbeatTimeout']);
    expect(withHeartbeatTimeout(['States.TaskFailed'])).toEqual(['States.TaskFailed']);
    const input = ['States.Timeout'];
    withHeartbeatTimeout(input);
    expect(input).toEqual(['States.Timeout']);
  });
});

describe('retry intervals', () => {
  it('grows by BackoffRate from IntervalSeconds (defaults 1 s and 2)', () => {
    expect([0, 1, 2, 3].map((n) => retryIntervalSeconds({ ErrorEquals: [] }, n))).toEqual([1, 2, 4, 8]);
    expect([0, 1, 2].map((n) => retryIntervalSeconds({ ErrorEquals: [], IntervalSeconds: 3, BackoffRate: 1.5 }, n))).toEqual([3, 4.5, 6.75]);
  });

  it('stops at MaxDelaySeconds and scales by the jitter draw with FULL jitter', () => {
    const r: Retrier = { ErrorEquals: [], IntervalSeconds: 10, BackoffRate: 3, MaxDelaySeconds: 60 };
    expect([0, 1, 2].map((n) => retryIntervalSeconds(r, n))).toEqual([10, 30, 60]);
    expect(retryIntervalSeconds({ ...r, JitterStrategy: 'FULL' }, 1, () => 0.5)).toBe(15);
    expect(retryIntervalSeconds({ ...r, JitterStrategy: 'NONE' }, 1, () => 0.5)).toBe(30);
  });
});

describe('choosing the retrier', () => {
  const retriers: Retrier[] = [
    { ErrorEquals: ['Lambda.TooManyRequestsException'], IntervalSeconds: 1, MaxAttempts: 2 },
    { ErrorEquals: ['States.TaskFailed'], IntervalSeconds: 5, BackoffRate: 1 },
  ];

  it('takes the first retrier that matches, with its interval after the retries so far', () => {
    expect(nextRetry(retriers, [0, 0], failed('Lambda.TooManyRequestsException'))).toEqual({ index: 0, delaySeconds: 1 });
    expect(nextRetry(retriers, [1, 0], failed('Lambda.TooManyRequestsException'))).toEqual({ index: 0, delaySeconds: 2 });
    expect(nextRetry(retriers, [0, 0], failed('Lambda.Unknown'))).toEqual({ index: 1, delaySeconds: 5 });
  });

  it('does not fall through to a later retrier once the matching one has used its attempts', () => {
    expect(nextRetry(retriers, [2, 0], failed('Lambda.TooManyRequestsException'))).toBeUndefined();
    expect(nextRetry(retriers, [0, 3], failed('Lambda.Unknown'))).toBeUndefined(); // MaxAttempts defaults to 3
  });

  it('never retries a timeout under States.TaskFailed, nor the runner’s own signals', () => {
    expect(nextRetry(retriers, [0, 0], failed('States.Timeout', { timedOut: true }))).toBeUndefined();
    expect(nextRetry([{ ErrorEquals: ['States.ALL'] }], [0], failed('Local.ExecutionStopped', { retryable: false }))).toBeUndefined();
    expect(nextRetry([], [], failed('Lambda.Unknown'))).toBeUndefined();
  });

  it('counts attempts missing from the list as none', () => {
    expect(nextRetry(retriers, [], failed('Lambda.Unknown'))).toEqual({ index: 1, delaySeconds: 5 });
  });
});
