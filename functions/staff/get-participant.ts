import { GetParticipant } from '../../schemas/routes/staff.js';
import { readParticipantRecord } from '../use-cases/participant-record.js';
import { apiHandler } from '../lib/api-handler.js';
import { recordVisit } from '../use-cases/staff-directory.js';
import { requireSite } from '../lib/principal.js';

/** GET /api/staff/participants/{id} — the record; the read is audited before the data leaves. */
export const handler = apiHandler(GetParticipant, async ({ principal, params }) => ({
  status: 200,
  body: await readParticipantRecord(requireSite(principal), params.id),
}), { onCaller: recordVisit });
