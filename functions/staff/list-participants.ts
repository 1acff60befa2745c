import { ListParticipants } from '../../schemas/routes/staff.js';
import { listSiteParticipants } from '../use-cases/list-participants.js';
import { apiHandler } from '../lib/api-handler.js';
import { recordVisit } from '../use-cases/staff-directory.js';
import { requireSite } from '../lib/principal.js';

/** GET /api/staff/participants?status=&assignedTo=&cursor=&limit= — a page of the caller's site, newest first (audited). */
export const handler = apiHandler(ListParticipants, async ({ principal, query }) => ({
  status: 200,
  body: await listSiteParticipants(requireSite(principal), query),
}), { onCaller: recordVisit });
