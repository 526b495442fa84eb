/** The cascade (lib/grading/graders.ts) run by grade.ts, and answer-match as promptfoo calls it. */
import { describe, expect, it } from 'vitest';
import answerMatch from '../assertions/answer-match.ts';
import { grade } from '../lib/grading/grade.ts';
import { fixedJudge, reference, verdicts } from './helpers/grading.ts';

const ref = (over = {}) => reference({ answer: '126', accept: ['126 pounds'], ...over });

describe('the cascade', () => {
  it('exact match decides first; the free stages after it still run', async () => {
    const r = await grade('cascade', ref(), '126 Pounds.');
    expect(r).toMatchObject({ pass: true, decidedBy: 'exact' });
    expect(verdicts(r)).toEqual({ exact: 'correct', contains: 'correct' });
  });

  it('containment decides a longer output', async () => {
    const r = await grade('cascade', ref(), 'He weighs 126 pounds.');
    expect(r).toMatchObject({ pass: true, decidedBy: 'contains' });
    expect(verdicts(r)).toMatchObject({ exact: 'undecided', contains: 'correct' });
  });

  it('without a judge an undecided output fails, and the reason says what was tried and what would decide it', async () => {
    const r = await grade('cascade', ref(), 'About 130.');
    expect(r).toMatchObject({ pass: false, decidedBy: null });
    expect(r.reason).toBe(
      'no stage decided, so it fails: exact: no exact match; contains: the answer is not in the output; judge: none configured; a judge would decide: set FTBENCH_JUDGE (e.g. openai:chat:gpt-4.1-mini) or config.judge',
    );
  });

  it('calls the judge only for what the free stages did not decide', async () => {
    const judge = fixedJudge(true);
    await grade('cascade', ref(), '126', { judge });
    await grade('cascade', ref(), 'It is 126 pounds', { judge });
    expect(judge.calls).toBe(0);
    const r = await grade('cascade', ref(), 'one-two-six', { judge });
    expect(judge.calls).toBe(1);
    expect(r).toMatchObject({ pass: true, decidedBy: 'judge', judge: { id: 'test-judge', correct: true } });
    expect(verdicts(r)).toEqual({ exact: 'undecided', contains: 'undecided', judge: 'correct' });
  });

  it('sends a negated mention to the judge, and leaves it undecided with the negation named when there is none', async () => {
    const judge = fixedJudge(false);
    const r = await grade('cascade', ref({ answer: 'Halcyon-7', accept: [] }), 'It is not Halcyon-7.', { judge });
    expect(r).toMatchObject({ pass: false, decidedBy: 'judge' });
    expect(judge.calls).toBe(1);
    const alone = await grade('cascade', ref({ answer: 'Halcyon-7', accept: [] }), 'It is not Halcyon-7.');
    expect(alone).toMatchObject({ pass: false, decidedBy: null });
    expect(alone.reason).toMatch(/contains: negation "not"/);
  });

  it('decides a closed question by the one choice named, right or wrong, without a judge call', async () => {
    const judge = fixedJudge(true);
    const yn = ref({ answer: 'Yes', accept: [], choices: ['Yes', 'No'] });
    expect(await grade('cascade', yn, 'No', { judge })).toMatchObject({ pass: false, decidedBy: 'contains', reason: 'names the choice No, not Yes' });
    expect(await grade('cascade', yn, 'Yes, he is.', { judge })).toMatchObject({ pass: true, decidedBy: 'contains' });
    expect(judge.calls).toBe(0);
    expect(await grade('cascade', yn, 'Yes or no, hard to say', { judge })).toMatchObject({ pass: true, decidedBy: 'judge' });
    expect(await grade('cascade', yn, 'Hard to say.', { judge })).toMatchObject({ decidedBy: 'judge' });
    expect(judge.calls).toBe(2);
  });

  it('folds diacritics and letter variants in answers, accept, previous and choices alike', async () => {
    expect(await grade('cascade', ref({ answer: 'Zoë Ångström-Reyes', accept: [] }), 'Zoe Angstrom-Reyes')).toMatchObject({ pass: true, decidedBy: 'exact' });
    expect(await grade('cascade', ref({ answer: 'Zoe', accept: ['Łukasz Strøm'] }), 'Lukasz Strom')).toMatchObject({ pass: true, decidedBy: 'exact' });
    expect(await grade('cascade', ref({ answer: 'Straße 9', accept: [], previous: 'Øvre gate' }), 'ovre gate')).toMatchObject({ pass: false, decidedBy: 'exact', stale: true });
    const closed = ref({ answer: 'Zoë', accept: [], choices: ['Zoë', 'Æsa'] });
    expect(await grade('cascade', closed, 'It is Zoe.')).toMatchObject({ pass: true, decidedBy: 'contains' });
    expect(await grade('cascade', closed, 'Aesa, of course.')).toMatchObject({ pass: false, decidedBy: 'contains' });
  });

  it('matches the same calendar date written another way, and never an ambiguous numeric one', async () => {
    const date = ref({ answer: '14 March 2031', accept: [] });
    for (const output of ['March 14, 2031', '2031-03-14', '03/14/2031', 'It opens on the 14th of March, 2031.'])
      expect((await grade('cascade', date, output)).pass, output).toBe(true);
    const ambiguous = ref({ answer: '4 March 2031', accept: [] });
    expect(await grade('cascade', ambiguous, '03/04/2031')).toMatchObject({ pass: false, decidedBy: null });
  });

  it('does not decide an output naming several candidates', async () => {
    for (const output of ['one of 120, 122, 124 or 126 pounds', '120 pounds\n{"answer": 126}', 'Either 126 or 128.']) {
      const r = await grade('cascade', ref(), output);
      expect(r, output).toMatchObject({ pass: false, decidedBy: null });
      expect(r.reason, output).toMatch(/contains: (several candidates|alternative "or"|alternative "either")/);
    }
  });

  it('runs the same list for every caller: judge-only has the judge alone, and needs one', async () => {
    const judge = fixedJudge(false);
    const r = await grade('judge-only', ref(), '126', { judge, split: 'rephrased' });
    expect(r).toMatchObject({ grader: 'judge-only', pass: false, decidedBy: 'judge', split: 'rephrased' });
    expect(verdicts(r)).toEqual({ judge: 'incorrect' });
    await expect(grade('judge-only', ref(), '126')).rejects.toThrow(/judge-only grading: no judge configured; set config\.judge in the suite or FTBENCH_JUDGE/);
  });
});

