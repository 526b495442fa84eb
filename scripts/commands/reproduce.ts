/** `npm run reproduce`: the study's recorded responses regraded offline (declared below; the work is lib/finetunebench/reproduce.ts). */
import path from 'node:path';
import { locateCheckout } from '../../lib/finetunebench/checkout.ts';
import { reproduce } from '../../lib/finetunebench/reproduce.ts';
import { createEvalProgress } from '../../lib/eval/eval-progress.ts';
import { publishedSection } from '../../lib/finetunebench/published-section.ts';
import { parseMaxErrorRate } from '../../lib/report/error-gate.ts';
import { renderTerminal } from '../../lib/report/report-sections.ts';
import { writeRunReport } from '../../lib/report/run-report.ts';
import { defineCommand } from '../../lib/cli/command-spec.ts';
import { declaredCommand, writer } from '../run-command.ts';

export const spec = defineCommand({
  script: 'reproduce',
  summary:
    "Regrades the FineTuneBench study's recorded model responses offline, through promptfoo with the replay provider (evals stored for npm run view), prints model × domain × split accuracy per grader beside the study's published aggregates, and writes the report. Exits 3 after writing it when tests errored beyond the known gaps of the published data.",
  options: {
    from: { type: 'text', value: 'DIR', description: 'the FineTuneBench checkout', defaultText: '$FINETUNEBENCH_DIR, else data/finetunebench' },
    out: { type: 'text', value: 'DIR', description: 'where the replay suites are written', defaultText: 'suites/generated/reproduce' },
    'report-out': { type: 'text', value: 'DIR', description: 'the report folder', defaultText: 'reports/<time>/ (under $FTBENCH_REPORTS_DIR when set)' },
    'upstream-comparison-labels': { type: 'flag', description: "fictional-people: keep the study's own comparison labels instead of recomputing them from the attributes" },
    json: { type: 'flag', description: 'print the summary as summary.json holds it, without charts (a grader on every row, the published aggregates, what was excluded) on stdout' },
    'max-error-rate': { type: 'custom', value: 'P', parse: parseMaxErrorRate, accepts: 'a share of tests from 0 to 1 (0.05) or a percentage (5%)', defaultText: '0', description: 'the share of tests that may error (beyond the known gaps of the published data) before the exit code is 3' },
  },
});

export const main = declaredCommand(spec, async ({ values }, io) => {
  const out = writer(io.stdout);
  const maxErrorRate = values['max-error-rate'] ?? 0;
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
  const sections = [publishedSection(report)];
  const written = await writeRunReport(
    report,
    {
      dir: values['report-out'] && path.resolve(io.cwd, values['report-out']),
      extraSections: sections,
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
  out(renderTerminal(report, sections));
  out(`\n${written.lines.join('\n')}`);
  out(`${report.evals.length} evals in ${((io.now() - started) / 1000).toFixed(1)}s; browse every answer: npm run view`);
  return written.verdict.exitCode;
});
