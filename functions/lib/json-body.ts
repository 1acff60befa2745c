import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { FORBIDDEN_KEYS, readBodyText } from './body-text.js';
import { HttpError } from './http.js';

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
  const text = readBodyText(event, 'application/json', maxBytes, 'invalid_json');

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
