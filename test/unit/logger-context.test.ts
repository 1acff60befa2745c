import { afterEach, describe, expect, it, vi } from 'vitest';
import * as z from 'zod/mini';

// The logger reads its level once, at import (the tests elsewhere keep it silent); cold starts
// count only where Lambda says the environment is on demand.
vi.hoisted(() => {
  process.env['POWERTOOLS_LOG_LEVEL'] = 'INFO';
  process.env['AWS_LAMBDA_INITIALIZATION_TYPE'] = 'on-demand';
});

const { apiHandler } = await import('../../functions/lib/api-handler.js');
const { taskHandler } = await import('../../functions/lib/task-handler.js');
const { defineRoute } = await import('../../schemas/http/contract.js');
const { lazySchema } = await import('../../schemas/lazy.js');

/** A route contract for the wrappers under test. */
const TestRoute = defineRoute({
  id: 'TestRoute',
  method: 'GET',
  path: '/test',
  auth: { kind: 'public' },
  tag: 'test',
  summary: 'test',
  responses: { 200: { description: 'ok', body: lazySchema(() => z.object({ ok: z.optional(z.boolean()) })) } },
});
const { logger } = await import('../../functions/lib/logger.js');
const { lambdaContext } = await import('../../local/lambda.js');

/** Every JSON log line written while `fn` runs (Powertools writes through a Console on stdout/stderr). */
async function captureLogs(fn: () => Promise<void>): Promise<Record<string, unknown>[]> {
  const lines: string[] = [];
  const capture = (chunk: unknown) => {
    lines.push(...String(chunk).split('\n').filter((l) => l.startsWith('{')));
    return true;
  };
  vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  vi.spyOn(process.stderr, 'write').mockImplementation(capture);
  try {
    await fn();
  } finally {
    vi.restoreAllMocks();
  }
  return lines.map((l) => JSON.parse(l) as Record<string, unknown>);
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

afterEach(() => vi.restoreAllMocks());

describe('logger context per invocation', () => {
  it('gives every line of two interleaved invocations of different handlers its own function name and request id', async () => {
    const aLogged = deferred();
    const bLogged = deferred();
    const aDone = deferred();
    const route = apiHandler(TestRoute, async () => {
      logger.info('route first');
      aLogged.resolve();
      await bLogged.promise;
      logger.warn('route second');
      aDone.resolve();
      return { status: 200, body: { ok: true } };
    });
    const task = taskHandler(z.strictObject({}), async () => {
      await aLogged.promise;
      logger.info('task first');
      bLogged.resolve();
      await aDone.promise;
      logger.info('task second');
      return { ok: true };
    });
    const routeContext = lambdaContext('RouteFunction');
    const taskContext = lambdaContext('TaskFunction');

    const lines = await captureLogs(async () => {
      await Promise.all([route({} as never, routeContext), task({}, taskContext)]);
      logger.info('outside any invocation');
    });

    const byMessage = (m: string) => lines.find((l) => l['message'] === m);
    for (const m of ['route first', 'route second']) {
      expect(byMessage(m), m).toMatchObject({ function_name: 'RouteFunction', function_request_id: routeContext.awsRequestId });
    }
    for (const m of ['task first', 'task second']) {
      expect(byMessage(m), m).toMatchObject({ function_name: 'TaskFunction', function_request_id: taskContext.awsRequestId });
    }
    // The process's first invocation is its cold start, and only that one.
    expect(['route first', 'route second', 'task first', 'task second'].map((m) => byMessage(m)?.['cold_start'])).toEqual([true, true, false, false]);
    expect(byMessage('outside any invocation')).not.toHaveProperty('function_name');
    expect(byMessage('outside any invocation')).not.toHaveProperty('function_request_id');
    expect(byMessage('route first')?.['service']).toBe(byMessage('outside any invocation')?.['service']);
  });

  it('logs the wrappers own lines (a failed task) with the invocation that failed', async () => {
    const failing = taskHandler(z.strictObject({}), async () => {
      throw new TypeError('boom for someone@example.org');
    });
    const context = lambdaContext('FailingTask');
    const lines = await captureLogs(async () => {
      await expect(failing({}, context)).rejects.toMatchObject({ name: 'TypeError' });
    });
    expect(lines.find((l) => l['message'] === 'task failed')).toMatchObject({ function_name: 'FailingTask', function_request_id: context.awsRequestId, error: 'TypeError' });
  });

  it('reports a cold start once per process, not once per invocation', async () => {
    const ping = apiHandler(TestRoute, async () => {
      logger.info('ping');
      return { status: 200, body: {} };
    });
    const lines = await captureLogs(async () => {
      await ping({} as never, lambdaContext('Ping'));
      await ping({} as never, lambdaContext('Ping'));
    });
    expect(lines.filter((l) => l['message'] === 'ping').map((l) => l['cold_start'])).toEqual([false, false]);
  });
});
