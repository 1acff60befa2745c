import { appendSiteAudit } from '../data/audit.js';
import { countAssigned } from '../data/participants.js';
import { listStaff, recordStaffMember } from '../data/staff-directory.js';
import { berlinDate } from '../domain/working-days.js';
import { siteById } from '../lib/config.js';
import type { Principal, SitePrincipal } from '../lib/principal.js';

/**
 * The site's staff directory: who works at a site, learnt from the staff routes themselves
 * (no Cognito admin calls). Every staff route passes `recordVisit` to apiHandler (`onCaller`).
 */

/** Visits this process has recorded today (a warm function writes at most once a day per user). */
const recorded = new Map<string, string>();

export async function recordVisit(p: Principal, now: Date = new Date()): Promise<void> {
  if (p.role === 'coordinator' || !p.site) return;
  const day = berlinDate(now);
  const memo = `${p.site}|${p.sub}|${p.role}|${p.username ?? ''}`;
  if (recorded.get(memo) === day) return;
  await recordStaffMember({ site: p.site, sub: p.sub, username: p.username ?? p.sub, role: p.role }, now.toISOString(), day);
  recorded.set(memo, day);
}

/**
 * The site's team for its lead: everyone who used the console, with how many open (not
 * withdrawn) participants each has assigned — one COUNT Query on the assignment index per member.
 */
export async function readTeam(me: SitePrincipal, now: Date = new Date()) {
  const staff = await listStaff(me.site);
  const counts = await Promise.all(staff.map((m) => countAssigned(me.site, m.sub)));
  await appendSiteAudit(me.site, { at: now.toISOString(), actor: me.sub, role: me.role, action: 'team.read', detail: { count: staff.length } });
  const site = siteById(me.site);
  return {
    site: { id: me.site, name: site?.name ?? me.site },
    items: staff
      .map((m, i) => ({ sub: m.sub, username: m.username, role: m.role, firstSeenAt: m.firstSeenAt, lastSeenAt: m.lastSeenAt, assigned: counts[i] ?? 0 }))
      .sort((a, b) => a.username.localeCompare(b.username, 'de')),
  };
}
