import { WithdrawParticipant } from '../../schemas/routes/staff.js';
import { changeParticipantStatus } from '../use-cases/change-participant-status.js';
import { apiHandler } from '../lib/api-handler.js';
import { recordVisit } from '../use-cases/staff-directory.js';
import { requireSite } from '../lib/principal.js';

/** POST /api/staff/participants/{id}/withdraw — the participant withdraws (reason); ends the follow-up. */
export const handler = apiHandler(WithdrawParticipant, async ({ principal, params, body }) => {
  const me = requireSite(principal);
  const at = new Date().toISOString();
  const withdrawal = { reason: body.reason, ...(body.note ? { note: body.note } : {}), recordedAt: at, recordedBy: me.sub };
  return {
    status: 200,
    body: await changeParticipantStatus(me, params.id, body.version, { status: 'withdrawn', withdrawal }, 'participant.withdrawn', at),
  };
}, { onCaller: recordVisit });
