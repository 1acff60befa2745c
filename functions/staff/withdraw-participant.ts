import { WithdrawalInput } from '../../schemas/staff.js';
import { apiHandler } from '../lib/api-handler.js';
import { changeParticipantStatus } from './change-status.js';

/** POST /api/staff/participants/{id}/withdraw — the participant withdraws (reason); ends the follow-up. */
export const handler = apiHandler(async (event) =>
  changeParticipantStatus(
    event,
    WithdrawalInput,
    (input, me, at) => ({
      status: 'withdrawn',
      withdrawal: { reason: input.reason, ...(input.note ? { note: input.note } : {}), recordedAt: at, recordedBy: me.sub },
    }),
    'participant.withdrawn',
  ),
);
