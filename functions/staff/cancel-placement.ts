import { CancelPlacement } from '../../schemas/routes/placements.js';
import { apiHandler } from '../lib/api-handler.js';
import { requireSite } from '../lib/principal.js';
import { cancelPlacementByStaff } from '../use-cases/change-placement.js';
import { recordVisit } from '../use-cases/staff-directory.js';

/** POST /api/staff/placements/{id}/cancel — with the version the caller saw; stops the workflow, tells the employer. */
export const handler = apiHandler(
  CancelPlacement,
  async ({ principal, params, body }) => ({ status: 200, body: await cancelPlacementByStaff(requireSite(principal), params.id, body) }),
  { onCaller: recordVisit },
);
