import * as z from 'zod/mini';

// zod/mini, not classic zod: a fifth of the cold-import cost in every Lambda (see README, Bench).

/**
 * C0/C1 control characters (CR, LF and TAB among them) and the Unicode line/paragraph separators.
 * They never belong in a form field and break e-mail headers, CSV exports and logs.
 * Bidi marks (U+200E/U+200F) stay allowed: RTL writers use them legitimately.
 */
const CONTROL_CHARS = /[\u0000-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Also refused: bidi embeddings and overrides (U+202A–202E, U+2066–2069), which can make a name
 * display as something else in the console, and lone surrogates (not well-formed UTF-16).
 */
export function hasControlChars(value: string): boolean {
  return CONTROL_CHARS.test(value) || LONE_SURROGATE.test(value);
}

/** For refine/superRefine: an issue carrying one of our message codes (schemas/validation-errors.ts). */
export function issue(code: string, extra: Record<string, unknown> = {}) {
  return { params: { code, ...extra } };
}

/** For zod's built-in checks (regex, literal), which take no params: the code travels as the message. */
export function code(messageCode: string) {
  return { error: messageCode };
}

/**
 * A single-line text field: rejects control characters (before anything is trimmed away),
 * then trims, normalises to Unicode NFC and bounds the length.
 */
export function text(max: number, min = 1) {
  const key = `${min}-${max}`;
  let schema = texts.get(key);
  if (!schema) {
    schema = makeText(max, min);
    texts.set(key, schema);
  }
  return schema;
}

// Schemas are immutable: fields with the same bounds share one instance (cheaper cold start).
const texts = new Map<string, ReturnType<typeof makeText>>();

function makeText(max: number, min: number) {
  return z.string().check(
    z.maxLength(max * 4), // cheap guard before normalising very long input
    z.refine((s: string) => !hasControlChars(s), issue('control_chars')),
    z.trim(),
    z.normalize('NFC'),
    z.minLength(min),
    z.maxLength(max),
  );
}
