import { logger } from './logger.js';

/**
 * The one logging policy for unexpected errors, in API and task handlers alike: the error's name
 * and where it was thrown (file:line of the first frame), never its message, which may quote
 * personal data (an SES rejection names the address, a zod issue the value).
 */
export function logUnexpected(what: string, err: unknown): void {
  const name = err instanceof Error ? err.name : typeof err;
  const frame = err instanceof Error ? /\n\s+at (?:.*?\()?([^()\s]+:\d+):\d+\)?/.exec(err.stack ?? '')?.[1] : undefined;
  logger.error(what, { error: name, ...(frame ? { at: frame.replace(/^.*\/(functions|node_modules)\//, '$1/') } : {}) });
}
