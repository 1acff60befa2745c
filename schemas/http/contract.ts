import type * as z from 'zod/mini';
import type { Resolved, SchemaRef } from '../lazy.js';
import type { Role } from '../staff.js';

/**
 * One contract per route: id, method, path, who may call it, the request's parts and the
 * response for each status it answers. The CDK route table (infra/routes.ts), the local API
 * server, the handler's parsing (functions/lib/api-handler.ts), the OpenAPI document
 * (schemas/http/openapi.ts), the pages' typed client (web/common/api-client.ts) and the tests
 * all read it from here: nobody writes a path or a response shape twice.
 */

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** `public`: no authorizer. `staff`: the JWT authorizer, then the listed roles (others get 403). */
export type RouteAuth = { kind: 'public' } | { kind: 'staff'; roles: readonly Role[] };

export interface ResponseSpec {
  description: string;
  /**
   * The body's schema, absent for bodiless answers: a `lazySchema` (schemas/lazy.ts), built on
   * the first call. The handler tests check answers against it and the OpenAPI document
   * describes it; no function reads it, so no cold start builds a response schema.
   */
  body?: () => z.ZodMiniType;
  /** Defaults to application/json. */
  contentType?: 'application/json' | 'text/html' | 'text/csv' | string;
  /**
   * A binary body (XLSX): the function returns it base64-encoded with `isBase64Encoded`, which
   * API Gateway's HTTP API (payload 2.0) and the local server decode to bytes on the wire.
   */
  binary?: boolean;
  /** Response headers worth documenting (e.g. `ETag`). */
  headers?: Record<string, { description: string }>;
}

// A request part's schema may be a `lazySchema` (a `SchemaRef`): a function then builds its own
// route's request shapes on its first request and nobody else's.
export { resolveSchema, type Resolved, type SchemaRef } from '../lazy.js';

export interface RequestBodySpec {
  schema: SchemaRef;
  /** The handler's own limit (API Gateway's is 1 MB); larger bodies get 413. */
  maxBytes: number;
  contentType?: 'application/json' | 'application/x-www-form-urlencoded';
  /**
   * `contract` (default): the wrapper validates against `schema`. `handler`: the body depends on
   * configuration (e.g. the intake's sites) or on today's date; `schema` documents it and the
   * handler validates with its own, stricter copy.
   */
  validatedBy?: 'contract' | 'handler';
}

export interface HeaderSpec {
  description: string;
  required?: boolean;
  pattern?: string;
}

export interface RouteContract {
  /** PascalCase; also the construct id of the route's function. */
  id: string;
  method: Method;
  /**
   * A GET that also answers HEAD (the same answer without its body): pages behind e-mail links,
   * which mail scanners probe. Both clouds route HEAD to the GET's function.
   */
  head?: boolean;
  /** API Gateway path with `{param}` placeholders. */
  path: string;
  auth: RouteAuth;
  summary: string;
  description?: string;
  tag: string;
  params?: SchemaRef;
  query?: SchemaRef;
  headers?: Record<string, HeaderSpec>;
  body?: RequestBodySpec;
  responses: Readonly<Record<number, ResponseSpec>>;
}

/** Keeps the literal types of a contract (statuses, paths) for the typed client and handlers. */
export const defineRoute = <const C extends RouteContract>(contract: C): C => contract;

type Schema<T> = T extends z.ZodMiniType ? T : never;

/** What the handler sees of each part, after parsing. */
export type ParamsOf<C extends RouteContract> = C['params'] extends SchemaRef ? z.output<Schema<Resolved<C['params']>>> : Record<string, never>;
export type QueryOf<C extends RouteContract> = C['query'] extends SchemaRef ? z.output<Schema<Resolved<C['query']>>> : Record<string, never>;
export type BodyOf<C extends RouteContract> = C['body'] extends RequestBodySpec
  ? C['body']['validatedBy'] extends 'handler'
    ? unknown
    : z.output<Schema<Resolved<C['body']['schema']>>>
  : undefined;
/** What a client sends as the body. */
export type BodyInputOf<C extends RouteContract> = C['body'] extends RequestBodySpec ? z.input<Schema<Resolved<C['body']['schema']>>> : undefined;

type SuccessStatus<C extends RouteContract> = Extract<keyof C['responses'], 200 | 201 | 202 | 204 | 303 | 304>;

/** The body of one status's answer. */
export type ResponseOf<C extends RouteContract, S extends keyof C['responses']> = C['responses'][S] extends { body: () => infer B }
  ? B extends z.ZodMiniType
    ? z.output<B>
    : undefined
  : undefined;

/** Statuses answered with a page (`text/html`): a page route answers its refusals itself, as pages. */
type PageStatus<C extends RouteContract> = Extract<
  { [S in keyof C['responses']]: C['responses'][S] extends { contentType: 'text/html' } ? S : never }[keyof C['responses']],
  number
>;

/** What a handler returns: one of the contract's success answers (or, for pages, any page it declares), typed by its schema. */
export type Reply<C extends RouteContract> = {
  [S in SuccessStatus<C> | PageStatus<C>]: {
    status: S;
    body: C['responses'][S] extends { body: () => infer B } ? (B extends z.ZodMiniType ? z.input<B> : never) : undefined;
    headers?: Record<string, string>;
  };
}[SuccessStatus<C> | PageStatus<C>];

/** The success answer a client gets (the 2xx the contract declares). */
export type SuccessBodyOf<C extends RouteContract> = ResponseOf<C, Extract<SuccessStatus<C>, 200 | 201 | 202 | 204 | 303>>;

/** Fills a path's `{param}` placeholders, each URL-encoded. */
export function fillPath(path: string, params: Record<string, string> = {}): string {
  return path.replace(/\{([A-Za-z0-9_]+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`missing path parameter ${name}`);
    return encodeURIComponent(value);
  });
}

/** Matches a request path against a contract path; returns the decoded parameters or undefined. */
export function matchPath(routePath: string, requestPath: string): Record<string, string> | undefined {
  const want = routePath.split('/');
  const got = requestPath.split('/');
  if (want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i] ?? '';
    const g = got[i] ?? '';
    if (w.startsWith('{') && w.endsWith('}')) {
      if (!g) return undefined;
      try {
        params[w.slice(1, -1)] = decodeURIComponent(g);
      } catch {
        return undefined;
      }
    } else if (w !== g) return undefined;
  }
  return params;
}
