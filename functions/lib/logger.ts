import { Logger, LogLevelThreshold } from '@aws-lambda-powertools/logger';
import type { MiddlewareObj } from '@middy/core';
import type { Context } from 'aws-lambda';
import { AsyncLocalStorage } from 'node:async_hooks';

const base = new Logger({ serviceName: process.env['POWERTOOLS_SERVICE_NAME'] ?? 'biwaq-workflows' });

/** The running invocation: its context, and its own logger once it prints a line. */
interface Invocation {
  context: Context | undefined;
  coldStart: boolean;
  logger?: Logger;
}
const invocations = new AsyncLocalStorage<Invocation>();
let firstInvocation = true;

/** The invocation's child logger, made on its first printed line: a Logger costs ~0.1 ms to make. */
function current(): Logger {
  const inv = invocations.getStore();
  if (!inv?.context) return base;
  if (!inv.logger) {
    const child = base.createChild();
    // A fresh child reports a cold start with its first context: spend that unless it is one.
    if (!inv.coldStart) child.addContext(inv.context);
    child.addContext(inv.context);
    inv.logger = child;
  }
  return inv.logger;
}

type Level = 'debug' | 'info' | 'warn' | 'error';
const at =
  (level: Level): Logger[Level] =>
  (input, ...extra) => {
    if (LogLevelThreshold[level.toUpperCase() as Uppercase<Level>] >= base.level) current()[level](input, ...extra);
  };

/**
 * Structured JSON logs. Never log events, bodies or items: they carry personal data.
 * Log ids, codes, counts and durations only.
 *
 * Each line carries the Lambda context of the invocation it belongs to (or none outside one):
 * injecting the context into one shared logger lets concurrent invocations write each other's
 * function name and request id (locally one process runs every handler).
 */
export const logger: Pick<Logger, Level> = { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };

/** Middy middleware: this invocation's Lambda context on every line it logs. */
export function injectInvocationLogger<TEvent, TResult>(): MiddlewareObj<TEvent, TResult, Error, Context> {
  // enterWith (entered synchronously, so the rest of the chain and the handler inherit it) also
  // reaches the caller's context: ending the invocation empties it there too.
  const end = () => {
    const inv = invocations.getStore();
    if (inv) inv.context = inv.logger = undefined;
  };
  return {
    before: (request) => {
      invocations.enterWith({ context: request.context, coldStart: firstInvocation });
      firstInvocation = false;
    },
    after: end,
    onError: end,
  };
}
