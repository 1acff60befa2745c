import { ListPlacements } from '../../schemas/routes/placements.js';
import { apiHandler } from '../lib/api-handler.js';
import { requireSite } from '../lib/principal.js';
import { listSitePlacements } from '../use-cases/placement-record.js';
import { recordVisit } from '../use-cases/staff-directory.js';

/** GET /api/staff/placements?status=&cursor= — a page of the caller's site's placements, newest first (audited). */
export const handler = apiHandler(ListPlacements, async ({ principal, query }) => ({ status: 200, body: await listSitePlacements(requireSite(principal), query) }), {
  onCaller: recordVisit,
});
