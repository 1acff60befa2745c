import { RequestErasure } from '../../schemas/routes/erasure.js';
import { apiHandler } from '../lib/api-handler.js';
import { requireSite } from '../lib/principal.js';
import { requestErasure } from '../use-cases/erasure.js';
import { recordVisit } from '../use-cases/staff-directory.js';

/** POST /api/staff/participants/{id}/erasure — a lead erases the person, or restricts them while the funder's duty applies. */
export const handler = apiHandler(RequestErasure, async ({ principal, params, body }) => ({
  status: 200,
  body: await requestErasure(requireSite(principal), params.id, body),
}), { onCaller: recordVisit });
