import { GetToday } from '../../schemas/routes/console.js';
import { apiHandler } from '../lib/api-handler.js';
import { header } from '../lib/http.js';
import { requireSite } from '../lib/principal.js';
import { recordVisit } from '../use-cases/staff-directory.js';
import { readToday } from '../use-cases/today.js';

/** GET /api/staff/today — "Heute" for the caller's site; 304 for an `If-None-Match` that still holds. */
export const handler = apiHandler(
  GetToday,
  async ({ principal, event }) => {
    const today = await readToday(requireSite(principal), header(event, 'if-none-match'));
    const headers = { etag: today.etag };
    return today.notModified ? { status: 304, body: undefined, headers } : { status: 200, body: today.body, headers };
  },
  { onCaller: recordVisit },
);
