/**
 * `npm start [-- --domains DIR --suites DIR --out DIR --only id,id]`: the main
 * job, offline. Builds the suites of every domain, evaluates them through
 * promptfoo (stored in its database for `npx promptfoo view`; honours
 * PROMPTFOO_CONFIG_DIR), prints provider × domain × split accuracy with 95%
 * Wilson intervals, and writes reports/latest/summary.json and summary.md.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { evaluateSuites } from '../lib/eval/evaluate-suites.ts';
import { compareProviders } from '../lib/report/comparison.ts';
import { renderTable } from '../lib/report/render.ts';
import { renderComparisonTables } from '../lib/report/render-comparison.ts';
import { renderCurveTables } from '../lib/report/render-curves.ts';
import { EMULATION_NOTE } from '../lib/inference/emulation.ts';
import { LATEST_REPORT_DIR, writeReport } from '../lib/report/write-report.ts';
import { parseCliArgs } from './parse-args.ts';
import { runCli } from './run-cli.ts';

const USAGE = 'usage: npm start -- [--domains DIR] [--suites DIR] [--out DIR] [--only domain-id,…] [--checkpoints]';

runCli(async () => {
  const { values } = parseCliArgs(
    () =>
      parseArgs({
        options: {
          domains: { type: 'string' },
          suites: { type: 'string' },
          out: { type: 'string' },
          only: { type: 'string' },
          checkpoints: { type: 'boolean' },
          help: { type: 'boolean', short: 'h' },
        },
      }),
    USAGE,
  );
  if (values.help) return console.log(USAGE);
  const { summary } = await evaluateSuites({
    domainsDir: values.domains && path.resolve(values.domains),
    suitesDir: values.suites && path.resolve(values.suites),
    only: values.only?.split(',').map((s) => s.trim()).filter(Boolean),
    checkpoints: values.checkpoints,
    log: (l) => console.error(l),
  });
  console.log(renderTable(summary.rows));
  if (summary.rows.some((r) => r.emulated)) console.log(`(providers marked (emulation): ${EMULATION_NOTE})`);
  const comparison = renderComparisonTables(compareProviders(summary.rows));
  if (comparison) console.log(`\n${comparison}`);
  const curves = renderCurveTables(summary.curves ?? [], summary.recipes ?? []);
  if (curves) console.log(`\n${curves}`);
  const written = writeReport(summary, values.out ? path.resolve(values.out) : LATEST_REPORT_DIR);
  console.log(`\nwrote ${path.relative(process.cwd(), written.json)} and ${path.relative(process.cwd(), written.markdown)}`);
  console.log('browse every answer: npx promptfoo view');
});
