/** `npm start`: the main job, declared below (`spec`); the work is lib/eval/evaluate-suites.ts. */
import path from 'node:path';
import { createEvalProgress } from '../../lib/eval/eval-progress.ts';
import { evaluateSuites } from '../../lib/eval/evaluate-suites.ts';
import { DEFAULT_MAX_COLUMNS } from '../../lib/suites/suite-columns.ts';
import { parseMaxErrorRate } from '../../lib/report/error-gate.ts';
import { checkOutputFolder } from '../../lib/foundation/output-folder.ts';
import { renderTerminal } from '../../lib/report/report-sections.ts';
import { writeRunReport } from '../../lib/report/run-report.ts';
import { firstRunLines } from '../../lib/report/first-run.ts';
import { judgeLine } from '../../lib/report/undecided.ts';
import { reportsRoot } from '../../lib/report/write-report.ts';
import { defineCommand } from '../../lib/cli/command-spec.ts';
import { DEFAULT_RETRIEVAL_K } from '../../lib/baselines/fact-retrieval.ts';
import { declaredCommand, writer } from '../run-command.ts';

export const spec = defineCommand({
  script: 'start',
  summary:
    'The main job, offline: builds the suites of every domain, evaluates them through promptfoo (stored for npm run view) with a progress bar per domain, prints provider × domain × split accuracy with 95% Wilson intervals (and the learning curves and recipe comparisons the runs make), and writes the report (reports/<time>/ and reports/latest: index.html, summary.json, summary.md, results.csv). Exits 3 after writing it when more tests errored than --max-error-rate allows.',
  options: {
    domains: { type: 'text', value: 'DIR', description: 'where the domains are', defaultText: 'suites/domains' },
    suites: { type: 'text', value: 'DIR', description: 'where the suites are written', defaultText: 'suites/generated' },
    out: { type: 'text', value: 'DIR', description: 'the report folder', defaultText: 'reports/<time>/ (under $FTBENCH_REPORTS_DIR when set)' },
    only: { type: 'text', value: 'ID', list: true, description: 'evaluate only these domains; the others need not be valid (an invalid one is reported as skipped)' },
    'max-error-rate': { type: 'custom', value: 'P', parse: parseMaxErrorRate, accepts: 'a share of tests from 0 to 1 (0.05) or a percentage (5%)', defaultText: '0', description: 'the share of tests that may error before the exit code is 3' },
    checkpoints: { type: 'flag', description: "also evaluate every checkpoint of each fine-tuning run (learning curves), each run's as an eval of its own" },
    'max-columns': { type: 'integer', value: 'N', min: 1, max: 100, default: DEFAULT_MAX_COLUMNS, description: 'the most provider columns one eval holds (six fit the viewer at 1280 px); the rest go to another eval of the domain' },
    retrieval: {
      type: 'integer',
      value: 'K',
      min: 0,
      default: DEFAULT_RETRIEVAL_K,
      description: 'beside each base model and tuned run, ask it with the K fact statements a BM25 search finds for the question (retrieval); 0 leaves it out',
    },
  },
  notes: 'Honours PROMPTFOO_CONFIG_DIR (promptfoo\'s database) and FTBENCH_JUDGE (the judge, a promptfoo provider id). Flags go after --: npm start -- --only fictional-people.',
});

export const main = declaredCommand(spec, async ({ values }, io) => {
  const out = writer(io.stdout);
  const resolve = (p: string | undefined) => p && path.resolve(io.cwd, p);
  const maxErrorRate = values['max-error-rate'] ?? 0;
  checkOutputFolder(resolve(values.out) ?? reportsRoot(io.env), 'report folder'); // now, not after the whole eval
  const { summary, results } = await evaluateSuites({
    domainsDir: resolve(values.domains),
    suitesDir: resolve(values.suites),
    only: values.only,
    checkpoints: values.checkpoints,
    maxColumns: values['max-columns'],
    retrieval: values.retrieval,
    log: writer(io.stderr),
    progress: (domains) => createEvalProgress(io.stderr, domains),
    env: io.env,
  });
  out(renderTerminal(summary));
  const report = await writeRunReport(summary, { dir: resolve(values.out), maxErrorRate, env: io.env, cwd: io.cwd, results });
  out(`\n${report.lines.join('\n')}`);
  out('browse every answer: npm run view');
  out(judgeLine(summary.rows));
  for (const line of firstRunLines(summary)) out(line);
  return report.verdict.exitCode;
});
