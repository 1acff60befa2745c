import { ListRecognitionCases } from '../../schemas/routes/recognition.js';
import { apiHandler } from '../lib/api-handler.js';
import { requireSite } from '../lib/principal.js';
import { listSiteRecognitionCases } from '../use-cases/recognition-record.js';
import { recordVisit } from '../use-cases/staff-directory.js';

/** GET /api/staff/recognition-cases?state=&overdue=&body=&cursor= — a page of the caller's site's cases, newest first (audited). */
export const handler = apiHandler(
  ListRecognitionCases,
  async ({ principal, query }) => ({ status: 200, body: await listSiteRecognitionCases(requireSite(principal), query) }),
  { onCaller: recordVisit },
);
