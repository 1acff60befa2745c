import { GetPlacement } from '../../schemas/routes/placements.js';
import { apiHandler } from '../lib/api-handler.js';
import { requireSite } from '../lib/principal.js';
import { readPlacement } from '../use-cases/placement-record.js';
import { recordVisit } from '../use-cases/staff-directory.js';

/** GET /api/staff/placements/{id} — the placement, the participant's reference, the workflow in words (audited). */
export const handler = apiHandler(GetPlacement, async ({ principal, params }) => ({ status: 200, body: await readPlacement(requireSite(principal), params.id) }), {
  onCaller: recordVisit,
});
