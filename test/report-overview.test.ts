/**
 * The report's headline (lib/report/overview.ts): per provider and kind of
 * knowledge, memorization beside the pooled generalization splits and the
 * gap with Newcombe's interval, read against the study; and the accuracy
 * matrix it opens with (lib/report/accuracy-matrix.ts).
 */
import { describe, expect, it } from 'vitest';
import { providerSplitMatrix, matrixTable } from '../lib/report/accuracy-matrix.ts';
import { buildSummary } from '../lib/report/build-summary.ts';
import { differenceInterval } from '../lib/report/difference-interval.ts';
import { buildOverview } from '../lib/report/overview.ts';
import { buildSections } from '../lib/report/report-sections.ts';
import { markEmulated } from '../lib/models/emulation.ts';
import type { PromptfooResultLike, SummaryRow } from '../lib/report/summary.ts';

describe('differenceInterval (Newcombe 1998, method 10)', () => {
  it('gives the published interval of his worked examples', () => {
    // Newcombe's Table II: 56/70 − 48/80 = 0.2, 95% CI 0.0524 to 0.3339; 9/10 − 3/10 = 0.6, 0.1705 to 0.8090.
    const a = differenceInterval(56, 70, 48, 80)!;
    expect(a.difference).toBeCloseTo(0.2, 10);
    expect(a.ci95[0]).toBeCloseTo(0.0524, 4);
    expect(a.ci95[1]).toBeCloseTo(0.3339, 4);
    const b = differenceInterval(9, 10, 3, 10)!;
    expect(b.ci95[0]).toBeCloseTo(0.1705, 4);
    expect(b.ci95[1]).toBeCloseTo(0.809, 3);
  });

  it('stays within [−1, 1] at the extremes and is null without data', () => {
    expect(differenceInterval(10, 10, 0, 10)!.ci95[1]).toBeLessThanOrEqual(1);
    expect(differenceInterval(0, 10, 10, 10)!.ci95[0]).toBeGreaterThanOrEqual(-1);
    expect(differenceInterval(0, 0, 1, 2)).toBeNull();
    expect(differenceInterval(1, 2, 0, 0)).toBeNull();
  });
});

/** `right` of `n` per split for a provider on a domain of `kind`. */
function answers(provider: string, domain: string, kind: string, splits: Record<string, [number, number]>, emulated = false): PromptfooResultLike[] {
  return Object.entries(splits).flatMap(([split, [right, n]]) =>
    Array.from({ length: n }, (_, i) => ({
      provider: { id: 'x', label: provider },
      testCase: { metadata: { domain, kind, split, question_id: `${domain}-${split}-${i}` } },
      metadata: { identity: provider === 'lookup' ? { role: 'lookup' } : { role: 'base', baseModel: 'gpt-4o-mini' }, ...(emulated && { emulated: true }) },
      success: i < right,
      gradingResult: { pass: i < right, componentResults: [{ pass: i < right, metadata: { grader: 'cascade', decided_by: 'exact', stages: [{ stage: 'exact', verdict: i < right ? 'correct' : 'incorrect', reason: '' }], stale: null, split } }] },
    })),
  );
}

const results = [
  ...answers('lookup', 'people', 'new', { memorization: [10, 10], rephrased: [5, 10], derived: [3, 10], locality: [0, 5] }),
  ...answers('lookup', 'renames', 'update', { memorization: [8, 10], applied: [2, 10] }),
  ...answers('gpt-4o-mini base', 'people', 'new', { memorization: [1, 10], rephrased: [1, 10] }, true),
  ...answers('gpt-4o-mini base', 'control', 'control', { locality: [5, 5] }, true),
];

