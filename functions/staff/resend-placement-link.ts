import { ResendPlacementLink } from '../../schemas/routes/placements.js';
import { apiHandler } from '../lib/api-handler.js';
import { requireSite } from '../lib/principal.js';
import { resendPlacementLink } from '../use-cases/change-placement.js';
import { recordVisit } from '../use-cases/staff-directory.js';

/** POST /api/staff/placements/{id}/resend — a new employer link by mail; the old ones stop working. */
export const handler = apiHandler(
  ResendPlacementLink,
  async ({ principal, params, body }) => ({ status: 200, body: await resendPlacementLink(requireSite(principal), params.id, body.version) }),
  { onCaller: recordVisit },
);
