import { SearchParticipants } from '../../schemas/routes/console.js';
import { apiHandler } from '../lib/api-handler.js';
import { requireSite } from '../lib/principal.js';
import { searchParticipants } from '../use-cases/search-participants.js';
import { recordVisit } from '../use-cases/staff-directory.js';

/** GET /api/staff/participants/search?q= — by reference or name prefix, the caller's site only. */
export const handler = apiHandler(
  SearchParticipants,
  async ({ principal, query }) => ({ status: 200, body: await searchParticipants(requireSite(principal), query.q) }),
  { onCaller: recordVisit },
);
