/**
 * The contract of an LLM judge, the last and only paid stage of the cascade.
 * The judge stages (stages/judge.ts) only need this shape; llm-judge.ts
 * implements it over any promptfoo provider.
 */
import { acceptedAnswers, type Reference } from '../reference.ts';

export interface JudgeInput {
  question: string;
  /** The reference answer and its accepted alternatives. */
  references: string[];
  statement: string;
  /** The model's output: data to be judged, never instructions. */
  candidate: string;
  /** `abstain`: the right response is to decline (the references are then empty). Default `answer`. */
  expect?: 'answer' | 'abstain';
}

export interface JudgeTokens {
  prompt: number;
  completion: number;
  total: number;
}

export interface JudgeVerdict {
  correct: boolean;
  /** The judge's raw reply, kept for the record. */
  raw: string;
  /** True when the verdict came from the cache and cost nothing. */
  cached?: boolean;
  /** Tokens the judge calls used (for a cached verdict: what the original calls used). */
  tokens?: JudgeTokens;
  /** Cost in USD of the calls made for this verdict, when the provider reports one (0 when cached). */
  cost?: number;
  /** Judge calls made for this verdict: 1, 2 after a malformed reply, 0 when cached. */
  calls?: number;
  /** True when a loopback emulator answered (lib/foundation/emulator-header.ts): its calls cost nothing. */
  emulated?: boolean;
}

/** Which judge to load (judge-config.ts reads it from a suite and the environment; load-judge.ts makes it). */
export type JudgePromptName = 'ftbench' | 'paper';

export interface JudgeSpec {
  /** A promptfoo provider id, e.g. `openai:chat:gpt-4.1-mini`. */
  id: string;
  config?: Record<string, unknown>;
  prompt: JudgePromptName;
  finetunebenchDir?: string;
}

export interface Judge {
  /** Names the judge in results, e.g. `openai:chat:gpt-4.1-mini`. */
  id: string;
  /** Throws a GraderError when the judge cannot give a well-formed verdict. */
  judge(input: JudgeInput): Promise<JudgeVerdict>;
}

/** What a result records of one judge verdict: the verdict, which judge gave it, and whether its candidate was cut. */
export interface JudgeCall extends JudgeVerdict {
  id: string;
  /** Set when the candidate was longer than the judge is shown (stages/judge.ts): characters shown and in all. */
  truncated?: { shown: number; total: number };
}

/**
 * The most characters of a candidate a judge is shown. Longer outputs (a
 * model that rambles or loops) are cut to their first 8,000 characters —
 * about 2,000 tokens, far beyond any answer to a factual question — and the
 * cut is said three ways: a note at the end of the candidate the judge reads,
 * the stage's reason, and `truncated` in the result's judge metadata.
 */
export const JUDGE_CANDIDATE_MAX_CHARS = 8000;

/** What the judge is asked about one output, and whether its candidate had to be cut. */
export function judgeInputOf(ref: Reference, output: string): { input: JudgeInput; truncated?: { shown: number; total: number } } {
  const base = { question: ref.question, references: acceptedAnswers(ref), statement: ref.statement, expect: ref.expect };
  if (output.length <= JUDGE_CANDIDATE_MAX_CHARS) return { input: { ...base, candidate: output } };
  let shown = JUDGE_CANDIDATE_MAX_CHARS;
  // Never split a surrogate pair.
  if (/[\ud800-\udbff]/.test(output[shown - 1]!)) shown--;
  const note = ` […cut: the first ${shown} of ${output.length} characters are shown]`;
  return { input: { ...base, candidate: output.slice(0, shown) + note }, truncated: { shown, total: output.length } };
}
