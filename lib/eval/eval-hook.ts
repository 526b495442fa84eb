/**
 * What the generated suite's extension hook does (extensions/report.ts is the
 * adapter promptfoo loads), so that a plain `npx promptfoo eval -c
 * suites/generated/<id>.yaml` ends like `npm start`:
 *
 * - afterEach: one progress line to the command that started promptfoo, when
 *   one listens (lib/eval/progress-channel.ts);
 * - afterAll: the summary of this eval, built and written as `npm run report`
 *   builds and writes it from the eval's results file (the same sections:
 *   accuracy, comparisons, learning curves, recipe comparisons), marked
 *   partial (one suite run by hand), and its tables printed when promptfoo
 *   exits, after its own output.
 *
 * Commands that run several suites and write one report for all of them
 * (`npm start`, `npm run reproduce`) set FTBENCH_REPORT_HOOK=off for their
 * child evals, so no per-domain report is written.
 */
import { writeSync } from 'node:fs';
import { reportTestDone } from './progress-channel.ts';
import { buildSummary, evalOf } from '../report/build-summary.ts';
import { renderTerminal } from '../report/report-sections.ts';
import { writeRunReport } from '../report/run-report.ts';
import { isErrored, type PromptfooResultLike } from '../report/summary.ts';
import { judgeLine } from '../report/undecided.ts';

export const REPORT_HOOK_ENV = 'FTBENCH_REPORT_HOOK';

export interface AfterAllContext {
  results?: PromptfooResultLike[];
  evalId?: string;
}

/** The suite file promptfoo was given (`-c`/`--config`), to name it in the report. */
function configArgument(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-c' || a === '--config') return argv[i + 1];
    if (a.startsWith('--config=')) return a.slice('--config='.length);
  }
  return undefined;
}

export function afterEach(context: { result?: PromptfooResultLike }, env: NodeJS.ProcessEnv = process.env): void {
  if (context.result) reportTestDone(isErrored(context.result), env);
}

/** Writes the report and arranges the table; never fails the eval (its results are stored already). */
export async function afterAll(context: AfterAllContext, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  if (env[REPORT_HOOK_ENV] === 'off') return;
  try {
    const results = context.results ?? [];
    const suite = configArgument(process.argv);
    const how = `one suite run with promptfoo${suite ? `: npx promptfoo eval -c ${suite}` : ''}`;
    const summary = buildSummary(results, { evals: [evalOf(results, context.evalId ?? null, suite)], scope: { partial: true, how } });
    const report = await writeRunReport(summary, { env, results });
    const text = [
      '',
      'The report of this eval (accuracy with its 95% Wilson interval; n excludes errored tests):',
      renderTerminal(summary),
      '',
      ...report.lines,
      judgeLine(summary.rows),
      '',
    ].join('\n');
    // After promptfoo's own summary: the last thing a person reads.
    process.once('exit', () => writeSync(1, text));
  } catch (err) {
    process.stderr.write(`ftbench report hook: no report written: ${(err as Error).message}\n`);
  }
}
