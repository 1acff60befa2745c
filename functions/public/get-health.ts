import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { json } from '../lib/http.js';

/**
 * GET /health (contract: schemas/routes/health.ts) — liveness for load balancers and the local
 * banner. Deliberately bare (no middleware, no logger, no zod): it has nothing to parse, cannot
 * fail and should cost nothing at cold start.
 */
export const handler = async (): Promise<APIGatewayProxyStructuredResultV2> => json(200, { status: 'ok' });
