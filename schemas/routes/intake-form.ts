import * as z from 'zod/mini';
import { defineRoute } from '../http/contract.js';
import { lazySchema } from '../lazy.js';
import { ROUTE_PATHS } from './paths.js';

/** The intake form definition (kept apart from the registration, so neither bundles the other's schemas). */

/** The localised form definition the intake page renders (schemas/form-definition.ts builds it). */
export const FormDefinitionBody = lazySchema(() => {
  const Option = z.strictObject({ value: z.string(), label: z.string() });
  const Direction = z.enum(['ltr', 'rtl']);
  return z.strictObject({
    lang: z.string(),
    dir: Direction,
    languages: z.array(z.strictObject({ code: z.string(), name: z.string(), dir: Direction })),
    noticeVersion: z.string(),
    notice: z.strictObject({ title: z.string(), text: z.string(), link: z.string() }),
    noticePath: z.string(),
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
