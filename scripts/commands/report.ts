/**
 * `npm run report -- <results.json> [more.json …] [--out DIR] [--max-error-rate P]`:
 * builds the report of `npm start` from any promptfoo output file(s)
 * (promptfoo eval -o). Returns 3 after writing it when tests errored.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { UserError } from '../../lib/foundation/errors.ts';
import { readPromptfooOutput } from '../../lib/eval/run-promptfoo.ts';
import { buildSummary, evalOf } from '../../lib/report/build-summary.ts';
import type { PromptfooResultLike } from '../../lib/report/summary.ts';
import { parseMaxErrorRate } from '../../lib/report/error-gate.ts';
import { checkOutputFolder } from '../../lib/foundation/output-folder.ts';
import { renderTerminal } from '../../lib/report/report-sections.ts';
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
    return evalOf(output.results, output.evalId, file);
  });
  const scope = { partial: false, how: `npm run report -- ${positionals.join(' ')}` };
  const summary = buildSummary(results, { evals, scope, now: io.now() });
  out(renderTerminal(summary));
  const report = await writeRunReport(summary, { dir: values.out && path.resolve(io.cwd, values.out), maxErrorRate, env: io.env, cwd: io.cwd, results });
  out(`\n${report.lines.join('\n')}`);
  return report.verdict.exitCode;
});
