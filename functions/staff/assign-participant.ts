import { AssignParticipant } from '../../schemas/routes/console.js';
import { apiHandler } from '../lib/api-handler.js';
import { requireSite } from '../lib/principal.js';
import { assignParticipant } from '../use-cases/assign-participant.js';
import { recordVisit } from '../use-cases/staff-directory.js';

/** POST /api/staff/participants/{id}/assign — a lead assigns a staff member of the site (or nobody). */
export const handler = apiHandler(
  AssignParticipant,
  async ({ principal, params, body }) => ({
    status: 200,
    body: await assignParticipant(requireSite(principal), params.id, body.version, body.assignedTo),
  }),
  { onCaller: recordVisit },
);
