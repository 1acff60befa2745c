import type { KpiQuery, ParticipantExportQuery } from '../../schemas/report-inputs.js';
import { appendSiteAudit } from '../data/audit.js';
import { participantPages } from '../data/participant-export.js';
import { CSV_BOM, csvLine, germanPercent } from '../domain/csv.js';
import { contributionOf } from '../domain/figures.js';
import { KPI_HEADER, kpiRows, PARTICIPANT_HEADER, participantRow, type KpiRow } from '../domain/report-rows.js';
import { berlinDate, berlinMidnight } from '../domain/working-days.js';
import { siteById } from '../lib/config.js';
import type { Principal, SitePrincipal } from '../lib/principal.js';
import { kpiWorkbook } from '../lib/xlsx.js';
import { reportSites, siteDays } from './report-figures.js';

/**
 * The exports: the figures per site and month (CSV, XLSX) for leads and coordinators, the
 * lead's participant-level ESF Plus data (CSV). Each is audited in the site's audit partition:
 * who, when, which export and period, how many rows — never a person.
 */

export interface Download {
  filename: string;
  body: string;
  rows: number;
}

const period = (q: { from?: string | undefined; to?: string | undefined }) => `${q.from ?? 'anfang'}-bis-${q.to ?? 'heute'}`;

async function audit(principal: Principal, sites: readonly string[], action: string, q: { from?: string | undefined; to?: string | undefined }, rows: number) {
  const at = new Date().toISOString();
  for (const site of sites) {
    await appendSiteAudit(site, { at, actor: principal.sub, role: principal.role, action, detail: { from: q.from ?? null, to: q.to ?? null, sites: sites.length, rows } });
  }
}

async function kpiRowsFor(principal: Principal, q: KpiQuery): Promise<{ sites: string[]; rows: KpiRow[]; label: string }> {
  const sites = reportSites(principal, q.site);
  const rows = kpiRows(await siteDays(sites, q));
  return { sites, rows, label: sites.length === 1 ? sites[0]! : 'alle-standorte' };
}

export async function kpisCsv(principal: Principal, q: KpiQuery): Promise<Download> {
  const { sites, rows, label } = await kpiRowsFor(principal, q);
  let body = CSV_BOM + csvLine(KPI_HEADER);
  for (const r of rows) {
    const c = r.counts;
    body += csvLine([r.site, r.month, c.participants, c.unemployed, c.longTermUnemployed, c.migrantBackground, c.employment, c.training, c.improvedProspects, `${germanPercent(r.rate)} %`]);
  }
  await audit(principal, sites, 'report.kpis_csv', q, rows.length);
  return { filename: `biwaq-zahlen-${label}-${period(q)}.csv`, body, rows: rows.length };
}

export async function kpisXlsx(principal: Principal, q: KpiQuery): Promise<Download> {
  const { sites, rows, label } = await kpiRowsFor(principal, q);
  const book = await kpiWorkbook(rows, `BIWAQ Zahlen ${label} ${period(q)}`);
  await audit(principal, sites, 'report.kpis_xlsx', q, rows.length);
  return { filename: `biwaq-zahlen-${label}-${period(q)}.xlsx`, body: book.toString('base64'), rows: rows.length };
}

/**
 * The lead's site, one row per participant whose entry day is in the period, without those
 * withdrawn before taking part (the same rule as the figures: the row count is the
 * participants figure). Read page by page; the file grows row by row.
 */
export async function participantsCsv(me: SitePrincipal, q: ParticipantExportQuery): Promise<Download> {
  // Entry days are Berlin days; the index sorts by UTC instants: read a day more on each side, filter exactly.
  const fromIso = q.from ? new Date(berlinMidnight(q.from).getTime() - 86_400_000).toISOString() : '0000';
  const toIso = q.to ? new Date(berlinMidnight(q.to).getTime() + 2 * 86_400_000).toISOString() : '9999';
  const siteName = siteById(me.site)?.name ?? me.site;
  const chunks = [CSV_BOM, csvLine(PARTICIPANT_HEADER)];
  let rows = 0;
  for await (const page of participantPages(me.site, fromIso, toIso)) {
    for (const p of page) {
      const day = berlinDate(new Date(p.createdAt));
      if ((q.from && day < q.from) || (q.to && day > q.to) || !contributionOf(p)) continue;
      chunks.push(csvLine(participantRow(p, siteName, day)));
      rows++;
    }
  }
  await audit(me, [me.site], 'report.participants_csv', q, rows);
  return { filename: `biwaq-teilnehmende-${me.site}-${period(q)}.csv`, body: chunks.join(''), rows };
}
