import { GetStaffMe } from '../../schemas/routes/me.js';
import { apiHandler } from '../lib/api-handler.js';
import { recordVisit } from '../use-cases/staff-directory.js';
import { siteById } from '../lib/config.js';

/** GET /api/staff/me — who am I: subject, role, site. */
export const handler = apiHandler(GetStaffMe, async ({ principal: p }) => {
  const site = p.site ? siteById(p.site) : undefined;
  return { status: 200, body: { sub: p.sub, role: p.role, site: site ? { id: site.id, name: site.name } : null } };
}, { onCaller: recordVisit });
