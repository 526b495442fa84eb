/**
 * The main job: build every suite, evaluate each with promptfoo, and
 * summarize all results into one report.
 */
import path from 'node:path';
import { checkBaseUrlEnv } from '../base-url-env.ts';
import { UserError } from '../errors.ts';
import { loadDomains } from '../domain/load.ts';
import { checkOutputFolder } from '../output-folder.ts';
import { GENERATED_DIR, projectRelative } from '../suites/build-suite.ts';
import { withTempFolder } from '../temp-folder.ts';
import { DOMAINS_DIR, writeDomainSuites, type WrittenSuite } from '../suites/write-suites.ts';
import { summarizeResults, type EvalRef, type PromptfooResultLike, type Summary } from '../report/summary.ts';
import { runPromptfooEval } from './run-promptfoo.ts';

export interface EvaluateOptions {
  domainsDir?: string;
  suitesDir?: string;
  /** Only these domain ids (default: all). */
  only?: string[];
  log?: (line: string) => void;
  env?: NodeJS.ProcessEnv;
}

export async function evaluateSuites(options: EvaluateOptions = {}): Promise<{ summary: Summary; suites: WrittenSuite[] }> {
  const log = options.log ?? (() => {});
  checkBaseUrlEnv(options.env ?? process.env); // before any suite is built or eval run
  const suitesDir = options.suitesDir ?? GENERATED_DIR;
  checkOutputFolder(suitesDir, 'suites folder');
  const domains = loadDomains(options.domainsDir ?? DOMAINS_DIR);
  const ids = domains.map((d) => d.domain.id);
  const unknown = (options.only ?? []).filter((id) => !ids.includes(id));
  // Said before any suite is written.
  if (unknown.length) throw new UserError(`--only names unknown domain(s) ${unknown.join(', ')}; known: ${ids.join(', ')}`);
  let suites = await writeDomainSuites(domains, suitesDir, options.env);
  if (options.only?.length) suites = suites.filter((s) => options.only!.includes(s.domain));
  log(`built ${suites.length} suite(s) in ${projectRelative(path.dirname(suites[0]?.file ?? 'suites/generated/x'))}`);
  const evals: EvalRef[] = [];
  const results: PromptfooResultLike[] = [];
  await withTempFolder('ftbench-eval-', async (tmp) => {
    for (const [i, s] of suites.entries()) {
      const started = Date.now();
      log(`[${i + 1}/${suites.length}] ${s.domain}: ${s.tests} tests × ${s.providers.length} provider(s) (${s.providers.join(', ')}) …`);
      const out = await runPromptfooEval(s.file, path.join(tmp, `${s.domain}.json`), { env: options.env });
      log(`[${i + 1}/${suites.length}] ${s.domain}: done in ${((Date.now() - started) / 1000).toFixed(1)}s, eval ${out.evalId ?? '(not stored)'}`);
      evals.push({ domain: s.domain, evalId: out.evalId, suite: projectRelative(s.file), tests: s.tests });
      results.push(...out.results);
    }
  });
  return { summary: { generatedAt: new Date().toISOString(), evals, rows: summarizeResults(results) }, suites };
}
