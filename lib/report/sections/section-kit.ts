/** Small pieces every section builder uses: anchors, bars from rows, notes on what has no bar. */
import type { BarDatum } from '../chart-specs.ts';
import { noDataReason } from '../format.ts';
import type { SummaryRow } from '../summary.ts';

/** A page anchor from any text (domain ids come from results files too). */
export function anchor(...parts: string[]): string {
  return parts
    .join('-')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '') || 'section';
}

/** The bar of a measured row; null when the row has no accuracy (n = 0): no bar is drawn for it. */
export function accuracyBar(row: SummaryRow, category: string, series: string): BarDatum | null {
  if (row.accuracy === null || row.ci95 === null) return null;
  return { category, series, value: row.accuracy, lo: row.ci95[0], hi: row.ci95[1], n: row.n, ...(row.emulated ? { emulated: true as const } : {}) };
}

/** "provider, split: all 12 calls failed: …" for each row that has no bar. */
export function missingBarNotes(rows: readonly SummaryRow[]): string[] {
  return rows.filter((r) => r.accuracy === null).map((r) => `No bar for ${r.provider}, ${r.split}: ${noDataReason(r)}.`);
}
