import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalCloud } from '../../local/cloud.js';
import { invoke } from '../../local/lambda.js';
import { ROUTES } from '../../infra/routes.js';
import { ORIGIN_VERIFY_HEADER } from '../../functions/lib/origin-verify.js';
import { readEvent } from '../fixtures.js';
import { startCloud } from './helpers.js';

// Locally the API server stands in for CloudFront: it adds the origin secret, so the functions' check runs here too.
let cloud: LocalCloud;
beforeAll(async () => {
  cloud = await startCloud();
});
afterAll(async () => {
  await cloud?.stop();
});

describe('the origin secret on the local cloud', () => {
  it('is added by the local API server, overwriting what a client sends', async () => {
    const res = await fetch(`${cloud.apiUrl}/api/forms/intake?lang=de`, { headers: { [ORIGIN_VERIFY_HEADER]: 'forged' } });
    expect(res.status).toBe(200);
    expect((await fetch(`${cloud.apiUrl}/health`)).status).toBe(200);
  });

  it('is checked by the functions: the same handler invoked without it (around the server) answers 403', async () => {
    const route = ROUTES.find((r) => r.id === 'GetIntakeForm')!;
    const result = (await invoke(route.entry, route.id, readEvent('get-intake-form-ar.json'))) as { statusCode: number };
    expect(result.statusCode).toBe(403);
  });
});
