import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { json } from '../lib/http.js';
import { cameThroughCloudFront } from '../lib/origin-verify.js';

/**
 * GET /health (contract: schemas/routes/health.ts) — liveness for load balancers and the local
 * banner. Deliberately bare (no middleware, no logger, no zod): it has nothing to parse, cannot
 * fail and should cost nothing at cold start. Like every route, only through CloudFront.
 */
export const handler = async (event?: Pick<APIGatewayProxyEventV2, 'headers'>): Promise<APIGatewayProxyStructuredResultV2> =>
  cameThroughCloudFront(event ?? { headers: {} }) ? json(200, { status: 'ok' }) : json(403, { code: 'forbidden' });
