/**
 * CSV for German spreadsheets: UTF-8 with a byte order mark (so Excel reads the umlauts), `;`
 * between fields (Excel's separator where the decimal mark is a comma), CRLF between records,
 * RFC 4180 quoting. A field that a spreadsheet would run as a formula (= + - @ at the start, or
 * a tab / CR) is prefixed with an apostrophe (OWASP "CSV injection"); numbers are written as such.
 */

export const CSV_BOM = '\uFEFF';
const SEPARATOR = ';';

export type CsvValue = string | number | null | undefined;

function field(v: CsvValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return String(v);
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[;"\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export const csvLine = (values: readonly CsvValue[]) => `${values.map(field).join(SEPARATOR)}\r\n`;

/** A share (0–1) as a German percentage with one decimal: 0.2455 → "24,5". */
export const germanPercent = (share: number) => (Math.round(share * 1000) / 10).toFixed(1).replace('.', ',');
