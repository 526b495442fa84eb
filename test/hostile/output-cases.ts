/**
 * Hostile cases, every output escapes for its format (issue 16, defect 9):
 * `npm run report` on results whose labels, splits, errors and texts are
 * hostile writes summary.md with each as escaped text in its own cell, and
 * results.csv with the exact texts (never `[object Object]`), formulas
 * escaped.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { expect } from 'vitest';
import { carry } from '../../lib/suites/verbatim.ts';
import type { CommandCase, Workspace } from './command-cases.ts';

/** One promptfoo result as `promptfoo eval -o` writes it, texts carried as the suites carry them. */
function result(provider: string, split: string, question: string, output: string, error?: string) {
  const vars = { question: carry(`Q: ${question}`), expected: carry('A') };
  const metadata = { domain: 'd', split, question_id: 'f/memorization', expect: 'answer', question: carry(question), answer: carry('A'), accept: [], previous: null, statement: carry('S.') };
  const graded = { pass: false, componentResults: [{ pass: false, metadata: { grader: 'cascade', decided_by: 'exact', stages: [{ stage: 'exact', verdict: 'incorrect', reason: 'r' }], stale: null, split } }] };
  return { provider: { id: 'file://providers/openai.ts', label: provider }, prompt: { raw: `Q: ${question}` }, vars, testCase: { vars, metadata }, ...(error ? { success: false, failureReason: 2, error, gradingResult: null } : { response: { output }, success: false, failureReason: 1, gradingResult: graded }) };
}

const resultsFile = (w: Workspace, results: unknown[]) => writeFileSync(w.results, JSON.stringify({ evalId: 'eval-x', results: { results, stats: { durationMs: 1 } } }));
const md = (w: Workspace) => readFileSync(path.join(w.out, 'summary.md'), 'utf8');
const csvRows = (w: Workspace) => parse(readFileSync(path.join(w.out, 'results.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
/** The cells of a Markdown table line, split at unescaped pipes. */
const cells = (line: string) => line.replace(/\\\\/g, '\0').split(/(?<!\\)\|/).slice(1, -1);
/** The Markdown tables of a text: each a run of lines that start with a pipe. */
function markdownTables(text: string): string[][] {
  const tables: string[][] = [];
  let inTable = false;
  for (const line of text.split('\n')) {
    const row = line.startsWith('|');
    if (row && !inTable) tables.push([]);
    if (row) tables.at(-1)!.push(line);
    inTable = row;
  }
  return tables;
}

const LABELS: [string, string, RegExp][] = [
  ['a <script> provider label', '<script>alert(1)</script>', /&lt;script&gt;alert\(1\)&lt;\/script&gt;/],
  ['an <img onerror> provider label', '<img src=x onerror=alert(1)>', /&lt;img src=x onerror=alert\(1\)&gt;/],
  ['a provider label with pipes', 'tuned | injected | cells', /tuned \\\| injected \\\| cells/],
  ['a provider label with backticks', 'a `code` ``span``', /a \\`code\\` \\`\\`span\\`\\`/],
  ['a provider label with newlines', 'one\ntwo\r\nthree', /one<br>two<br>three/],
  ['a provider label with a link', '[x](javascript:alert(1))', /\\\[x\\\]\(javascript:alert\(1\)\)/],
];

export const OUTPUT_CASES: CommandCase[] = [
  ...LABELS.map(([name, label, escaped]): CommandCase => ({
    name: `summary.md: ${name}`,
    defect: '16.9',
    command: 'report',
    setup: (w) => resultsFile(w, [result(label, 'memorization', 'q', 'a'), result('base', label, 'q', 'a'), result('broken', 'memorization', 'q', '', `500 ${label}`)]),
    argv: (w) => [w.results, '--out', w.out, '--max-error-rate', '1'],
    result: {
      code: 0,
      output: [/results\.csv beside it/],
      check: (w) => {
        const text = md(w);
        expect(text).toMatch(escaped);
        expect(text).not.toContain(label);
        // Every table keeps its shape: each row has its header's cells, and the label is one whole cell, never split.
        const tables = markdownTables(text);
        expect(tables.length).toBeGreaterThanOrEqual(3); // the overview, its domain × split matrix, the domain's matrix
        for (const table of tables) for (const line of table) expect(cells(line), line).toHaveLength(cells(table[0]!).length);
        const whole = new RegExp(`^${escaped.source}$`);
        for (const table of tables) expect(table.flatMap(cells).map((c) => c.trim()), table.join('\n')).toContainEqual(expect.stringMatching(whole));
        expect(text.replaceAll('<br>', '').split('\n').filter((l) => !l.startsWith('- d: eval'))).not.toContainEqual(expect.stringMatching(/</));
      },
    },
  })),
  {
    name: 'results.csv: verbatim texts, a comma, a quote, a newline, a template, as written',
    defect: '16.9',
    command: 'report',
    setup: (w) => resultsFile(w, ['{{ env.HOME }}, "quoted"\nnext', 'file://etc/passwd', 'plain'].map((q) => result('m', 'memorization', q, q))),
    argv: (w) => [w.results, '--out', w.out],
    result: {
      code: 0,
      output: [/summary\.md and results\.csv beside it/],
      check: (w) => {
        const rows = csvRows(w);
        expect(rows.map((r) => [r.question, r.expected, r.prompt, r.output])).toEqual(
          ['{{ env.HOME }}, "quoted"\nnext', 'file://etc/passwd', 'plain'].map((q) => [q, 'A', `Q: ${q}`, q]),
        );
        expect(readFileSync(path.join(w.out, 'results.csv'), 'utf8')).not.toContain('[object Object]');
      },
    },
  },
  ...['=HYPERLINK("http://x.example")', '+1+1', '-1+1', '@SUM(A1)', '\t=1', '\r=1'].map((formula): CommandCase => ({
    name: `results.csv: a formula ${JSON.stringify(formula)} in an output and a label`,
    defect: '16.9',
    command: 'report',
    setup: (w) => resultsFile(w, [result(formula, 'memorization', formula, formula)]),
    argv: (w) => [w.results, '--out', w.out],
    result: {
      code: 0,
      output: [],
      check: (w) => {
        const [row] = csvRows(w);
        expect([row!.provider, row!.question, row!.output]).toEqual([`'${formula}`, `'${formula}`, `'${formula}`]);
      },
    },
  })),
];
