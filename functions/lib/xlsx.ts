import { KPI_HEADER, type KpiRow } from '../domain/report-rows.js';

/**
 * The figures as an Excel workbook (exceljs): the same rows as the CSV, numbers as numbers, the
 * placement rate as a percentage. The figures are a handful of rows per site and month, so the
 * workbook is built in memory; only exports of participants page through the table. exceljs is
 * loaded on the first export, not at the function's cold start (it is most of the bundle).
 */
export async function kpiWorkbook(rows: readonly KpiRow[], title: string): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  book.creator = 'BIWAQ Workflows';
  book.title = title;
  const sheet = book.addWorksheet('Zahlen', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = KPI_HEADER.map((header, i) => ({ header, key: `c${i}`, width: i < 2 ? 20 : 16 }));
  sheet.getRow(1).font = { bold: true };
  for (const r of rows) {
    const c = r.counts;
    sheet.addRow([r.site, r.month, c.participants, c.unemployed, c.longTermUnemployed, c.migrantBackground, c.employment, c.training, c.improvedProspects, r.rate]);
  }
  sheet.getColumn(KPI_HEADER.length).numFmt = '0.0%';
  return Buffer.from(await book.xlsx.writeBuffer());
}
