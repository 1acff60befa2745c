import { PostPlacementOutcome } from '../../schemas/routes/placements.js';
import { apiHandler } from '../lib/api-handler.js';
import { requireSite } from '../lib/principal.js';
import { recordOutcomeByStaff } from '../use-cases/change-placement.js';
import { recordVisit } from '../use-cases/staff-directory.js';

/** POST /api/staff/placements/{id}/outcome — the hiring decision, recorded by the counsellor on the version seen. */
export const handler = apiHandler(
  PostPlacementOutcome,
  async ({ principal, params, body }) => ({ status: 200, body: await recordOutcomeByStaff(requireSite(principal), params.id, body) }),
  { onCaller: recordVisit },
);
