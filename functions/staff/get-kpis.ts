import { GetKpis } from '../../schemas/routes/reports.js';
import { apiHandler } from '../lib/api-handler.js';
import { readKpis } from '../use-cases/report-figures.js';
import { recordVisit } from '../use-cases/staff-directory.js';

/** GET /api/staff/reports/kpis — the figures, in total and per site (no personal data). */
export const handler = apiHandler(GetKpis, async ({ principal, query }) => ({ status: 200, body: await readKpis(principal, query) }), { onCaller: recordVisit });
