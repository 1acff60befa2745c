import { RecordFirstContact } from '../../schemas/routes/staff.js';
import { InvalidInput } from '../domain/errors.js';
import { berlinDate } from '../domain/working-days.js';
import { changeParticipantStatus } from '../use-cases/change-participant-status.js';
import { apiHandler } from '../lib/api-handler.js';
import { recordVisit } from '../use-cases/staff-directory.js';
import { requireSite } from '../lib/principal.js';

/** POST /api/staff/participants/{id}/contact — the first contact (date, channel, note); ends the follow-up. */
export const handler = apiHandler(RecordFirstContact, async ({ principal, params, body }) => {
  const me = requireSite(principal);
  const at = new Date().toISOString();
  if (body.date > berlinDate(new Date(at))) throw new InvalidInput([{ path: ['date'], code: 'invalid_date' }]);
  const firstContact = { date: body.date, channel: body.channel, ...(body.note ? { note: body.note } : {}), recordedAt: at, recordedBy: me.sub };
  return {
    status: 200,
    body: await changeParticipantStatus(me, params.id, body.version, { status: 'contacted', firstContact }, 'participant.first_contact', at),
  };
}, { onCaller: recordVisit });
