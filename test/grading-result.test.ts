/** The codec between a grading and promptfoo's GradingResult: written once, read back the same by every report. */
import { describe, expect, it } from 'vitest';
import { grade } from '../lib/grading/grade.ts';
import { gradingRecords, passAfter, readGrading, REASON_CHARS, recordOf, stageAlone, toGradingResult } from '../lib/grading/grading-result.ts';
import { fixedJudge, reference } from './helpers/grading.ts';

describe('toGradingResult / readGrading', () => {
  it('writes the verdict, the deciding stage, every stage and the named scores, and reads them back', async () => {
    const outcome = await grade('cascade', reference({ answer: 'json.parse_text', previous: 'json.loads' }), 'Call json.loads(s).', { split: 'applied' });
    const written = toGradingResult(outcome);
    expect(written).toMatchObject({ pass: false, score: 0, namedScores: { applied: 0, stale: 1 } });
    // One line for the viewer's cell; the whole story, stage by stage, for its details view.
    expect(written.reason).toBe('undecided, so it fails (gives the previous answer) (a judge would decide: set FTBENCH_JUDGE) [cascade]');
    expect(written.metadata.graderOutputs).toEqual({
      verdict: outcome.reason,
      ...Object.fromEntries(outcome.stages.map((s) => [s.stage, `${s.verdict}: ${s.reason}`])),
    });
    expect(outcome.reason).toMatch(/^no stage decided, so it fails \(gives the previous answer\): exact: no exact match; /);
    // As promptfoo stores it: JSON.
    const read = readGrading(JSON.parse(JSON.stringify(written)));
    expect(read).toEqual({
      grader: 'cascade',
      pass: false,
      decidedBy: null,
      stages: outcome.stages,
      stale: true,
      split: 'applied',
      judge: null,
    });
  });

  it('reads the verdict from the deciding stage, not from pass: promptfoo passes every weight-0 assertion', async () => {
    const paper = toGradingResult(await grade('paper', reference(), '126 pounds', { split: 'memorization' }));
    expect(paper.pass).toBe(false);
    const asStored = { ...paper, pass: true }; // what promptfoo makes of it with `weight: 0`
    expect(readGrading(asStored)).toMatchObject({ grader: 'paper', pass: false, decidedBy: 'paper-exact' });
  });

  it('records the judge call, its tokens as promptfoo token usage, and keys judge-only scores apart', async () => {
    const judge = { ...fixedJudge(true, 'j'), judge: async () => ({ correct: true, raw: 'VERDICT: CORRECT', cached: true, calls: 0, tokens: { prompt: 9, completion: 1, total: 10 } }) };
    const written = toGradingResult(await grade('judge-only', reference({ previous: '120' }), 'about a hundred and twenty-six', { judge, split: 'rephrased' }));
    expect(written).toMatchObject({ pass: true, namedScores: { 'rephrased (judge)': 1, 'stale (judge)': 0 }, tokensUsed: { total: 10, cached: 10 } });
    expect(readGrading(written)?.judge).toEqual({ id: 'j', correct: true, raw: 'VERDICT: CORRECT', cached: true, calls: 0, tokens: { prompt: 9, completion: 1, total: 10 } });
  });

  it('writes a fail reason of one short line, whatever the answer, and the deciding stage and every reason in full beside it', async () => {
    const long = `He weighs ${'about '.repeat(40)}150 pounds,\nor maybe 126 "pounds" — hard to say.`;
    const outputs = ['126', '126 pounds', '150', 'No.', "I don't know", 'It is 126, not 150.', long, 'x'.repeat(500), '126\n\n150', '"126"? or "150"?', ''];
    const refs = [reference({ answer: '126' }), reference({ answer: '126', previous: '150' }), reference({ answer: 'Yes', choices: ['Yes', 'No'] }), reference({ expect: 'abstain' })];
    const seen = new Set<string>();
    for (const ref of refs)
      for (const output of outputs)
        for (const options of [{}, { judge: fixedJudge(false) }]) {
          const outcome = await grade('cascade', ref, output, { split: 'rephrased', ...options });
          const written = toGradingResult(outcome);
          const where = `${JSON.stringify(output.slice(0, 30))} vs ${ref.answer}`;
          expect(written.reason, where).not.toContain('\n');
          expect(written.reason.length, `${where}: ${written.reason}`).toBeLessThanOrEqual(REASON_CHARS + 60);
          expect(written.reason, where).toMatch(outcome.decidedBy ? new RegExp(`\\[cascade: decided by ${outcome.decidedBy}\\]$`) : /^undecided, so it fails .*\[cascade\]$/);
          const outputsOf = written.metadata.graderOutputs as Record<string, string>;
          expect(outputsOf.verdict, where).toBe(outcome.reason);
          for (const stage of outcome.stages) expect(outputsOf[stage.stage], where).toContain(stage.reason);
          // The codec still reads every stage back.
          expect(readGrading(JSON.parse(JSON.stringify(written)))?.stages, where).toEqual(outcome.stages);
          seen.add(outcome.decidedBy ?? 'undecided');
        }
    expect([...seen].sort()).toEqual(['abstain', 'contains', 'exact', 'judge', 'undecided']);
  });

  it("ignores what is not this project's grading", () => {
    expect(readGrading({ metadata: { decided_by: 'exact', stages: { exact: true } } })).toBeNull();
    expect(readGrading({ metadata: { grader: 'cascade', stages: [{ stage: 'exact', verdict: 'maybe' }] } })).toBeNull();
    expect(readGrading({})).toBeNull();
    expect(gradingRecords({ gradingResult: { componentResults: [{ metadata: { foo: 1 } }] } })).toEqual([]);
  });

  it("finds each grader among a test's assertions, and reads the cascade as if stopped after any stage", async () => {
    const ref = reference({ answer: '126' });
    const cascade = toGradingResult(await grade('cascade', ref, 'one-two-six', { judge: fixedJudge(true) }));
    const paper = toGradingResult(await grade('paper', ref, 'one-two-six', { split: 'memorization' }));
    const result = { gradingResult: { pass: true, componentResults: [cascade, { ...paper, pass: true }] } };
    const c = recordOf(result, 'cascade')!;
    expect(recordOf(result, 'paper')).toMatchObject({ pass: false });
    expect([passAfter(c, 'exact'), passAfter(c, 'contains'), passAfter(c, 'judge')]).toEqual([false, false, true]);
    expect([stageAlone(c, 'exact'), stageAlone(c, 'contains'), stageAlone(c, 'judge'), stageAlone(c, 'abstain')]).toEqual([false, false, true, null]);
    // Without a judge, the judge stage ran undecided: it has no verdict of its own.
    const noJudge = readGrading(toGradingResult(await grade('cascade', ref, 'one-two-six')))!;
    expect(stageAlone(noJudge, 'judge')).toBeNull();
  });
});
