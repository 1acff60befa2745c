import middy from '@middy/core';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { resolveSchema, type BodyOf, type ParamsOf, type QueryOf, type Reply, type RouteContract, type SchemaRef } from '../../schemas/http/contract.js';
import type { Language } from '../../schemas/languages.js';
import { localise, problemsFromZod } from '../../schemas/validation-errors.js';
import { DomainError, NotAllowed, NotFound } from '../domain/errors.js';
import { errorResponse } from './errors.js';
import { logUnexpected } from './log-error.js';
import { HttpError, json, requestLanguage, SECURITY_HEADERS, textResponse, type HttpResult } from './http.js';
import { readFormBody } from './form-body.js';
import { readJsonBody } from './json-body.js';
import { injectInvocationLogger } from './logger.js';
import { principalOf, type Principal } from './principal.js';
import { cameThroughCloudFront } from './origin-verify.js';

export type ApiEvent = APIGatewayProxyEventV2;

/** What a route's function gets: the parts of the request, parsed by its contract. */
export interface RouteRequest<C extends RouteContract> {
  event: ApiEvent;
  context: Context;
  /** The caller's language for messages: the body's `lang`, `?lang=`, Accept-Language, German. */
  lang: Language;
  params: ParamsOf<C>;
  query: QueryOf<C>;
  body: BodyOf<C>;
  /** Staff routes: the verified caller, already checked against the contract's roles. */
  principal: C['auth'] extends { kind: 'staff' } ? Principal : undefined;
}

export interface ApiHandlerOptions {
  /**
   * Staff routes: runs after the route's function answered (the site's staff directory records
   * who works there). Its failure never fails the request.
   */
  onCaller?: (principal: Principal) => Promise<void>;
  /**
   * Page routes: what the wrapper refuses itself (413, 415, a malformed form, an unexpected
   * error) as a page instead of the JSON error body. Gets the status and the error code.
   */
  errorPage?: (status: number, code: string) => HttpResult;
}

/**
 * Wraps a route's function with its contract: the caller's role (403), path parameters (an
 * invalid id is 404, like an unknown one), the query (400 invalid_query), the body (413, 415,
 * 400 with field errors); then the function's reply is written as its contract says, and every
 * thrown error is mapped to a response in one place (functions/lib/errors.ts).
 */
export function apiHandler<C extends RouteContract>(contract: C, fn: (req: RouteRequest<C>) => Promise<Reply<C>>, opts: ApiHandlerOptions = {}) {
  return middy<ApiEvent, HttpResult>()
    .use(injectInvocationLogger())
    .handler(async (event, context) => {
      let lang = requestLanguage(event);
      try {
        // Before anything else: a request that went around CloudFront (and its WAF) gets nothing.
        if (!cameThroughCloudFront(event)) throw new HttpError(403, 'forbidden');
        const principal = contract.auth.kind === 'staff' ? authorise(event, contract.auth.roles) : undefined;
        const params = parsePart(contract.params, event.pathParameters ?? {}, () => new NotFound());
        const query = parsePart(contract.query, event.queryStringParameters ?? {}, (issues) =>
          new HttpError(400, 'invalid_query', localise(problemsFromZod(issues), lang)),
        );
        let body: unknown;
        if (contract.body) {
          const read = contract.body.contentType === 'application/x-www-form-urlencoded' ? readFormBody : readJsonBody;
          const raw = read(event, { maxBytes: contract.body.maxBytes });
          lang = requestLanguage(event, raw);
          body = contract.body.validatedBy === 'handler' ? raw : parseBody(contract.body.schema, raw, lang);
        }
        const reply = await fn({ event, context, lang, params, query, body, principal } as RouteRequest<C>);
        if (principal && opts.onCaller) await opts.onCaller(principal).catch((err: unknown) => logUnexpected('caller not recorded', err));
        return withoutBodyForHead(event, toResult(contract, reply));
      } catch (err) {
        if (!(err instanceof HttpError) && !(err instanceof DomainError)) logUnexpected('unhandled error', err);
        const answer = errorResponse(err, lang);
        if (!opts.errorPage) return answer;
        const code = err instanceof HttpError || err instanceof DomainError ? err.code : 'server_error';
        return withoutBodyForHead(event, opts.errorPage(answer.statusCode ?? 500, code));
      }
    });
}

/** HEAD (contracts with `head: true`): the GET's answer, its headers, no body. */
function withoutBodyForHead(event: ApiEvent, result: HttpResult): HttpResult {
  return event.requestContext?.http?.method === 'HEAD' ? { ...result, body: '' } : result;
}

function authorise(event: ApiEvent, roles: readonly string[]): Principal {
  const principal = principalOf(event);
  if (!roles.includes(principal.role)) throw new NotAllowed();
  return principal;
}

type Issues = Parameters<typeof problemsFromZod>[0];

function parsePart(schema: SchemaRef | undefined, value: unknown, fail: (issues: Issues) => Error): any {
  if (!schema) return {};
  const parsed = resolveSchema(schema).safeParse(value, { reportInput: true });
  if (!parsed.success) throw fail(parsed.error.issues);
  return parsed.data;
}

function parseBody(schema: SchemaRef, raw: unknown, lang: Language): unknown {
  // reportInput tells a missing field (required) from a wrong one; issues never leave this process.
  const parsed = resolveSchema(schema).safeParse(raw, { reportInput: true });
  if (!parsed.success) throw new HttpError(400, 'invalid_request', localise(problemsFromZod(parsed.error.issues), lang));
  return parsed.data;
}

function toResult(contract: RouteContract, reply: { status: number; body?: unknown; headers?: Record<string, string> }): HttpResult {
  const spec = contract.responses[reply.status];
  if (!spec) throw new Error(`${contract.id} answered ${reply.status}, which its contract does not declare`);
  // A bodiless answer (304 Not Modified): no body, no content type.
  if (!spec.body && !spec.contentType && reply.body === undefined) return { statusCode: reply.status, headers: { ...SECURITY_HEADERS, ...reply.headers } };
  const type = spec.contentType ?? 'application/json';
  if (type === 'application/json') return json(reply.status, reply.body ?? null, reply.headers);
  // A binary body arrives base64-encoded; API Gateway (payload 2.0) and the local server decode it.
  if (spec.binary) return { statusCode: reply.status, headers: { ...SECURITY_HEADERS, 'content-type': type, ...reply.headers }, body: String(reply.body ?? ''), isBase64Encoded: true };
  return textResponse(reply.status, String(reply.body ?? ''), type, reply.headers);
}
