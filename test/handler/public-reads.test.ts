import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { handler as health } from '../../functions/public/get-health.js';
import { handler as form } from '../../functions/public/get-intake-form.js';
import { GetHealth } from '../../schemas/routes/health.js';
import { GetIntakeForm } from '../../schemas/routes/intake-form.js';
import { checkResponse } from '../contract.js';
import { lambdaContext, readEvent } from '../fixtures.js';

describe('GET /api/forms/intake', () => {
  it('serves the Arabic definition right-to-left', async () => {
    const res = (await form(readEvent('get-intake-form-ar.json'), lambdaContext)) as APIGatewayProxyStructuredResultV2;
    expect(res.statusCode).toBe(200);
    const { body } = checkResponse(GetIntakeForm, res);
    expect(body).toMatchObject({ lang: 'ar', dir: 'rtl' });
    expect(body.schema.type).toBe('object');
    expect(res.headers?.['content-language']).toBe('ar');
  });

  it.each([['xx'], ['DE'], ['../../etc/passwd'], ['']])('falls back to German for lang=%j', async (lang) => {
    const event = readEvent('get-intake-form-ar.json');
    const res = (await form({ ...event, queryStringParameters: { lang } }, lambdaContext)) as APIGatewayProxyStructuredResultV2;
    expect(checkResponse(GetIntakeForm, res).body).toMatchObject({ lang: 'de', dir: 'ltr' });
  });
});

describe('GET /health', () => {
  it('is 200', async () => {
    const res = await health();
    expect(res.statusCode).toBe(200);
    expect(checkResponse(GetHealth, res).body).toEqual({ status: 'ok' });
  });
});