describe('the overview', () => {
  const summary = buildSummary(results, { evals: [] });

  it('pools the generalization splits question by question, per provider and kind, with the gap and its interval', () => {
    const gaps = summary.overview!.gaps.map((g) => [g.provider, g.kind, g.memorization.n, g.memorization.accuracy, g.generalization.splits, g.generalization.n, g.generalization.accuracy, g.gap, g.emulated ?? false]);
    expect(gaps).toEqual([
      ['gpt-4o-mini base', 'new', 10, 0.1, ['rephrased'], 10, 0.1, 0, true],
      ['lookup', 'new', 10, 1, ['rephrased', 'derived'], 20, 0.4, 1 - 0.4, false],
      ['lookup', 'update', 10, 0.8, ['applied'], 10, 0.2, 0.8 - 0.2, false],
    ]);
    // Locality (control) is neither side: the control domain has no gap row.
    expect(summary.overview!.gaps.some((g) => g.kind === 'control')).toBe(false);
    const lookupNew = summary.overview!.gaps[1]!;
    expect(lookupNew.ci95).toEqual(differenceInterval(10, 10, 8, 20)!.ci95);
    expect(summary.overview!.study.generalization).toEqual({ new: 0.37, update: 0.19 });
  });

  it('opens the HTML report: the gap table, then every provider\'s domain × split matrix, each emulated number marked', () => {
    const sections = buildSections(summary);
    expect(sections.slice(0, 2).map((s) => s.id)).toEqual(['overview', 'overview-matrix']);
    const [gap, matrix] = sections as [(typeof sections)[0], (typeof sections)[0]];
    expect(gap.title).toBe('Overview: memorization vs generalization (emulation)');
    expect(gap.table.head).toEqual(['provider', 'knowledge', 'domains', 'memorization', 'generalization', 'gap', 'study: generalization']);
    expect(gap.table.rows[1]).toEqual(['lookup', 'new knowledge', 'people', '1.000 [0.722, 1.000]\nn 10', '0.400 [0.219, 0.613]\nn 20', expect.stringMatching(/^\+0\.600 \[\+0\.\d{3}, \+0\.\d{3}\]$/), '0.37']);
    expect(gap.table.rows[0]![0]).toBe('gpt-4o-mini base (emulation)');
    expect(matrix.table.head).toEqual(['provider', 'domain', 'memorization', 'rephrased', 'derived', 'applied', 'locality']);
    // A row per domain of each provider; the provider named on its first row; a split the domain lacks is empty.
    expect(matrix.table.rows.map((r) => r.slice(0, 2))).toEqual([
      ['gpt-4o-mini base (emulation)', 'control'],
      ['', 'people'],
      ['lookup', 'people'],
      ['', 'renames'],
    ]);
    expect(matrix.table.rows[3]).toEqual(['', 'renames', '0.800 n 10\n[0.490, 0.943]', '', '', '0.200 n 10\n[0.057, 0.510]', '']);
  });
});

describe('the accuracy matrix', () => {
  it('is a row per provider and a column per split, each cell accuracy, interval and n, a split not asked empty', () => {
    const rows = buildSummary(results, { evals: [] }).rows.filter((r: SummaryRow) => r.domain === 'people');
    const table = matrixTable(providerSplitMatrix(rows, ['lookup', 'gpt-4o-mini base']));
    expect(table.head).toEqual(['provider', 'memorization', 'rephrased', 'derived', 'locality']);
    expect(table.rows).toEqual([
      ['lookup', '1.000 [0.722, 1.000]\nn 10', '0.500 [0.237, 0.763]\nn 10', '0.300 [0.108, 0.603]\nn 10', '0.000 [0.000, 0.434]\nn 5'],
      ['gpt-4o-mini base (emulation)', '0.100 [0.018, 0.404]\nn 10', '0.100 [0.018, 0.404]\nn 10', '', ''],
    ]);
  });
});

describe('the emulation mark', () => {
  it.each([
    ['4o-mini base', true, '4o-mini base (emulation)'],
    ['4o-mini base (emulation)', true, '4o-mini base (emulation)'], // a generated suite's label already says it: not twice
    ['4o-mini base', false, '4o-mini base'],
    ['4o-mini base', undefined, '4o-mini base'],
    ['lookup (emulation) of sorts', true, 'lookup (emulation) of sorts (emulation)'],
  ])('%s, emulated %s: %s', (label, emulated, shown) => {
    expect(markEmulated(label, emulated)).toBe(shown);
  });
});
