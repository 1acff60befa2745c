import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { json } from '../lib/http.js';

/**
 * GET /health — liveness for load balancers and the local banner. Deliberately bare (no
 * middleware, no logger): it cannot fail and should cost nothing at cold start.
 */
export const handler = async (): Promise<APIGatewayProxyStructuredResultV2> => json(200, { status: 'ok' });
