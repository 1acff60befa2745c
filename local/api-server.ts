import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { isUtf8 } from 'node:buffer';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { matchPath, ROUTES, type RouteSpec } from '../infra/routes.js';
import { message } from '../schemas/i18n/messages.js';
import { DEFAULT_LANGUAGE, languageFromAcceptHeader } from '../schemas/languages.js';
import { ORIGIN_VERIFY_HEADER, ORIGIN_VERIFY_VARIABLE } from '../functions/lib/origin-verify.js';
import { invoke } from './lambda.js';
import { RateLimiter } from './rate-limit.js';

/** What API Gateway accepts at most; the handlers apply their own, smaller limits. */
const MAX_REQUEST_BYTES = 1024 * 1024;

const TEXT_TYPES = /^(text\/|application\/(json|x-www-form-urlencoded|xml|javascript)|[^;]*\+json)/i;

export interface ApiServerOptions {
  rateLimitPerMinute: number;
  /** Extra handlers for paths the route table does not own (static pages, local-only endpoints). */
  fallback?: (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;
  /**
   * The JWT authorizer of `auth: 'staff'` routes: verified claims, or undefined for 401.
   * Without it staff routes always answer 401 (fail closed).
   */
  verifyStaff?: (authorization: string | undefined) => Promise<Record<string, string> | undefined>;
  /**
   * Whether the local cloud is ready (unfinished workflows resumed); until then `GET /health`
   * answers 503 `{"status":"starting"}`. Without it the server is ready at once.
   */
  ready?: () => boolean;
}

/**
 * The local API Gateway: matches the route table, turns the request into an API Gateway v2
 * event, invokes the same handler module CDK deploys, and writes its result back.
 */
export function createApiServer(opts: ApiServerOptions): Server {
  const limiters = new Map<string, RateLimiter>();
  const limiterFor = (routeId: string) => {
    let limiter = limiters.get(routeId);
    if (!limiter) limiters.set(routeId, (limiter = new RateLimiter(opts.rateLimitPerMinute)));
    return limiter;
  };
  return createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, { message: 'Internal Server Error' });
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://local');
    const method = (req.method ?? 'GET').toUpperCase();
    const match = findRoute(method, url.pathname);
    if (!match) {
      if (opts.fallback && (await opts.fallback(req, res))) return;
      return send(res, 404, { message: 'Not Found' });
    }
    const sourceIp = req.socket.remoteAddress ?? '127.0.0.1';

    if (match.route.id === 'GetHealth' && opts.ready && !opts.ready()) return send(res, 503, { status: 'starting' });

    // The routes the route table marks rate-limited (the WAF rate-based rule on AWS), each on its own.
    if (match.route.rateLimited) {
      const retryAfter = limiterFor(match.route.id).take(sourceIp);
      if (retryAfter > 0) {
        const lang = languageFromAcceptHeader(req.headers['accept-language']) ?? DEFAULT_LANGUAGE;
        return sendEarly(res, 429, { code: 'rate_limited', message: message(lang, 'rate_limited') }, { 'retry-after': String(retryAfter) });
      }
    }

    // As API Gateway: the authorizer runs before the function, and a failure never reaches it.
    let claims: Record<string, string> | undefined;
    if (match.route.auth === 'staff') {
      claims = opts.verifyStaff ? await opts.verifyStaff(req.headers.authorization) : undefined;
      if (!claims) return sendEarly(res, 401, { message: 'Unauthorized' });
    }

    const body = await readBody(req);
    if (body === 'too-large') return sendEarly(res, 413, { message: 'Request Entity Too Large' });

    const event = toEvent(req, url, method, match, body, sourceIp);
    if (claims) (event.requestContext as { authorizer?: unknown }).authorizer = { jwt: { claims, scopes: null } };
    let result: unknown;
    try {
      result = await invoke(match.route.entry, match.route.id, event);
    } catch {
      return send(res, 500, { message: 'Internal Server Error' });
    }
    writeResult(res, result);
  }
}

/**
 * As CloudFront does on AWS: the origin secret on every request to the API, overwriting whatever
 * the client sent (functions/lib/origin-verify.ts). `npm run invoke` adds it to its sample events too.
 */
