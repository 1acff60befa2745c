import { PostRecognitionCost } from '../../schemas/routes/recognition.js';
import { apiHandler } from '../lib/api-handler.js';
import { requireSite } from '../lib/principal.js';
import { addCostByStaff } from '../use-cases/change-recognition-case.js';
import { recordVisit } from '../use-cases/staff-directory.js';

/** POST /api/staff/recognition-cases/{id}/costs — a cost on the version the caller saw. */
export const handler = apiHandler(
  PostRecognitionCost,
  async ({ principal, params, body }) => ({ status: 201, body: await addCostByStaff(requireSite(principal), params.id, body) }),
  { onCaller: recordVisit },
);
