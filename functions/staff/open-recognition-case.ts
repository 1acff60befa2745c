import { OpenRecognitionCase } from '../../schemas/routes/recognition.js';
import { apiHandler } from '../lib/api-handler.js';
import { requireSite } from '../lib/principal.js';
import { openRecognitionDraft } from '../use-cases/create-recognition-case.js';
import { recordVisit } from '../use-cases/staff-directory.js';

/** POST /api/staff/recognition-cases/{id}/open — the draft an intake left becomes a case (the case fields, on the draft's version). */
export const handler = apiHandler(
  OpenRecognitionCase,
  async ({ principal, params, body }) => ({ status: 200, body: await openRecognitionDraft(requireSite(principal), params.id, body) }),
  { onCaller: recordVisit },
);
