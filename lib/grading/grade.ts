/**
 * Runs a grader (graders.ts) on one output.
 *
 * The stages run in order, each on the questions and splits it grades. The
 * first that says `correct` or `incorrect` decides the verdict and is named
 * in `decidedBy`; an output no stage decides is undecided (`decidedBy` null:
 * it does not pass, and reports count it apart), with a reason listing what
 * each stage found and what would decide it. Free stages
 * after the deciding one still run and are recorded, so reports can measure
 * how stages agree. A paid stage (the judge) runs only when nothing decided —
 * or, with `judgeAll` and a judge configured, on every answer, recorded
 * without changing the verdict.
 *
 * `stale` (answer questions with a previous answer; null otherwise): true when the
 * output fails yet gives the previous answer (the grader's givesPrevious).
 */
import { GraderError } from './grader-error.ts';
import { GRADERS, type GraderName } from './graders.ts';
import type { Judge, JudgeCall } from './judge/judge.ts';
import type { Reference } from './reference.ts';
import type { Grader, Verdict } from './stage.ts';

export interface StageRecord {
  stage: string;
  verdict: Verdict;
  reason: string;
}

export interface GradingOutcome {
  grader: string;
  pass: boolean;
  /** The stage that decided, or null when none did (the output then fails). */
  decidedBy: string | null;
  /** Every stage that ran, in order. */
  stages: StageRecord[];
  stale: boolean | null;
  reason: string;
  /** The judge's call, when a judge stage ran. */
  judge?: JudgeCall;
  split: string;
  /** Whether a judge was configured: without one, an undecided output stays undecided. */
  judgeConfigured: boolean;
}

export interface GradeOptions {
  /** The test's split; default `all`. */
  split?: string;
  judge?: Judge;
  /** Also ask the judge about answers earlier stages decided, and record its verdict without letting it decide. */
  judgeAll?: boolean;
}

export async function grade(grader: Grader | GraderName, ref: Reference, output: string, options: GradeOptions = {}): Promise<GradingOutcome> {
  const g: Grader = typeof grader === 'string' ? GRADERS[grader] : grader;
  const split = options.split ?? 'all';
  if (g.needsJudge && !options.judge)
    throw new GraderError(`${g.name} grading: no judge configured; set config.judge in the suite or FTBENCH_JUDGE (e.g. openai:chat:gpt-4.1-mini)`);
  const context = { split, judge: options.judge };
  const stages: StageRecord[] = [];
  let decided: StageRecord | undefined;
  let judge: JudgeCall | undefined;
  for (const stage of g.stages) {
    if (!stage.expects.includes(ref.expect) || (stage.splits && !stage.splits.has(split))) continue;
    if (stage.paid && decided && !(options.judgeAll && options.judge)) continue;
    const result = await stage.run(ref, output, context);
    const record = { stage: stage.name, verdict: result.verdict, reason: result.reason };
    stages.push(record);
    judge = result.judge ?? judge;
    if (!decided && result.verdict !== 'undecided') decided = record;
  }
  const pass = decided?.verdict === 'correct';
  const stale = ref.previous === null || ref.expect === 'abstain' ? null : !pass && g.givesPrevious(ref, output);
  const reason = decided
    ? `${decided.reason}${stale ? ' (gives the previous answer)' : ''}`
    : `no stage decided, so it fails${stale ? ' (gives the previous answer)' : ''}: ${stages.map((s) => `${s.stage}: ${s.reason}`).join('; ')}`;
  return { grader: g.name, pass, decidedBy: decided?.stage ?? null, stages, stale, reason, ...(judge ? { judge } : {}), split, judgeConfigured: options.judge !== undefined };
}
