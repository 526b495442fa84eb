/**
 * results.csv: one row per test and output (one promptfoo result), with the
 * exact texts the suite carries: the prompt sent, the bare question, the
 * expected answer and what else is accepted, and the output. promptfoo's own
 * `-o results.csv` writes every text the suite protects
 * (`{ verbatim: [pieces] }`, lib/suites/verbatim.ts) as `[object Object]`.
 *
 * Written with csv-stringify (RFC 4180: a cell holding a comma, a quote or a
 * line break is quoted) with formula escaping: a cell that starts with =, +,
 * -, @, a tab or a carriage return (or their full-width forms) gets a leading
 * `'`, so a spreadsheet shows it as text instead of running it as a formula.
 */
import { stringify } from 'csv-stringify/sync';
import { gradingRecords } from '../grading/grading-result.ts';
import { textOf } from '../suites/verbatim.ts';
import { answerVerdict, isErrored, providerName, type PromptfooResultLike } from './summary.ts';

export const RESULTS_CSV = 'results.csv';

export const RESULTS_CSV_COLUMNS = ['domain', 'split', 'question_id', 'provider', 'prompt', 'question', 'expected', 'accept', 'output', 'verdict', 'decided_by', 'stale', 'error'] as const;

/** The parts of a promptfoo result the CSV reads beyond the summary's. */
interface CsvResultLike extends PromptfooResultLike {
  vars?: Record<string, unknown>;
  prompt?: { raw?: unknown } | string;
  testCase?: { vars?: Record<string, unknown>; metadata?: Record<string, unknown> };
}

/** A value as a cell: text as it is; anything else (a structured output) as JSON; nothing as empty. */
const cell = (value: unknown): string => (value === undefined || value === null ? '' : typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value)));
const text = (value: unknown): string => textOf(value) ?? cell(value);

function row(result: PromptfooResultLike): Record<(typeof RESULTS_CSV_COLUMNS)[number], string> {
  const r = result as CsvResultLike;
  const meta = { ...(r.metadata ?? {}), ...(r.testCase?.metadata ?? {}) };
  const vars = { ...(r.testCase?.vars ?? {}), ...(r.vars ?? {}) };
  const errored = isErrored(r);
  const record = gradingRecords(r).find((g) => g.grader === 'cascade') ?? gradingRecords(r)[0];
  const verdict = answerVerdict(r);
  const accept = Array.isArray(meta.accept) ? meta.accept.map(text) : [];
  return {
    domain: cell(meta.domain),
    split: cell(meta.split),
    question_id: cell(meta.question_id),
    provider: providerName(r),
    prompt: typeof r.prompt === 'string' ? r.prompt : text(r.prompt?.raw),
    question: text(meta.question ?? vars.question),
    expected: text(vars.expected ?? meta.answer),
    accept: accept.length ? JSON.stringify(accept) : '',
    output: cell(r.response?.output),
    verdict: errored ? 'error' : record && record.decidedBy === null ? 'undecided' : verdict.pass ? 'correct' : 'incorrect',
    decided_by: errored ? '' : (record?.decidedBy ?? ''),
    stale: errored || verdict.stale === null ? '' : String(verdict.stale),
    error: errored ? cell(r.error) : '',
  };
}

/** The CSV of `results`: a header, then one row per result in the order given. */
export function resultsCsv(results: readonly PromptfooResultLike[]): string {
  return stringify(results.map(row), { header: true, columns: [...RESULTS_CSV_COLUMNS], escape_formulas: true });
}
