import { describe, expect, it } from 'vitest';
import { WORKFLOWS, type TableStreamTrigger } from '../../infra/workflow-specs.js';
import { matchPath } from '../../infra/routes.js';
import { matchesPattern, renderInputTemplate, type EventPattern } from '../../local/event-pattern.js';
import { RateLimiter } from '../../local/rate-limit.js';

// The intake workflow's stream trigger, as the registry declares it.
const INTAKE_TRIGGER = WORKFLOWS.find((w) => w.id === 'IntakeRegistration')!.trigger as TableStreamTrigger;

const record = (sk: string, status: string, eventName = 'INSERT') => ({
  eventName,
  dynamodb: { Keys: { PK: { S: 'SUBMISSION#abc' }, SK: { S: sk } }, NewImage: { id: { S: 'abc' }, status: { S: status }, SK: { S: sk } } },
});

describe('intake trigger (the pipe filter shared by AWS and the local cloud)', () => {
  const pattern = INTAKE_TRIGGER.filterPattern as unknown as EventPattern;

  it('passes new submissions only', () => {
    expect(matchesPattern(record('SUBMISSION', 'received'), pattern)).toBe(true);
    expect(matchesPattern(record('SUBMISSION', 'registered', 'MODIFY'), pattern)).toBe(false);
    expect(matchesPattern(record('PROFILE', 'received'), pattern)).toBe(false);
    expect(matchesPattern(record('SUBMISSION', 'received', 'REMOVE'), pattern)).toBe(false);
  });

  it('passes only the id into the workflow', () => {
    expect(renderInputTemplate(INTAKE_TRIGGER.inputTemplate, record('SUBMISSION', 'received'))).toEqual({ submissionId: 'abc' });
  });
});

describe('route matching', () => {
  it('matches parameters and nothing else', () => {
    expect(matchPath('/api/staff/participants/{id}', '/api/staff/participants/a%20b')).toEqual({ id: 'a b' });
    expect(matchPath('/api/staff/participants/{id}', '/api/staff/participants/')).toBeUndefined();
    expect(matchPath('/api/intake', '/api/intake/')).toBeUndefined();
    expect(matchPath('/api/staff/participants/{id}', '/api/staff/participants/%E0%A4%A')).toBeUndefined();
  });
});

describe('rate limiter', () => {
  it('allows the limit per window and tells when to retry', () => {
    let t = 0;
    const limiter = new RateLimiter(2, 60_000, () => t);
    expect(limiter.take('a')).toBe(0);
    expect(limiter.take('a')).toBe(0);
    expect(limiter.take('a')).toBe(60);
    expect(limiter.take('b')).toBe(0);
    t = 45_000;
    expect(limiter.take('a')).toBe(15);
    t = 60_000;
    expect(limiter.take('a')).toBe(0);
  });

  it('is off at 0', () => {
    const limiter = new RateLimiter(0);
    for (let i = 0; i < 100; i++) expect(limiter.take('a')).toBe(0);
  });
});
