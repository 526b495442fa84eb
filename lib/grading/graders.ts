/**
 * Every grader this project has, as an ordered list of stages (stage.ts).
 *
 * | grader       | stages                                   | used by |
 * |--------------|------------------------------------------|---------|
 * | `cascade`    | abstain → exact → contains → judge       | answer-match (default) |
 * | `paper`      | paper-exact → paper-judge                | answer-match `mode: paper`: FineTuneBench's own choices |
 * | `judge-only` | judge                                    | llm-judge |
 *
 * A stage runs only on the questions it grades (`expects`: abstain questions
 * meet `abstain` and `judge`; answer questions the others) and on its splits.
 * To add a stage: write stages/<name>.ts and put it in a list here.
 *
 * Which grader answer-match uses: `config.mode` in the suite, else the
 * FTBENCH_GRADING_MODE environment variable, else `cascade`.
 */
import { UserError } from '../foundation/errors.ts';
import type { Reference } from './reference.ts';
import type { Grader } from './stage.ts';
import { abstain } from './stages/abstain.ts';
import { contains } from './stages/contains.ts';
import { exact, exactMatch } from './stages/exact.ts';
import { judge, paperJudge } from './stages/judge.ts';
import { paperExact, paperExactMatch } from './stages/paper.ts';
import { proveAnswer } from './proof.ts';

/**
 * The output gives the previous answer: exactly, or proven as its one answer
 * (proof.ts, the previous answer in place of the new one: "You would call
 * json.loads(text)"). "formerly X", or X beside the new answer, does not count.
 */
function mentionsPrevious(ref: Reference, output: string): boolean {
  if (ref.previous === null) return false;
  return exactMatch(output, [ref.previous]) || proveAnswer({ ...ref, answer: ref.previous, accept: [], previous: null }, output).proven;
}

export const GRADERS = {
  cascade: { name: 'cascade', stages: [abstain, exact, contains, judge], givesPrevious: mentionsPrevious },
  paper: {
    name: 'paper',
    stages: [paperExact, paperJudge],
    givesPrevious: (ref, output) => ref.previous !== null && paperExactMatch(output, [ref.previous]),
  },
  'judge-only': { name: 'judge-only', stages: [judge], givesPrevious: mentionsPrevious, needsJudge: true, scoreSuffix: ' (judge)' },
} as const satisfies Record<string, Grader>;

export type GraderName = keyof typeof GRADERS;
export const GRADER_NAMES = Object.keys(GRADERS) as GraderName[];
export const GRADING_MODE_ENV = 'FTBENCH_GRADING_MODE';

export function isGraderName(name: unknown): name is GraderName {
  return typeof name === 'string' && Object.hasOwn(GRADERS, name);
}

function parseMode(value: unknown, where: string): GraderName {
  const name = typeof value === 'string' ? value.trim() : value;
  if (isGraderName(name)) return name;
  throw new UserError(`${where}: unknown grading mode ${JSON.stringify(value)}; expected one of ${GRADER_NAMES.join(', ')}`);
}

/** The grader answer-match uses: `config.mode`, else FTBENCH_GRADING_MODE, else `cascade`. */
export function resolveGradingMode(config?: { mode?: unknown } | null, env: NodeJS.ProcessEnv = process.env): GraderName {
  if (config?.mode !== undefined && config.mode !== null) return parseMode(config.mode, 'answer-match config.mode');
  const fromEnv = env[GRADING_MODE_ENV];
  if (fromEnv !== undefined && fromEnv.trim() !== '') return parseMode(fromEnv, GRADING_MODE_ENV);
  return 'cascade';
}
