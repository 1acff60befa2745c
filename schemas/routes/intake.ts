import * as z from 'zod/mini';
import { defineRoute } from '../http/contract.js';
import { lazySchema } from '../lazy.js';
import { ROUTE_PATHS } from './paths.js';
import { ErrorBody, ERRORS } from '../http/errors.js';
import { makeIntakeSchema } from '../intake.js';
import { DEMO_SITES } from '../sites.js';

/** The public registration (no account; participants on their phones). */

let documentedSchema: ReturnType<typeof makeIntakeSchema> | undefined;

export const IntakeAccepted = lazySchema(() => z.strictObject({ reference: z.string().check(z.regex(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/)) }));

export const PostIntake = defineRoute({
  id: 'PostIntake',
  ...ROUTE_PATHS.PostIntake,
  auth: { kind: 'public' },
  tag: 'public',
  summary: 'Register (the public intake)',
  description:
    'Stores the submission with one conditional write and answers 202; registration, the duplicate check and the mails run afterwards as workflow steps. ' +
    'The same `Idempotency-Key` returns the first answer. A filled honeypot (`website`) gets a normal-looking 202 and nothing is stored. Messages are in the body\'s `lang`.',
  headers: {
    'Idempotency-Key': { description: 'One per attempt (a UUID); a retry with the same key is recognised.', pattern: '^[A-Za-z0-9_\\-:.]{8,128}$' },
  },
  // The body's sites come from configuration and its age bounds from today's date: the handler
  // validates with the configured copy; this one (the demo sites) documents it.
  body: {
    // Built when the OpenAPI document asks for it, not at the handler's cold start.
    get schema() {
      return (documentedSchema ??= makeIntakeSchema(DEMO_SITES.map((s) => s.id) as [string, ...string[]]));
    },
    maxBytes: 32 * 1024,
    validatedBy: 'handler',
  },
  responses: {
    202: { description: 'Accepted: the reference to quote on the phone.', body: IntakeAccepted },
    400: ERRORS[400],
    413: ERRORS[413],
    415: ERRORS[415],
    422: ERRORS[422],
    429: ERRORS[429],
    500: ERRORS[500],
    503: { description: 'A rare race on the server (a random id collided): send the same request again.', body: ErrorBody },
  },
});
