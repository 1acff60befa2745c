import { GetParticipantAudit } from '../../schemas/routes/staff.js';
import { decodeAuditCursor } from '../data/cursor.js';
import { InvalidCursor } from '../domain/errors.js';
import { readAuditTrail } from '../use-cases/participant-record.js';
import { apiHandler } from '../lib/api-handler.js';
import { recordVisit } from '../use-cases/staff-directory.js';
import { requireSite } from '../lib/principal.js';

/** GET /api/staff/participants/{id}/audit?cursor= — older audit entries, 50 a page, newest first. */
export const handler = apiHandler(GetParticipantAudit, async ({ principal, params, query }) => {
  const after = query.cursor === undefined ? undefined : decodeAuditCursor(query.cursor);
  if (query.cursor !== undefined && !after) throw new InvalidCursor();
  return { status: 200, body: await readAuditTrail(requireSite(principal), params.id, after) };
}, { onCaller: recordVisit });
