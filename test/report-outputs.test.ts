/**
 * Every output escapes for its format (issue 16): `npm run report` writes
 * summary.md with every label and cell escaped for Markdown and HTML
 * (hostile provider labels, splits, domains and errors stay text and stay in
 * their cell), and results.csv with one row per test and output holding the
 * exact texts the suite carried (verbatim pieces joined, never
 * `[object Object]`), formula-escaped. Run in-process through main(argv, io).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { markdownCode, markdownText } from '../lib/report/markdown-text.ts';
import { RESULTS_CSV_COLUMNS, resultsCsv } from '../lib/report/results-csv.ts';
import { carry } from '../lib/suites/verbatim.ts';
import { main as report } from '../scripts/commands/report.ts';
import { runMain } from './helpers/command.ts';
import { tempDir } from './helpers/run.ts';

/** Labels an attacker (or a careless user) could give a provider, a split, a domain, an error. */
const HOSTILE = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  'a | b | c',
  'tick ` and ``fence``',
  'two\nlines\r\nand\rmore',
  '**bold** _em_ ~~gone~~',
  '[click](javascript:alert(1))',
  '![img](http://x.example/i.png)',
  '# heading',
  '&lt;already&gt; &amp; raw &',
  'back\\slash \\| pipe',
  // Line and paragraph separators, which JSON leaves raw and vega's expressions refuse: the charts must still draw.
  'line\u2028sep\u2029para\u0085nel',
];

const cascade = (pass: boolean, decidedBy: string | null) => ({
  pass,
  componentResults: [{ pass, metadata: { grader: 'cascade', decided_by: decidedBy, stages: [{ stage: 'exact', verdict: decidedBy ? (pass ? 'correct' : 'incorrect') : 'undecided', reason: 'r' }], stale: decidedBy ? false : null, split: 'memorization' } }],
});

/** A result as promptfoo writes it, the suite's texts carried as lib/suites/verbatim.ts carries them. */
function result(o: { provider: string; domain?: string; split?: string; id?: string; question: string; answer: string; accept?: string[]; output?: unknown; pass?: boolean; decidedBy?: string | null; error?: string }) {
  const vars = { question: carry(`Q: ${o.question}`), expected: carry(o.answer) };
  const metadata = { domain: o.domain ?? 'people', split: o.split ?? 'memorization', question_id: o.id ?? 'f/memorization', expect: 'answer', question: carry(o.question), answer: carry(o.answer), accept: (o.accept ?? []).map(carry), previous: null, statement: carry('S.') };
  return {
    provider: { id: 'file://providers/openai.ts', label: o.provider },
    prompt: { raw: `Q: ${o.question}`, label: 'question' },
    vars,
    testCase: { vars, metadata },
    response: o.error ? undefined : { output: o.output },
    ...(o.error
      ? { success: false, failureReason: 2, error: o.error, gradingResult: null }
      : { success: o.pass ?? false, failureReason: o.pass ? 0 : 1, gradingResult: cascade(o.pass ?? false, o.decidedBy === undefined ? 'exact' : o.decidedBy) }),
  };
}

/** Unescaped `|` in a Markdown line: the cell separators a renderer sees. */
const separators = (line: string) => line.replace(/\\\\/g, '').replace(/\\\|/g, '').split('|').length - 1;

async function reportOf(results: unknown[]) {
  const dir = tempDir('ftbench-report-outputs-');
  const file = path.join(dir, 'results.json');
  writeFileSync(file, JSON.stringify({ evalId: 'eval-`x`<b>', results: { results, stats: { durationMs: 1 } } }));
  const out = path.join(dir, 'out');
  const r = await runMain(report, [file, '--out', out, '--max-error-rate', '1'], { env: { FTBENCH_REPORTS_DIR: path.join(dir, 'reports') }, cwd: dir });
  expect(r.code, r.stderr).toBe(0);
  return { r, md: readFileSync(path.join(out, 'summary.md'), 'utf8'), csv: readFileSync(path.join(out, 'results.csv'), 'utf8'), out };
}

