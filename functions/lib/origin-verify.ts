import { createHash, timingSafeEqual } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';

/**
 * The API answers only requests that came through CloudFront (and so through its WAF): CloudFront
 * adds this header with a secret from Secrets Manager to every request it sends to the API
 * (infra/constructs/web.ts), and every route function gets the same secret as
 * `ORIGIN_VERIFY_SECRET` (infra/constructs/api.ts). An HTTP API has no resource policy, and a
 * route has one authorizer only (staff routes use the JWT one), so the check is the first thing
 * `apiHandler` does. Locally the API server adds the header, as CloudFront does (local/api-server.ts).
 * Without the variable (handler tests, `npm run invoke`) there is nothing to check; CDK always sets it.
 */
export const ORIGIN_VERIFY_HEADER = 'x-origin-verify';
export const ORIGIN_VERIFY_VARIABLE = 'ORIGIN_VERIFY_SECRET';

let expected: Buffer | null | undefined;

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/** True when the request carries the origin secret, or when this function has none configured. */
export function cameThroughCloudFront(event: Pick<APIGatewayProxyEventV2, 'headers'>): boolean {
  if (expected === undefined) {
    const secret = process.env[ORIGIN_VERIFY_VARIABLE];
    expected = secret ? digest(secret) : null;
  }
  if (expected === null) return true;
  const given = event.headers?.[ORIGIN_VERIFY_HEADER];
  // Digests have one length, so the comparison takes the same time whatever was sent.
  return typeof given === 'string' && timingSafeEqual(digest(given), expected);
}

/** Tests only: forget the secret read at the first request. */
export function resetOriginVerify(): void {
  expected = undefined;
}
