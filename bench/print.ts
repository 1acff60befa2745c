/** Prints rows as a table with a rule under the header; `right` columns are right-aligned (figures). */
export function printTable(rows: string[][], right: number[] = []): void {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  for (const [i, r] of rows.entries()) {
    console.log('  ' + r.map((cell, c) => (right.includes(c) && i > 0 ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join('  ').trimEnd());
    if (i === 0) console.log('  ' + widths.map((w) => '-'.repeat(w)).join('  '));
  }
}
