/**
 * Undecided answers are shown, not hidden in "fail": answers graded by the
 * assertion's own code (assertions/answer-match.ts, no judge) go through
 * `npm run report` in-process, and every place a person reads carries n,
 * decided, undecided and the accuracy bounds (summary.json, the terminal
 * table, the HTML page), the last line says how many answers need a judge,
 * and promptfoo's named scores carry the share undecided and the upper
 * bound. With a judge the bounds meet. With `--repeat`, a question's
 * repeats count once.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import answerMatch from '../assertions/answer-match.ts';
import type { Summary } from '../lib/report/summary.ts';
import { summarizeResults, type PromptfooResultLike } from '../lib/report/summary.ts';
import { wilsonInterval } from '../lib/report/wilson.ts';
import { main as reportMain } from '../scripts/commands/report.ts';
import { runMain } from './helpers/command.ts';
import { fixedJudge } from './helpers/grading.ts';
import { tempDir } from './helpers/run.ts';

const meta = (questionId: string, split = 'rephrased') => ({
  domain: 'people', kind: 'new', split, fact: questionId, question_id: questionId, expect: 'answer',
  question: 'Who leads the Halcyon team?', answer: 'Orla Venn', accept: [], previous: null, statement: 'Orla Venn leads the Halcyon team.',
});

/** A promptfoo result as promptfoo writes it, graded by answer-match. */
async function result(output: string, questionId: string, config: Record<string, unknown> = { judge: false }): Promise<PromptfooResultLike> {
  const metadata = meta(questionId);
  const grading = await answerMatch(output, { vars: { question: metadata.question }, test: { metadata }, config });
  return { provider: { id: 'lookup' }, testCase: { metadata }, success: grading.pass, gradingResult: { ...grading, componentResults: [grading] } };
}

// One right, one wrong (a short wrong answer), two no free stage can decide.
const OUTPUTS: [string, string][] = [['Orla Venn', 'q1'], ['Tomas Reed', 'q2'], ['Maybe Orla Venn.', 'q3'], ['Kit Maro or Orla Venn', 'q4']];

describe('undecided answers in the reports', () => {
  it('summary rows carry n, decided, undecided and both bounds with their Wilson intervals', async () => {
    const rows = summarizeResults(await Promise.all(OUTPUTS.map(([o, q]) => result(o, q))));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ n: 4, correct: 1, decided: 2, undecided: 2, accuracy: 0.25 });
    expect(rows[0]!.bounds).toEqual({ lower: 0.25, upper: 0.75, lowerCi95: wilsonInterval(1, 4), upperCi95: wilsonInterval(3, 4) });
  });

  it('with a judge every answer is decided and the bounds meet', async () => {
    const judge = fixedJudge(true);
    const graded = await Promise.all(OUTPUTS.map(([o, q]) => result(o, q, { judge: false })));
    // The same answers, judged: what the free stages left undecided, the judge decides.
    const judged = await Promise.all(
      graded.map(async (r, i) => {
        const { grade } = await import('../lib/grading/grade.ts');
        const { toGradingResult } = await import('../lib/grading/grading-result.ts');
        const { referenceFromTest } = await import('../lib/suites/test-case.ts');
        const g = toGradingResult(await grade('cascade', referenceFromTest({}, meta(OUTPUTS[i]![1])), OUTPUTS[i]![0], { split: 'rephrased', judge }));
        return { ...r, gradingResult: { ...g, componentResults: [g] } };
      }),
    );
    const [row] = summarizeResults(judged);
    expect(row).toMatchObject({ n: 4, decided: 4, undecided: 0, correct: 3 });
    expect(row!.bounds!.lower).toBe(row!.bounds!.upper);
  });

  it('promptfoo named scores: the split, and without a judge whether it is undecided and its upper bound', async () => {
    expect((await result('Maybe Orla Venn.', 'q3')).gradingResult).toMatchObject({
      pass: false,
      namedScores: { rephrased: 0, undecided: 1, upper: 1 },
    });
    expect((await result('Tomas Reed', 'q2')).gradingResult).toMatchObject({
      namedScores: { rephrased: 0, undecided: 0, upper: 0 },
    });
  });

  it('npm run report: summary.json, the table, the HTML page and the last line show them', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'results.json');
    writeFileSync(file, JSON.stringify({ evalId: 'eval-1', results: { results: await Promise.all(OUTPUTS.map(([o, q]) => result(o, q))), stats: { durationMs: 1 } } }));
    const out = path.join(dir, 'report');
    const run = await runMain(reportMain, [file, '--out', out]);
    expect(run.code, run.stderr).toBe(0);
    const summary = JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8')) as Summary;
    expect(summary.rows[0]).toMatchObject({ n: 4, decided: 2, undecided: 2, bounds: { lower: 0.25, upper: 0.75 } });
    // The provider × split matrix: accuracy and n, the interval, the undecided and the accuracy if they were right, each cell a column of lines.
    expect(run.stdout).toMatch(/│ provider │ rephrased\s+│\n[^\n]*\n│ lookup\s+│ 0\.250 n 4\s+│\n│\s+│ \[[\d.]+, [\d.]+\]\s+│\n│\s+│ 2 undecided\s+│\n│\s+│ upper 0\.750\s+│/);
    expect(run.stdout).toContain('upper: the accuracy if every one were right');
    expect(run.stdout.trimEnd().split('\n').at(-1)).toBe(
      '2 of 4 answers need a judge (no free grading stage could decide them; they count as wrong in accuracy): set FTBENCH_JUDGE (e.g. openai:chat:gpt-4.1-mini) or config.judge',
    );
    const html = readFileSync(path.join(out, 'index.html'), 'utf8');
    expect(html).toMatch(/<td class="lines">0\.250 n 4\n\[[\d.]+, [\d.]+\]\n2 undecided\nupper 0\.750<\/td>/);
    expect(readFileSync(path.join(out, 'summary.md'), 'utf8')).toContain('2 of 4 answers need a judge');
  });

  it('with --repeat, a question is the unit: n counts questions, the interval is over questions, repeats are said', async () => {
    const once = await Promise.all([['Orla Venn', 'q1'], ['Orla Venn', 'q2'], ['Tomas Reed', 'q3']].map(([o, q]) => result(o!, q!)));
    const twice = [...once, ...once];
    const [row] = summarizeResults(twice);
    expect(row).toMatchObject({ n: 3, correct: 2, repeats: 2, ci95: wilsonInterval(2, 3) });
    // Uneven repeats: each question's share over its own answers.
    const [uneven] = summarizeResults([...once, once[0]!, await result('Tomas Reed', 'q1')]);
    expect(uneven).toMatchObject({ n: 3, repeats: [1, 3] });
    expect(uneven!.correct).toBeCloseTo(1 + 2 / 3, 6);
  });
});

describe('npm run agreement where nothing was measured', () => {
  it('gives no cascade accuracy for a row whose calls all failed (n = 0), and prints —', async () => {
    const { agreementRows } = await import('../lib/report/agreement.ts');
    const { renderAgreementTable } = await import('../lib/report/render-agreement.ts');
    const failed: PromptfooResultLike = { provider: { id: 'lookup' }, testCase: { metadata: meta('q1') }, failureReason: 2, error: 'boom' };
    const rows = agreementRows([failed, failed]);
    expect(rows[0]).toMatchObject({ n: 0, errors: 2, cascade: null });
    expect(renderAgreementTable(rows)).not.toMatch(/0\.000/);
  });
});
