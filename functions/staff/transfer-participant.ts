import { TransferParticipant } from '../../schemas/routes/console.js';
import { apiHandler } from '../lib/api-handler.js';
import { requireSite } from '../lib/principal.js';
import { recordVisit } from '../use-cases/staff-directory.js';
import { transferParticipant } from '../use-cases/transfer-participant.js';

/** POST /api/staff/participants/{id}/transfer — a lead hands the participant over to another site. */
export const handler = apiHandler(
  TransferParticipant,
  async ({ principal, params, body }) => ({
    status: 200,
    body: await transferParticipant(requireSite(principal), params.id, body.version, body.toSite),
  }),
  { onCaller: recordVisit },
);
