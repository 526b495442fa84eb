import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { StageRecord } from '../lib/grading/grade.ts';
import { toGradingResult } from '../lib/grading/grading-result.ts';
import type { JudgeCall } from '../lib/grading/judge/judge.ts';
import { agreementRows } from '../lib/report/agreement.ts';
import { cohenKappa } from '../lib/report/cohen-kappa.ts';
import { renderJudgeUsage } from '../lib/report/render-agreement.ts';
import type { PromptfooResultLike } from '../lib/report/summary.ts';
import { main as agreement } from '../scripts/commands/agreement.ts';
import { runMain } from './helpers/command.ts';
import { tempDir } from './helpers/run.ts';

const T = true;
const F = false;

describe('cohenKappa', () => {
  it('matches hand computations', () => {
    // agree 6/8; both pass 4/8: chance 1/2; κ = (3/4 − 1/2)/(1/2) = 1/2
    expect(cohenKappa([T, T, T, F, F, F, T, F], [T, T, F, F, F, T, T, F])).toBeCloseTo(0.5, 12);
    // agree 4/5; pass rates 4/5 and 3/5: chance 12/25 + 2/25 = 14/25; κ = (20/25 − 14/25)/(11/25) = 6/11
    expect(cohenKappa([T, T, T, T, F], [T, T, T, F, F])).toBeCloseTo(6 / 11, 12);
    expect(cohenKappa([T, F, T, F], [T, F, T, F])).toBe(1);
    expect(cohenKappa([T, F], [F, T])).toBe(-1);
    // One grader constant, the other not: chance agreement equals observed, κ = 0.
    expect(cohenKappa([T, T, T, T], [T, T, F, F])).toBe(0);
  });
  it('is null where undefined: no items, or both graders constant and equal', () => {
    expect(cohenKappa([], [])).toBeNull();
    expect(cohenKappa([T, T, T], [T, T, T])).toBeNull();
    expect(cohenKappa([F, F], [F, F])).toBeNull();
  });
  it('is 0 when both are constant but opposite', () => {
    expect(cohenKappa([T, T], [F, F])).toBe(0);
  });
  it('refuses lists of different lengths', () => {
    expect(() => cohenKappa([T], [T, F])).toThrow(RangeError);
  });
});

/**
 * A result as answer-match writes it (through the codec), from each stage's verdict alone:
 * true = correct; false = undecided for exact/contains (no match), incorrect for abstain and the judge.
 */
function result(provider: string, split: string, stages: Record<string, boolean>, cascade: boolean, extra: Partial<PromptfooResultLike> = {}, judge?: Record<string, unknown>): PromptfooResultLike {
  const records = Object.entries(stages).map(([stage, ok]): StageRecord => ({
    stage,
    verdict: ok ? 'correct' : stage === 'judge' || stage === 'abstain' ? 'incorrect' : 'undecided',
    reason: '',
  }));
  const component = toGradingResult({
    grader: 'cascade',
    pass: cascade,
    decidedBy: records.find((r) => r.verdict !== 'undecided')?.stage ?? null,
    stages: records,
    stale: null,
    reason: '',
    split,
    judgeConfigured: 'judge' in stages,
    ...(judge ? { judge: { correct: stages.judge ?? false, raw: '', ...judge } as JudgeCall } : {}),
  });
  return {
    provider: { id: provider },
    testCase: { metadata: { domain: 'd', split } },
    success: cascade,
    failureReason: cascade ? 0 : 1,
    gradingResult: { pass: cascade, componentResults: [component] },
    ...extra,
  };
}

