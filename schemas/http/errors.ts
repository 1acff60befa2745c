import * as z from 'zod/mini';
import { lazySchema } from '../lazy.js';
import type { ResponseSpec } from './contract.js';

/**
 * The error body every route answers with: a code, a message in the caller's language, and for
 * validation errors the fields (`{path, code, message}`). Never a stack trace or a serialised error.
 */
export const ErrorBody = lazySchema(() =>
  z.strictObject({
    code: z.string(),
    message: z.string(),
    errors: z.optional(z.array(z.strictObject({ path: z.string(), code: z.string(), message: z.string() }))),
  }),
);
export type ErrorBody = z.infer<ReturnType<typeof ErrorBody>>;

const error = (description: string): ResponseSpec => ({ description, body: ErrorBody });

/** The error answers a route may give, described once. */
export const ERRORS = {
  400: error('Invalid request: `errors` lists each field with a translated message.'),
  401: error('No valid ID token (missing, expired, forged, wrong issuer or audience, or not an ID token).'),
  403: error('The caller\'s role may not use this route (e.g. coordinators see no personal data).'),
  404: error('Not found. Another site\'s record answers exactly like an unknown id.'),
  409: error('Conflict: `version_conflict` (someone changed it since the caller read it) or `status_conflict` (not possible in its current state).'),
  413: error('Body too large.'),
  415: error('Not `application/json` in UTF-8.'),
  422: error('An `Idempotency-Key` reused with a different body.'),
  429: error('Too many requests from this client (see `Retry-After`).'),
  500: error('Unexpected failure; no details are given.'),
} as const;

/** The answers every staff route can give besides its own. */
export const STAFF_ERRORS = { 401: ERRORS[401], 403: ERRORS[403], 500: ERRORS[500] } as const;

/** The answers of a change on the version the caller saw (a JSON body on one record). */
export const CHANGE_ERRORS = {
  400: ERRORS[400],
  404: ERRORS[404],
  409: ERRORS[409],
  413: ERRORS[413],
  415: ERRORS[415],
  ...STAFF_ERRORS,
} as const;
