/**
 * `npm run reproduce -- [--from DIR] [--out DIR] [--report-out DIR] [--upstream-comparison-labels] [--json] [--max-error-rate P]`:
 * regrades the FineTuneBench study's recorded model responses offline, through
 * promptfoo with the replay provider (evals stored for `npm run view`),
 * and prints model × domain × split accuracy per grader beside the study's
 * published aggregates, and writes the report (reports/<time>/, or
 * --report-out). --json prints the summary.json shape (generatedAt,
 * evals, rows, a `grader` on every row) plus the graders, the published
 * aggregates and what was excluded or skipped. Exits 3 after writing the
 * report when tests errored beyond the known gaps of the published data.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { locateCheckout } from '../lib/finetunebench/checkout.ts';
import { reproduce } from '../lib/finetunebench/reproduce.ts';
import { publishedSection } from '../lib/finetunebench/published-section.ts';
import { renderReproduce } from '../lib/finetunebench/reproduce-report.ts';
import { createEvalProgress } from '../lib/eval/eval-progress.ts';
import { parseMaxErrorRate } from '../lib/report/error-gate.ts';
import { writeRunReport } from '../lib/report/run-report.ts';
import { parseCliArgs } from './parse-args.ts';
import { runCli } from './run-cli.ts';

const USAGE = 'usage: npm run reproduce -- [--from DIR] [--out DIR] [--report-out DIR] [--upstream-comparison-labels] [--json] [--max-error-rate P]';

runCli(async () => {
  const { values } = parseCliArgs(
    () =>
      parseArgs({
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
  if (values.help) return console.log(USAGE);
  const maxErrorRate = parseMaxErrorRate(values['max-error-rate']);
  const started = Date.now();
  const checkout = locateCheckout(values.from);
  const report = await reproduce({
    checkout: checkout.dir,
    outDir: values.out && path.resolve(values.out),
    upstreamComparisonLabels: values['upstream-comparison-labels'],
    log: (l) => console.error(l),
    progress: (domains) => createEvalProgress(process.stderr, domains),
  });
  const { generatedAt, evals, rows, graders, ...rest } = report;
  const written = await writeRunReport(
    { generatedAt, evals, rows },
    {
      dir: values['report-out'] && path.resolve(values['report-out']),
      graders,
      extraSections: [publishedSection(report.published)],
      extraJson: rest,
      maxErrorRate,
      // Questions whose published column holds grades: known gaps of the data, reported as errors in their rows.
      knownErrors: report.excluded.reduce((s, x) => s + x.rows, 0),
    },
  );
  process.exitCode = written.verdict.exitCode;
  if (values.json) {
    console.error(written.lines.join('\n'));
    return console.log(JSON.stringify(report, null, 2));
  }
  console.log(renderReproduce(report));
  console.log(`\n${written.lines.join('\n')}`);
  console.log(`${report.evals.length} evals in ${((Date.now() - started) / 1000).toFixed(1)}s; browse every answer: npm run view`);
});
