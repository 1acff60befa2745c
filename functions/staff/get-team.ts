import { GetTeam } from '../../schemas/routes/console.js';
import { apiHandler } from '../lib/api-handler.js';
import { requireSite } from '../lib/principal.js';
import { readTeam, recordVisit } from '../use-cases/staff-directory.js';

/** GET /api/staff/team — the site's staff directory with each member's assigned participants (leads). */
export const handler = apiHandler(GetTeam, async ({ principal }) => ({ status: 200, body: await readTeam(requireSite(principal)) }), { onCaller: recordVisit });
