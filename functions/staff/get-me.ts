import { apiHandler } from '../lib/api-handler.js';
import { siteById } from '../lib/config.js';
import { json } from '../lib/http.js';
import { principalOf } from '../lib/principal.js';

/** GET /api/staff/me — who am I: subject, role, site. */
export const handler = apiHandler(async (event) => {
  const p = principalOf(event);
  const site = p.site ? siteById(p.site) : undefined;
  return json(200, { sub: p.sub, role: p.role, site: site ? { id: site.id, name: site.name } : null });
});
