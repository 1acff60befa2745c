import * as z from 'zod/mini';
import { isRealDate } from './dates.js';
import { SiteId } from './staff-inputs.js';
import { code, issue } from './text.js';

/** The report routes' queries (contracts: schemas/routes/reports.ts). Entry dates are Berlin calendar days. */

const day = z.string().check(
  z.regex(/^\d{4}-\d{2}-\d{2}$/, code('invalid_date')),
  z.refine((s: string) => isRealDate(s), issue('invalid_date')),
);

const period = { from: z.optional(day), to: z.optional(day) };

const fromNotAfterTo = () =>
  z.superRefine((q: { from?: string | undefined; to?: string | undefined }, ctx) => {
    if (q.from && q.to && q.from > q.to) ctx.addIssue({ code: 'custom', path: ['to'], input: q, ...issue('period_ends_before_start') });
  });

/** GET /api/staff/reports/kpis (and its .csv / .xlsx exports): optional site, entry dates from / to (both included). */
export const KpiQuery = z.strictObject({ site: z.optional(SiteId()), ...period }).check(fromNotAfterTo());
export type KpiQuery = z.output<typeof KpiQuery>;

/** GET /api/staff/reports/participants.csv: the lead's own site, entry dates from / to (both included). */
export const ParticipantExportQuery = z.strictObject(period).check(fromNotAfterTo());
export type ParticipantExportQuery = z.output<typeof ParticipantExportQuery>;
