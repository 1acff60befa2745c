import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import type * as z from 'zod/mini';
import { resolveSchema } from '../../schemas/lazy.js';
import { logUnexpected } from './log-error.js';
import { injectInvocationLogger } from './logger.js';

/** A workflow step's input did not match its contract: retrying cannot help. */
export class InvalidTaskInput extends Error {
  override name = 'InvalidTaskInput';
}

/**
 * Wraps a workflow task function: input checked against its contract (ids only), Lambda
 * context in the logs. Errors propagate to Step Functions, whose Retry policy decides.
 */
export function taskHandler<S extends z.ZodMiniType, R>(input: S | (() => S), fn: (input: z.infer<S>, context: Context) => Promise<R>) {
  return middy<unknown, R>()
    .use(injectInvocationLogger())
    .handler(async (event, context) => {
      // A lazy shape (schemas/workflow-tasks.ts) is built on the first call, not at import.
      const parsed = (resolveSchema(input) as S).safeParse(event);
      if (!parsed.success) throw new InvalidTaskInput('task input does not match its contract');
      try {
        return await fn(parsed.data, context);
      } catch (err) {
        // Error messages can name people (SES rejects "to x@y"): the cause Step Functions keeps
        // for 90 days and the logs get the error's name only, which the Retry policy matches.
        const name = err instanceof Error ? err.name : 'Error';
        logUnexpected('task failed', err);
        const safe = new Error(`${name} (details withheld: may contain personal data)`);
        safe.name = name;
        throw safe;
      }
    });
}
