import { ReadRestrictedParticipant } from '../../schemas/routes/erasure.js';
import { apiHandler } from '../lib/api-handler.js';
import { requireSite } from '../lib/principal.js';
import { readRestrictedRecord } from '../use-cases/participant-record.js';
import { recordVisit } from '../use-cases/staff-directory.js';

/** POST /api/staff/participants/{id}/restricted-read — a lead reads a restricted person's record with a reason; audited. */
export const handler = apiHandler(ReadRestrictedParticipant, async ({ principal, params, body }) => ({
  status: 200,
  body: await readRestrictedRecord(requireSite(principal), params.id, body.reason),
}), { onCaller: recordVisit });
