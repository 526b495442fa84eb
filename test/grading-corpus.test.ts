/**
 * The labelled grading corpus (test/helpers/grading-corpus.ts) through the
 * cascade without a judge: every verdict as labelled, then the cascade's
 * precision and recall against what a person marks correct.
 */
import { describe, expect, it } from 'vitest';
import { grade } from '../lib/grading/grade.ts';
import { CORPUS, type Expected } from './helpers/grading-corpus.ts';

async function cascadeVerdict(ref: (typeof CORPUS)[number]['ref'], output: string): Promise<{ verdict: Expected; pass: boolean }> {
  const outcome = await grade('cascade', ref, output, { split: 'corpus' });
  const decided = outcome.stages.find((s) => s.stage === outcome.decidedBy);
  return { verdict: decided ? (`${decided.stage}:${decided.verdict}` as Expected) : 'undecided', pass: outcome.pass };
}

const cases = CORPUS.flatMap((g) => g.cases.map((c) => ({ ...c, kind: g.kind, ref: g.ref })));

describe(`the grading corpus: ${cases.length} labelled outputs`, () => {
  it('has at least 120 cases across answer kinds', () => {
    expect(cases.length).toBeGreaterThanOrEqual(120);
    expect(new Set(CORPUS.map((g) => g.kind)).size).toBeGreaterThanOrEqual(10);
  });

  it.each(cases.map((c) => [c.kind, c.ref.answer || '(decline)', c.output, c.cascade, c] as const))('%s, %j ← %j: %s', async (_kind, _answer, output, expected, c) => {
    expect((await cascadeVerdict(c.ref, output)).verdict).toBe(expected);
  });

  it('the cascade without a judge: precision 1.00 (no false pass), recall at least 0.90', async () => {
    let truePass = 0;
    let falsePass = 0;
    let missed = 0;
    for (const c of cases) {
      const { pass } = await cascadeVerdict(c.ref, c.output);
      if (pass && c.human) truePass++;
      else if (pass) falsePass++;
      else if (c.human) missed++;
    }
    const precision = truePass / (truePass + falsePass);
    const recall = truePass / (truePass + missed);
    console.log(
      `grading corpus, cascade without a judge: ${cases.length} cases, ${truePass + missed} marked correct by a person; ` +
        `passed ${truePass + falsePass} (${falsePass} wrongly); precision ${precision.toFixed(2)}, recall ${recall.toFixed(2)} (${missed} left for a judge)`,
    );
    expect(falsePass).toBe(0);
    expect(recall).toBeGreaterThanOrEqual(0.9);
  });
});
