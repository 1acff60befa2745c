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

/** A complete stored participant item (items read from the table are parsed against their shape). */
export function storedParticipant(extra: Record<string, unknown> = {}): Record<string, any> {
  const { lang: _l, site: _s, consent: _c, website: _w, ...entry } = validIntake();
  return {
    id: '0123456789abcdef0123456789abcdef',
    reference: 'AB12-CD34',
    site: 'marxloh',
    status: 'new',
    lang: 'de',
    entry: { ...entry, part2: { migrantBackground: 'no_answer', thirdCountryNational: 'no_answer', disability: 'no_answer', homelessness: 'no_answer', ...entry['part2'] } },
    consent: { noticeVersion: '2026-11', acceptedAt: '2026-11-26T09:00:00.000Z' },
    firstSubmissionId: 'f0123456789abcdef0123456789abcde',
    createdAt: '2026-11-26T09:00:00.000Z',
    updatedAt: '2026-11-26T09:00:00.000Z',
    version: 1,
    ...extra,
  };
}

/** A complete stored trial placement item (requested, nothing sent yet). */
export function storedPlacement(extra: Record<string, unknown> = {}): Record<string, any> {
  return {
    id: 'aaaabbbbccccddddeeeeffff00001111',
    site: 'marxloh',
    status: 'requested',
    participantId: '0123456789abcdef0123456789abcdef',
    participantReference: 'AB12-CD34',
    participantFirstName: 'Jana',
    employer: { name: 'Bäckerei Korn GmbH', contactName: 'Frau Korn', email: 'korn@baeckerei.example.org' },
    role: 'Verkaufshilfe',
    startDate: '2027-03-01',
    endDate: '2027-03-12',
    weeklyHours: 30,
    seriousObstacles: false,
    maxDays: 42,
    contentHash: 'hash',
    createdAt: '2027-02-15T09:00:00.000Z',
    createdBy: '5f0c7d3e-1111-4a2b-9c3d-000000000001',
    updatedAt: '2027-02-15T09:00:00.000Z',
    version: 1,
    ...extra,
  };
}

/** A valid body of POST /api/staff/placements (dates relative to `today`, YYYY-MM-DD). */
export function placementBody(today: string, extra: Record<string, unknown> = {}): Record<string, any> {
  const day = (n: number) => new Date(Date.parse(`${today}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
  return {
    participantId: '0123456789abcdef0123456789abcdef',
    employer: { name: 'Bäckerei Korn GmbH', contactName: 'Frau Korn', email: 'korn@baeckerei.example.org' },
    role: 'Verkaufshilfe',
    startDate: day(14),
    endDate: day(14 + 11),
    weeklyHours: 30,
    ...extra,
  };
}

/** A staff API Gateway event (the signed-in counsellor of events/get-staff-participant.json), for any route. */
export function staffEvent(opts: {
  method?: 'GET' | 'POST' | 'PATCH';
  path: string;
  query?: Record<string, string>;
  params?: Record<string, string>;
  body?: unknown;
  claims?: Record<string, string>;
  headers?: Record<string, string>;
}): APIGatewayProxyEventV2 {
  const e = structuredClone(readEvent('get-staff-participant.json')) as any;
  e.routeKey = `${opts.method ?? 'GET'} ${opts.path}`;
  e.rawPath = opts.path;
  e.requestContext.http.method = opts.method ?? 'GET';
  e.pathParameters = opts.params;
  e.queryStringParameters = opts.query;
  Object.assign(e.headers, opts.headers ?? {});
  if (opts.body !== undefined) {
    e.headers['content-type'] = 'application/json';
    e.body = JSON.stringify(opts.body);
  }
  Object.assign(e.requestContext.authorizer.jwt.claims, opts.claims ?? {});
  return e as APIGatewayProxyEventV2;
}
