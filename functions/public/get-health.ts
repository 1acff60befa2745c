import { apiHandler } from '../lib/api-handler.js';
import { json } from '../lib/http.js';

/** GET /health — liveness for load balancers and the local banner. */
export const handler = apiHandler(async () => json(200, { status: 'ok' }));
