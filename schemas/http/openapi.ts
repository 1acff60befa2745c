import * as z from 'zod/mini';
import { resolveSchema, type RouteContract, type SchemaRef } from './contract.js';

/**
 * The OpenAPI 3.1 document, generated from the route contracts with zod's own JSON Schema output
 * (draft 2020-12, which OpenAPI 3.1 uses). Built by web/build.ts into the static site, so it is
 * served at /api/openapi.json and rendered at /api/docs on both clouds.
 */

type Json = Record<string, unknown>;

const toSchema = (schema: z.ZodMiniType, io: 'input' | 'output'): Json => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as Json;
  return rest;
};

/** Path and query parameters from an object schema: one parameter per property. */
function parameters(ref: SchemaRef | undefined, where: 'path' | 'query'): Json[] {
  const schema = ref && resolveSchema(ref);
  if (!schema) return [];
  const json = toSchema(schema, 'input') as { properties?: Record<string, Json>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, s]) => ({
    name,
    in: where,
    required: where === 'path' || Boolean(json.required?.includes(name)),
    schema: s,
    ...(typeof s['description'] === 'string' ? { description: s['description'] } : {}),
  }));
}

function operation(c: RouteContract): Json {
  const staff = c.auth.kind === 'staff';
  const headers = Object.entries(c.headers ?? {}).map(([name, h]) => ({
    name,
    in: 'header',
    required: Boolean(h.required),
    description: h.description,
    schema: { type: 'string', ...(h.pattern ? { pattern: h.pattern } : {}) },
  }));
  const description = [c.description, staff ? `Roles: ${c.auth.kind === 'staff' ? c.auth.roles.join(', ') : ''}.` : 'Public: no sign-in.']
    .filter(Boolean)
    .join('\n\n');
  return {
    operationId: c.id,
    summary: c.summary,
    description,
    tags: [c.tag],
    security: staff ? [{ staffIdToken: [] }] : [],
    ...(c.auth.kind === 'staff' ? { 'x-roles': [...c.auth.roles] } : {}),
    parameters: [...parameters(c.params, 'path'), ...parameters(c.query, 'query'), ...headers],
    ...(c.body
      ? {
          requestBody: {
            required: true,
            description: `At most ${c.body.maxBytes} bytes.`,
            content: { [c.body.contentType ?? 'application/json']: { schema: toSchema(resolveSchema(c.body.schema), 'input') } },
          },
        }
      : {}),
    responses: Object.fromEntries(
      Object.entries(c.responses).map(([status, r]) => [
        status,
        {
          description: r.description,
          ...(r.headers
            ? { headers: Object.fromEntries(Object.entries(r.headers).map(([name, h]) => [name, { description: h.description, schema: { type: 'string' } }])) }
            : {}),
          ...(r.body ? { content: { [r.contentType ?? 'application/json']: { schema: r.binary ? { type: 'string', format: 'binary' } : toSchema(r.body(), 'output') } } } : {}),
          ...(!r.body && r.contentType ? { content: { [r.contentType]: { schema: r.binary ? { type: 'string', format: 'binary' } : { type: 'string' } } } } : {}),
        },
      ]),
    ),
  };
}

export interface OpenApiOptions {
  version: string;
  /** Pages and endpoints outside the JSON API (e.g. HTML pages), documented as paths too. */
  extraPaths?: Record<string, Json>;
}

export function buildOpenApi(contracts: readonly RouteContract[], opts: OpenApiOptions): Json {
  const paths: Record<string, Json> = {};
  for (const c of contracts) {
    const item = (paths[c.path] ??= {});
    item[c.method.toLowerCase()] = operation(c);
    // HEAD: the GET's answer without its body (documented with the same responses).
    if (c.head) item['head'] = { ...operation(c), operationId: `${c.id}Head`, summary: `${c.summary} (HEAD: headers only, as mail scanners probe links)` };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'BIWAQ Workflows API',
      version: opts.version,
      description:
        'Public intake and the staff console\'s API. Errors are JSON `{code, message}` in the caller\'s language; validation errors add `errors: [{path, code, message}]`. ' +
        'Staff routes take the Cognito ID token (locally: the local sign-in\'s) as a Bearer token; staff and leads see their own site only, coordinators no personal data.',
    },
    servers: [{ url: '/' }],
    tags: [
      { name: 'public', description: 'No account: participants and health checks.' },
      { name: 'staff', description: 'Signed-in staff: who am I.' },
      { name: 'participants', description: 'Participants of the caller\'s site.' },
      { name: 'placements', description: 'Trial placements (betriebliche Erprobung) of the caller\'s site.' },
      { name: 'employer', description: 'The employer\'s pages behind an e-mail link (HTML, no account).' },
    ],
    paths: { ...paths, ...(opts.extraPaths ?? {}) },
    components: {
      securitySchemes: {
        staffIdToken: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'An ID token (not an access token) of the staff user pool, with `cognito:groups` and `custom:site`.',
        },
      },
    },
  };
}
