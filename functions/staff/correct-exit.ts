import { CorrectExit } from '../../schemas/routes/exit.js';
import { apiHandler } from '../lib/api-handler.js';
import { requireSite } from '../lib/principal.js';
import { recordExit } from '../use-cases/record-exit.js';
import { recordVisit } from '../use-cases/staff-directory.js';

/** POST /api/staff/participants/{id}/exit/corrections — a corrected exit replaces the one in force (audited). */
export const handler = apiHandler(CorrectExit, async ({ principal, params, body }) => {
  const me = requireSite(principal);
  return { status: 200, body: await recordExit(me, params.id, body, 'correction') };
}, { onCaller: recordVisit });
