import { ListParticipants } from '../../schemas/routes/staff.js';
import { listSiteParticipants } from '../use-cases/list-participants.js';
import { apiHandler } from '../lib/api-handler.js';
import { requireSite } from '../lib/principal.js';

/** GET /api/staff/participants?status=&cursor=&limit= — a page of the caller's site, newest first. */
export const handler = apiHandler(ListParticipants, async ({ principal, query }) => ({
  status: 200,
  body: await listSiteParticipants(requireSite(principal), query),
}));
