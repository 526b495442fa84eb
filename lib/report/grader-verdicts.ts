/**
 * Verdicts per grader, read from the gradings of one eval (through
 * lib/grading/grading-result.ts), so a report can set graders side by side
 * without grading twice:
 *
 * - the cascade's stages that grade answer questions (`exact`, `contains`,
 *   then `judge` when a judge ran, then any stage a later cascade adds): the
 *   verdict at a stage is what the cascade would say had it stopped there
 *   (decisionAfter). On abstain questions the `abstain` stage comes first, so its
 *   verdict stands for every stage;
 * - `paper`: the verdict of an answer-match assertion run with
 *   `config.mode: paper` (often weight 0, so it does not decide pass/fail).
 */
import { decisionAfter, recordOf, stageAlone } from '../grading/grading-result.ts';
import { GRADERS } from '../grading/graders.ts';
import type { PromptfooResultLike, Verdict } from './summary.ts';

export const PAPER_GRADER = 'paper';

/** The cascade's stages, in order, that grade answer questions: the columns a report can show. */
const CASCADE_COLUMNS: string[] = GRADERS.cascade.stages.filter((s) => (s.expects as readonly string[]).includes('answer')).map((s) => s.name);

/**
 * The graders these results can be read by: the cascade's stages that gave
 * verdicts (in cascade order; the judge only where one was configured), then paper.
 */
export function gradersIn(results: readonly PromptfooResultLike[]): string[] {
  const seen = new Set<string>();
  let paper = false;
  for (const r of results) {
    const record = recordOf(r, 'cascade');
    for (const s of record?.stages ?? []) if (stageAlone(record!, s.stage) !== null) seen.add(s.stage);
    if (recordOf(r, 'paper')) paper = true;
  }
  return [...CASCADE_COLUMNS.filter((s) => seen.has(s)), ...(paper ? [PAPER_GRADER] : [])];
}

/** Reads a result's verdict as `grader` would give it (see gradersIn for the names). */
export function verdictFor(grader: string): (r: PromptfooResultLike) => Verdict {
  return (r) => {
    const record = recordOf(r, grader === PAPER_GRADER ? 'paper' : 'cascade');
    if (!record) return { pass: false, stale: null, decided: true };
    if (grader === PAPER_GRADER) return { pass: record.pass, stale: record.stale, decided: record.decidedBy !== null };
    const verdict = decisionAfter(record, grader);
    return { pass: verdict === 'correct', stale: record.stale, decided: verdict !== 'undecided' };
  };
}

/** True when some result's paper grading was decided by the study's judge (its judge was configured). */
export function paperJudged(results: readonly PromptfooResultLike[]): boolean {
  return results.some((r) => recordOf(r, 'paper')?.judge != null);
}