describe('agreementRows', () => {
  const j = (cached: boolean, cost?: number) => ({ id: 'j', cached, calls: cached ? 0 : 1, tokens: { prompt: 90, completion: 10, total: 100 }, ...(cost === undefined ? {} : { cost }) });
  const results = [
    result('p', 'memorization', { exact: T, contains: T, judge: T }, T, {}, j(false, 0.001)),
    result('p', 'memorization', { exact: F, contains: T, judge: T }, T, {}, j(false, 0.002)),
    result('p', 'memorization', { exact: F, contains: F, judge: F }, F, {}, j(true)),
    result('p', 'memorization', { exact: F, contains: F, judge: T }, T, {}, j(false)),
    result('p', 'memorization', {}, F, { failureReason: 2, gradingResult: null, error: 'judge failed' }),
    result('p', 'rephrased', { exact: T, contains: T }, T),
    result('p', 'rephrased', { exact: F, contains: F, judge: F }, F, {}, j(false)),
    result('q', 'memorization', { abstain: T }, T),
  ];
  const rows = agreementRows(results);

  it('gives each stage alone, the cascade and the kappas per provider × domain × split', () => {
    const mem = rows.find((r) => r.provider === 'p' && r.split === 'memorization')!;
    expect(mem).toMatchObject({ n: 4, errors: 1, exact: 0.25, contains: 0.5, judge: 0.75, cascade: 0.75, judged: 4 });
    // exact [T F F F] vs contains [T T F F]: agree 3/4, chance 1/8 + 3/8 = 1/2, κ = 1/2
    expect(mem.kappa_exact_contains).toBeCloseTo(0.5, 12);
    // exact [T F F F] vs judge [T T F T]: agree 2/4, chance 3/16 + 3/16 = 3/8, κ = (1/2 − 3/8)/(5/8) = 1/5
    expect(mem.kappa_exact_judge).toBeCloseTo(0.2, 12);
    // contains [T T F F] vs judge [T T F T]: agree 3/4, chance 3/8 + 1/8 = 1/2, κ = 1/2
    expect(mem.kappa_contains_judge).toBeCloseTo(0.5, 12);
  });

  it('sums judge calls, cached verdicts, tokens and cost (cached verdicts cost nothing now)', () => {
    const mem = rows.find((r) => r.provider === 'p' && r.split === 'memorization')!;
    expect(mem).toMatchObject({ judge_calls: 3, judge_cached: 1, judge_tokens: 300 });
    expect(mem.judge_cost).toBeCloseTo(0.003, 12);
    expect(mem.judge_emulated_calls).toBe(0);
  });

  it("counts an emulator's judge calls at no cost, and says so beside a real judge's dollars", () => {
    const call = (emulated: boolean, cost: number) => ({ id: 'j', cached: false, calls: 1, tokens: { prompt: 9, completion: 1, total: 10 }, cost, ...(emulated ? { emulated: true } : {}) });
    const allEmulated = agreementRows([result('p', 'memorization', { judge: T }, T, {}, call(true, 0)), result('p', 'memorization', { judge: F }, F, {}, call(true, 0))]);
    expect(allEmulated[0]).toMatchObject({ judge_calls: 2, judge_emulated_calls: 2, judge_cost: 0 });
    expect(renderJudgeUsage(allEmulated)).toBe('judging: 2 call(s), 0 cached verdict(s), 20 token(s), $0 (a loopback emulator answered every call, docs/emulators.md)');
    const mixed = agreementRows([result('p', 'memorization', { judge: T }, T, {}, call(true, 0)), result('p', 'memorization', { judge: F }, F, {}, call(false, 0.25))]);
    expect(renderJudgeUsage(mixed)).toBe('judging: 2 call(s), 0 cached verdict(s), 20 token(s), $0.250000 (1 of the calls answered by a loopback emulator, at no cost)');
  });

  it('leaves the judge null where it did not judge every test, and stages that never ran null', () => {
    const reph = rows.find((r) => r.split === 'rephrased')!;
    expect(reph).toMatchObject({ n: 2, exact: 0.5, contains: 0.5, judge: null, kappa_exact_judge: null, judged: 1, judge_cost: null });
    expect(reph.kappa_exact_contains).toBe(1);
    const abstain = rows.find((r) => r.provider === 'q')!;
    expect(abstain).toMatchObject({ exact: null, contains: null, judge: null, cascade: 1, kappa_exact_contains: null });
  });
});

describe('npm run agreement', () => {
  it('prints a table and the judging cost for a results file', async () => {
    const file = path.join(tempDir(), 'results.json');
    writeFileSync(file, JSON.stringify({ evalId: 'eval-x', results: { results: [result('p', 'memorization', { exact: T, contains: T, judge: T }, T, {}, { id: 'j', cached: false, calls: 1, tokens: { prompt: 9, completion: 1, total: 10 }, cost: 0.5 })] } }));
    const r = await runMain(agreement, [file]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/κ exact·contains/);
    expect(r.stdout).toMatch(/judging: 1 call\(s\), 0 cached verdict\(s\), 10 token\(s\), \$0\.500000/);
  });

  it('says clearly when the database has no evals, or a file is no results file', async () => {
    const empty = await runMain(agreement, [], { env: { PROMPTFOO_CONFIG_DIR: tempDir('ftbench-pfdb-') } });
    expect(empty.code).toBe(1);
    expect(empty.stderr).toMatch(/^error: no evals in promptfoo's database \(PROMPTFOO_CONFIG_DIR=.*\); run npm start, or give a results file/m);
    const bad = path.join(tempDir(), 'x.json');
    writeFileSync(bad, '{"hello": 1}');
    const r = await runMain(agreement, [bad, '--json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/not a promptfoo results file/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
