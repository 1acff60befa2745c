import { PostRecognitionEvent } from '../../schemas/routes/recognition.js';
import { apiHandler } from '../lib/api-handler.js';
import { requireSite } from '../lib/principal.js';
import { recordFactByStaff } from '../use-cases/change-recognition-case.js';
import { recordVisit } from '../use-cases/staff-directory.js';

/** POST /api/staff/recognition-cases/{id}/events — one fact of the procedure on the version the caller saw (409 with what is allowed when the rules refuse it). */
export const handler = apiHandler(
  PostRecognitionEvent,
  async ({ principal, params, body }) => ({ status: 201, body: await recordFactByStaff(requireSite(principal), params.id, body) }),
  { onCaller: recordVisit },
);
