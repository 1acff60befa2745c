import { GetParticipantDataExport } from '../../schemas/routes/data-export.js';
import { apiHandler } from '../lib/api-handler.js';
import { requireSite } from '../lib/principal.js';
import { exportPersonData } from '../use-cases/data-export.js';
import { recordVisit } from '../use-cases/staff-directory.js';

/** GET /api/staff/participants/{id}/data-export — the access request's copy as JSON (a download); audited. */
export const handler = apiHandler(GetParticipantDataExport, async ({ principal, params }) => {
  const copy = await exportPersonData(requireSite(principal), params.id, { format: 'json' });
  return { status: 200, body: copy, headers: { 'content-disposition': `attachment; filename="datenauskunft-${copy.reference}.json"` } };
}, { onCaller: recordVisit });
