/**
 * Tuned vs base vs in-context: every tuned model read against the two
 * references that matter, its untuned base model and the same base model with
 * the facts in its prompt. Providers are grouped by base model through their
 * labels (lib/foundation/provider-labels.ts); one comparison per domain × split × tuned run.
 *
 *   tuned − base         what tuning taught
 *   in-context − tuned   what the facts could still give that tuning did not
 *
 * On a control domain (split `locality`) tuned − base is the damage tuning did
 * to what the base model knew.
 */
import { parseProviderLabel, type ProviderLabel } from '../foundation/provider-labels.ts';
import type { SummaryRow } from './summary.ts';

export interface ComparisonCell {
  provider: string;
  n: number;
  correct: number;
  /** null when every call failed (n = 0): that side of the comparison is missing. */
  accuracy: number | null;
  ci95: [number, number] | null;
  errors: number;
}

export interface Comparison {
  domain: string;
  split: string;
  baseModel: string;
  /** Set when the summary compares graders. */
  grader?: string;
  /** One tuned run; null when the domain has base or in-context rows but no tuned run. */
  tuned: ComparisonCell | null;
  base: ComparisonCell | null;
  inContext: ComparisonCell | null;
  tunedMinusBase: number | null;
  inContextMinusTuned: number | null;
}

export const LOCALITY_SPLIT = 'locality';

const cell = (r: SummaryRow): ComparisonCell => ({ provider: r.provider, n: r.n, correct: r.correct, accuracy: r.accuracy, ci95: r.ci95, errors: r.errors });
/** a − b; null when either side is missing or was not measured. */
const difference = (a: ComparisonCell | null, b: ComparisonCell | null): number | null =>
  a?.accuracy != null && b?.accuracy != null ? a.accuracy - b.accuracy : null;

interface Group {
  domain: string;
  split: string;
  baseModel: string;
  grader?: string;
  tuned: SummaryRow[];
  base: SummaryRow | null;
  inContext: { row: SummaryRow; label: ProviderLabel }[];
}

/**
 * The comparisons the summary rows allow, in the rows' order of domains and
 * splits. When a base model has several in-context variants (`in-context`,
 * `in-context top-5`), the plain one is used, else the first by label.
 */
export function compareProviders(rows: readonly SummaryRow[]): Comparison[] {
  const groups = new Map<string, Group>();
  for (const row of rows) {
    const label = parseProviderLabel(row.provider);
    // Checkpoints are read in learning curves (curves.ts), not here: one comparison per tuned run.
    if (!label || label.checkpoint) continue;
    const key = JSON.stringify([row.domain, row.split, row.grader ?? '', label.baseModel]);
    let g = groups.get(key);
    if (!g) {
      g = { domain: row.domain, split: row.split, baseModel: label.baseModel, tuned: [], base: null, inContext: [] };
      if (row.grader) g.grader = row.grader;
      groups.set(key, g);
    }
    if (label.role === 'tuned') g.tuned.push(row);
    else if (label.role === 'base') g.base ??= row;
    else g.inContext.push({ row, label });
  }
  const out: Comparison[] = [];
  for (const g of groups.values()) {
    const inContextRow =
      g.inContext.find((c) => c.label.detail === '')?.row ?? [...g.inContext].sort((a, b) => a.row.provider.localeCompare(b.row.provider))[0]?.row;
    const base = g.base ? cell(g.base) : null;
    const inContext = inContextRow ? cell(inContextRow) : null;
    const tunedRuns = g.tuned.length ? [...g.tuned].sort((a, b) => a.provider.localeCompare(b.provider)).map(cell) : [null];
    for (const tuned of tunedRuns) {
      out.push({
        domain: g.domain,
        split: g.split,
        baseModel: g.baseModel,
        ...(g.grader ? { grader: g.grader } : {}),
        tuned,
        base,
        inContext,
        tunedMinusBase: difference(tuned, base),
        inContextMinusTuned: difference(inContext, tuned),
      });
    }
  }
  return out;
}
