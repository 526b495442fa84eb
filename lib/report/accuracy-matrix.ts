/**
 * Accuracy as the study's tables show it: a matrix with a row per provider
 * (or per domain of one provider) and a column per split, each cell the
 * accuracy with its 95% Wilson interval and n, and below it what issue 17
 * keeps in every table: the undecided answers and the accuracy if they were
 * all right (the upper bound), the stale share, errors, repeats. The rows of
 * summary.json stay flat; this is how they read.
 *
 * A cell is lines of text: `wide` for summary.md (a line break is `<br>`),
 * `narrow` for index.html (a line in the page) and the terminal, where a matrix is wrapped into several tables of split columns
 * when it would be wider than the screen (MAX_TERMINAL_WIDTH).
 */
import Table from 'cli-table3';
import { EMULATION_LEGEND, markEmulated } from '../models/emulation.ts';
import { formatAccuracy, formatInterval, noDataReason } from './format.ts';
import { splitRank, type SummaryRow } from './summary.ts';
import { formatCount } from './undecided.ts';

export const MAX_TERMINAL_WIDTH = 120;
/** The widest a row label (a provider, a domain) is drawn on the terminal before it wraps. */
const LABEL_WIDTH = 30;

export interface MatrixRow {
  /** The provider (or domain) the row is, as shown: marked `(emulation)` when an emulator answered. */
  label: string;
  /** Extra label columns (the grader, when rows are given per grader). */
  extra: string[];
  emulated: boolean;
  /** A cell per column: the summary row of that split, or undefined when it was not asked. */
  cells: (SummaryRow | undefined)[];
}

export interface Matrix {
  /** The row labels' headings (`provider`, `grader`). */
  labelHead: string[];
  /** The splits, in report order. */
  columns: string[];
  rows: MatrixRow[];
}

export type CellLayout = 'wide' | 'narrow';

const repeatsText = (r: SummaryRow) => (r.repeats === undefined ? '' : Array.isArray(r.repeats) ? `${r.repeats[0]}–${r.repeats[1]}` : String(r.repeats));
const plural = (k: number, word: string) => `${k} ${word}${k === 1 ? '' : 's'}`;

/** A cell's lines; [] for a split the row's provider was not asked. */
export function cellLines(r: SummaryRow | undefined, layout: CellLayout): string[] {
  if (!r) return [];
  if (r.n === 0) return ['no data', r.errors ? `all ${r.errors} calls failed` : 'no tests'];
  const wide = layout === 'wide';
  const undecided = r.undecided ?? 0;
  const errors = r.errors ? plural(r.errors, 'error') : '';
  const lines = wide
    ? [`${formatAccuracy(r.accuracy)} ${formatInterval(r.ci95)}`, [`n ${r.n}`, errors].filter(Boolean).join(' · ')]
    : [`${formatAccuracy(r.accuracy)} n ${r.n}`, formatInterval(r.ci95), ...(errors ? [errors] : [])];
  if (undecided > 0 && r.bounds) lines.push(`${formatCount(undecided)} undecided`, wide ? `upper ${formatAccuracy(r.bounds.upper)} ${formatInterval(r.bounds.upperCi95)}` : `upper ${formatAccuracy(r.bounds.upper)}`);
  if (r.stale !== undefined) lines.push(wide ? `stale ${formatAccuracy(r.stale)} ${formatInterval(r.staleCi95)}` : `stale ${formatAccuracy(r.stale)}`);
  if (r.repeats !== undefined) lines.push(`repeats ${repeatsText(r)}`);
  return lines;
}

export const cellText = (r: SummaryRow | undefined, layout: CellLayout): string => cellLines(r, layout).join('\n');

/** What the cells say, for the lines under a matrix: only the parts its cells use. */
export function matrixLegend(rows: readonly SummaryRow[], layout: CellLayout): string[] {
  const parts = [
    `Each cell: accuracy ${layout === 'wide' ? '[95% Wilson interval], then n' : 'and n, then the 95% Wilson interval'} (the questions answered; a test whose call failed is an error, not in n).`,
  ];
  if (rows.some((r) => (r.undecided ?? 0) > 0))
    parts.push('undecided: answers no grading stage could decide (no judge configured), counted wrong in accuracy (the lower bound); upper: the accuracy if every one were right.');
  if (rows.some((r) => r.stale !== undefined)) parts.push('stale: the share of answers that still give the answer from before the update.');
  if (rows.some((r) => r.repeats !== undefined)) parts.push('repeats: how many times each question was asked; each question counts once.');
  if (rows.some((r) => r.n === 0)) parts.push('no data: nothing was measured (n = 0), which is not an accuracy of 0.');
  return [parts.join(' '), ...(rows.some((r) => r.emulated) ? [EMULATION_LEGEND] : [])];
}

