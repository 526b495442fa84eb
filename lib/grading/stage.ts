/**
 * The contract every grading stage keeps, and what a grader is.
 *
 * A stage is a small named function `(reference, output, context) →
 * verdict + reason`: `correct` or `incorrect` when it can settle the answer,
 * `undecided` when it cannot (the next stage then tries). Its reason says why
 * in a few words ("the answer appears in the output", "negated mention …").
 *
 * A grader is an ordered list of stages (graders.ts holds the table); grade.ts
 * runs it: the first stage that decides gives the verdict, an output no stage
 * decides fails. To add a stage: write it in stages/<name>.ts, exporting a
 * `Stage`, and put it in a grader's list in graders.ts.
 */
import type { Judge, JudgeCall } from './judge/judge.ts';
import type { Reference } from './reference.ts';

export type Verdict = 'correct' | 'incorrect' | 'undecided';

export interface StageResult {
  verdict: Verdict;
  /** Why, in a few words. */
  reason: string;
  /** A judge stage's call: verdict, reply, tokens, cost. */
  judge?: JudgeCall;
}

export interface StageContext {
  /** The test's split (`memorization`, `rephrased`, …). */
  split: string;
  /** The configured LLM judge, if any. */
  judge?: Judge;
}

export interface Stage {
  /** Names the stage in results (`decided_by`) and reports; unique across graders. */
  name: string;
  /** The expectations it grades: `answer` questions, `abstain` questions, or both. */
  expects: readonly Reference['expect'][];
  /** Only these splits, when set (paper mode's judge). */
  splits?: ReadonlySet<string>;
  /**
   * A paid stage (an LLM call) runs only when no earlier stage decided —
   * or, with `judgeAll`, on every answer, recorded without deciding. Free
   * stages always run, so reports can measure how stages agree.
   */
  paid?: boolean;
  run(ref: Reference, output: string, context: StageContext): StageResult | Promise<StageResult>;
}

export interface Grader {
  name: string;
  stages: readonly Stage[];
  /** True when the output, failing, still gives `ref.previous` (update questions): the result is then stale. */
  givesPrevious(ref: Reference, output: string): boolean;
  /** A grader with nothing but a judge: grading without one is an error, not a fail. */
  needsJudge?: boolean;
  /** Appended to its namedScores' keys, so it can sit beside the cascade on one test (`rephrased (judge)`). */
  scoreSuffix?: string;
}
