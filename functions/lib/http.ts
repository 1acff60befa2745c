import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { createHash } from 'node:crypto';
import { DEFAULT_LANGUAGE, isLanguage, languageFromAcceptHeader, type Language } from '../../schemas/languages.js';
import type { FieldError } from '../../schemas/validation-errors.js';

/**
 * HTTP building blocks. HttpError is for what the HTTP layer itself refuses (413, 415, malformed
 * JSON, a bad query); use cases throw domain errors (functions/domain/errors.ts). Both are
 * mapped to a response in one place (functions/lib/errors.ts): no stack traces, no serialised
 * errors, no 500 for bad input.
 */

export type HttpResult = APIGatewayProxyStructuredResultV2;

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly errors?: FieldError[],
    readonly headers: Record<string, string> = {},
  ) {
    super(code);
    this.name = 'HttpError';
  }
}


/** Headers every API response carries: nothing cached, nothing sniffed, no referrer leaks. */
export const SECURITY_HEADERS: Record<string, string> = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'strict-transport-security': 'max-age=63072000; includeSubDomains',
};

/**
 * Pages served by the API (the employer's pages behind an e-mail link): the stylesheet from our
 * own origin and nothing else — no script, no frames, forms only to ourselves — and no indexing.
 * Cache-Control no-store and Referrer-Policy no-referrer come with SECURITY_HEADERS.
 */
export const PAGE_HEADERS: Record<string, string> = {
  'content-security-policy': "default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'x-frame-options': 'DENY',
  'x-robots-tag': 'noindex, nofollow',
};

export function json(status: number, body: unknown, headers: Record<string, string> = {}): HttpResult {
  return jsonText(status, JSON.stringify(body), headers);
}

/** A response whose JSON is serialised already (e.g. cached). */
export function jsonText(status: number, text: string, headers: Record<string, string> = {}): HttpResult {
  return {
    statusCode: status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...SECURITY_HEADERS, ...headers },
    body: text,
  };
}

/** A text answer (HTML pages, CSV) with the same security headers. */
export function textResponse(status: number, text: string, contentType: string, headers: Record<string, string> = {}): HttpResult {
  return {
    statusCode: status,
    headers: { ...SECURITY_HEADERS, 'content-type': contentType.includes('charset') ? contentType : `${contentType}; charset=utf-8`, ...headers },
    body: text,
  };
}

/** The language to answer in: the body's `lang`, then `?lang=`, then Accept-Language, then German. */
export function requestLanguage(event: APIGatewayProxyEventV2, body?: unknown): Language {
  const fromBody = body && typeof body === 'object' ? (body as Record<string, unknown>)['lang'] : undefined;
  if (isLanguage(fromBody)) return fromBody;
  const fromQuery = event.queryStringParameters?.['lang'];
  if (isLanguage(fromQuery)) return fromQuery;
  return languageFromAcceptHeader(header(event, 'accept-language')) ?? DEFAULT_LANGUAGE;
}

export function header(event: APIGatewayProxyEventV2, name: string): string | undefined {
  const headers = event.headers ?? {};
  const wanted = name.toLowerCase();
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === wanted) return v;
  return undefined;
}

/** A strong entity tag of a JSON body: the same body, the same tag (RFC 9110 §8.8.3). */
export function etagOf(body: unknown): string {
  return `"${createHash('sha256').update(JSON.stringify(body)).digest('base64url').slice(0, 32)}"`;
}

/** Whether an `If-None-Match` header names this tag (weak comparison, `*` matches any). */
export function noneMatch(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const bare = (t: string) => t.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((t) => t.trim() === '*' || bare(t) === bare(etag));
}

/** A download's headers: an attachment with its (ASCII) file name, never cached. */
export function downloadHeaders(filename: string): Record<string, string> {
  const safe = filename.replace(/[^A-Za-z0-9._-]/g, '_');
  return { 'content-disposition': `attachment; filename="${safe}"`, 'cache-control': 'no-store' };
}
