/**
 * Whether a run may exit 0: a test whose provider call (or grader) failed is
 * not a measurement, so a run with errors exits EXIT_TESTS_ERRORED after
 * writing its report, unless the user accepts that share of errors with
 * `--max-error-rate P`. Wrong answers are results, not errors.
 */
import { UserError } from '../foundation/errors.ts';
import type { SummaryRow } from './summary.ts';

/** The exit code of `npm start`, `npm run report` and `npm run reproduce` when tests errored (docs/reports.md, Exit codes). */
export const EXIT_TESTS_ERRORED = 3;

export interface ErrorTotals {
  /** Tests run (provider × question), errored or not. */
  tests: number;
  errors: number;
}

/** Totals over rows, counting each test once when rows repeat per grader. */
export function errorTotals(rows: readonly SummaryRow[]): ErrorTotals {
  const grader = rows[0]?.grader;
  const once = rows.filter((r) => r.grader === grader);
  return { tests: once.reduce((s, r) => s + r.n + r.errors, 0), errors: once.reduce((s, r) => s + r.errors, 0) };
}

/** `--max-error-rate`: a share of tests, `0.05` or `5%`, from 0 to 1. */
export function parseMaxErrorRate(text: string | undefined): number {
  if (text === undefined) return 0;
  const m = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*(%?)\s*$/.exec(text);
  const rate = m ? Number(m[1]) / (m[2] ? 100 : 1) : NaN;
  if (!(rate >= 0 && rate <= 1)) throw new UserError(`--max-error-rate: expected a share of tests from 0 to 1 (e.g. 0.05) or a percentage (5%), got ${JSON.stringify(text)}`);
  return rate;
}

const percent = (x: number) => `${(x * 100).toFixed(1)}%`;

export interface ErrorVerdict {
  /** 0, or EXIT_TESTS_ERRORED. */
  exitCode: number;
  /** One line for the terminal and the report; '' when nothing errored. */
  message: string;
}

/**
 * `known` errors are gaps the run explains on its own (reproduce: questions
 * whose published column holds grades, not responses); they are reported but
 * do not count against the rate.
 */
export function judgeErrors(totals: ErrorTotals, maxRate: number, known = 0): ErrorVerdict {
  const counted = Math.max(0, totals.errors - known);
  const knownText = known > 0 ? ` (${Math.min(known, totals.errors)} more are known gaps of the data and not counted)` : '';
  if (counted === 0) return { exitCode: 0, message: known > 0 && totals.errors > 0 ? `no test errored${knownText}` : '' };
  const rate = totals.tests ? counted / totals.tests : 1;
  const what = `${counted} of ${totals.tests} tests errored (${percent(rate)})${knownText}; their rows count them as errors, not answers`;
  if (rate <= maxRate) return { exitCode: 0, message: `${what}; accepted by --max-error-rate ${maxRate}` };
  return {
    exitCode: EXIT_TESTS_ERRORED,
    message: `${what}; exit ${EXIT_TESTS_ERRORED} (accept up to a share with --max-error-rate, e.g. --max-error-rate ${Math.min(1, Math.ceil(rate * 100) / 100)})`,
  };
}
