/**
 * `npm run reproduce`: regrade the study's recorded responses offline.
 * Imports the domains afresh from the checkout (into <out>/domains/), builds
 * one replay suite per domain with recordings (<out>/<domain>.yaml), runs
 * each through promptfoo (stored in its database, for `promptfoo view`), and
 * summarizes the results as every report does (lib/report/build-summary.ts),
 * once per grader: each cascade stage and the paper mode. The study's own
 * aggregates are read from the upstream README.
 */
import path from 'node:path';
import type { EvalProgress } from '../eval/eval-progress.ts';
import { runPromptfooEval } from '../eval/run-promptfoo.ts';
import { buildSummary } from '../report/build-summary.ts';
import type { ReportData } from '../report/report-data.ts';
import type { EvalRef, PromptfooResultLike } from '../report/summary.ts';
import { checkOutputFolder } from '../foundation/output-folder.ts';
import { judgeSpecFrom } from '../grading/judge/judge-config.ts';
import { projectRelative } from '../foundation/project-root.ts';
import { withTempFolder } from '../foundation/temp-folder.ts';
import { loadFinetunebenchRecordings, type ExcludedColumn } from '../replay/finetunebench-responses.ts';
import { importFinetunebench, writeImported } from './import-all.ts';
import { readPublishedResults, type PublishedResult } from './published-results.ts';
import { REPRODUCE_DIR, writeReproduceSuites } from './reproduce-suites.ts';

export interface ReproduceOptions {
  checkout: string;
  /** Where the domains and suites are written (default suites/generated/reproduce). */
  outDir?: string;
  upstreamComparisonLabels?: boolean;
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
  /** Makes the display of each domain's tests as they finish, given the domains. */
  progress?: (domains: readonly string[]) => EvalProgress;
}

/** The summary, rows given once per grader (`graders`: cascade stages, then paper), and what only a reproduction has. */
export interface ReproduceReport extends ReportData {
  published: PublishedResult[];
  /** Response columns that hold grades and were not replayed. */
  excluded: ExcludedColumn[];
  /** Imported domains with no recorded responses, hence not evaluated. */
  skipped: string[];
  notes: string[];
}

/**
 * promptfoo 0.121.20's per-run debug log file can crash the process at exit
 * ("write after end") after an eval with hundreds of provider errors, as the
 * Gemini rows without responses are here; the eval is stored, but the exit
 * code says it failed. So that log is off unless the user turned it on.
 */
function reproduceEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { PROMPTFOO_DISABLE_DEBUG_LOG: '1', ...env };
}

/** A reproduction's report, and the promptfoo results it was made from (for results.csv; not part of the report's JSON). */
export interface ReproduceRun extends ReproduceReport {
  results: PromptfooResultLike[];
}

export async function reproduce(options: ReproduceOptions): Promise<ReproduceRun> {
  let log = options.log ?? (() => {});
  const outDir = options.outDir ?? REPRODUCE_DIR;
  checkOutputFolder(outDir, 'output folder'); // before the import and the evals
  judgeSpecFrom({}, options.env ?? process.env); // FTBENCH_JUDGE: an unknown provider is said now, not as every test's error
  const imported = importFinetunebench(options.checkout, path.join(outDir, 'domains'), {
    upstreamComparisonLabels: options.upstreamComparisonLabels,
  });
  const published = readPublishedResults(options.checkout);
  const recordings = loadFinetunebenchRecordings(options.checkout);
  writeImported(imported);
  const { suites, skipped } = writeReproduceSuites(
    imported.map((d) => ({ domain: d.parsed, file: d.file, text: d.text })),
    recordings,
    outDir,
  );
  log(`imported ${imported.length} domains; recorded responses of ${recordings.models.size} models in ${recordings.files.length} files`);
  for (const x of recordings.excluded) log(`excluded ${x.column} of ${x.file}: it holds grades ("Correct"/"Incorrect"), not responses`);
  for (const id of skipped) log(`${id}: no recorded responses (the study published responses for latest news and fictional people only)`);

  const progress = options.progress?.(suites.map((s) => s.domain));
  if (progress) log = (l) => progress.log(l);
  const evals: EvalRef[] = [];
  const results: PromptfooResultLike[] = [];
  try {
    await withTempFolder('ftbench-reproduce-', async (tmp) => {
      // One eval at a time: two promptfoo processes writing to one database lose results.
      for (const s of suites) {
        const started = Date.now();
        log(`${s.domain}: ${s.tests} tests × ${s.providers.length} replayed models …`);
        progress?.start(s.domain, s.tests * s.providers.length);
        const out = await runPromptfooEval(s.file, path.join(tmp, `${s.domain}.json`), {
          env: reproduceEnv(options.env ?? process.env),
          onTestDone: (errored) => progress?.testDone(s.domain, errored),
        });
        log(`${s.domain}: done in ${((Date.now() - started) / 1000).toFixed(1)}s, eval ${out.evalId ?? '(not stored)'}`);
        evals.push({ domain: s.domain, evalId: out.evalId, suite: projectRelative(s.file), tests: s.tests });
        results.push(...out.results);
      }
    });
  } finally {
    progress?.stop();
  }

  const notes = imported.flatMap((d) => d.notes.map((n) => `${d.parsed.id}: ${n}`));
  return { ...buildSummary(results, { evals, byGrader: true }), published, excluded: recordings.excluded, skipped, notes, results };
}
