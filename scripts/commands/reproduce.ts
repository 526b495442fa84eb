/**
 * `npm run reproduce -- [--from DIR] [--out DIR] [--upstream-comparison-labels] [--json]`:
 * regrades the FineTuneBench study's recorded model responses offline, through
 * promptfoo with the replay provider (evals stored for `npx promptfoo view`),
 * and prints model × domain × split accuracy per grader beside the study's
 * published aggregates. --json prints the summary.json shape (generatedAt,
 * evals, rows, a `grader` on every row) plus the graders, the published
 * aggregates and what was excluded or skipped.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { locateCheckout } from '../../lib/finetunebench/checkout.ts';
import { reproduce } from '../../lib/finetunebench/reproduce.ts';
import { renderReproduce } from '../../lib/finetunebench/reproduce-report.ts';
import { parseCliArgs } from '../parse-args.ts';
import { command, writer } from '../run-command.ts';

const USAGE = 'usage: npm run reproduce -- [--from DIR] [--out DIR] [--upstream-comparison-labels] [--json]';

export const main = command(async (argv, io) => {
  const out = writer(io.stdout);
  const { values } = parseCliArgs(
    () =>
      parseArgs({
        args: argv,
        options: {
          from: { type: 'string' },
          out: { type: 'string' },
          'upstream-comparison-labels': { type: 'boolean' },
          json: { type: 'boolean' },
          help: { type: 'boolean', short: 'h' },
        },
      }),
    USAGE,
  );
  if (values.help) return out(USAGE);
  const started = io.now();
  const checkout = locateCheckout(values.from && path.resolve(io.cwd, values.from), io.env);
  const report = await reproduce({
    checkout: checkout.dir,
    outDir: values.out && path.resolve(io.cwd, values.out),
    upstreamComparisonLabels: values['upstream-comparison-labels'],
    env: io.env,
    log: writer(io.stderr),
  });
  if (values.json) return out(JSON.stringify(report, null, 2));
  out(renderReproduce(report));
  out(`\n${report.evals.length} evals in ${((io.now() - started) / 1000).toFixed(1)}s; browse every answer: npx promptfoo view`);
});
