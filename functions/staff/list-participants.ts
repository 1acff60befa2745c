import { ParticipantListQuery } from '../../schemas/staff.js';
import { localise, problemsFromZod } from '../../schemas/validation-errors.js';
import { listParticipants } from '../data/table.js';
import { decodeCursor, encodeCursor } from '../domain/cursor.js';
import { apiHandler } from '../lib/api-handler.js';
import { HttpError, json, requestLanguage } from '../lib/http.js';
import { principalOf, requireSiteStaff } from '../lib/principal.js';

/** GET /api/staff/participants?status=&cursor=&limit= — a page of the caller's site, newest first. */
export const handler = apiHandler(async (event) => {
  const me = requireSiteStaff(principalOf(event));
  const lang = requestLanguage(event);
  const query = ParticipantListQuery.safeParse(event.queryStringParameters ?? {});
  if (!query.success) throw new HttpError(400, 'invalid_query', localise(problemsFromZod(query.error.issues), lang), {}, lang);

  const after = query.data.cursor === undefined ? undefined : decodeCursor(query.data.cursor);
  if (query.data.cursor !== undefined && !after) throw new HttpError(400, 'invalid_cursor', undefined, {}, lang);

  const page = await listParticipants(me.site, { status: query.data.status, after, limit: query.data.limit ?? 25 });
  return json(200, { items: page.items, cursor: page.next ? encodeCursor(page.next) : null });
});
