/**
 * `npm run reproduce -- [--from DIR] [--out DIR] [--report-out DIR] [--upstream-comparison-labels] [--json] [--max-error-rate P]`:
 * regrades the FineTuneBench study's recorded model responses offline, through
 * promptfoo with the replay provider (evals stored for `npm run view`),
 * prints model × domain × split accuracy per grader beside the study's
 * published aggregates, and writes the report (reports/<time>/, or
 * --report-out). --json prints the summary.json shape (generatedAt,
 * evals, rows, a `grader` on every row) plus the graders, the published
 * aggregates and what was excluded or skipped. Returns 3 after writing the
 * report when tests errored beyond the known gaps of the published data.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { locateCheckout } from '../../lib/finetunebench/checkout.ts';
import { reproduce } from '../../lib/finetunebench/reproduce.ts';
import { createEvalProgress } from '../../lib/eval/eval-progress.ts';
import { publishedSection } from '../../lib/finetunebench/published-section.ts';
import { renderReproduce } from '../../lib/finetunebench/reproduce-report.ts';
import { parseMaxErrorRate } from '../../lib/report/error-gate.ts';
import { writeRunReport } from '../../lib/report/run-report.ts';
import { parseCliArgs } from '../parse-args.ts';
import { command, writer } from '../run-command.ts';

const USAGE = 'usage: npm run reproduce -- [--from DIR] [--out DIR] [--report-out DIR] [--upstream-comparison-labels] [--json] [--max-error-rate P]';

export const main = command(async (argv, io) => {
  const out = writer(io.stdout);
  const { values } = parseCliArgs(
    () =>
      parseArgs({
        args: argv,
        options: {
          from: { type: 'string' },
          out: { type: 'string' },
          'report-out': { type: 'string' },
          'max-error-rate': { type: 'string' },
          'upstream-comparison-labels': { type: 'boolean' },
          json: { type: 'boolean' },
          help: { type: 'boolean', short: 'h' },
        },
      }),
    USAGE,
  );
  if (values.help) return out(USAGE);
  const maxErrorRate = parseMaxErrorRate(values['max-error-rate']);
  const started = io.now();
  const checkout = locateCheckout(values.from && path.resolve(io.cwd, values.from), io.env);
  const { results, ...report } = await reproduce({
    checkout: checkout.dir,
    outDir: values.out && path.resolve(io.cwd, values.out),
    upstreamComparisonLabels: values['upstream-comparison-labels'],
    env: io.env,
    log: writer(io.stderr),
    progress: (domains) => createEvalProgress(io.stderr, domains),
  });
  const { generatedAt, evals, rows, graders, ...rest } = report;
  const written = await writeRunReport(
    { generatedAt, evals, rows },
    {
      dir: values['report-out'] && path.resolve(io.cwd, values['report-out']),
      graders,
      extraSections: [publishedSection(report.published)],
      extraJson: rest,
      maxErrorRate,
      // Questions whose published column holds grades: known gaps of the data, reported as errors in their rows.
      knownErrors: report.excluded.reduce((s, x) => s + x.rows, 0),
      env: io.env,
      cwd: io.cwd,
      results,
    },
  );
  if (values.json) {
    writer(io.stderr)(written.lines.join('\n'));
    out(JSON.stringify(report, null, 2));
    return written.verdict.exitCode;
  }
  out(renderReproduce(report));
  out(`\n${written.lines.join('\n')}`);
  out(`${report.evals.length} evals in ${((io.now() - started) / 1000).toFixed(1)}s; browse every answer: npm run view`);
  return written.verdict.exitCode;
});
