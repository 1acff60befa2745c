import { message } from '../../schemas/i18n/messages.js';
import type { Language } from '../../schemas/languages.js';
import { localise } from '../../schemas/validation-errors.js';
import {
  DomainError,
  IdempotencyKeyReused,
  InvalidCursor,
  InvalidInput,
  NotAllowed,
  NotFound,
  NotSignedIn,
  RecognitionFactRefused,
  StateConflict,
  TryAgain,
  VersionConflict,
} from '../domain/errors.js';
import { HttpError, json, type HttpResult } from './http.js';

/** The one table from domain errors to HTTP statuses (docs/architecture.md, Errors and logging). */
const STATUS = new Map<abstract new (...args: never[]) => DomainError, number>([
  [InvalidInput, 400],
  [InvalidCursor, 400],
  [NotSignedIn, 401],
  [NotAllowed, 403],
  [NotFound, 404],
  [VersionConflict, 409],
  [StateConflict, 409],
  [IdempotencyKeyReused, 422],
  [TryAgain, 503],
]);

export function statusOf(err: DomainError): number {
  for (const [cls, status] of STATUS) if (err instanceof cls) return status;
  return 500;
}

/**
 * Maps anything thrown to a response: protocol errors (HttpError: 413, 415, bad JSON) and domain
 * errors to their status and translated message; anything else to a plain 500 with no detail.
 */
export function errorResponse(err: unknown, lang: Language): HttpResult {
  if (err instanceof HttpError) {
    const body: Record<string, unknown> = { code: err.code, message: message(lang, err.code) };
    if (err.errors) body['errors'] = err.errors;
    return json(err.status, body, err.headers);
  }
  if (err instanceof DomainError) {
    const params = err instanceof StateConflict ? listed(err.params, lang) : undefined;
    const body: Record<string, unknown> = { code: err.code, message: message(lang, err.code, params) };
    if (err instanceof InvalidInput) body['errors'] = localise(err.problems, lang);
    // A refused fact names what may come instead (the console labels the codes).
    if (err instanceof RecognitionFactRefused && Array.isArray(err.params['allowed'])) body['allowed'] = err.params['allowed'];
    return json(statusOf(err), body);
  }
  return json(500, { code: 'server_error', message: message(lang, 'server_error') });
}

/** Lists in a message (e.g. the facts allowed next) read as "a, b", or "no further step" when empty. */
function listed(params: Record<string, unknown>, lang: Language): Record<string, unknown> {
  const each = Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? (v.length ? v.join(', ') : message(lang, 'recognition_nothing_allowed')) : v]);
  return Object.fromEntries(each);
}
