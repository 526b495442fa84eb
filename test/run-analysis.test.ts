// Learning curves and recipe comparisons from promptfoo results: the
// statistics (McNemar's exact test, Newcombe's paired interval), which
// providers make a curve or a comparison, n = 0 as no data, emulation
// labels, the tables, the Vega-Lite specs; and checkpoint labels and
// providers in the suites.
import { beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../lib/foundation/content-hash.ts';
import { parseDomainText } from '../lib/domain/load.ts';
import { runIdentity, type ProviderIdentity, type RunIdentity } from '../lib/ledger/provider-identity.ts';
import type { RunRecord } from '../lib/ledger/run-record.ts';
import { runKey, type RunSpec } from '../lib/ledger/run-spec.ts';
import { checkpointLabel } from '../lib/foundation/provider-labels.ts';
import { compareProviders } from '../lib/report/comparison.ts';
import { curveChartSpec } from '../lib/report/curve-charts.ts';
import { mcnemarExact, pairedDifferenceInterval } from '../lib/report/paired-test.ts';
import { renderCurveMarkdown, renderCurveTables } from '../lib/report/render-curves.ts';
import { analyzeRuns } from '../lib/report/run-analysis.ts';
import { summarizeResults, type PromptfooResultLike } from '../lib/report/summary.ts';
import { loadPlatforms } from '../lib/platforms/registry.ts';
import { suiteProviders, withoutDescription } from './helpers/suite-providers.ts';
import { DEFAULT_RECIPE } from '../lib/training/recipe.ts';
import { atEpoch, baseId, inContextId, runOf, tunedId } from './helpers/identity.ts';
import { tinyDomain } from './helpers/tiny-domain.ts';

describe('paired statistics', () => {
  it("McNemar's exact test: 2 · P[X ≤ min(b, c)], X ~ Binomial(b + c, 1/2), at most 1", () => {
    expect(mcnemarExact(3, 7)).toBeCloseTo(0.34375, 10); // 2 · (1 + 10 + 45 + 120) / 1024
    expect(mcnemarExact(1, 9)).toBeCloseTo(0.021484375, 10); // 2 · 11 / 1024
    expect(mcnemarExact(0, 75)).toBeCloseTo(2 * 0.5 ** 75, 30);
    expect(mcnemarExact(5, 5)).toBe(1);
    expect(mcnemarExact(0, 0)).toBe(1);
    expect(mcnemarExact(7, 3)).toBe(mcnemarExact(3, 7));
  });

  it("Newcombe's hybrid score interval for paired proportions (method 10): his worked example, and no data", () => {
    // Newcombe (1998), paired example 36/12/2/0 of 50: difference 0.2, interval 0.0569 to 0.3404.
    const [lo, hi] = pairedDifferenceInterval({ both: 36, onlyB: 12, onlyA: 2, neither: 0 })!;
    expect(lo).toBeCloseTo(0.0569, 4);
    expect(hi).toBeCloseTo(0.3404, 4);
    // Mirror image: A and B swapped.
    const [lo2, hi2] = pairedDifferenceInterval({ both: 36, onlyB: 2, onlyA: 12, neither: 0 })!;
    expect([lo2, hi2].map((x) => x.toFixed(6))).toEqual([-hi, -lo].map((x) => x.toFixed(6)));
    expect(pairedDifferenceInterval({ both: 0, onlyA: 0, onlyB: 0, neither: 0 })).toBeNull();
    const [l0, h0] = pairedDifferenceInterval({ both: 0, onlyA: 0, onlyB: 0, neither: 150 })!;
    expect(l0).toBeLessThan(0);
    expect(h0).toBeGreaterThan(0);
  });
});

/** Results for one provider: `right[split]` = how many of `n` questions it answered right (questions q0, q1, … in order). */
function answers(provider: string, right: Record<string, number>, options: { identity?: ProviderIdentity; n?: number; errors?: boolean; emulated?: boolean } = {}): PromptfooResultLike[] {
  const n = options.n ?? 10;
  return Object.entries(right).flatMap(([split, k]) =>
    Array.from({ length: n }, (_, i) => ({
      provider: { id: 'x', label: provider },
      testCase: { metadata: { domain: 'people', split, question_id: `${split}-${i}` } },
      metadata: { ...(options.identity && { identity: options.identity }), ...(options.emulated && { emulated: true }) },
      success: i < k,
      ...(options.errors && { failureReason: 2, error: 'provider failed' }),
    })),
  );
}

const M = 'gpt-4o-mini';
const defaultRun = runOf({ name: 'people.e3' });
const variantsRun = runOf({ name: 'people.e3.variants', recipe: 'variants+aug-1e4482' });
const results = [
  ...answers('gpt-4o-mini base', { memorization: 0, rephrased: 0 }, { identity: baseId(M), emulated: true }),
  ...answers('gpt-4o-mini in-context', { memorization: 10, rephrased: 9 }, { identity: inContextId(M), emulated: true }),
  ...answers('gpt-4o-mini tuned 3 epochs, recipe default', { memorization: 10, rephrased: 0 }, { identity: tunedId(M, defaultRun), emulated: true }),
  ...answers('gpt-4o-mini tuned 3 epochs, recipe default @ epoch 1', { memorization: 3, rephrased: 0 }, { identity: atEpoch(M, defaultRun, 1), emulated: true }),
  ...answers('gpt-4o-mini tuned 3 epochs, recipe default @ epoch 2', { memorization: 7, rephrased: 0 }, { identity: atEpoch(M, defaultRun, 2), emulated: true }),
  ...answers('gpt-4o-mini tuned 3 epochs, recipe variants', { memorization: 10, rephrased: 8 }, { identity: tunedId(M, variantsRun), emulated: true }),
  ...answers('gpt-4o-mini tuned 3 epochs, recipe variants @ epoch 1', { memorization: 5, rephrased: 2 }, { identity: atEpoch(M, variantsRun, 1), emulated: true }),
  // Epoch 2 of the variants run failed on every call: no data, not an accuracy of 0.
  ...answers('gpt-4o-mini tuned 3 epochs, recipe variants @ epoch 2', { memorization: 0, rephrased: 0 }, { identity: atEpoch(M, variantsRun, 2), errors: true, emulated: true }),
];

describe('learning curves', () => {
  const rows = summarizeResults(results);
  const { curves } = analyzeRuns(results, rows);

  it('one curve per setting, a series per run with checkpoints: epoch, split, n, accuracy, 95% interval; base and in-context as references', () => {
    expect(curves.map((c) => [c.label, c.emulated])).toEqual([
      ['gpt-4o-mini, recipe default', true],
      ['gpt-4o-mini, recipe variants+aug-1e4482', true],
    ]);
    const [plain, variants] = curves;
    expect(plain!.splits).toEqual(['memorization', 'rephrased']);
    expect(plain!.points.filter((p) => p.split === 'memorization').map((p) => [p.series, p.epoch, p.step, p.n, p.accuracy])).toEqual([
      ['people.e3', 1, 10, 10, 0.3],
      ['people.e3', 2, 20, 10, 0.7],
      ['people.e3', 3, null, 10, 1],
    ]);
    expect(plain!.points[0]!.ci95![0]).toBeLessThan(0.3);
    expect(plain!.references.map((r) => [r.role, r.split, r.accuracy])).toEqual([
      ['base', 'memorization', 0],
      ['base', 'rephrased', 0],
      ['in-context', 'memorization', 1],
      ['in-context', 'rephrased', 0.9],
    ]);
    expect(variants!.points.filter((p) => p.split === 'rephrased').map((p) => [p.epoch, p.n, p.accuracy])).toEqual([
      [1, 10, 0.2],
      [2, 0, null],
      [3, 10, 0.8],
    ]);
  });

  it('runs that differ only in epochs make a "final models" series; runs that differ in more do not', () => {
    const e6 = runOf({ name: 'people.e6', epochs: 6 });
    const seed7 = runOf({ name: 'people.e6.seed7', epochs: 6, seed: 7 });
    const more = [
      ...answers('gpt-4o-mini tuned 3 epochs', { memorization: 10 }, { identity: tunedId(M, defaultRun) }),
      ...answers('gpt-4o-mini tuned 6 epochs', { memorization: 10 }, { identity: tunedId(M, e6) }),
      ...answers('gpt-4o-mini tuned 6 epochs, seed 7', { memorization: 9 }, { identity: tunedId(M, seed7) }),
    ];
    const { curves: c } = analyzeRuns(more, summarizeResults(more));
    expect(c).toHaveLength(1);
    expect(c[0]!.points.map((p) => [p.series, p.epoch, p.run])).toEqual([
      ['final models', 3, 'people.e3'],
      ['final models', 6, 'people.e6'],
    ]);
    expect(c[0]!.emulated).toBe(false);
  });

  it('as tables (terminal and summary.md) and a Vega-Lite spec: a panel per split, band, line, dashed references, emulation said', () => {
    const { recipes } = analyzeRuns(results, rows);
    const text = renderCurveTables(curves, recipes);
    expect(text).toContain('Learning curves: accuracy [95% Wilson interval] by epoch');
    expect(text).toMatch(/people: gpt-4o-mini, recipe default \(emulation\)/);
    expect(text).toMatch(/│ people\.e3 +│ memorization │ 0\.000 │ 1\.000 +│ 0\.300 \[0\.\d{3}, 0\.\d{3}\] │ 0\.700 \[/);
    expect(text).toMatch(/\n\(emulation\): these numbers come from the loopback emulators/);
    const md = renderCurveMarkdown(curves, recipes);
    expect(md).toContain('## Learning curves');
    expect(md).toContain('## Recipe comparisons');
    expect(md).toContain('| people.e3.variants | rephrased | 0.000 | 0.900 | 0.200 \\[');
    const spec = curveChartSpec(curves[1]!) as unknown as Record<string, unknown>;
    expect(spec).toMatchObject({ $schema: expect.stringContaining('vega-lite'), title: expect.stringMatching(/\(emulation\)$/), facet: { column: { field: 'split', sort: ['memorization', 'rephrased'] } } });
    const layers = (spec.spec as { layer: { mark: unknown }[] }).layer;
    expect(layers.map((l) => (typeof l.mark === 'string' ? l.mark : (l.mark as { type: string }).type))).toEqual(['area', 'line', 'rule']);
    const values = (spec.data as { values: { kind: string; accuracy: number | null; epoch?: number }[] }).values;
    // The epoch with no data is not drawn (at 0 or anywhere).
    expect(values.filter((v) => v.kind === 'point').map((v) => v.epoch)).toEqual([1, 3, 1, 3]);
    expect(values.filter((v) => v.kind === 'reference')).toHaveLength(4);
  });
});

describe('runs that differ in exactly one setting', () => {
  it('recipe default vs variants: the difference on paired questions, its interval, whether it excludes 0, and McNemar p', () => {
    const { recipes } = analyzeRuns(results, summarizeResults(results));
    expect(recipes).toHaveLength(1);
    const [c] = recipes;
    expect(c).toMatchObject({ domain: 'people', baseModel: 'gpt-4o-mini', setting: 'recipe', emulated: true, fixed: { epochs: 3, learningRateMultiplier: 'auto', seed: 42 } });
    expect(c!.runs.map((r) => r.value)).toEqual(['default', 'variants+aug-1e4482']);
    const rephrased = c!.splits.find((s) => s.split === 'rephrased')!;
    expect(rephrased.accuracies.map((a) => a.accuracy)).toEqual([0, 0.8]);
    expect(rephrased.differences).toEqual([
      expect.objectContaining({ n: 10, both: 0, onlyA: 0, onlyB: 8, neither: 2, difference: 0.8, excludesZero: true, pValue: mcnemarExact(0, 8) }),
    ]);
    expect(rephrased.differences[0]!.ci95).toEqual(pairedDifferenceInterval({ both: 0, onlyA: 0, onlyB: 8, neither: 2 }));
    const memorization = c!.splits.find((s) => s.split === 'memorization')!.differences[0]!;
    expect(memorization).toMatchObject({ difference: 0, excludesZero: false, pValue: 1 });
  });

  it('epochs, learning rate and seed are compared the same way; two settings at once are not', () => {
    const runs: Record<string, RunIdentity> = {
      e3: runOf({ name: 'e3' }),
      e6: runOf({ name: 'e6', epochs: 6 }),
      lr2: runOf({ name: 'e3.lr2', learningRateMultiplier: 2 }),
      both: runOf({ name: 'e6.seed7', epochs: 6, seed: 7 }),
    };
    const res = Object.entries(runs).flatMap(([label, run], i) => answers(`gpt-4o-mini tuned ${label}`, { memorization: 6 + i }, { identity: tunedId(M, run) }));
    const { recipes } = analyzeRuns(res, summarizeResults(res));
    expect(recipes.map((r) => [r.setting, r.runs.map((x) => x.run)])).toEqual([
      ['epochs', ['e3', 'e6']],
      ['learningRateMultiplier', ['e3', 'e3.lr2']],
      ['seed', ['e6', 'e6.seed7']],
    ]);
  });
});

describe('checkpoints in labels and suites', () => {
  beforeAll(() => loadPlatforms(['openai', 'vertex']));

  it('a checkpoint label is its run\'s label + "@ epoch k" (or "@ step S"); its identity, not its label, makes it a checkpoint', () => {
    expect(checkpointLabel('gpt-4o-mini tuned 3 epochs, recipe default', { epoch: 1, step: 150 })).toBe('gpt-4o-mini tuned 3 epochs, recipe default @ epoch 1');
    expect(checkpointLabel('gpt-4o-mini tuned 3 epochs', { epoch: null, step: 40 })).toBe('gpt-4o-mini tuned 3 epochs @ step 40');
    // The tuned vs base comparison reads runs only: checkpoints are for the curves.
    const rows = summarizeResults(results);
    expect(new Set(compareProviders(rows).map((c) => c.tuned?.provider))).toEqual(new Set(['gpt-4o-mini tuned 3 epochs, recipe default', 'gpt-4o-mini tuned 3 epochs, recipe variants']));
  });

  it('--checkpoints adds each served checkpoint of a run after it, through its platform, but not the final one or one not served', async () => {
    const text = tinyDomain(12);
    const people = { domain: parseDomainText(text, 'tiny.yaml'), file: 'tiny.yaml', text };
    const spec = (platform: string, baseModel: string): RunSpec => ({
      platform,
      domain: { id: 'tiny-people', file: 'tiny.yaml', sha256: sha256(text) },
      baseModel,
      hyperparameters: { epochs: 3, batchSize: 'auto', learningRateMultiplier: 'auto' },
      seed: 42,
      recipe: DEFAULT_RECIPE,
    });
    const record = (s: RunSpec, job: object, checkpoints: object[]) =>
      ({ key: runKey(s), name: runKey(s), spec: s, state: 'succeeded', job, progress: { step: 30, totalSteps: 30, trainLoss: null, at: '' }, checkpoints }) as unknown as RunRecord;
    const openai = record(spec('openai', 'gpt-4o-mini'), { tunedModel: 'ft:m:o::x' }, [
      { id: 'c10', step: 10, model: 'ft:m:o::x:ckpt-step-10', trainLoss: null },
      { id: 'c20', step: 20, model: 'ft:m:o::x:ckpt-step-20', trainLoss: null },
      { id: 'c30', step: 30, model: 'ft:m:o::x:ckpt-step-30', trainLoss: null },
    ]);
    const endpoint = (id: string) => `projects/1/locations/us-central1/endpoints/${id}`;
    const vertex = record(spec('vertex', 'gemini-2.5-flash'), { tunedModel: 'projects/1/locations/us-central1/models/9@1', endpoint: endpoint('3') }, [
      { id: '1', step: 10, model: endpoint('1'), trainLoss: null, epoch: 1 },
      { id: '2', step: 20, model: '', trainLoss: null, epoch: 2 },
      { id: '3', step: 30, model: endpoint('3'), trainLoss: null, epoch: 3 },
    ]);
    const providers = await suiteProviders(people, [openai, vertex], '/tmp/suites', {}, { checkpoints: true, retrieval: 0 });
    const tuned = providers.filter((p) => p.config?.identity?.role === 'tuned').map((p) => [p.label, p.id.replace(/^.*providers\//, ''), withoutDescription(p.config)]);
    const ck = (record: RunRecord, id: string) => runIdentity(record, record.checkpoints.find((c) => c.id === id));
    expect(tuned).toEqual([
      ['4o-mini ft3', 'openai.ts', { run: openai.key, identity: runIdentity(openai) }],
      ['4o-mini ft3 @e1', 'openai.ts', { run: openai.key, checkpoint: 'c10', identity: ck(openai, 'c10') }],
      ['4o-mini ft3 @e2', 'openai.ts', { run: openai.key, checkpoint: 'c20', identity: ck(openai, 'c20') }],
      ['gem2.5-flash ft3', 'gemini.ts', { run: vertex.key, identity: runIdentity(vertex) }],
      ['gem2.5-flash ft3 @e1', 'gemini.ts', { run: vertex.key, checkpoint: '1', identity: ck(vertex, '1') }],
    ]);
    // The identity says which checkpoint, at which epoch, of which run: what the curves read.
    expect(ck(openai, 'c20')).toMatchObject({ role: 'tuned', baseModel: 'gpt-4o-mini', run: { key: openai.key, epochs: 3, recipe: 'default' }, checkpoint: { id: 'c20', epoch: 2, step: 20 } });
    expect(providers.filter((p) => p.config?.identity?.role !== 'tuned').map((p) => p.config?.identity)).toEqual([
      baseId('gpt-4o-mini'),
      baseId('gemini-2.5-flash'),
      inContextId('gpt-4o-mini'),
      inContextId('gemini-2.5-flash'),
    ]);
    expect((await suiteProviders(people, [openai, vertex], '/tmp/suites', {})).filter((p) => p.label.includes('@'))).toEqual([]);
  });
});
