import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { HttpError, header } from './http.js';

/** Keys that could reach Object.prototype through a careless merge downstream. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const SUSPICIOUS = /proto|constructor|prototype|\\u/;

function hasForbiddenKey(value: unknown, depth = 0): boolean {
  if (depth > 64 || value === null || typeof value !== 'object') return false;
  for (const key of Object.keys(value)) {
    if (FORBIDDEN_KEYS.has(key) || hasForbiddenKey((value as Record<string, unknown>)[key], depth + 1)) return true;
  }
  return false;
}

export interface JsonBodyOptions {
  maxBytes: number;
}

/**
 * Reads a JSON request body the way every public endpoint must: JSON only (415), bounded size
 * (413), well-formed (400 invalid_json), no prototype-pollution keys (400 forbidden_key).
 */
export function readJsonBody(event: APIGatewayProxyEventV2, { maxBytes }: JsonBodyOptions): unknown {
  const contentType = (header(event, 'content-type') ?? '').toLowerCase();
  const mediaType = contentType.split(';')[0]?.trim();
  if (mediaType !== 'application/json') throw new HttpError(415, 'unsupported_media_type');
  const charset = /charset=([^;]+)/.exec(contentType)?.[1]?.trim().replace(/^"(.*)"$/, '$1');
  if (charset && charset !== 'utf-8' && charset !== 'utf8') throw new HttpError(415, 'unsupported_media_type');

  const raw = event.body ?? '';
  const bytes = event.isBase64Encoded ? Buffer.from(raw, 'base64') : Buffer.from(raw, 'utf8');
  if (bytes.byteLength > maxBytes) throw new HttpError(413, 'body_too_large');
  const text = bytes.toString('utf8');
  if (text.includes('\uFFFD') && !Buffer.from(text, 'utf8').equals(bytes)) throw new HttpError(400, 'invalid_json');

  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new HttpError(400, 'invalid_json');
  }
  // The text test is cheap and catches escaped spellings too; the walk makes it exact.
  if (SUSPICIOUS.test(text) && hasForbiddenKey(parsed)) throw new HttpError(400, 'forbidden_key');
  return parsed;
}
