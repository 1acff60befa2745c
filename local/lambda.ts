import type { Context } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** A Lambda handler module as the functions/ files export it. */
export type LambdaHandler = (event: unknown, context: Context) => Promise<unknown>;

const ROOT = resolve(import.meta.dirname, '..');
const modules = new Map<string, Promise<LambdaHandler>>();

/**
 * Loads the handler module of a route or task (the same file CDK bundles). Imported lazily, after
 * the local cloud has set the environment the handler reads at cold start.
 */
export function loadHandler(entry: string): Promise<LambdaHandler> {
  let loaded = modules.get(entry);
  if (!loaded) {
    loaded = import(pathToFileURL(resolve(ROOT, entry)).href).then((m: { handler?: LambdaHandler }) => {
      if (typeof m.handler !== 'function') throw new Error(`${entry} exports no handler`);
      return m.handler;
    });
    modules.set(entry, loaded);
  }
  return loaded;
}

/** A Lambda context like the runtime's, with a deadline for getRemainingTimeInMillis. */
export function lambdaContext(functionName: string, timeoutMs = 30_000): Context {
  const deadline = Date.now() + timeoutMs;
  const region = process.env['AWS_REGION'] ?? 'eu-central-1';
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: localFunctionArn(functionName),
    memoryLimitInMB: '1024',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: `local/${region}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

export function localFunctionArn(functionName: string): string {
  return `arn:aws:lambda:${process.env['AWS_REGION'] ?? 'eu-central-1'}:000000000000:function:${functionName}`;
}

export async function invoke(entry: string, functionName: string, event: unknown): Promise<unknown> {
  const handler = await loadHandler(entry);
  return handler(event, lambdaContext(functionName));
}
