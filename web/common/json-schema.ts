/**
 * A small JSON Schema validator for the subset our generated contracts use (draft 2020-12 as zod
 * emits it): type, required, properties, additionalProperties false, enum, const, minLength,
 * maxLength, pattern, format email, minimum, maximum, items, minItems, maxItems and anyOf.
 * It gives the page instant feedback; the server stays the authority.
 *
 * Problems carry the message codes the API uses (schemas/validation-errors.ts), so the page shows
 * the same translated texts for its own checks as for the server's.
 */

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  enum?: unknown[];
  const?: unknown;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  anyOf?: JsonSchema[];
  default?: unknown;
}

export interface SchemaProblem {
  /** Dotted path of the value, e.g. `person.address.postcode` ('' for the root). */
  path: string;
  /** The failing keyword: required, type, enum, const, minLength, pattern, … */
  keyword: string;
  /** A message code of the API vocabulary (required, too_long, invalid_option, …). */
  code: string;
  params?: Record<string, unknown>;
}

/** Messages for a failed `pattern`/`format`, chosen by the caller (e.g. invalid_postcode). */
export type PatternCode = (path: string, schema: JsonSchema) => string;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const patterns = new Map<string, RegExp>();

function regex(source: string): RegExp | undefined {
  let re = patterns.get(source);
  if (!re) {
    try {
      re = new RegExp(source);
    } catch {
      return undefined; // a pattern this browser cannot compile: leave it to the server
    }
    patterns.set(source, re);
  }
  return re;
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    default:
      return typeOf(value) === type;
  }
}

const join = (path: string, key: string | number) => (path === '' ? String(key) : `${path}.${key}`);

/** Validates `value` against `schema`; an empty list means valid. */
export function validate(schema: JsonSchema, value: unknown, patternCode: PatternCode = () => 'invalid_type', path = ''): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  const add = (keyword: string, code: string, params?: Record<string, unknown>) =>
    problems.push({ path, keyword, code, ...(params ? { params } : {}) });

  if (schema.anyOf) {
    const branches = schema.anyOf.map((branch) => validate(branch, value, patternCode, path));
    if (branches.some((b) => b.length === 0)) return problems;
    // Like the server: report the problem of the branch that says something (not "is not ''").
    const meaningful = branches.find((b) => !b.every((p) => p.path === path && (p.keyword === 'const' || p.keyword === 'enum')));
    return meaningful ?? branches[0] ?? [];
  }

  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    if (!types.some((t) => hasType(value, t))) {
      add('type', 'invalid_type');
      return problems;
    }
  }
  if (schema.const !== undefined && value !== schema.const) {
    add('const', 'invalid_option');
    return problems;
  }
  if (schema.enum && !schema.enum.includes(value)) {
    add('enum', 'invalid_option');
    return problems;
  }

  if (typeof value === 'string') {
    if (schema.minLength !== undefined && value.length < schema.minLength) {
      if (schema.minLength <= 1) add('minLength', 'required');
      else add('minLength', 'too_short', { min: schema.minLength });
      return problems;
    }
    if (schema.maxLength !== undefined && value.length > schema.maxLength) {
      add('maxLength', 'too_long', { max: schema.maxLength });
      return problems;
    }
    const re = schema.pattern === undefined ? undefined : regex(schema.pattern);
    if (re && !re.test(value)) add('pattern', patternCode(path, schema));
    else if (schema.format === 'email' && !EMAIL.test(value)) add('format', patternCode(path, schema));
  }

  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) add('minimum', 'too_small', { minimum: schema.minimum });
    else if (schema.maximum !== undefined && value > schema.maximum) add('maximum', 'too_big', { maximum: schema.maximum });
  }

  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) add('minItems', 'choose_at_least', { min: schema.minItems });
    else if (schema.maxItems !== undefined && value.length > schema.maxItems) add('maxItems', 'too_many', { max: schema.maxItems });
    if (schema.items) {
      const items = schema.items;
      value.forEach((item, i) => problems.push(...validate(items, item, patternCode, join(path, i))));
    }
  }

  if (typeOf(value) === 'object') {
    const object = value as Record<string, unknown>;
    const properties = schema.properties ?? {};
    for (const key of schema.required ?? []) {
      if (object[key] === undefined) problems.push({ path: join(path, key), keyword: 'required', code: 'required' });
    }
    for (const [key, child] of Object.entries(object)) {
      if (child === undefined) continue;
      const childSchema = Object.prototype.hasOwnProperty.call(properties, key) ? properties[key] : undefined;
      if (childSchema) problems.push(...validate(childSchema, child, patternCode, join(path, key)));
      else if (schema.additionalProperties === false)
        problems.push({ path: join(path, key), keyword: 'additionalProperties', code: 'unknown_field' });
    }
  }
  return problems;
}

/** The schema node at a dotted path (through `properties` and `anyOf`), if any. */
export function schemaAt(root: JsonSchema, path: string): JsonSchema | undefined {
  let node: JsonSchema | undefined = root;
  for (const key of path.split('.')) {
    node = node?.properties?.[key];
    if (!node) return undefined;
  }
  return node;
}

/** Whether the schema at this node accepts the empty string (an optional field sent empty). */
export function acceptsEmpty(node: JsonSchema | undefined): boolean {
  if (!node) return false;
  return validate(node, '').length === 0;
}
