import * as z from 'zod/mini';
import { defineRoute } from '../http/contract.js';
import { ERRORS, STAFF_ERRORS } from '../http/errors.js';
import { lazySchema } from '../lazy.js';
import { KpiQuery, ParticipantExportQuery } from '../report-inputs.js';
import { ROUTE_PATHS } from './paths.js';

/**
 * The project's figures and their exports. Staff and leads get their own site, coordinators
 * every site (figures only: no route here names a person except the lead's participant export).
 * Figures are read from counter items per site and entry day (docs/figures.md): the cost does
 * not grow with the number of participants.
 */

const FIGURE_READERS = { kind: 'staff', roles: ['staff', 'lead', 'coordinator'] } as const;
const EXPORTERS = { kind: 'staff', roles: ['lead', 'coordinator'] } as const;
const LEADS = { kind: 'staff', roles: ['lead'] } as const;

const figureFields = () => ({
  participants: z.int(),
  unemployed: z.int(),
  longTermUnemployed: z.int(),
  migrantBackground: z.int(),
  employment: z.int(),
  training: z.int(),
  improvedProspects: z.int(),
  /** (employment + training) / participants; 0 when there are none. */
  placementRate: z.number(),
});

export const KpisBody = lazySchema(() =>
  z.strictObject({
    ...figureFields(),
    /** The same per site the caller may see (one for staff and leads), in configuration order. */
    sites: z.array(z.strictObject({ site: z.string(), name: z.string(), ...figureFields() })),
  }),
);

const download = (contentType: string, what: string, binary = false) => ({
  description: what,
  contentType,
  ...(binary ? { binary: true } : {}),
  body: lazySchema(() => z.string()),
  headers: {
    'Content-Disposition': { description: '`attachment; filename="…"` with the site(s) and the period' },
    'Cache-Control': { description: '`no-store`' },
  },
});

const reportErrors = { 400: ERRORS[400], ...STAFF_ERRORS } as const;

export const GetKpis = defineRoute({
  id: 'GetKpis',
  ...ROUTE_PATHS.GetKpis,
  auth: FIGURE_READERS,
  tag: 'reports',
  summary: 'The figures: participants, unemployed, long-term unemployed, migration background, outcomes, placement rate',
  description:
    'For participants whose entry (registration) day lies in `from`–`to` (both optional, both included). Staff and leads: their own site (another `site` is 403); ' +
    'coordinators: every site, or one. Exact: duplicates, retried steps, withdrawals before taking part and corrected exits count once or not at all.',
  query: KpiQuery,
  responses: { 200: { description: 'The figures in total and per site.', body: KpisBody }, ...reportErrors },
});

export const GetKpisCsv = defineRoute({
  id: 'GetKpisCsv',
  ...ROUTE_PATHS.GetKpisCsv,
  auth: EXPORTERS,
  tag: 'reports',
  summary: 'The figures per site and entry month as CSV (UTF-8 with BOM, `;`-separated, for German Excel)',
  description: 'One row per site and month with entries, then one total row per site and one for all sites. Leads: their site; coordinators: every site or one. Audited (who, when, which export; no personal data).',
  query: KpiQuery,
  responses: { 200: download('text/csv', 'The CSV file.'), ...reportErrors },
});

export const GetKpisXlsx = defineRoute({
  id: 'GetKpisXlsx',
  ...ROUTE_PATHS.GetKpisXlsx,
  auth: EXPORTERS,
  tag: 'reports',
  summary: 'The figures per site and entry month as an Excel workbook (XLSX)',
  description: 'The same rows as the CSV, numbers as numbers, the placement rate as a percentage. Audited like the CSV.',
  query: KpiQuery,
  responses: { 200: download('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'The workbook (binary).', true), ...reportErrors },
});

export const GetParticipantsCsv = defineRoute({
  id: 'GetParticipantsCsv',
  ...ROUTE_PATHS.GetParticipantsCsv,
  auth: LEADS,
  tag: 'reports',
  summary: "The lead's site: ESF Plus entry and exit data per participant as CSV",
  description:
    'One row per participant of the lead\'s site (entry day in `from`–`to`), without those withdrawn before taking part: the reference, entry day, gender, age at entry, ' +
    'employment status and education at entry, the Part 2 answers, the exit day, outcome and the exit questionnaire. No name, date of birth, address, contact, employer ' +
    'or notes. Read page by page from the site index. Audited (who, when, period, row count).',
  query: ParticipantExportQuery,
  responses: { 200: download('text/csv', 'The CSV file.'), ...reportErrors },
});
