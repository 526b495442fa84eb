/**
 * The judge stages: an LLM judge decides (judge/), paid per call.
 *
 * Stage `judge` (the cascade's last stage, and judge-only grading's only one)
 * grades `answer` and `abstain` questions:
 * - `correct` / `incorrect`: the judge's verdict;
 * - `undecided` when no judge is configured: its reason says what would
 *   decide ("a judge would decide: set FTBENCH_JUDGE …").
 * A judge that fails or answers nonsense throws a GraderError: promptfoo
 * records an error on the test, never a fail.
 *
 * Stage `paper-judge` is the same on the splits FineTuneBench graded with its
 * LLM judge (PAPER_JUDGE_SPLITS: rephrased and applied), `answer` questions
 * only; the judge then uses the study's prompt (judge/paper-prompt.ts).
 *
 * A candidate longer than JUDGE_CANDIDATE_MAX_CHARS is shown cut; the reason
 * and the call's `truncated` say so (judge/judge.ts).
 */
import { judgeInputOf } from '../judge/judge.ts';
import type { Reference } from '../reference.ts';
import type { Stage, StageContext, StageResult } from '../stage.ts';

/** Splits the study graded with its LLM judge rather than exact match. */
export const PAPER_JUDGE_SPLITS: ReadonlySet<string> = new Set(['rephrased', 'applied']);

/** How to set a judge, for reasons and reports. */
export const JUDGE_HINT = 'set FTBENCH_JUDGE (e.g. openai:chat:gpt-4.1-mini) or config.judge';

const NO_JUDGE = `none configured; a judge would decide: ${JUDGE_HINT}`;

async function askJudge(ref: Reference, output: string, { judge }: StageContext, noJudge: string): Promise<StageResult> {
  if (!judge) return { verdict: 'undecided', reason: noJudge };
  const { input, truncated } = judgeInputOf(ref, output);
  const verdict = await judge.judge(input);
  const cut = truncated ? `; the candidate was cut to its first ${truncated.shown} of ${truncated.total} characters` : '';
  return {
    verdict: verdict.correct ? 'correct' : 'incorrect',
    reason: `judge ${judge.id}: ${verdict.correct ? 'correct' : 'incorrect'}${verdict.cached ? ' (cached)' : ''}${cut}`,
    judge: { ...verdict, id: judge.id, ...(truncated ? { truncated } : {}) },
  };
}

export const judge: Stage = {
  name: 'judge',
  expects: ['answer', 'abstain'],
  paid: true,
  run: (ref, output, context) => askJudge(ref, output, context, NO_JUDGE),
};

export const paperJudge: Stage = {
  name: 'paper-judge',
  expects: ['answer'],
  splits: PAPER_JUDGE_SPLITS,
  paid: true,
  run: (ref, output, context) =>
    askJudge(ref, output, context, `the study graded ${context.split} answers with its LLM judge: ${NO_JUDGE}`),
};
