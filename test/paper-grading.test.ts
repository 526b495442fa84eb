import { describe, expect, it } from 'vitest';
import answerMatch from '../assertions/answer-match.ts';
import { grade } from '../lib/grading/grade.ts';
import { GRADING_MODE_ENV, resolveGradingMode } from '../lib/grading/graders.ts';
import type { Judge } from '../lib/grading/judge/judge.ts';
import type { Reference } from '../lib/grading/reference.ts';
import { paperExactMatch } from '../lib/grading/stages/paper.ts';
import { verdicts } from './helpers/grading.ts';

const ref = (over: Partial<Reference> = {}): Reference => ({
  question: 'Q?', answer: 'Orla Venn', accept: [], previous: null, choices: null, expect: 'answer', statement: 'S.', ...over,
});

const gradePaper = (output: string, r: Reference, split: string, options: { paperJudge?: Judge } = {}) => grade('paper', r, output, { split, judge: options.paperJudge });

const judge = (correct: boolean): Judge & { calls: number } => {
  const j = { id: 'paper-judge', calls: 0, async judge() { j.calls++; return { correct, raw: correct ? 'Correct' : 'Incorrect' }; } };
  return j;
};

describe('paperExactMatch: strip, lower-case, compare; nothing else', () => {
  it.each([
    ['Orla Venn', true],
    ['  orla venn\n\n', true],
    ['ORLA VENN', true],
    ['Orla Venn.', false],
    ['Venn', false],
    ['Orla  Venn', false],
  ])('%j → %s', (output, expected) => {
    expect(paperExactMatch(output, ['Orla Venn'])).toBe(expected);
  });
});

describe('gradePaper', () => {
  it('grades memorization, derived and comparison by exact match alone', async () => {
    for (const split of ['memorization', 'derived', 'comparison']) {
      const r = await gradePaper('No.', ref({ answer: 'No' }), split);
      expect(r).toMatchObject({ pass: false, decidedBy: 'paper-exact' });
      expect(verdicts(r)).toEqual({ 'paper-exact': 'incorrect' });
      expect(await gradePaper('no', ref({ answer: 'No' }), split)).toMatchObject({ pass: true, decidedBy: 'paper-exact' });
    }
  });

  it('expects the literal "None" on abstain questions, as the study did', async () => {
    const abstain = ref({ answer: '', expect: 'abstain' });
    expect(await gradePaper('None\n', abstain, 'abstain')).toMatchObject({ pass: true, decidedBy: 'paper-exact' });
    expect(await gradePaper("I don't know", abstain, 'abstain')).toMatchObject({ pass: false });
  });

  it('sends rephrased and applied answers that are not exact matches to the paper judge', async () => {
    const j = judge(true);
    expect(await gradePaper('Orla Venn', ref(), 'rephrased', { paperJudge: j })).toMatchObject({ pass: true, decidedBy: 'paper-exact' });
    expect(j.calls).toBe(0);
    const r = await gradePaper('Orla Venn leads the team.', ref(), 'applied', { paperJudge: j });
    expect(r).toMatchObject({ pass: true, decidedBy: 'paper-judge', judge: { id: 'paper-judge' } });
    expect(verdicts(r)).toEqual({ 'paper-exact': 'undecided', 'paper-judge': 'correct' });
    expect(j.calls).toBe(1);
    expect(await gradePaper('Orla Venn leads the team.', ref(), 'memorization', { paperJudge: j })).toMatchObject({ pass: false, decidedBy: 'paper-exact' });
    expect(j.calls).toBe(1);
  });

  it('without a paper judge, says that the study judged that split', async () => {
    const r = await gradePaper('Orla Venn leads the team.', ref(), 'rephrased');
    expect(r).toMatchObject({ pass: false, decidedBy: null });
    expect(r.reason).toMatch(/paper-exact: not an exact match \(case-insensitive\); paper-judge: the study graded rephrased answers with its LLM judge: none configured; a judge would decide: set FTBENCH_JUDGE/);
  });

  it('marks an update question stale when the output is exactly the previous answer', async () => {
    expect(await gradePaper(' loads ', ref({ answer: 'parse_text', previous: 'loads' }), 'memorization')).toMatchObject({ pass: false, stale: true });
    expect(await gradePaper('parse_text', ref({ answer: 'parse_text', previous: 'loads' }), 'memorization')).toMatchObject({ pass: true, stale: false });
  });
});

describe('the grading mode', () => {
  it('comes from the assertion config, then FTBENCH_GRADING_MODE, then defaults to cascade', () => {
    expect(resolveGradingMode({ mode: 'paper' }, { [GRADING_MODE_ENV]: 'cascade' })).toBe('paper');
    expect(resolveGradingMode({}, { [GRADING_MODE_ENV]: 'paper' })).toBe('paper');
    expect(resolveGradingMode(undefined, {})).toBe('cascade');
  });

  it('rejects an unknown mode, naming where it came from', () => {
    expect(() => resolveGradingMode({ mode: 'strict' }, {})).toThrow(/answer-match config\.mode: unknown grading mode "strict"; expected one of cascade, paper, judge-only/);
    expect(() => resolveGradingMode({}, { [GRADING_MODE_ENV]: 'lenient' })).toThrow(/FTBENCH_GRADING_MODE: unknown grading mode "lenient"/);
  });

  it('answer-match grades the same output differently by mode, and records the mode', async () => {
    const context = (config?: { mode: string }) => ({ vars: { question: 'Q?', answer: '126', accept: '[]' }, test: { metadata: { split: 'memorization' } }, config });
    const cascade = await answerMatch('126 pounds', context());
    const paper = await answerMatch('126 pounds', context({ mode: 'paper' }));
    expect(cascade).toMatchObject({ pass: true, metadata: { grader: 'cascade', decided_by: 'contains' } });
    expect(paper).toMatchObject({ pass: false, metadata: { grader: 'paper', decided_by: 'paper-exact' }, namedScores: { memorization: 0 } });
  });
});
