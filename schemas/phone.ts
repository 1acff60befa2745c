import * as z from 'zod/mini';
import { code, issue, text } from './text.js';

/**
 * A phone number as people write it: spaces, dashes, slashes, dots and brackets are how people
 * write numbers; only digits are kept. The intake's contact phone and the employer's phone of a
 * trial placement (kept apart from schemas/intake.ts, so a placement builds no intake schemas).
 */
export const PhoneSchema = z
  .pipe(
    text(30).check(z.regex(/^\+?[\d\s\-/().]{6,29}$/, code('invalid_phone'))),
    z.transform((s: string) => s.replace(/[\s\-/().]/g, '')),
  )
  .check(z.refine((s: string) => /^\+?\d{6,17}$/.test(s), issue('invalid_phone')));
