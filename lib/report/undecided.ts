/**
 * How the reports show answers no grading stage decided (no judge
 * configured): the columns every table of summary rows adds (decided,
 * undecided, the accuracy if every undecided answer were right, repeats),
 * and the line that ends a run saying how many answers need a judge and how
 * to set one. summary.ts computes the numbers.
 */
import { JUDGE_HINT } from '../grading/stages/judge.ts';
import { formatAccuracy, formatInterval, NO_DATA } from './format.ts';
import type { SummaryRow } from './summary.ts';

/** A count that may be a sum of shares (repeats): whole numbers as such, else one decimal. */
export const formatCount = (x: number | undefined): string => (x === undefined ? '' : Number.isInteger(x) ? String(x) : x.toFixed(1));

/** The columns for these rows: decided and undecided when known, the upper bound when some answer is undecided, repeats when there were any. */
export function decisionColumns(rows: readonly SummaryRow[]): { head: string[]; cells: (r: SummaryRow) => string[] } {
  const known = rows.some((r) => r.undecided !== undefined);
  const withUpper = rows.some((r) => (r.undecided ?? 0) > 0);
  const withRepeats = rows.some((r) => r.repeats !== undefined);
  return {
    head: [...(known ? ['decided', 'undecided'] : []), ...(withUpper ? ['if undecided right (95% CI)'] : []), ...(withRepeats ? ['repeats'] : [])],
    cells: (r) => [
      ...(known ? (r.n === 0 ? [NO_DATA, NO_DATA] : [formatCount(r.decided), formatCount(r.undecided)]) : []),
      ...(withUpper ? [r.bounds ? `${formatAccuracy(r.bounds.upper)} ${formatInterval(r.bounds.upperCi95)}` : NO_DATA] : []),
      ...(withRepeats ? [r.repeats === undefined ? '1' : Array.isArray(r.repeats) ? `${r.repeats[0]}–${r.repeats[1]}` : String(r.repeats)] : []),
    ],
  };
}

/** What the accuracy columns mean when some answers are undecided; '' when none is. */
export function boundsNote(rows: readonly SummaryRow[]): string {
  if (!rows.some((r) => (r.undecided ?? 0) > 0)) return '';
  return 'accuracy counts each undecided answer wrong (the lower bound); "if undecided right" counts each one right (the upper bound). A judge decides them, and the bounds meet.';
}

/** The last line of a run: how many answers need a judge, and how to set one. */
export function judgeLine(rows: readonly SummaryRow[]): string {
  const undecided = rows.reduce((sum, r) => sum + (r.undecided ?? 0), 0);
  const n = rows.reduce((sum, r) => sum + r.n, 0);
  // With repeats, a question counts once, by the share of its answers.
  const unit = rows.some((r) => r.repeats !== undefined) ? 'questions (by the share of their repeated answers)' : 'answers';
  if (undecided === 0) return `no answer needs a judge: the grading stages decided all ${n} ${unit}`;
  return `${formatCount(Math.round(undecided * 10) / 10)} of ${n} ${unit} need a judge (no free grading stage could decide them; they count as wrong in accuracy): ${JUDGE_HINT}`;
}
