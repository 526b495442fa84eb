/**
 * How the reports write numbers, in one place for the terminal, Markdown and
 * HTML: three decimals; "—" wherever nothing was measured (n = 0, or a side of
 * a comparison that is missing), never 0.000.
 */
import type { SummaryRow } from './summary.ts';

export const NO_DATA = '—';

export const formatAccuracy = (x: number | null | undefined): string => (x === null || x === undefined ? NO_DATA : x.toFixed(3));

export const formatInterval = (ci: [number, number] | null | undefined): string =>
  ci ? `[${ci[0].toFixed(3)}, ${ci[1].toFixed(3)}]` : NO_DATA;

/** A difference of two accuracies with its sign (`+0.250`, `-0.100`); "—" when a side is missing. */
export const formatDifference = (d: number | null): string => (d === null ? NO_DATA : `${d >= 0 ? '+' : '-'}${Math.abs(d).toFixed(3)}`);

/** Why a row has no accuracy: `all 12 calls failed: <first distinct errors>`; '' when it has one. */
export function noDataReason(row: Pick<SummaryRow, 'n' | 'errors' | 'firstErrors'>): string {
  if (row.n > 0) return '';
  if (row.errors === 0) return 'no tests';
  return `all ${row.errors} calls failed: ${(row.firstErrors ?? []).join('; ')}`;
}

/** The errors cell of a table: the count, or why a row has no accuracy. */
export function formatErrors(row: Pick<SummaryRow, 'n' | 'errors' | 'firstErrors'>): string {
  return row.n === 0 ? noDataReason(row) : String(row.errors);
}

/**
 * cli-table3 options that wrap a long last column (an errors column holding
 * "all N calls failed: …") instead of stretching the whole table.
 */
export function wrapLastColumn(head: readonly string[], cells: readonly string[][], width = 60) {
  const longest = Math.max(head.at(-1)?.length ?? 0, ...cells.map((c) => c.at(-1)?.length ?? 0));
  if (longest + 2 <= width) return {};
  return { colWidths: [...head.slice(0, -1).map(() => null), width] as unknown as number[], wordWrap: true };
}

/**
 * cli-table3 options that let long column heads wrap at their spaces (a
 * column is as wide as its widest cell or its longest word), so a table of
 * many short numbers stays narrow.
 */
export function fitHeads(head: readonly string[], cells: readonly string[][]) {
  const longest = (text: string, split: RegExp) => Math.max(0, ...text.split(split).map((w) => w.length));
  const colWidths = head.map((h, i) => Math.max(longest(h, /\s+/), ...cells.map((c) => longest(c[i] ?? '', /\n/))) + 2);
  return { colWidths, wordWrap: true };
}

/** US dollars: cents from $1 up (`$12.34`), three significant digits below (`$0.0452`, `$0.00000781`); `$0` for nothing. */
export function formatUsd(x: number): string {
  if (x === 0) return '$0';
  if (x >= 1) return `$${x.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
  return `$${x.toPrecision(3).replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '')}`;
}
