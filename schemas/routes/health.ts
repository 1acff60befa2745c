import * as z from 'zod/mini';
import { defineRoute } from '../http/contract.js';
import { lazySchema } from '../lazy.js';
import { ROUTE_PATHS } from './paths.js';

/** Liveness: kept apart so the health function bundles nothing else. */

export const HealthBody = lazySchema(() => z.strictObject({ status: z.enum(['ok', 'starting']) }));

export const GetHealth = defineRoute({
  id: 'GetHealth',
  ...ROUTE_PATHS.GetHealth,
  auth: { kind: 'public' },
  tag: 'public',
  summary: 'Liveness',
  description: 'For load balancers and the local start banner. The local cloud answers 503 until it has resumed unfinished workflows.',
  responses: {
    200: { description: 'Up and ready.', body: HealthBody },
    503: { description: 'Still starting (local cloud only).', body: HealthBody },
  },
});
