/**
 * The main job: build every suite, evaluate each with promptfoo, and
 * summarize all results into one report's summary (lib/report/build-summary.ts),
 * scoped to the domains evaluated.
 */
import path from 'node:path';
import { checkBaseUrlEnv } from '../foundation/base-url-env.ts';
import { loadSelectedDomains } from '../domain/load-selected.ts';
import { loadDomains } from '../domain/load.ts';
import { displayPath } from '../foundation/display-path.ts';
import { judgeSpecFrom } from '../grading/judge/judge-config.ts';
import { checkOutputFolder } from '../foundation/output-folder.ts';
import { projectRelative } from '../foundation/project-root.ts';
import { GENERATED_DIR } from '../suites/build-suite.ts';
import { DOMAINS_DIR, writeDomainSuites, type WrittenSuite } from '../suites/write-suites.ts';
import { withTempFolder } from '../foundation/temp-folder.ts';
import { buildSummary } from '../report/build-summary.ts';
import type { ReportData, ReportScope } from '../report/report-data.ts';
import { measureRetrievalHitRates } from '../report/retrieval-hit-rates.ts';
import type { EvalRef, PromptfooResultLike } from '../report/summary.ts';
import type { EvalProgress } from './eval-progress.ts';
import { runPromptfooEval } from './run-promptfoo.ts';

export interface EvaluateOptions {
  domainsDir?: string;
  suitesDir?: string;
  /** Only these domain ids (default: all). */
  only?: string[];
  /** Also evaluate each run's served checkpoints (learning curves), a suite per run. */
  checkpoints?: boolean;
  /** The most provider columns one suite holds (lib/suites/suite-columns.ts). */
  maxColumns?: number;
  /** K of the retrieval references beside each base model and tuned run (default 3); 0 leaves them out. */
  retrieval?: number;
  log?: (line: string) => void;
  /** Makes the display of each domain's tests as they finish (a bar per domain on a terminal), given the domains. */
  progress?: (domains: readonly string[]) => EvalProgress;
  env?: NodeJS.ProcessEnv;
}

export async function evaluateSuites(options: EvaluateOptions = {}): Promise<{ summary: ReportData; suites: WrittenSuite[]; results: PromptfooResultLike[] }> {
  let log = options.log ?? (() => {});
  checkBaseUrlEnv(options.env ?? process.env); // before any suite is built or eval run
  judgeSpecFrom({}, options.env ?? process.env); // FTBENCH_JUDGE: an unknown provider is said now, not as every test's error
  const suitesDir = options.suitesDir ?? GENERATED_DIR;
  checkOutputFolder(suitesDir, 'suites folder');
  // With --only, only the selected domains must be valid; a broken other one is skipped and said (before any suite is written).
  const domainsDir = options.domainsDir ?? DOMAINS_DIR;
  const { loaded, skipped } = options.only?.length ? loadSelectedDomains(domainsDir, options.only) : { loaded: loadDomains(domainsDir), skipped: [] };
  for (const s of skipped) log(`skipped ${displayPath(s.file)}: not selected by --only, and not valid: ${s.error}`);
  const known = loaded.map((d) => d.domain.id);
  let suites = await writeDomainSuites(loaded, suitesDir, options.env, { checkpoints: options.checkpoints, maxColumns: options.maxColumns, ...(options.retrieval !== undefined && { retrieval: options.retrieval }) });
  if (options.only?.length) suites = suites.filter((s) => options.only!.includes(s.domain));
  // A domain may have several suites (its checkpoints, more columns than one holds): each is an eval, and has a bar, of its own.
  const progress = options.progress?.(suites.map((s) => s.name));
  if (progress) log = (l) => progress.log(l);
  log(`built ${suites.length} suite(s) in ${projectRelative(path.dirname(suites[0]?.file ?? 'suites/generated/x'))}`);
  for (const s of suites) if (s.warning) log(`warning: ${s.warning}`);
  const evals: EvalRef[] = [];
  const results: PromptfooResultLike[] = [];
  try {
    await withTempFolder('ftbench-eval-', async (tmp) => {
      for (const [i, s] of suites.entries()) {
        const started = Date.now();
        log(`[${i + 1}/${suites.length}] ${s.name}: ${s.tests} tests × ${s.providers.length} provider(s) (${s.providers.join(', ')}) …`);
        progress?.start(s.name, s.tests * s.providers.length);
        const out = await runPromptfooEval(s.file, path.join(tmp, `${s.name}.json`), {
          env: options.env,
          onTestDone: (errored) => progress?.testDone(s.name, errored),
        });
        log(`[${i + 1}/${suites.length}] ${s.name}: done in ${((Date.now() - started) / 1000).toFixed(1)}s, eval ${out.evalId ?? '(not stored)'}`);
        evals.push({ domain: s.domain, evalId: out.evalId, suite: projectRelative(s.file), tests: s.tests });
        results.push(...out.results);
      }
    });
  } finally {
    progress?.stop();
  }
  const domains = [...new Set(suites.map((s) => s.domain))];
  const missing = known.filter((d) => !domains.includes(d));
  const scope: ReportScope = { domains, partial: missing.length > 0, ...(missing.length ? { missing, how: `npm start -- --only ${domains.join(',')}` } : {}) };
  // Needs no model: measured from the evaluated domains' files.
  const retrieval = measureRetrievalHitRates(loaded.filter((d) => domains.includes(d.domain.id)));
  return { summary: buildSummary(results, { evals, scope, retrieval }), suites, results };
}
