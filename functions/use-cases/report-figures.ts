import type { KpiQuery } from '../../schemas/report-inputs.js';
import { countersOf, type DayCounts } from '../data/figure-counters.js';
import { InvalidInput, NotAllowed } from '../domain/errors.js';
import { addCounts, withRate, zeroCounts } from '../domain/figures.js';
import { config } from '../lib/config.js';
import type { Principal } from '../lib/principal.js';
import { settleUnsettled } from './settle-figures.js';

/**
 * The project's figures for a period of entry days (docs/figures.md): the participants a crash
 * left unsettled first (usually none: one Query), then one Query per site on its counter
 * partition. The cost depends on the sites and the days of the period, never on how many
 * participants there are.
 */

export const FIRST_DAY = '0000-01-01';
export const LAST_DAY = '9999-12-31';

/** The sites the caller may see figures of: their own (staff, leads), or every configured one (coordinators). */
export function reportSites(principal: Principal, site: string | undefined): string[] {
  if (principal.role !== 'coordinator') {
    if (site !== undefined && site !== principal.site) throw new NotAllowed();
    return [principal.site!];
  }
  const all = config().siteIds;
  if (site === undefined) return [...all];
  if (!all.includes(site)) throw new InvalidInput([{ path: ['site'], code: 'invalid_option' }]);
  return [site];
}

export interface SiteDays {
  site: string;
  name: string;
  days: DayCounts[];
}

/** Each site's counter items in the period, after settling what is unsettled. */
export async function siteDays(sites: readonly string[], q: Pick<KpiQuery, 'from' | 'to'>): Promise<SiteDays[]> {
  await settleUnsettled();
  const from = q.from ?? FIRST_DAY;
  const to = q.to ?? LAST_DAY;
  return Promise.all(sites.map(async (site) => ({ site, name: config().sites.find((s) => s.id === site)?.name ?? site, days: await countersOf(site, from, to) })));
}

/** GET /api/staff/reports/kpis: the figures in total and per site. */
export async function readKpis(principal: Principal, q: KpiQuery) {
  const perSite = await siteDays(reportSites(principal, q.site), q);
  const total = zeroCounts();
  const sites = perSite.map((s) => {
    const c = zeroCounts();
    for (const d of s.days) addCounts(c, d);
    addCounts(total, c);
    return { site: s.site, name: s.name, ...withRate(c) };
  });
  return { ...withRate(total), sites };
}