describe('summary.md', () => {
  it('holds every hostile label and error as text, in its own cell, with no HTML of its own', async () => {
    const results = HOSTILE.flatMap((label, i) => [
      result({ provider: label, question: `q${i}`, answer: 'a', output: 'a', pass: true }),
      result({ provider: `p${i}`, split: label, question: `q${i}`, answer: 'a', output: 'b' }),
      result({ provider: `e${i}`, question: `q${i}`, answer: 'a', error: `500 ${label}` }),
    ]);
    const { md, r } = await reportOf(results);
    // No tag but the line breaks the escaping made (the evals list aside: its eval ids are code spans, where < shows as it is).
    expect(md.split('\n').filter((l) => !/^- people: eval /.test(l)).join('\n').replaceAll('<br>', '')).not.toMatch(/</);
    expect(md).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(md).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(md).toContain('a \\| b \\| c');
    expect(md).toContain('two<br>lines<br>and<br>more');
    expect(md).toContain('\\[click\\](javascript:alert(1))');
    expect(md).toContain('&amp;lt;already&amp;gt; &amp;amp; raw &amp;');
    expect(md).toContain('\\*\\*bold\\*\\* \\_em\\_ \\~\\~gone\\~\\~');
    expect(md).toContain('- people: eval ``eval-`x`<b>`` from `');
    // Every row of every table has as many cells as its header.
    const lines = md.split('\n');
    let width = -1;
    for (const [i, line] of lines.entries()) {
      if (!line.startsWith('|')) {
        width = -1;
        continue;
      }
      if (width === -1) width = separators(line);
      expect(separators(line), `line ${i + 1}: ${line}`).toBe(width);
    }
    // Headings are the report's own.
    expect(lines.filter((l) => l.startsWith('#'))).toEqual([
      '# Evaluation summary',
      '## Overview: memorization vs generalization',
      '### Overview: accuracy by provider, domain and split',
      '## Accuracy by provider and split',
      '### people',
      '## Evals',
    ]);
    // The terminal shows what was written, raw: escaping is summary.md's.
    expect(r.stdout).toContain('<script>alert(1)</script>');
  });

  it('escapes text for Markdown and HTML, and fences code that holds backticks', () => {
    expect(markdownText('<a href="x">|`*_~[]#\\&\n')).toBe('&lt;a href="x"&gt;\\|\\`\\*\\_\\~\\[\\]\\#\\\\&amp;<br>');
    expect(markdownText('gpt-4o-mini tuned 3 epochs (lr 2.0)')).toBe('gpt-4o-mini tuned 3 epochs (lr 2.0)');
    expect(markdownCode('eval-abc')).toBe('`eval-abc`');
    expect(markdownCode('a`b')).toBe('``a`b``');
    expect(markdownCode('`start')).toBe('`` `start ``');
    expect(markdownCode('x\ny')).toBe('`x y`');
  });
});

describe('results.csv', () => {
  const TEXTS = [
    'plain text, with a comma',
    'a "quoted" word',
    'two\nlines',
    '{{ env.HOME }} and {% raw %} stay',
    'file://etc/passwd',
    'trailing newline\n',
    'Café — ünïcödé 日本語',
  ];

  it('has one row per test and output with the exact texts the suite carried, never [object Object]', async () => {
    const results = TEXTS.flatMap((t, i) => [
      result({ provider: 'tuned', id: `f${i}/memorization`, question: t, answer: `${t} A`, accept: [t, 'x,y'], output: t, pass: true }),
      result({ provider: 'base', id: `f${i}/memorization`, question: t, answer: `${t} A`, output: { structured: t }, decidedBy: null }),
      result({ provider: 'broken', id: `f${i}/memorization`, question: t, answer: `${t} A`, error: `429 ${t}` }),
    ]);
    const { csv, r } = await reportOf(results);
    expect(r.stdout).toMatch(/wrote .*index\.html \(charts\), summary\.json, summary\.md and results\.csv beside it/);
    expect(csv).not.toContain('[object Object]');
    const rows = parse(csv, { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual([...RESULTS_CSV_COLUMNS]);
    expect(rows).toHaveLength(results.length);
    TEXTS.forEach((t, i) => {
      const [tuned, base, broken] = rows.slice(3 * i, 3 * i + 3);
      expect(tuned).toEqual({
        domain: 'people', split: 'memorization', question_id: `f${i}/memorization`, provider: 'tuned',
        prompt: `Q: ${t}`, question: t, expected: `${t} A`, accept: JSON.stringify([t, 'x,y']), output: t,
        verdict: 'correct', decided_by: 'exact', stale: 'false', error: '',
      });
      expect(base).toMatchObject({ provider: 'base', question: t, output: JSON.stringify({ structured: t }), verdict: 'undecided', decided_by: '', stale: '' });
      expect(broken).toMatchObject({ provider: 'broken', question: t, output: '', verdict: 'error', error: `429 ${t}` });
    });
  });

  it.each([
    ['=HYPERLINK("http://x.example","y")'],
    ['+1+1'],
    ['-2+3'],
    ['@SUM(A1:A2)'],
    ['\t=cmd'],
    ['\r=cmd'],
    ['＝1+1'],
  ])('escapes a formula %j in any cell with a leading quote', (formula) => {
    const csv = resultsCsv([result({ provider: formula, split: formula, question: formula, answer: formula, output: formula, pass: true })]);
    const [row] = parse(csv, { columns: true }) as Record<string, string>[];
    for (const column of ['provider', 'split', 'question', 'expected', 'output']) expect(row![column], column).toBe(`'${formula}`);
    // A cell that only holds one inside is left as it is.
    expect(row!.prompt).toBe(`Q: ${formula}`);
  });
});
