/**
 * `npm run report -- <results.json> [more.json …] [--out DIR] [--max-error-rate P]`:
 * builds the report of `npm start` from any promptfoo output file(s)
 * (promptfoo eval -o). Exits 3 after writing it when tests errored.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { UserError } from '../lib/errors.ts';
import { readPromptfooOutput } from '../lib/eval/run-promptfoo.ts';
import { compareProviders } from '../lib/report/comparison.ts';
import { renderTable } from '../lib/report/render.ts';
import { renderComparisonTables } from '../lib/report/render-comparison.ts';
import { summarizeResults, type PromptfooResultLike } from '../lib/report/summary.ts';
import { parseMaxErrorRate } from '../lib/report/error-gate.ts';
import { writeRunReport } from '../lib/report/run-report.ts';
import { parseCliArgs } from './parse-args.ts';
import { runCli } from './run-cli.ts';

const USAGE = 'usage: npm run report -- <promptfoo results .json> [more.json …] [--out DIR] [--max-error-rate P]';

runCli(async () => {
  const { values, positionals } = parseCliArgs(() =>
    parseArgs({ options: { out: { type: 'string' }, 'max-error-rate': { type: 'string' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: true }),
    USAGE,
  );
  if (values.help) return console.log(USAGE);
  if (positionals.length === 0) throw new UserError(`no results file given\n${USAGE}`);
  const maxErrorRate = parseMaxErrorRate(values['max-error-rate']);
  const results: PromptfooResultLike[] = [];
  const evals = positionals.map((file) => {
    const out = readPromptfooOutput(file);
    results.push(...out.results);
    const domains = [...new Set(out.results.map((r) => String(r.testCase?.metadata?.domain ?? 'unknown')))];
    return { domain: domains.join(', '), evalId: out.evalId, suite: file, tests: out.results.length };
  });
  const summary = { generatedAt: new Date().toISOString(), evals, rows: summarizeResults(results) };
  console.log(renderTable(summary.rows));
  const comparison = renderComparisonTables(compareProviders(summary.rows));
  if (comparison) console.log(`\n${comparison}`);
  const domains = [...new Set(summary.rows.map((r) => r.domain))];
  const scope = { domains, partial: false, how: `npm run report -- ${positionals.join(' ')}` };
  const report = await writeRunReport(summary, { dir: values.out && path.resolve(values.out), scope, maxErrorRate });
  console.log(`\n${report.lines.join('\n')}`);
  process.exitCode = report.verdict.exitCode;
});