export function addOriginHeader(headers: Record<string, string | undefined>): void {
  const originSecret = process.env[ORIGIN_VERIFY_VARIABLE];
  if (originSecret) headers[ORIGIN_VERIFY_HEADER] = originSecret;
}

/** The headers with the origin secret added (the demo seeds call the intake handler directly). */
export function withOriginHeader(headers: Record<string, string>): Record<string, string> {
  addOriginHeader(headers);
  return headers;
}

/** As API Gateway: the most specific route wins (fewer `{param}` segments), whatever the table's order. */
const BY_SPECIFICITY = [...ROUTES].sort((a, b) => (a.path.match(/\{/g)?.length ?? 0) - (b.path.match(/\{/g)?.length ?? 0));

function findRoute(method: string, path: string): { route: RouteSpec; params: Record<string, string> } | undefined {
  for (const route of BY_SPECIFICITY) {
    // As the API's HEAD route does on AWS: a GET whose contract also answers HEAD (constructs/api.ts).
    if (route.method !== method && !(method === 'HEAD' && route.method === 'GET' && route.contract.head)) continue;
    const params = matchPath(route.path, path);
    if (params) return { route, params };
  }
  return undefined;
}

async function readBody(req: IncomingMessage): Promise<Buffer | 'too-large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_REQUEST_BYTES) return 'too-large';
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function toEvent(
  req: IncomingMessage,
  url: URL,
  method: string,
  match: { route: RouteSpec; params: Record<string, string> },
  body: Buffer,
  sourceIp: string,
): APIGatewayProxyEventV2 {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (v === undefined || k === 'cookie') continue;
    headers[k.toLowerCase()] = Array.isArray(v) ? v.join(',') : v;
  }
  addOriginHeader(headers);
  const query: Record<string, string> = {};
  for (const [k, v] of url.searchParams) query[k] = k in query ? `${query[k]},${v}` : v;
  // As API Gateway: text only when the type is textual and the bytes are valid UTF-8, so the
  // handler's own UTF-8 check (functions/lib/json-body.ts) sees the bytes as they came.
  const isText = TEXT_TYPES.test(headers['content-type'] ?? '') && isUtf8(body);
  const now = new Date();
  const routeKey = `${method} ${match.route.path}`;
  const cookies = req.headers.cookie?.split(';').map((c) => c.trim()).filter(Boolean);
  return {
    version: '2.0',
    routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    ...(cookies?.length ? { cookies } : {}),
    headers,
    ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
    ...(Object.keys(match.params).length ? { pathParameters: match.params } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers['host'] ?? 'localhost',
      domainPrefix: 'local',
      http: { method, path: url.pathname, protocol: `HTTP/${req.httpVersion}`, sourceIp, userAgent: headers['user-agent'] ?? '' },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    ...(body.length ? { body: isText ? body.toString('utf8') : body.toString('base64') } : {}),
    isBase64Encoded: body.length > 0 && !isText,
  };
}

/** Writes a handler result the way API Gateway's payload format 2.0 does. */
function writeResult(res: ServerResponse, result: unknown): void {
  if (typeof result !== 'object' || result === null || !('statusCode' in result)) {
    return send(res, 200, result ?? null);
  }
  const r = result as APIGatewayProxyStructuredResultV2;
  const headers: Record<string, string | string[]> = { ...(r.headers as Record<string, string>) };
  if (r.cookies?.length) headers['set-cookie'] = r.cookies;
  const body = r.body === undefined ? Buffer.alloc(0) : r.isBase64Encoded ? Buffer.from(r.body, 'base64') : Buffer.from(r.body, 'utf8');
  res.writeHead(r.statusCode ?? 200, { ...headers, 'content-length': String(body.length) });
  res.end(body);
}

/**
 * An answer before the request body was read (or all of it): the unread rest would be parsed as
 * the next request on a kept-alive socket, so the connection closes once the answer is out.
 */
function sendEarly(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const socket = res.socket;
  res.once('finish', () => socket?.destroySoon());
  send(res, status, body, { ...headers, connection: 'close' });
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(text);
}
