/**
 * Makes the Judge a JudgeSpec names: the promptfoo provider from
 * loadApiProvider(id), the recipe (the project's prompt, or the study's read
 * from the checkout), and verdicts cached in promptfoo's cache. One judge per
 * distinct spec per process: promptfoo calls an assertion once per test, and
 * the provider and prompt need loading once.
 */
import { loadApiProvider } from 'promptfoo';
import type { Judge, JudgeSpec } from './judge.ts';
import { FTBENCH_JUDGE } from './judge-prompt.ts';
import { LlmJudge, type JudgeRecipe } from './llm-judge.ts';
import { finetunebenchDir, loadStudyPrompt, paperJudgeRecipe } from './paper-prompt.ts';
import { promptfooVerdictStore, withoutResponseCache } from './promptfoo-verdict-store.ts';

export interface LoadJudgeOptions {
  /** false: no verdict cache (promptfoo's `--no-cache`). Default true. */
  cache?: boolean;
  env?: NodeJS.ProcessEnv;
}

const judges = new Map<string, Promise<Judge>>();

/** The recipe a spec names; paper mode reads the study's prompt now, so a missing checkout fails early. */
export function judgeRecipe(spec: JudgeSpec, env: NodeJS.ProcessEnv = process.env): JudgeRecipe {
  if (spec.prompt === 'paper') return paperJudgeRecipe(loadStudyPrompt(finetunebenchDir(spec.finetunebenchDir, env)));
  return FTBENCH_JUDGE;
}

async function makeJudge(spec: JudgeSpec, options: LoadJudgeOptions): Promise<Judge> {
  const recipe = judgeRecipe(spec, options.env);
  // The store first: it must be the first use of promptfoo's cache in this process (see promptfoo-verdict-store.ts).
  const store = options.cache === false ? undefined : promptfooVerdictStore();
  const provider = await loadApiProvider(spec.id, spec.config ? { options: { config: spec.config } } : {});
  return new LlmJudge(provider, recipe, {
    id: spec.id,
    store,
    cacheScope: spec.config ? JSON.stringify(spec.config) : undefined,
    callWrapper: withoutResponseCache,
  });
}

export function loadJudge(spec: JudgeSpec, options: LoadJudgeOptions = {}): Promise<Judge> {
  const key = JSON.stringify([spec, options.cache !== false]);
  let judge = judges.get(key);
  if (!judge) {
    judge = makeJudge(spec, options);
    judges.set(key, judge);
    // A failed load (bad id, missing checkout) is not remembered: the next test reports it again.
    judge.catch(() => judges.delete(key));
  }
  return judge;
}
