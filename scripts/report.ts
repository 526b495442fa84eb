/**
 * `npm run report -- <results.json> [more.json …] [--out DIR]`: builds the
 * summary of `npm start` from any promptfoo output file(s) (promptfoo eval -o).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { UserError } from '../lib/errors.ts';
import { readPromptfooOutput } from '../lib/eval/run-promptfoo.ts';
import { compareProviders } from '../lib/report/comparison.ts';
import { renderTable } from '../lib/report/render.ts';
import { renderComparisonTables } from '../lib/report/render-comparison.ts';
import { renderCurveTables } from '../lib/report/render-curves.ts';
import { EMULATION_NOTE } from '../lib/inference/emulation.ts';
import { analyzeRuns } from '../lib/report/run-analysis.ts';
import { summarizeResults, type PromptfooResultLike } from '../lib/report/summary.ts';
import { LATEST_REPORT_DIR, writeReport } from '../lib/report/write-report.ts';
import { parseCliArgs } from './parse-args.ts';
import { runCli } from './run-cli.ts';

const USAGE = 'usage: npm run report -- <promptfoo results .json> [more.json …] [--out DIR]';

runCli(() => {
  const { values, positionals } = parseCliArgs(() =>
    parseArgs({ options: { out: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: true }),
    USAGE,
  );
  if (values.help) return console.log(USAGE);
  if (positionals.length === 0) throw new UserError(`no results file given\n${USAGE}`);
  const results: PromptfooResultLike[] = [];
  const evals = positionals.map((file) => {
    const out = readPromptfooOutput(file);
    results.push(...out.results);
    const domains = [...new Set(out.results.map((r) => String(r.testCase?.metadata?.domain ?? 'unknown')))];
    return { domain: domains.join(', '), evalId: out.evalId, suite: file, tests: out.results.length };
  });
  const rows = summarizeResults(results);
  const summary = { generatedAt: new Date().toISOString(), evals, rows, ...analyzeRuns(results, rows) };
  console.log(renderTable(summary.rows));
  if (summary.rows.some((r) => r.emulated)) console.log(`(providers marked (emulation): ${EMULATION_NOTE})`);
  const comparison = renderComparisonTables(compareProviders(summary.rows));
  if (comparison) console.log(`\n${comparison}`);
  const curves = renderCurveTables(summary.curves ?? [], summary.recipes ?? []);
  if (curves) console.log(`\n${curves}`);
  const written = writeReport(summary, values.out ? path.resolve(values.out) : LATEST_REPORT_DIR);
  console.log(`\nwrote ${path.relative(process.cwd(), written.json)} and ${path.relative(process.cwd(), written.markdown)}`);
});
