import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';

const ROOT = resolve(import.meta.dirname, '..');

export function readEvent(name: string): APIGatewayProxyEventV2 {
  return JSON.parse(readFileSync(resolve(ROOT, 'events', name), 'utf8')) as APIGatewayProxyEventV2;
}

/** A fresh copy of the valid sample intake body (events/intake-body.json). */
export function validIntake(): Record<string, any> {
  return JSON.parse(readFileSync(resolve(ROOT, 'events/intake-body.json'), 'utf8')) as Record<string, any>;
}

/** The valid sample API Gateway event with another body and extra headers. */
export function intakeEvent(body: unknown, headers: Record<string, string> = {}): APIGatewayProxyEventV2 {
  const event = readEvent('post-intake-valid.json');
  const { 'idempotency-key': _key, ...base } = event.headers;
  return {
    ...event,
    headers: { ...base, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  };
}

export const lambdaContext = {
  callbackWaitsForEmptyEventLoop: false,
  functionName: 'test',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:eu-central-1:000000000000:function:test',
  memoryLimitInMB: '1024',
  awsRequestId: '00000000-0000-4000-8000-000000000000',
  logGroupName: '/aws/lambda/test',
  logStreamName: 'test',
  getRemainingTimeInMillis: () => 30_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
};
