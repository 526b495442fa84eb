/**
 * The analyses across runs that a summary carries beside its rows: learning
 * curves (curves.ts) and comparisons of runs that differ in one setting
 * (recipe-comparison.ts), both read from the same promptfoo results.
 */
import { buildCurves, type Curve } from './curves.ts';
import { compareRecipes, type RecipeComparison } from './recipe-comparison.ts';
import { readRunResults } from './run-results.ts';
import type { PromptfooResultLike, SummaryRow } from './summary.ts';

export interface RunAnalysis {
  /** Learning curves over checkpoints and epochs. */
  curves: Curve[];
  /** Runs that differ in one setting, compared. */
  recipes: RecipeComparison[];
}

export function analyzeRuns(results: readonly PromptfooResultLike[], rows: readonly SummaryRow[]): RunAnalysis {
  const runs = readRunResults(results);
  return { curves: buildCurves(rows, runs), recipes: compareRecipes(rows, runs) };
}
