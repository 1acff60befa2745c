import { FirstContactInput } from '../../schemas/staff.js';
import { apiHandler } from '../lib/api-handler.js';
import { badRequest, requestLanguage } from '../lib/http.js';
import { localise } from '../../schemas/validation-errors.js';
import { berlinDate } from '../domain/working-days.js';
import { changeParticipantStatus } from './change-status.js';

/** POST /api/staff/participants/{id}/contact — the first contact (date, channel, note); ends the follow-up. */
export const handler = apiHandler(async (event) =>
  changeParticipantStatus(
    event,
    FirstContactInput,
    (input, me, at) => {
      if (input.date > berlinDate(new Date(at)))
        throw badRequest(localise([{ path: ['date'], code: 'invalid_date' }], requestLanguage(event)));
      return {
        status: 'contacted',
        firstContact: {
          date: input.date,
          channel: input.channel,
          ...(input.note ? { note: input.note } : {}),
          recordedAt: at,
          recordedBy: me.sub,
        },
      };
    },
    'participant.first_contact',
  ),
);
