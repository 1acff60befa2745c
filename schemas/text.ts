import { z } from 'zod';

/**
 * C0/C1 control characters (CR, LF and TAB among them) and the Unicode line/paragraph separators.
 * They never belong in a form field and break e-mail headers, CSV exports and logs.
 * Bidi marks (U+200E/U+200F) stay allowed: RTL writers use them legitimately.
 */
const CONTROL_CHARS = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/;

export function hasControlChars(value: string): boolean {
  return CONTROL_CHARS.test(value);
}

/**
 * A single-line text field: rejects control characters (before anything is trimmed away),
 * then trims, normalises to Unicode NFC and bounds the length.
 */
export function text(max: number, min = 1) {
  return z
    .string()
    .max(max * 4) // cheap guard before normalising very long input
    .refine((s) => !hasControlChars(s), { params: { code: 'control_chars' } })
    .trim()
    .normalize('NFC')
    .min(min)
    .max(max);
}

/** An optional single-line text: absent or empty both mean "not given". */
export function optionalText(max: number) {
  return text(max, 0).optional();
}

/** For refine/superRefine: an issue carrying one of our message codes (schemas/validation-errors.ts). */
export function issue(code: string, extra: Record<string, unknown> = {}) {
  return { params: { code, ...extra } };
}

/** For zod's built-in checks (regex, literal), which take no params: the code travels as the message. */
export function code(messageCode: string) {
  return { error: messageCode };
}
