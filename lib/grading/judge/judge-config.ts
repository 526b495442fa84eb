/**
 * Which judge an assertion uses, read from the assertion's `config` in the
 * suite and from the environment:
 *
 * - `config.judge`: a promptfoo provider id (`openai:chat:gpt-4.1-mini`), or
 *   `{id, config}` to pass the provider a config; else the FTBENCH_JUDGE
 *   environment variable (an id); else no judge. `config.judge: false` turns
 *   the judge off even when FTBENCH_JUDGE is set.
 * - `config.judgePrompt`: `ftbench` (default, judge-prompt.ts) or `paper`
 *   (the study's prompt, paper-prompt.ts), located by
 *   `config.finetunebenchDir` or FINETUNEBENCH_DIR.
 * - `config.judgeAll: true` or FTBENCH_JUDGE_ALL=1: the cascade also asks the
 *   judge about answers the free stages decided, and records its verdict
 *   among the stages without changing the cascade's (so `npm run agreement`
 *   can score the judge alone on every test; ../grade.ts).
 *
 * Bad values throw, an id promptfoo does not know included ("unknown
 * provider", lib/promptfoo-provider-id.ts): inside promptfoo that is an error
 * on the test, not a fail; `npm start` and `npm run reproduce` ask first and
 * stop before any work.
 *
 * `configuredJudge` makes the judge an assertion uses, once per process.
 * promptfoo's library (load-judge.ts) is imported only then: a run without a
 * judge never loads it. promptfoo's `--no-cache` flag turns the CLI's own
 * cache off but not the library's the assertion sees, so it is read from the
 * command line here.
 */
import { checkProviderId } from '../../foundation/promptfoo-provider-id.ts';
import type { Judge, JudgePromptName, JudgeSpec } from './judge.ts';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function judgePromptFrom(config: Record<string, unknown>): JudgePromptName {
  const p = config.judgePrompt ?? 'ftbench';
  if (p !== 'ftbench' && p !== 'paper') throw new Error(`config.judgePrompt: expected "ftbench" or "paper", got ${JSON.stringify(p)}`);
  return p;
}

export function judgeSpecFrom(config: Record<string, unknown> = {}, env: NodeJS.ProcessEnv = process.env): JudgeSpec | null {
  const raw = config.judge ?? (env.FTBENCH_JUDGE?.trim() || undefined);
  if (raw === undefined || raw === null || raw === false) return null;
  const source = config.judge !== undefined ? 'config.judge' : 'FTBENCH_JUDGE';
  let spec: JudgeSpec;
  if (typeof raw === 'string' && raw.trim() !== '') spec = { id: raw.trim(), prompt: judgePromptFrom(config) };
  else if (isRecord(raw) && typeof raw.id === 'string' && raw.id.trim() !== '') {
    if (raw.config !== undefined && !isRecord(raw.config)) throw new Error(`${source}.config: expected an object`);
    spec = { id: raw.id.trim(), prompt: judgePromptFrom(config), ...(raw.config ? { config: raw.config } : {}) };
  } else throw new Error(`${source}: expected a promptfoo provider id such as "openai:chat:gpt-4.1-mini", or {id, config}; got ${JSON.stringify(raw)}`);
  // A mistyped id would load (promptfoo guesses) and fail each call; said once, here.
  checkProviderId(spec.id, source);
  if (config.finetunebenchDir !== undefined) {
    if (typeof config.finetunebenchDir !== 'string') throw new Error('config.finetunebenchDir: expected a path');
    spec.finetunebenchDir = config.finetunebenchDir;
  }
  return spec;
}

export function judgeAllFrom(config: Record<string, unknown> = {}, env: NodeJS.ProcessEnv = process.env): boolean {
  if (config.judgeAll !== undefined) {
    if (typeof config.judgeAll !== 'boolean') throw new Error(`config.judgeAll: expected true or false, got ${JSON.stringify(config.judgeAll)}`);
    return config.judgeAll;
  }
  return env.FTBENCH_JUDGE_ALL === '1' || env.FTBENCH_JUDGE_ALL === 'true';
}

export interface ConfiguredJudge {
  judge?: Judge;
  judgeAll: boolean;
}

export async function configuredJudge(
  config: Record<string, unknown> = {},
  env: NodeJS.ProcessEnv = process.env,
  argv: readonly string[] = process.argv,
): Promise<ConfiguredJudge> {
  const spec = judgeSpecFrom(config, env);
  const judgeAll = judgeAllFrom(config, env);
  if (!spec) return { judgeAll };
  const { loadJudge } = await import('./load-judge.ts');
  const judge = await loadJudge(spec, { cache: !argv.includes('--no-cache'), env });
  return { judge, judgeAll };
}
