/**
 * What both promptfoo assertions do (assertions/answer-match.ts with the
 * grader its config names, assertions/llm-judge.ts with `judge-only`):
 * find the judge (judge/judge-config.ts; paper mode defaults to the study's
 * prompt), grade the output (grade.ts), and write promptfoo's GradingResult
 * (grading-result.ts). Non-string outputs are graded as their JSON text.
 */
import { grade } from './grade.ts';
import type { GraderName } from './graders.ts';
import { toGradingResult, type GradingResultShape } from './grading-result.ts';
import { configuredJudge } from './judge/judge-config.ts';
import type { Reference } from './reference.ts';

export async function gradeForPromptfoo(
  grader: GraderName,
  output: unknown,
  ref: Reference,
  split: string,
  config: Record<string, unknown> = {},
): Promise<GradingResultShape> {
  const text = typeof output === 'string' ? output : JSON.stringify(output ?? '');
  const { judge, judgeAll } = await configuredJudge(grader === 'paper' ? { judgePrompt: 'paper', ...config } : config);
  return toGradingResult(await grade(grader, ref, text, { split, judge, judgeAll }));
}
