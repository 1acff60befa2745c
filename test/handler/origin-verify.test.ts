import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handler as health } from '../../functions/public/get-health.js';
import { handler as getParticipant } from '../../functions/staff/get-participant.js';
import { handler as postIntake } from '../../functions/public/post-intake.js';
import { ORIGIN_VERIFY_HEADER, ORIGIN_VERIFY_VARIABLE, resetOriginVerify } from '../../functions/lib/origin-verify.js';
import { intakeEvent, lambdaContext, staffEvent, validIntake } from '../fixtures.js';

// The execute-api endpoint called directly (around CloudFront and its WAF): every route answers 403 before anything else.
const SECRET = 'a-secret-only-cloudfront-knows-0123456789abcdef';

describe('the origin secret CloudFront adds', () => {
  beforeEach(() => {
    process.env[ORIGIN_VERIFY_VARIABLE] = SECRET;
    resetOriginVerify();
  });
  afterEach(() => {
    delete process.env[ORIGIN_VERIFY_VARIABLE];
    resetOriginVerify();
  });

  const call = async (fn: (e: any, c: any) => Promise<unknown>, event: any) => (await fn(event, lambdaContext)) as APIGatewayProxyStructuredResultV2;

  it('refuses a request without it or with a wrong one, on a public, a staff and the health route', async () => {
    const attempts: Record<string, string>[] = [{}, { [ORIGIN_VERIFY_HEADER]: 'guessed' }, { [ORIGIN_VERIFY_HEADER]: SECRET.slice(0, -1) }];
    for (const headers of attempts) {
      const intake = await call(postIntake, intakeEvent(validIntake(), headers));
      expect(intake.statusCode).toBe(403);
      expect(JSON.parse(intake.body!).code).toBe('forbidden');
      // Before the body or the token is looked at: even a malformed request gets the same 403.
      expect((await call(postIntake, intakeEvent('{not json', headers))).statusCode).toBe(403);
      expect((await call(getParticipant, staffEvent({ path: '/api/staff/participants/x', params: { id: 'x' }, headers }))).statusCode).toBe(403);
      expect((await health({ headers })).statusCode).toBe(403);
    }
  });

  it('lets a request with it through to the route (here: a 404 for an invalid id, a 200 health)', async () => {
    const headers = { [ORIGIN_VERIFY_HEADER]: SECRET };
    expect((await call(getParticipant, staffEvent({ path: '/api/staff/participants/x', params: { id: 'x' }, headers }))).statusCode).toBe(404);
    expect((await health({ headers })).statusCode).toBe(200);
  });
});
