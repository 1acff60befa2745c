import { GetParticipantsCsv } from '../../schemas/routes/reports.js';
import { apiHandler } from '../lib/api-handler.js';
import { downloadHeaders } from '../lib/http.js';
import { requireSite } from '../lib/principal.js';
import { participantsCsv } from '../use-cases/report-exports.js';
import { recordVisit } from '../use-cases/staff-directory.js';

/** GET /api/staff/reports/participants.csv — the lead's site's ESF Plus entry and exit data per participant. Audited. */
export const handler = apiHandler(GetParticipantsCsv, async ({ principal, query }) => {
  const file = await participantsCsv(requireSite(principal), query);
  return { status: 200, body: file.body, headers: downloadHeaders(file.filename) };
}, { onCaller: recordVisit });
