import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { HttpError, header } from './http.js';

/** Keys that could reach Object.prototype through a careless merge downstream. */
export const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * A request body as text, checked the way every body reader must: exactly this media type in
 * UTF-8 (415), bounded size (413), valid UTF-8 (400 with `invalidCode`). API Gateway hands bodies
 * over as text or base64; both arrive here as the same bytes.
 */
export function readBodyText(event: APIGatewayProxyEventV2, mediaType: string, maxBytes: number, invalidCode: string): string {
  const contentType = (header(event, 'content-type') ?? '').toLowerCase();
  if (contentType.split(';')[0]?.trim() !== mediaType) throw new HttpError(415, 'unsupported_media_type');
  const charset = /charset=([^;]+)/.exec(contentType)?.[1]?.trim().replace(/^"(.*)"$/, '$1');
  if (charset && charset !== 'utf-8' && charset !== 'utf8') throw new HttpError(415, 'unsupported_media_type');

  const raw = event.body ?? '';
  const bytes = event.isBase64Encoded ? Buffer.from(raw, 'base64') : Buffer.from(raw, 'utf8');
  if (bytes.byteLength > maxBytes) throw new HttpError(413, 'body_too_large');
  const text = bytes.toString('utf8');
  if (text.includes('\uFFFD') && !Buffer.from(text, 'utf8').equals(bytes)) throw new HttpError(400, invalidCode);
  return text;
}
