/** `npm run report`: the report of `npm start` from promptfoo results files (declared below). */
import path from 'node:path';
import { readPromptfooOutput } from '../../lib/eval/run-promptfoo.ts';
import { buildSummary, evalOf } from '../../lib/report/build-summary.ts';
import type { PromptfooResultLike } from '../../lib/report/summary.ts';
import { parseMaxErrorRate } from '../../lib/report/error-gate.ts';
import { checkOutputFolder } from '../../lib/foundation/output-folder.ts';
import { renderTerminal } from '../../lib/report/report-sections.ts';
import { writeRunReport } from '../../lib/report/run-report.ts';
import { judgeLine } from '../../lib/report/undecided.ts';
import { reportsRoot } from '../../lib/report/write-report.ts';
import { defineCommand } from '../../lib/cli/command-spec.ts';
import { declaredCommand, writer } from '../run-command.ts';

export const spec = defineCommand({
  script: 'report',
  summary: 'Builds the report of npm start from promptfoo output files (promptfoo eval -o results.json): the tables on the terminal, and index.html, summary.json, summary.md and results.csv. Exits 3 after writing it when more tests errored than --max-error-rate allows.',
  positionals: { value: '<results.json> [more.json …]', description: 'promptfoo results files', min: 1 },
  options: {
    out: { type: 'text', value: 'DIR', description: 'the report folder', defaultText: 'reports/<time>/ (under $FTBENCH_REPORTS_DIR when set)' },
    'max-error-rate': { type: 'custom', value: 'P', parse: parseMaxErrorRate, accepts: 'a share of tests from 0 to 1 (0.05) or a percentage (5%)', defaultText: '0', description: 'the share of tests that may error before the exit code is 3' },
  },
});

export const main = declaredCommand(spec, async ({ values, positionals }, io) => {
  const out = writer(io.stdout);
  const maxErrorRate = values['max-error-rate'] ?? 0;
  checkOutputFolder(values.out ? path.resolve(io.cwd, values.out) : reportsRoot(io.env), 'report folder');
  const results: PromptfooResultLike[] = [];
  const evals = positionals.map((file) => {
    const output = readPromptfooOutput(path.resolve(io.cwd, file));
    results.push(...output.results);
    return evalOf(output.results, output.evalId, file);
  });
  const scope = { partial: false, how: `npm run report -- ${positionals.join(' ')}` };
  const summary = buildSummary(results, { evals, scope, now: io.now() });
  out(renderTerminal(summary));
  const report = await writeRunReport(summary, { dir: values.out && path.resolve(io.cwd, values.out), maxErrorRate, env: io.env, cwd: io.cwd, results });
  out(`\n${report.lines.join('\n')}`);
  out(judgeLine(summary.rows));
  return report.verdict.exitCode;
});
