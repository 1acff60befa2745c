import { Validator } from '@seriousme/openapi-schema-validator';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ROUTES } from '../../infra/routes.js';
import { GetStaffMe } from '../../schemas/routes/me.js';
import { CONTRACTS } from '../../schemas/routes/index.js';
import { ROUTE_PATHS } from '../../schemas/routes/paths.js';
import { openApiDocument } from '../../web/api-docs/build-docs.js';
import { checkResponse } from '../contract.js';

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

describe('route contracts and the OpenAPI document', () => {
  const doc = openApiDocument() as { openapi: string; paths: Record<string, Record<string, any>> };

  it('is a valid OpenAPI 3.1 document (checked by a real validator)', async () => {
    const result = await new Validator().validate(doc as never);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(doc.openapi).toBe('3.1.0');
  });

  it('documents every route of the route table, and nothing else', () => {
    const documented = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.keys(item)
        .filter((k) => METHODS.includes(k))
        .map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(documented.sort()).toEqual(ROUTES.map((r) => `${r.method} ${r.path}`).sort());
  });

  it('documents each route with its request and response schemas and its errors', () => {
    for (const r of ROUTES) {
      const op = doc.paths[r.path]![r.method.toLowerCase()];
      expect(op.operationId).toBe(r.id);
      for (const status of Object.keys(r.contract.responses)) expect(op.responses[status], `${r.id} ${status}`).toBeDefined();
      if (r.contract.body) expect(op.requestBody.content[r.contract.body.contentType ?? 'application/json'].schema).toBeTypeOf('object');
      if (r.auth === 'staff') {
        expect(op.security).toEqual([{ staffIdToken: [] }]);
        expect(op.responses['401']).toBeDefined();
      }
    }
  });

  it('takes every method and path from the one table the pages\' client uses', () => {
    expect(Object.keys(ROUTE_PATHS).sort()).toEqual(CONTRACTS.map((c) => c.id).sort());
    for (const c of CONTRACTS) expect({ method: c.method, path: c.path }).toEqual(ROUTE_PATHS[c.id as keyof typeof ROUTE_PATHS]);
  });

  it('has one table entry per contract, with a handler module that exists', () => {
    expect(ROUTES.map((r) => r.id).sort()).toEqual(CONTRACTS.map((c) => c.id).sort());
    for (const r of ROUTES) expect(existsSync(r.entry), r.entry).toBe(true);
  });
});

describe('checkResponse (the handler tests\' contract check)', () => {
  const ok = { statusCode: 200, body: JSON.stringify({ sub: 's', role: 'staff', site: { id: 'marxloh', name: 'M' } }) };

  it('accepts an answer that matches its schema', () => {
    expect(checkResponse(GetStaffMe, ok).status).toBe(200);
  });

  it('refuses an extra field, a wrong type and an undeclared status', () => {
    expect(() => checkResponse(GetStaffMe, { ...ok, body: JSON.stringify({ ...JSON.parse(ok.body), email: 'x@y.de' }) })).toThrow(/does not match/);
    expect(() => checkResponse(GetStaffMe, { ...ok, body: JSON.stringify({ sub: 1, role: 'staff', site: null }) })).toThrow(/does not match/);
    expect(() => checkResponse(GetStaffMe, { statusCode: 418, body: '{}' })).toThrow(/does not declare/);
  });
});
