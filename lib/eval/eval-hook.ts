/**
 * What the generated suite's extension hook does (extensions/report.ts is the
 * adapter promptfoo loads), so that a plain `npx promptfoo eval -c
 * suites/generated/<id>.yaml` ends like `npm start`:
 *
 * - beforeAll: in an eval promptfoo merged from several suites, keeps each
 *   provider bound to one suite off the other domains' questions (promptfoo's
 *   per-test filter, lib/suites/suite-scope.ts); a suite run alone, or with
 *   providers of no suite (`-r openai:gpt-4.1`), is left as it is;
 * - afterEach: one progress line to the command that started promptfoo, when
 *   one listens (lib/eval/progress-channel.ts);
 * - afterAll: the summary of this eval, built and written as `npm run report`
 *   builds and writes it from the eval's results file (the same sections:
 *   accuracy, comparisons, learning curves, recipe comparisons), marked
 *   partial (the suites run by hand), and its tables printed when promptfoo
 *   exits, after its own output. One report per eval, also when promptfoo
 *   merged several suites (`-c a.yaml -c b.yaml` names the hook once per
 *   suite); it says how many question × provider pairs beforeAll left out. An eval that ran no test
 *   (a filter that matched none) writes no report and leaves reports/latest
 *   as it was.
 *
 * Commands that run several suites and write one report for all of them
 * (`npm start`, `npm run reproduce`) set FTBENCH_REPORT_HOOK=off for their
 * child evals, so no per-domain report is written.
 */
import { writeSync } from 'node:fs';
import path from 'node:path';
import { reportTestDone } from './progress-channel.ts';
import { isErrored, type PromptfooResultLike } from '../report/summary.ts';
import { LEFT_OUT_REASON, leftOutPairs, scopeTests, type EvaluatedSuite, type EvaluatedTest } from '../suites/suite-scope.ts';

/**
 * The modules that build and write a report (charts, HTML), loaded only by an
 * afterAll that writes one: every promptfoo process npm start runs loads this
 * hook with the report turned off, and would otherwise spend about 0.6 CPU
 * seconds loading them.
 */
async function reportModules() {
  const [summary, sections, runReport, writeReport, undecided] = await Promise.all([
    import('../report/build-summary.ts'),
    import('../report/report-sections.ts'),
    import('../report/run-report.ts'),
    import('../report/write-report.ts'),
    import('../report/undecided.ts'),
  ]);
  return { ...summary, ...sections, ...runReport, ...writeReport, ...undecided };
}

export const REPORT_HOOK_ENV = 'FTBENCH_REPORT_HOOK';

export interface AfterAllContext {
  results?: PromptfooResultLike[];
  evalId?: string;
  /** The suite as promptfoo evaluated it: its providers and its tests (after any filter). */
  suite?: EvaluatedSuite;
}

/** The suite files promptfoo was given (`-c a.yaml -c b.yaml`, `-c a.yaml b.yaml`, `--config=a.yaml`), to name them in the report. */
export function configArguments(argv: readonly string[]): string[] {
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith('--config=')) files.push(a.slice('--config='.length));
    else if (a === '-c' || a === '--config') for (; i + 1 < argv.length && !argv[i + 1]!.startsWith('-'); i++) files.push(argv[i + 1]!);
  }
  return files;
}

/** How the hook reaches its world; tests give their own. */
export interface HookIo {
  env: NodeJS.ProcessEnv;
  /** promptfoo's command line, to name the suites. */
  argv: readonly string[];
  /** Prints text after promptfoo's own output (at exit). */
  print: (text: string) => void;
}

/** A path as a person would type it here: relative below the working folder, absolute elsewhere. */
function shownPath(p: string): string {
  const rel = path.relative(process.cwd(), p);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : path.resolve(p);
}

const atExit = (text: string) => process.once('exit', () => writeSync(1, text));

/**
 * The evals this process has reported, shared by every copy of the hook:
 * promptfoo calls it once per suite that declares it, and may load each copy apart.
 */
const REPORTED = Symbol.for('ftbench.eval-hook.reported');
function firstCall(evalId: string | undefined): boolean {
  const g = globalThis as { [REPORTED]?: Set<string> };
  const seen = (g[REPORTED] ??= new Set());
  const key = evalId ?? '(no id)';
  if (seen.has(key)) return false;
  seen.add(key);
  return true;
}

/**
 * The suite with each test that a provider bound to another suite would
 * answer limited to the others; undefined (promptfoo keeps its suite) when no
 * test is. promptfoo takes the tests of the suite returned.
 */
export function beforeAll<S extends EvaluatedSuite & { tests?: readonly EvaluatedTest[] }>(context: { suite?: S }): { suite: S } | undefined {
  const suite = context.suite;
  if (!suite?.tests) return undefined;
  const tests = scopeTests(suite);
  return tests.some((t, i) => t !== suite.tests![i]) ? { suite: { ...suite, tests } } : undefined;
}

export function afterEach(context: { result?: PromptfooResultLike }, env: NodeJS.ProcessEnv = process.env): void {
  if (context.result) reportTestDone(isErrored(context.result), env);
}

/** Writes the report and arranges the table; never fails the eval (its results are stored already). */
export async function afterAll(context: AfterAllContext, io: Partial<HookIo> = {}): Promise<void> {
  const { env = process.env, argv = process.argv, print = atExit } = io;
  if (env[REPORT_HOOK_ENV] === 'off' || !firstCall(context.evalId)) return;
  try {
    const { buildSummary, evalOf, renderTerminal, writeRunReport, LATEST, reportsRoot, judgeLine } = await reportModules();
    const results = context.results ?? [];
    if (results.length === 0) {
      // A report of nothing would replace reports/latest with an empty page.
      const latest = shownPath(path.join(reportsRoot(env), LATEST));
      print(`\nftbench: promptfoo ran no test (did a filter match none?): no report written, ${latest} left as it was\n`);
      return;
    }
    const suites = configArguments(argv);
    const how = `${suites.length > 1 ? `${suites.length} suites` : 'one suite'} run with promptfoo${suites.length ? `: npx promptfoo eval ${suites.map((s) => `-c ${s}`).join(' ')}` : ''}`;
    const { pairs, of, providers } = leftOutPairs(context.suite);
    const summary = buildSummary(results, {
      evals: [evalOf(results, context.evalId ?? null, suites.length ? suites.join(', ') : undefined)],
      scope: { partial: true, how, ...(pairs > 0 ? { leftOut: { pairs, of, reason: LEFT_OUT_REASON, providers } } : {}) },
    });
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
    print(text);
  } catch (err) {
    process.stderr.write(`ftbench report hook: no report written: ${(err as Error).message}\n`);
  }
}
