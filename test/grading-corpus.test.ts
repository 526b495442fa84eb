/**
 * The labelled grading corpus (test/helpers/grading-corpus.ts and its
 * adversarial part, grading-corpus-adversarial.ts, in visible categories)
 * through the cascade without a judge: every verdict as labelled, then the
 * cascade's precision against what a person marks correct (it must never
 * pass a wrong answer, nor take an answer for a decline) and its recall,
 * overall and on the natural correct answers.
 */
import { describe, expect, it } from 'vitest';
import { grade } from '../lib/grading/grade.ts';
import { ADVERSARIAL } from './helpers/grading-corpus-adversarial.ts';
import { CORPUS, type Expected } from './helpers/grading-corpus.ts';

async function cascadeVerdict(ref: (typeof CORPUS)[number]['ref'], output: string): Promise<{ verdict: Expected; pass: boolean }> {
  const outcome = await grade('cascade', ref, output, { split: 'corpus' });
  const decided = outcome.stages.find((s) => s.stage === outcome.decidedBy);
  return { verdict: decided ? (`${decided.stage}:${decided.verdict}` as Expected) : 'undecided', pass: outcome.pass };
}

const groups = [...CORPUS.map((g) => ({ ...g, category: 'labelled answers of every kind' })), ...ADVERSARIAL];
const cases = groups.flatMap((g) => g.cases.map((c) => ({ ...c, kind: g.kind, category: g.category, ref: g.ref })));
const NATURAL = 'natural correct answers';

describe(`the grading corpus: ${cases.length} labelled outputs`, () => {
  it('has at least 300 cases, 150 of them adversarial, across answer kinds and categories', () => {
    expect(cases.length).toBeGreaterThanOrEqual(300);
    expect(ADVERSARIAL.flatMap((g) => g.cases).length).toBeGreaterThanOrEqual(150);
    expect(new Set(groups.map((g) => g.kind)).size).toBeGreaterThanOrEqual(10);
    expect(new Set(ADVERSARIAL.map((g) => g.category)).size).toBeGreaterThanOrEqual(15);
  });

  it.each(cases.map((c) => [c.category, c.ref.answer || '(decline)', c.output, c.cascade, c] as const))('%s: %j ← %j: %s', async (_category, _answer, output, expected, c) => {
    expect((await cascadeVerdict(c.ref, output)).verdict).toBe(expected);
  });

  it('the cascade without a judge: precision 1.00 (no false pass, no answer taken for a decline); recall stated', async () => {
    let truePass = 0;
    let falsePass = 0;
    let missed = 0;
    let natural = 0;
    let naturalPassed = 0;
    for (const c of cases) {
      const { pass } = await cascadeVerdict(c.ref, c.output);
      if (pass && c.human) truePass++;
      else if (pass) falsePass++;
      else if (c.human) missed++;
      if (c.category === NATURAL && c.human) {
        natural++;
        if (pass) naturalPassed++;
      }
    }
    const precision = truePass / (truePass + falsePass);
    const recall = truePass / (truePass + missed);
    console.log(
      `grading corpus, cascade without a judge: ${cases.length} cases, ${truePass + missed} marked correct by a person; ` +
        `passed ${truePass + falsePass} (${falsePass} wrongly); precision ${precision.toFixed(2)}, recall ${recall.toFixed(2)} (${missed} left for a judge); ` +
        `natural correct answers: ${naturalPassed} of ${natural} passed, recall ${(naturalPassed / natural).toFixed(2)}`,
    );
    expect(falsePass).toBe(0);
    expect(naturalPassed / natural).toBeGreaterThanOrEqual(0.8);
  });
});
