import { GetRecognitionCase } from '../../schemas/routes/recognition.js';
import { apiHandler } from '../lib/api-handler.js';
import { requireSite } from '../lib/principal.js';
import { readRecognitionCase } from '../use-cases/recognition-record.js';
import { recordVisit } from '../use-cases/staff-directory.js';

/** GET /api/staff/recognition-cases/{id} — the case, its deadlines, reminders and workflow in words (audited). */
export const handler = apiHandler(
  GetRecognitionCase,
  async ({ principal, params }) => ({ status: 200, body: await readRecognitionCase(requireSite(principal), params.id) }),
  { onCaller: recordVisit },
);
