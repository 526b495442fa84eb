/**
 * `npm run report -- <results.json> [more.json …] [--out DIR] [--max-error-rate P]`:
 * builds the report of `npm start` from any promptfoo output file(s)
 * (promptfoo eval -o). Returns 3 after writing it when tests errored.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { UserError } from '../../lib/foundation/errors.ts';
import { readPromptfooOutput } from '../../lib/eval/run-promptfoo.ts';
import { compareProviders, identityNote } from '../../lib/report/comparison.ts';
import { renderTable } from '../../lib/report/render.ts';
import { EMULATION_NOTE } from '../../lib/models/emulation.ts';
import { renderComparisonTables } from '../../lib/report/render-comparison.ts';
import { renderCurveTables } from '../../lib/report/render-curves.ts';
import { analyzeRuns } from '../../lib/report/run-analysis.ts';
import { summarizeResults, type PromptfooResultLike } from '../../lib/report/summary.ts';
import { parseMaxErrorRate } from '../../lib/report/error-gate.ts';
import { checkOutputFolder } from '../../lib/foundation/output-folder.ts';
import { writeRunReport } from '../../lib/report/run-report.ts';
import { reportsRoot } from '../../lib/report/write-report.ts';
import { parseCliArgs } from '../parse-args.ts';
import { command, writer } from '../run-command.ts';

const USAGE = 'usage: npm run report -- <promptfoo results .json> [more.json …] [--out DIR] [--max-error-rate P]';

export const main = command(async (argv, io) => {
  const out = writer(io.stdout);
  const { values, positionals } = parseCliArgs(
    () =>
      parseArgs({ args: argv, options: { out: { type: 'string' }, 'max-error-rate': { type: 'string' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: true }),
    USAGE,
  );
  if (values.help) return out(USAGE);
  if (positionals.length === 0) throw new UserError(`no results file given\n${USAGE}`);
  const maxErrorRate = parseMaxErrorRate(values['max-error-rate']);
  checkOutputFolder(values.out ? path.resolve(io.cwd, values.out) : reportsRoot(io.env), 'report folder');
  const results: PromptfooResultLike[] = [];
  const evals = positionals.map((file) => {
    const output = readPromptfooOutput(path.resolve(io.cwd, file));
    results.push(...output.results);
    const domains = [...new Set(output.results.map((r) => String(r.testCase?.metadata?.domain ?? 'unknown')))];
    return { domain: domains.join(', '), evalId: output.evalId, suite: file, tests: output.results.length };
  });
  const rows = summarizeResults(results);
  const summary = { generatedAt: new Date(io.now()).toISOString(), evals, rows, ...analyzeRuns(results, rows) };
  out(renderTable(summary.rows));
  if (summary.rows.some((r) => r.emulated)) out(`(providers marked (emulation): ${EMULATION_NOTE})`);
  const plain = identityNote(summary.rows);
  if (plain) out(plain);
  const comparison = renderComparisonTables(compareProviders(summary.rows));
  if (comparison) out(`\n${comparison}`);
  const curves = renderCurveTables(summary.curves, summary.recipes);
  if (curves) out(`\n${curves}`);
  const domains = [...new Set(summary.rows.map((r) => r.domain))];
  const scope = { domains, partial: false, how: `npm run report -- ${positionals.join(' ')}` };
  const report = await writeRunReport(summary, { dir: values.out && path.resolve(io.cwd, values.out), scope, maxErrorRate, env: io.env, cwd: io.cwd, results });
  out(`\n${report.lines.join('\n')}`);
  return report.verdict.exitCode;
});
