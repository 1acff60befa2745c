import type { FieldDefinition, FormDefinition } from '../../schemas/form-definition.js';
import { acceptsEmpty, schemaAt, validate, type JsonSchema, type SchemaProblem } from '../common/json-schema.js';
import { fill } from '../common/text.js';

/**
 * The answers as the page keeps them (one value per field path) and the request body built from
 * them, checked against the definition's JSON Schema. No DOM here: the same functions run in the
 * browser and in the tests that compare them with the server's contract.
 */

export type Answer = string | string[] | boolean;
export type Answers = Record<string, Answer>;

export type Section = FormDefinition['sections'][number];

/** A problem as the page shows it: on a field (if it has one), with the message in the form's language. */
export interface FieldProblem {
  /** The path the problem was reported for (client or server). */
  path: string;
  /** The field it belongs to, or undefined for a problem with no field (shown in the summary only). */
  field?: string;
  code: string;
  message: string;
}

/** Sections shown for these answers (the qualification section only when recognition is wanted). */
export function visibleSections(def: FormDefinition, answers: Answers): Section[] {
  return def.sections.filter((s) => {
    if (!s.when) return true;
    const value = answers[s.when.field];
    return Array.isArray(value) ? value.includes(s.when.includes) : value === s.when.includes;
  });
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  if (value !== undefined) node[keys[keys.length - 1]!] = value;
}

/** The value a field contributes to the body, or undefined to leave it out. */
function fieldValue(field: FieldDefinition, answer: Answer | undefined, schema: JsonSchema): unknown {
  switch (field.widget) {
    case 'checkboxes':
      return Array.isArray(answer) ? answer : [];
    case 'checkbox':
      return answer === true;
    case 'radio':
    case 'select':
      return typeof answer === 'string' && answer !== '' ? answer : undefined;
    default: {
      const text = typeof answer === 'string' ? answer.trim() : '';
      if (text === '') return acceptsEmpty(schemaAt(schema, field.path)) ? '' : undefined;
      const node = schemaAt(schema, field.path);
      if (node?.type === 'integer' || node?.type === 'number') return /^\d{1,9}$/.test(text) ? Number(text) : text;
      return text;
    }
  }
}

/** The POST /api/intake body for these answers: only the visible sections, the notice version, the honeypot. */
export function buildBody(def: FormDefinition, answers: Answers, honeypot = ''): Record<string, unknown> {
  const schema = def.schema as JsonSchema;
  const body: Record<string, unknown> = { lang: def.lang };
  for (const section of visibleSections(def, answers)) {
    for (const field of section.fields) {
      // Parents always exist, so a missing answer is reported on its own field, not on its group.
      setPath(body, field.path, fieldValue(field, answers[field.path], schema));
    }
  }
  if (schemaAt(schema, 'consent.noticeVersion')) setPath(body, 'consent.noticeVersion', def.noticeVersion);
  // Only a bot fills the hidden field; the server then answers like a success and stores nothing.
  if (honeypot.trim() !== '') body[def.honeypot.path] = honeypot;
  return body;
}

/** The field a reported path belongs to: itself, a field below it, the field above it, or its section. */
export function fieldFor(def: FormDefinition, path: string, answers: Answers): FieldDefinition | undefined {
  const fields = visibleSections(def, answers).flatMap((s) => s.fields);
  return (
    fields.find((f) => f.path === path) ??
    fields.find((f) => f.path.startsWith(`${path}.`)) ??
    fields.find((f) => path.startsWith(`${f.path}.`)) ??
    visibleSections(def, answers).find((s) => s.id === path.split('.')[0])?.fields[0]
  );
}

function messageFor(def: FormDefinition, code: string, params?: Record<string, unknown>): string {
  const text = def.messages[code] ?? def.messages['invalid_type'] ?? code;
  return fill(text, params);
}

/**
 * The message code of a failed pattern or format, in the API's vocabulary: `invalid_<name>` when
 * the messages have one (invalid_postcode, invalid_email, invalid_phone), else by the kind of field.
 */
function patternCodeFor(def: FormDefinition) {
  const widgets = new Map(def.sections.flatMap((s) => s.fields).map((f) => [f.path, f.widget]));
  return (path: string): string => {
    const name = path.split('.').pop() ?? '';
    const byWidget: Record<string, string> = { email: 'invalid_email', tel: 'invalid_phone', date: 'invalid_date', select: 'invalid_option', radio: 'invalid_option' };
    const widget = widgets.get(path);
    for (const code of [`invalid_${name.toLowerCase()}`, widget ? byWidget[widget] : undefined]) {
      if (code && def.messages[code] !== undefined) return code;
    }
    return 'invalid_type';
  };
}

/**
 * Plainer words for two cases: a refused constant (the consent box) has its own message when the
 * messages name one (consent_required); a missing choice asks to choose, not to "fill in".
 */
function refine(def: FormDefinition, p: SchemaProblem): SchemaProblem {
  if (p.keyword === 'const') {
    const own = `${p.path.split('.')[0]}_required`;
    return def.messages[own] !== undefined ? { ...p, code: own } : p;
  }
  if (p.code === 'required') {
    const widget = def.sections.flatMap((s) => s.fields).find((f) => f.path === p.path)?.widget;
    if ((widget === 'radio' || widget === 'select') && def.messages['invalid_option'] !== undefined) return { ...p, code: 'invalid_option' };
  }
  return p;
}

/** The client-side checks: the definition's JSON Schema applied to the body, one problem per field. */
export function checkAnswers(def: FormDefinition, answers: Answers): FieldProblem[] {
  const body = buildBody(def, answers);
  const problems = validate(def.schema as JsonSchema, body, patternCodeFor(def)).map((p) => refine(def, p));
  return toFieldProblems(def, answers, problems);
}

/** Problems (from the client or the server's 400) placed on fields, the first per field, in form order. */
export function toFieldProblems(
  def: FormDefinition,
  answers: Answers,
  problems: { path: string; code: string; message?: string; params?: Record<string, unknown> }[],
): FieldProblem[] {
  const order = visibleSections(def, answers).flatMap((s) => s.fields.map((f) => f.path));
  const seen = new Set<string>();
  const out: FieldProblem[] = [];
  for (const p of problems) {
    const field = fieldFor(def, p.path, answers)?.path;
    const key = field ?? `:${p.path}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ path: p.path, ...(field ? { field } : {}), code: p.code, message: p.message ?? messageFor(def, p.code, p.params) });
  }
  const rank = (p: FieldProblem) => (p.field ? order.indexOf(p.field) : -1);
  return out.sort((a, b) => rank(a) - rank(b));
}
