/**
 * `npm start [-- --domains DIR --suites DIR --out DIR --only id,id]`: the main
 * job, offline. Builds the suites of every domain, evaluates them through
 * promptfoo (stored in its database for `npx promptfoo view`; honours
 * PROMPTFOO_CONFIG_DIR), prints provider × domain × split accuracy with 95%
 * Wilson intervals, and writes reports/latest/summary.json and summary.md.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { evaluateSuites } from '../../lib/eval/evaluate-suites.ts';
import { compareProviders } from '../../lib/report/comparison.ts';
import { renderTable } from '../../lib/report/render.ts';
import { renderComparisonTables } from '../../lib/report/render-comparison.ts';
import { checkOutputFolder } from '../../lib/output-folder.ts';
import { LATEST_REPORT_DIR, writeReport } from '../../lib/report/write-report.ts';
import { parseCliArgs } from '../parse-args.ts';
import { command, writer } from '../run-command.ts';

const USAGE = 'usage: npm start -- [--domains DIR] [--suites DIR] [--out DIR] [--only domain-id,…]';

export const main = command(async (argv, io) => {
  const out = writer(io.stdout);
  const { values } = parseCliArgs(
    () =>
      parseArgs({
        args: argv,
        options: {
          domains: { type: 'string' },
          suites: { type: 'string' },
          out: { type: 'string' },
          only: { type: 'string' },
          help: { type: 'boolean', short: 'h' },
        },
      }),
    USAGE,
  );
  if (values.help) return out(USAGE);
  const resolve = (p: string | undefined) => p && path.resolve(io.cwd, p);
  const reportDir = resolve(values.out) ?? LATEST_REPORT_DIR;
  checkOutputFolder(reportDir, 'report folder'); // now, not after the whole eval
  const { summary } = await evaluateSuites({
    domainsDir: resolve(values.domains),
    suitesDir: resolve(values.suites),
    only: values.only?.split(',').map((s) => s.trim()).filter(Boolean),
    log: writer(io.stderr),
    env: io.env,
  });
  out(renderTable(summary.rows));
  const comparison = renderComparisonTables(compareProviders(summary.rows));
  if (comparison) out(`\n${comparison}`);
  const written = writeReport(summary, reportDir);
  out(`\nwrote ${path.relative(io.cwd, written.json)} and ${path.relative(io.cwd, written.markdown)}`);
  out('browse every answer: npx promptfoo view');
});