/** Why each cell without data has none, in full (the cell says only `no data`): "provider, split: no data: all 12 calls failed: 401 …". */
export function noDataNotes(rows: readonly SummaryRow[]): string[] {
  return rows.filter((r) => r.n === 0).map((r) => `${r.provider}, ${r.domain}, ${r.split}: no data: ${noDataReason(r)}.`);
}

/** The splits of these rows, in report order. */
export const splitsOf = (rows: readonly SummaryRow[]): string[] => [...new Set(rows.map((r) => r.split))].sort((a, b) => splitRank(a) - splitRank(b) || a.localeCompare(b));

/**
 * One domain's rows as a provider × split matrix, providers in `providers`
 * order; with rows per grader, a row per provider and grader.
 */
export function providerSplitMatrix(rows: readonly SummaryRow[], providers: readonly string[]): Matrix {
  const columns = splitsOf(rows);
  const graders = [...new Set(rows.map((r) => r.grader).filter((g): g is string => g !== undefined))];
  const out: MatrixRow[] = [];
  for (const provider of providers) {
    for (const grader of graders.length ? graders : [undefined]) {
      const own = rows.filter((r) => r.provider === provider && r.grader === grader);
      if (own.length === 0) continue;
      const emulated = own.some((r) => r.emulated);
      out.push({ label: markEmulated(provider, emulated), extra: grader === undefined ? [] : [grader], emulated, cells: columns.map((s) => own.find((r) => r.split === s)) });
    }
  }
  return { labelHead: graders.length ? ['provider', 'grader'] : ['provider'], columns, rows: out };
}

/** One provider's rows as a domain × split matrix, over the given columns (every split of the report, so the providers' matrices line up). */
export function domainSplitMatrix(rows: readonly SummaryRow[], columns: readonly string[]): Matrix {
  const domains = [...new Set(rows.map((r) => r.domain))];
  return {
    labelHead: ['domain'],
    columns: [...columns],
    rows: domains.map((domain) => {
      const own = rows.filter((r) => r.domain === domain);
      const emulated = own.some((r) => r.emulated);
      return { label: domain, extra: [], emulated, cells: columns.map((s) => own.find((r) => r.split === s)) };
    }),
  };
}

/** The matrix as a table's head and rows of text: `wide` cells for summary.md, `narrow` for index.html (a matrix sits beside its chart, and seven splits fit at 1280 px). */
export function matrixTable(m: Matrix, layout: CellLayout = 'wide'): { head: string[]; rows: string[][] } {
  return { head: [...m.labelHead, ...m.columns], rows: m.rows.map((r) => [r.label, ...r.extra, ...r.cells.map((c) => cellText(c, layout))]) };
}

const width = (text: string) => Math.max(0, ...text.split('\n').map((l) => l.length));

/**
 * The matrix on the terminal: one table when it fits in `maxWidth`
 * columns, else the split columns wrapped into several tables, each with the
 * row labels.
 */
export function renderMatrixTerminal(m: Matrix, maxWidth = MAX_TERMINAL_WIDTH): string {
  const labels = m.rows.map((r) => [r.label, ...r.extra]);
  const labelWidths = m.labelHead.map((h, i) => Math.min(LABEL_WIDTH, Math.max(h.length, ...labels.map((l) => width(l[i]!)))) + 2);
  const cells = m.rows.map((r) => r.cells.map((c) => cellText(c, 'narrow')));
  const columnWidths = m.columns.map((s, j) => Math.max(s.length, ...cells.map((row) => width(row[j]!))) + 2);
  // Each column takes its width and one border; the table one more border.
  const fixed = labelWidths.reduce((a, b) => a + b + 1, 1);
  const chunks: number[][] = [];
  let current: number[] = [];
  let used = fixed;
  for (const [j, w] of columnWidths.entries()) {
    if (current.length && used + w + 1 > maxWidth) {
      chunks.push(current);
      current = [];
      used = fixed;
    }
    current.push(j);
    used += w + 1;
  }
  if (current.length || chunks.length === 0) chunks.push(current);
  return chunks
    .map((columns) => {
      const table = new Table({
        head: [...m.labelHead, ...columns.map((j) => m.columns[j]!)],
        colWidths: [...labelWidths, ...columns.map((j) => columnWidths[j]!)],
        wordWrap: true,
        style: { head: [], border: [] },
      });
      table.push(...m.rows.map((_, i) => [...labels[i]!, ...columns.map((j) => cells[i]![j]!)]));
      return table.toString();
    })
    .join('\n');
}
