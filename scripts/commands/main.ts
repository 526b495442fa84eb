/**
 * `npm start [-- --domains DIR --suites DIR --out DIR --only id,id --max-error-rate P --checkpoints]`:
 * the main job, offline. Builds the suites of every domain, evaluates them
 * through promptfoo (stored in its database for `npm run view`; honours
 * PROMPTFOO_CONFIG_DIR) with a progress bar per domain, prints provider ×
 * domain × split accuracy with 95% Wilson intervals (then the learning curves
 * and recipe comparisons, when the runs make any), and writes the report
 * (reports/<time>/ and reports/latest: index.html, summary.json, summary.md).
 * Returns 3 after writing it when tests errored (more than --max-error-rate).
 * --checkpoints also evaluates every checkpoint of each fine-tuning run.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createEvalProgress } from '../../lib/eval/eval-progress.ts';
import { evaluateSuites } from '../../lib/eval/evaluate-suites.ts';
import { compareProviders, identityNote } from '../../lib/report/comparison.ts';
import { parseMaxErrorRate } from '../../lib/report/error-gate.ts';
import { renderTable } from '../../lib/report/render.ts';
import { EMULATION_NOTE } from '../../lib/models/emulation.ts';
import { renderComparisonTables } from '../../lib/report/render-comparison.ts';
import { checkOutputFolder } from '../../lib/foundation/output-folder.ts';
import { renderCurveTables } from '../../lib/report/render-curves.ts';
import { writeRunReport } from '../../lib/report/run-report.ts';
import { reportsRoot } from '../../lib/report/write-report.ts';
import { parseCliArgs } from '../parse-args.ts';
import { command, writer } from '../run-command.ts';

const USAGE = 'usage: npm start -- [--domains DIR] [--suites DIR] [--out DIR] [--only domain-id,…] [--max-error-rate P] [--checkpoints]';

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
          'max-error-rate': { type: 'string' },
          checkpoints: { type: 'boolean' },
          help: { type: 'boolean', short: 'h' },
        },
      }),
    USAGE,
  );
  if (values.help) return out(USAGE);
  const resolve = (p: string | undefined) => p && path.resolve(io.cwd, p);
  const maxErrorRate = parseMaxErrorRate(values['max-error-rate']);
  checkOutputFolder(resolve(values.out) ?? reportsRoot(io.env), 'report folder'); // now, not after the whole eval
  const { summary, scope, results } = await evaluateSuites({
    domainsDir: resolve(values.domains),
    suitesDir: resolve(values.suites),
    only: values.only?.split(',').map((s) => s.trim()).filter(Boolean),
    checkpoints: values.checkpoints,
    log: writer(io.stderr),
    progress: (domains) => createEvalProgress(io.stderr, domains),
    env: io.env,
  });
  out(renderTable(summary.rows));
  if (summary.rows.some((r) => r.emulated)) out(`(providers marked (emulation): ${EMULATION_NOTE})`);
  const plain = identityNote(summary.rows);
  if (plain) out(plain);
  const comparison = renderComparisonTables(compareProviders(summary.rows));
  if (comparison) out(`\n${comparison}`);
  const curves = renderCurveTables(summary.curves ?? [], summary.recipes ?? []);
  if (curves) out(`\n${curves}`);
  const report = await writeRunReport(summary, { dir: resolve(values.out), scope, maxErrorRate, env: io.env, cwd: io.cwd, results });
  out(`\n${report.lines.join('\n')}`);
  out('browse every answer: npm run view');
  return report.verdict.exitCode;
});
