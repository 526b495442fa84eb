/**
 * Paper mode's judge: FineTuneBench's own grading prompt (`eval_prompt` in
 * the upstream checkout's `prompts/latest_news.json`), read at run time and
 * never copied into the project.
 *
 * The prompt has a `system` and a `user` template; the user template's
 * placeholders are filled in one pass (a value that itself contains
 * `{answer}` is not filled again):
 * - `{question}`: the question asked;
 * - `{answer}`: the reference answer (the first of the references; `None`
 *   for a question whose right response is to decline, as the study wrote it);
 * - `{context}`: the fact statement;
 * - `{guess}`: the candidate, verbatim — the study's prompt has no fence, and
 *   paper mode reproduces it as it is.
 * The reply must be exactly `Correct` or `Incorrect` (surrounding whitespace
 * aside), what the prompt asks for; anything else is malformed.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { UserError } from '../../foundation/errors.ts';
import { fromProjectRoot } from '../../foundation/project-root.ts';
import type { JudgeInput } from './judge.ts';
import type { ChatMessage, JudgeRecipe } from './llm-judge.ts';

/** Where the prompt sits inside a FineTuneBench checkout. */
export const STUDY_PROMPT_FILE = path.join('prompts', 'latest_news.json');
export const STUDY_PROMPT_KEY = 'eval_prompt';
const PLACEHOLDERS = ['question', 'answer', 'context', 'guess'] as const;
type Placeholder = (typeof PLACEHOLDERS)[number];

export interface StudyPrompt {
  system: string;
  user: string;
  /** The file it was read from. */
  file: string;
}

/**
 * The upstream checkout: `dir` if given (relative paths from the project
 * root), else the FINETUNEBENCH_DIR environment variable.
 */
export function finetunebenchDir(dir: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = dir ?? env.FINETUNEBENCH_DIR;
  if (!chosen)
    throw new UserError(
      'paper mode needs the FineTuneBench checkout for its judge prompt: set FINETUNEBENCH_DIR to a clone of https://github.com/kevinwu23/StanfordFineTuneBench (or give finetunebenchDir in the assertion config)',
    );
  return fromProjectRoot(chosen);
}

export function loadStudyPrompt(dir: string): StudyPrompt {
  const file = path.join(dir, STUDY_PROMPT_FILE);
  if (!existsSync(file)) throw new UserError(`${file}: not found; is ${dir} a FineTuneBench checkout (FINETUNEBENCH_DIR)?`);
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new UserError(`${file}: not valid JSON (${(err as Error).message})`);
  }
  const prompt = (data as Record<string, unknown> | null)?.[STUDY_PROMPT_KEY] as Record<string, unknown> | undefined;
  if (typeof prompt !== 'object' || prompt === null) throw new UserError(`${file}: ${STUDY_PROMPT_KEY}: missing; expected an object with "system" and "user"`);
  for (const field of ['system', 'user'] as const)
    if (typeof prompt[field] !== 'string') throw new UserError(`${file}: ${STUDY_PROMPT_KEY}.${field}: expected a string`);
  const user = prompt.user as string;
  const missing = PLACEHOLDERS.filter((p) => !user.includes(`{${p}}`));
  if (missing.length) throw new UserError(`${file}: ${STUDY_PROMPT_KEY}.user: missing placeholder(s) ${missing.map((p) => `{${p}}`).join(', ')}`);
  return { system: prompt.system as string, user, file };
}

/** Fills {question}, {answer}, {context} and {guess} in one pass. */
export function fillStudyTemplate(template: string, values: Record<Placeholder, string>): string {
  return template.replace(/\{(question|answer|context|guess)\}/g, (_, name: Placeholder) => values[name]);
}

/** The study's verdicts: exactly `Correct` (true) or `Incorrect` (false) after trimming; anything else null. */
export function parsePaperVerdict(reply: string): boolean | null {
  const text = reply.trim();
  if (text === 'Correct') return true;
  if (text === 'Incorrect') return false;
  return null;
}

export function paperJudgeMessages(prompt: StudyPrompt, input: JudgeInput): ChatMessage[] {
  const answer = input.expect === 'abstain' ? 'None' : (input.references[0] ?? '');
  return [
    { role: 'system', content: prompt.system },
    { role: 'user', content: fillStudyTemplate(prompt.user, { question: input.question, answer, context: input.statement, guess: input.candidate }) },
  ];
}

/** The judge recipe of paper mode; its version hashes the prompt, so an edited upstream prompt gets fresh verdicts. */
export function paperJudgeRecipe(prompt: StudyPrompt): JudgeRecipe {
  const digest = createHash('sha256').update(JSON.stringify([prompt.system, prompt.user])).digest('hex').slice(0, 12);
  return {
    version: `finetunebench-eval-prompt-${digest}`,
    messages: (input) => paperJudgeMessages(prompt, input),
    parse: parsePaperVerdict,
    expected: 'exactly "Correct" or "Incorrect"',
  };
}