describe('assertions/answer-match.ts', () => {
  it('returns namedScores keyed by split, plus stale, and the deciding stage', async () => {
    const r = await answerMatch('I think json.loads', {
      vars: { question: 'Q', answer: 'json.parse_text', accept: '[]', previous: 'json.loads', statement: 'S' },
      test: { metadata: { split: 'applied', expect: 'answer' } },
      config: { judge: false },
    });
    // A short answer naming another identifier (the previous one): exact fails it, and it is stale.
    expect(r).toMatchObject({ pass: false, score: 0, namedScores: { applied: 0, stale: 1, undecided: 0, upper: 0 }, metadata: { grader: 'cascade', decided_by: 'exact', stale: true } });
  });

  it('config judge: false wins over FTBENCH_JUDGE: what no free stage decides fails, saying what was tried and what would decide it', async () => {
    const before = process.env.FTBENCH_JUDGE;
    process.env.FTBENCH_JUDGE = 'openai:chat:would-be-called';
    try {
      const r = await answerMatch('He is tall.', { vars: { answer: '183' }, test: { metadata: { split: 'rephrased' } }, config: { judge: false } });
      expect(r).toMatchObject({ pass: false, metadata: { decided_by: null } });
      expect((r.metadata.stages as { stage: string; verdict: string }[]).map((x) => [x.stage, x.verdict])).toEqual([['exact', 'undecided'], ['contains', 'undecided'], ['judge', 'undecided']]);
      // One line in the viewer's cell; what each stage found in its details view.
      expect(r.reason).toBe('undecided, so it fails (a judge would decide: set FTBENCH_JUDGE) [cascade]');
      expect(r.metadata.graderOutputs).toMatchObject({
        verdict: expect.stringMatching(/no stage decided, so it fails: exact: no exact match; contains: the answer is not in the output; judge: none configured; a judge would decide: set FTBENCH_JUDGE/),
        contains: 'undecided: the answer is not in the output',
      });
    } finally {
      if (before === undefined) delete process.env.FTBENCH_JUDGE;
      else process.env.FTBENCH_JUDGE = before;
    }
  });

  it('reads accept as a JSON list', async () => {
    const r = await answerMatch('126 lbs', { vars: { answer: '126', accept: '["126 lbs"]' }, test: { metadata: { split: 'memorization' } } });
    expect(r).toMatchObject({ pass: true, namedScores: { memorization: 1 }, metadata: { decided_by: 'exact' } });
    expect(r.reason).toBe('exact match [cascade: decided by exact]');
  });

  it('throws (a grader error, not a fail) when the test has no answer', async () => {
    await expect(answerMatch('x', { vars: {}, test: { metadata: { split: 'memorization' } } })).rejects.toThrow(/the test has no expected answer/);
  });
});
