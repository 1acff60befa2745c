import { GetKpisXlsx } from '../../schemas/routes/reports.js';
import { apiHandler } from '../lib/api-handler.js';
import { downloadHeaders } from '../lib/http.js';
import { kpisXlsx } from '../use-cases/report-exports.js';
import { recordVisit } from '../use-cases/staff-directory.js';

/** GET /api/staff/reports/kpis.xlsx — the figures per site and month as XLSX (leads: their site; coordinators: all sites or one). Audited. */
export const handler = apiHandler(GetKpisXlsx, async ({ principal, query }) => {
  const file = await kpisXlsx(principal, query);
  return { status: 200, body: file.body, headers: downloadHeaders(file.filename) };
}, { onCaller: recordVisit });
