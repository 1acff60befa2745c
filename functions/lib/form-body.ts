import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { HttpError, header } from './http.js';

/** Keys that could reach Object.prototype through a careless merge downstream. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Reads an HTML form's body (`application/x-www-form-urlencoded`, UTF-8) the way the JSON reader
 * does: that type only (415), bounded size (413), valid UTF-8 (400 invalid_request), each field
 * once and no prototype keys (400), into a plain object of strings for the contract's schema.
 */
export function readFormBody(event: APIGatewayProxyEventV2, { maxBytes }: { maxBytes: number }): Record<string, string> {
  const contentType = (header(event, 'content-type') ?? '').toLowerCase();
  if (contentType.split(';')[0]?.trim() !== 'application/x-www-form-urlencoded') throw new HttpError(415, 'unsupported_media_type');
  const charset = /charset=([^;]+)/.exec(contentType)?.[1]?.trim().replace(/^"(.*)"$/, '$1');
  if (charset && charset !== 'utf-8' && charset !== 'utf8') throw new HttpError(415, 'unsupported_media_type');

  const raw = event.body ?? '';
  const bytes = event.isBase64Encoded ? Buffer.from(raw, 'base64') : Buffer.from(raw, 'utf8');
  if (bytes.byteLength > maxBytes) throw new HttpError(413, 'body_too_large');
  const text = bytes.toString('utf8');
  if (text.includes('\uFFFD') && !Buffer.from(text, 'utf8').equals(bytes)) throw new HttpError(400, 'invalid_request');

  const fields: Record<string, string> = Object.create(null) as Record<string, string>;
  let decoded: URLSearchParams;
  try {
    decoded = new URLSearchParams(text);
  } catch {
    throw new HttpError(400, 'invalid_request');
  }
  for (const [k, v] of decoded) {
    if (FORBIDDEN_KEYS.has(k)) throw new HttpError(400, 'forbidden_key');
    if (k in fields) throw new HttpError(400, 'invalid_request');
    // A percent-encoding that is not UTF-8 decodes to U+FFFD: refused rather than stored garbled.
    if (v.includes('\uFFFD') || k.includes('\uFFFD')) throw new HttpError(400, 'invalid_request');
    fields[k] = v;
  }
  return { ...fields };
}
