import * as z from 'zod/mini';
import { defineRoute } from '../http/contract.js';
import { ROUTE_PATHS } from './paths.js';
import { ErrorBody, ERRORS } from '../http/errors.js';
import { makeIntakeSchema } from '../intake.js';
import { DEMO_SITES } from '../sites.js';

/** The public intake: the form definition and the registration (no account; participants on their phones). */

const Option = z.strictObject({ value: z.string(), label: z.string() });
const Direction = z.enum(['ltr', 'rtl']);

/** The localised form definition the intake page renders (schemas/form-definition.ts builds it). */
export const FormDefinitionBody = z.strictObject({
  lang: z.string(),
  dir: Direction,
  languages: z.array(z.strictObject({ code: z.string(), name: z.string(), dir: Direction })),
  noticeVersion: z.string(),
  notice: z.strictObject({ title: z.string(), text: z.string() }),
  text: z.record(z.string(), z.string()),
  sections: z.array(
    z.strictObject({
      id: z.string(),
      title: z.string(),
      help: z.string(),
      when: z.optional(z.strictObject({ field: z.string(), includes: z.string() })),
      fields: z.array(
        z.strictObject({
          path: z.string(),
          label: z.string(),
          help: z.string(),
          widget: z.enum(['text', 'email', 'tel', 'date', 'number', 'radio', 'select', 'checkboxes', 'checkbox']),
          required: z.boolean(),
          autocomplete: z.optional(z.string()),
          inputmode: z.optional(z.string()),
          options: z.optional(z.array(Option)),
        }),
      ),
    }),
  ),
  honeypot: z.strictObject({ path: z.string(), label: z.string() }),
  messages: z.record(z.string(), z.string()),
  /** JSON Schema (draft 2020-12) of the intake body, generated from the zod contract. */
  schema: z.record(z.string(), z.unknown()),
});

export const GetIntakeForm = defineRoute({
  id: 'GetIntakeForm',
  ...ROUTE_PATHS.GetIntakeForm,
  auth: { kind: 'public' },
  tag: 'public',
  summary: 'The intake form definition in one language',
  description: 'Sections, labels, help texts, options, messages, the data notice and the JSON Schema of the intake body. An unknown language falls back to German.',
  // Loose: unknown parameters are ignored (the page may add cache busters).
  query: z.object({ lang: z.optional(z.string()) }),
  responses: { 200: { description: 'The definition (cacheable for 5 minutes).', body: FormDefinitionBody } },
});

export const IntakeAccepted = z.strictObject({ reference: z.string().check(z.regex(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/)) });

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
  body: { schema: makeIntakeSchema(DEMO_SITES.map((s) => s.id) as [string, ...string[]]), maxBytes: 32 * 1024, validatedBy: 'handler' },
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
