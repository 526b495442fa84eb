/**
 * `npm start [-- --domains DIR --suites DIR --out DIR --only id,id --checkpoints]`:
 * the main job, offline. Builds the suites of every domain, evaluates them
 * through promptfoo (stored in its database for `npx promptfoo view`; honours
 * PROMPTFOO_CONFIG_DIR), prints provider × domain × split accuracy with 95%
 * Wilson intervals (then the learning curves and recipe comparisons, when
 * the runs make any), and writes reports/latest/summary.json and summary.md.
 * --checkpoints also evaluates every checkpoint of each fine-tuning run.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { evaluateSuites } from '../../lib/eval/evaluate-suites.ts';
import { compareProviders } from '../../lib/report/comparison.ts';
import { renderTable } from '../../lib/report/render.ts';
import { EMULATION_NOTE } from '../../lib/inference/emulation.ts';
import { renderComparisonTables } from '../../lib/report/render-comparison.ts';
import { renderCurveTables } from '../../lib/report/render-curves.ts';
import { LATEST_REPORT_DIR, writeReport } from '../../lib/report/write-report.ts';
import { parseCliArgs } from '../parse-args.ts';
import { command, writer } from '../run-command.ts';

const USAGE = 'usage: npm start -- [--domains DIR] [--suites DIR] [--out DIR] [--only domain-id,…] [--checkpoints]';

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
          checkpoints: { type: 'boolean' },
          help: { type: 'boolean', short: 'h' },
        },
      }),
    USAGE,
  );
  if (values.help) return out(USAGE);
  const resolve = (p: string | undefined) => p && path.resolve(io.cwd, p);
  const { summary } = await evaluateSuites({
    domainsDir: resolve(values.domains),
    suitesDir: resolve(values.suites),
    only: values.only?.split(',').map((s) => s.trim()).filter(Boolean),
    checkpoints: values.checkpoints,
    log: writer(io.stderr),
    env: io.env,
  });
  out(renderTable(summary.rows));
  if (summary.rows.some((r) => r.emulated)) out(`(providers marked (emulation): ${EMULATION_NOTE})`);
  const comparison = renderComparisonTables(compareProviders(summary.rows));
  if (comparison) out(`\n${comparison}`);
  const curves = renderCurveTables(summary.curves ?? [], summary.recipes ?? []);
  if (curves) out(`\n${curves}`);
  const written = writeReport(summary, resolve(values.out) ?? LATEST_REPORT_DIR);
  out(`\nwrote ${path.relative(io.cwd, written.json)} and ${path.relative(io.cwd, written.markdown)}`);
  out('browse every answer: npx promptfoo view');
});
