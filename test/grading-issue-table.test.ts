/**
 * The grading defects a new user met, tried as they tried them: promptfoo's
 * `echo` provider feeds chosen outputs to assertions/answer-match.ts, with no
 * accept lists and no judge, through the promptfoo CLI.
 *
 *   output                  reference            right
 *   It is not Halcyon-7.    Halcyon-7            not decided by contains (negation "not")
 *   Zoe Angstrom-Reyes      Zoë Ångström-Reyes   pass (and the reverse)
 *   March 14, 2031          14 March 2031        pass (same calendar date)
 *   No                      Yes (Yes/No)         fail, decided by the choices, no judge call
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { readPromptfooOutput } from '../lib/eval/run-promptfoo.ts';
import { gradingRecords } from '../lib/grading/grading-result.ts';
import { PROJECT_ROOT } from '../lib/foundation/project-root.ts';
import type { PromptfooResultLike } from '../lib/report/summary.ts';
import { runPromptfoo, tempDir } from './helpers/run.ts';

const ANSWER_MATCH = `file://${path.join(PROJECT_ROOT, 'assertions', 'answer-match.ts')}`;

interface Row {
  output: string;
  answer: string;
  choices?: string[];
  judge?: unknown;
}

const ROWS: Row[] = [
  { output: 'It is not Halcyon-7.', answer: 'Halcyon-7' },
  { output: 'Zoe Angstrom-Reyes', answer: 'Zoë Ångström-Reyes' },
  { output: 'Zoë Ångström-Reyes', answer: 'Zoe Angstrom-Reyes' },
  { output: 'March 14, 2031', answer: '14 March 2031' },
  // A judge that cannot judge (echo repeats its prompt: a malformed verdict, hence an error) proves none was asked.
  { output: 'No', answer: 'Yes', choices: ['Yes', 'No'], judge: 'echo' },
];

describe('the issue table, through promptfoo with the echo provider', () => {
  let results: PromptfooResultLike[];

  beforeAll(() => {
    const dir = tempDir();
    const suite = {
      description: 'grading defects',
      prompts: ['{{question}}'],
      providers: ['echo'],
      tests: ROWS.map((row, i) => ({
        vars: { question: row.output },
        metadata: {
          domain: 'issue-table', kind: 'new', split: 'memorization', fact: `f${i}`, question_id: `q${i}`, expect: 'answer',
          question: 'Q?', answer: row.answer, accept: [], previous: null, statement: 'S.', ...(row.choices ? { choices: row.choices } : {}),
        },
        assert: [{ type: 'javascript', value: ANSWER_MATCH, config: { judge: row.judge ?? false } }],
      })),
    };
    const file = path.join(dir, 'suite.yaml');
    writeFileSync(file, stringify(suite));
    const out = path.join(dir, 'results.json');
    const r = runPromptfoo(['eval', '-c', file, '-o', out, '--no-progress-bar', '--no-table'], { PROMPTFOO_CONFIG_DIR: tempDir('ftbench-pfdb-') });
    expect([0, 100], r.stderr + r.stdout).toContain(r.code);
    results = readPromptfooOutput(out).results;
  });

  const row = (i: number) => {
    const r = results.find((x) => x.testCase?.metadata?.question_id === `q${i}`)!;
    return { result: r, graded: gradingRecords(r)[0]! };
  };

  it('a negated mention is not decided by contains: it is undecided, naming the negation, when there is no judge', () => {
    const { result, graded } = row(0);
    expect(result.success).toBe(false);
    expect(graded.decidedBy).toBeNull();
    expect(graded.stages.find((s) => s.stage === 'contains')).toMatchObject({ verdict: 'undecided', reason: 'negation "not"' });
    expect((result.gradingResult as { reason: string }).reason).toMatch(/a judge would decide: set FTBENCH_JUDGE/);
  });

  it('diacritics fold, both ways', () => {
    for (const i of [1, 2]) expect(row(i).graded).toMatchObject({ pass: true, decidedBy: 'exact' });
  });

  it('the same calendar date matches', () => {
    expect(row(3).graded).toMatchObject({ pass: true, decidedBy: 'exact' });
  });

  it('"No" to a question whose answer is Yes fails, decided by the choices, and no judge is asked', () => {
    const { result, graded } = row(4);
    expect(result).toMatchObject({ success: false, failureReason: 1 });
    expect(graded).toMatchObject({ pass: false, decidedBy: 'contains', judge: null });
    expect(graded.stages.map((s) => s.stage)).toEqual(['exact', 'contains']);
  });
});
