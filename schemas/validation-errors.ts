import type * as z from 'zod/mini';
import { isMessageCode, message } from './i18n/messages.js';
import type { Language } from './languages.js';

/** One field-level error as the API returns it: `{ path: "person.firstName", code, message }`. */
export interface FieldError {
  path: string;
  code: string;
  message: string;
}

export interface Problem {
  path: (string | number)[];
  code: string;
  params?: Record<string, unknown>;
}

/** Maps zod's issues to our message codes, which every language translates. */
export function problemsFromZod(issues: readonly z.core.$ZodIssue[]): Problem[] {
  const out: Problem[] = [];
  for (const i of issues) {
    const path = i.path.filter((p): p is string | number => typeof p !== 'symbol');
    switch (i.code) {
      case 'unrecognized_keys':
        for (const key of i.keys) out.push({ path: [...path, key], code: 'unknown_field' });
        break;
      case 'invalid_type':
        out.push({ path, code: i.input === undefined ? 'required' : 'invalid_type' });
        break;
      case 'too_small':
        if (i.origin === 'string')
          out.push(Number(i.minimum) <= 1 ? { path, code: 'required' } : { path, code: 'too_short', params: { min: i.minimum } });
        else if (i.origin === 'array' || i.origin === 'set') out.push({ path, code: 'choose_at_least', params: { min: i.minimum } });
        else out.push({ path, code: 'too_small', params: { minimum: i.minimum } });
        break;
      case 'too_big':
        if (i.origin === 'string') out.push({ path, code: 'too_long', params: { max: i.maximum } });
        else if (i.origin === 'array' || i.origin === 'set') out.push({ path, code: 'too_many', params: { max: i.maximum } });
        else out.push({ path, code: 'too_big', params: { maximum: i.maximum } });
        break;
      case 'invalid_format':
        out.push({ path, code: customCode(i) ?? (i.format === 'email' ? 'invalid_email' : 'invalid_type') });
        break;
      case 'invalid_value':
        out.push({ path, code: customCode(i) ?? 'invalid_option' });
        break;
      case 'invalid_union':
        // A union of '' and a format (optional e-mail/phone): report the format's own problem.
        out.push({ path, code: unionCode(i) });
        break;
      case 'custom':
        out.push({ path, code: customCode(i) ?? 'invalid_type', params: i.params });
        break;
      default:
        out.push({ path, code: 'invalid_type' });
    }
  }
  return dedupe(out);
}

/** Our code on an issue: in params (refinements) or as the message (built-in checks, see schemas/text.ts). */
function customCode(i: { params?: Record<string, unknown>; message?: string } | object): string | undefined {
  const { params, message } = i as { params?: Record<string, unknown>; message?: string };
  if (typeof params?.code === 'string') return params.code;
  return message && isMessageCode(message) ? message : undefined;
}

function unionCode(i: z.core.$ZodIssueInvalidUnion): string {
  for (const branch of i.errors) {
    const meaningful = branch.find((e) => !(e.code === 'invalid_value' && e.path.length === 0));
    if (meaningful) {
      const [p] = problemsFromZod([{ ...meaningful, path: [] } as z.core.$ZodIssue]);
      if (p) return p.code;
    }
  }
  return 'invalid_type';
}

/** One message per field and code: zod can report the same problem twice through a union. */
function dedupe(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.path.join('.')}|${p.code}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function localise(problems: Problem[], lang: Language): FieldError[] {
  return problems.map((p) => ({ path: p.path.join('.'), code: p.code, message: message(lang, p.code, p.params) }));
}
