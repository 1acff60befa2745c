import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { FORBIDDEN_KEYS, readBodyText } from './body-text.js';
import { HttpError } from './http.js';

/**
 * Reads an HTML form's body (`application/x-www-form-urlencoded`, UTF-8) the way the JSON reader
 * does: that type only (415), bounded size (413), valid UTF-8 (400 invalid_request), each field
 * once and no prototype keys (400), into a plain object of strings for the contract's schema.
 */
export function readFormBody(event: APIGatewayProxyEventV2, { maxBytes }: { maxBytes: number }): Record<string, string> {
  const text = readBodyText(event, 'application/x-www-form-urlencoded', maxBytes, 'invalid_request');

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
