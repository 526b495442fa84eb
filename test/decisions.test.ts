// Fine-tune or retrieve (issue 20): what each approach costs and which are
// the cheapest at their accuracy, from promptfoo results alone (buildSummary),
// against figures worked out by hand; and how the section shows them.
import { describe, expect, it } from 'vitest';
import type { ProviderIdentity } from '../lib/ledger/provider-identity.ts';
import type { InferencePrice } from '../lib/models/inference-price.ts';
import type { RunRecord } from '../lib/ledger/run-record.ts';
import { trainingCostOf, type TrainingCost } from '../lib/models/training-cost.ts';
import { buildSummary } from '../lib/report/build-summary.ts';
import { decisionPoints } from '../lib/report/decision-chart.ts';
import type { DecisionRow } from '../lib/report/decisions.ts';
import { paretoFront } from '../lib/report/pareto.ts';
import { renderMarkdown } from '../lib/report/render.ts';
import { renderTerminal, SECTIONS } from '../lib/report/report-sections.ts';
import { decisionSections } from '../lib/report/sections/decisions.ts';
import type { PromptfooResultLike } from '../lib/report/summary.ts';
import { atEpoch, baseId, inContextId, LOOKUP, runOf, tunedId } from './helpers/identity.ts';

const M = 'gpt-4o-mini';
const run = runOf({ name: 'people.e3' });
// Round prices, so the sums below are easy to check: $1 / $4 per 1M tokens untuned, $2 / $8 tuned.
const price = (tuned: boolean): InferencePrice => ({ platform: 'openai', model: 'gpt-4o-mini-2024-07-18', tuned, inputPerMillion: tuned ? 2 : 1, outputPerMillion: tuned ? 8 : 4, readOn: '2026-11-21' });
const TRAINING: TrainingCost = { usd: 0.5, from: 'platform', trainedTokens: 166_667, pricesReadOn: '2026-11-21' };
const retrievalId = (k: number, withRun = false): ProviderIdentity => ({ role: 'retrieval', baseModel: M, k, ...(withRun && { run }) });

interface Answers {
  identity: ProviderIdentity;
  /** Right answers of 10, per split. */
  right: Record<string, number>;
  /** Prompt and completion tokens of every answer; none: not reported. */
  tokens?: [number, number];
  price?: InferencePrice;
  training?: TrainingCost;
  emulated?: boolean;
}

function answers(provider: string, a: Answers): PromptfooResultLike[] {
  return Object.entries(a.right).flatMap(([split, k]) =>
    Array.from({ length: 10 }, (_, i) => ({
      provider: { id: 'x', label: provider },
      testCase: { metadata: { domain: 'people', split, question_id: `${split}-${i}` } },
      metadata: { identity: a.identity, ...(a.emulated && { emulated: true }), ...(a.price && { inferencePrice: a.price }), ...(a.training && { trainingCost: a.training }) },
      response: { output: 'x', ...(a.tokens && { tokenUsage: { prompt: a.tokens[0], completion: a.tokens[1] } }) },
      success: i < k,
    })),
  );
}

const results = [
  ...answers(`${M} base`, { identity: baseId(M), right: { memorization: 0, rephrased: 0 }, tokens: [20, 5], price: price(false) }),
  ...answers(`${M} in-context`, { identity: inContextId(M), right: { memorization: 10, rephrased: 10 }, tokens: [2000, 5], price: price(false) }),
  ...answers(`${M} retrieval k=3`, { identity: retrievalId(3), right: { memorization: 9, rephrased: 8 }, tokens: [100, 5], price: price(false) }),
  ...answers(`${M} tuned 3 epochs`, { identity: tunedId(M, run), right: { memorization: 10, rephrased: 1 }, tokens: [20, 5], price: price(true), training: TRAINING, emulated: true }),
  ...answers(`${M} tuned 3 epochs + retrieval k=3`, { identity: retrievalId(3, true), right: { memorization: 10, rephrased: 9 }, tokens: [100, 5], price: price(true), training: TRAINING, emulated: true }),
  // Not approaches: a checkpoint (learning curves) and the lookup baseline.
  ...answers(`${M} tuned 3 epochs @ epoch 1`, { identity: atEpoch(M, run, 1), right: { memorization: 4, rephrased: 0 }, tokens: [20, 5], price: price(true) }),
  ...answers('lookup', { identity: LOOKUP, right: { memorization: 10, rephrased: 5 } }),
];

const summary = buildSummary(results, { evals: [] });
const table = summary.decisions!.find((t) => t.domain === 'people')!;
const row = (provider: string, split: string): DecisionRow => table.rows.find((r) => r.provider === `${M} ${provider}` && r.split === split)!;

describe("a run's training cost (lib/models/training-cost.ts)", () => {
  const estimate = { examples: 150, tokensPerEpoch: 5380, trainedTokens: 16_140, costUsd: 0.04842, pricesReadOn: '2026-11-21' };
  const record = (job: { trainedTokens?: number } | null, withEstimate = true) => ({ estimate: withEstimate ? estimate : null, job }) as unknown as RunRecord;

  it("is the platform's trained tokens at the plan's price once reported, the plan's estimate before, nothing for a model registered from elsewhere", () => {
    // $3.00 per 1M: 14,808 reported tokens → $0.044424.
    const reported = trainingCostOf(record({ trainedTokens: 14_808 }))!;
    expect(reported).toMatchObject({ from: 'platform', trainedTokens: 14_808, pricesReadOn: '2026-11-21' });
    expect(reported.usd).toBeCloseTo(0.044424, 10);
    expect(trainingCostOf(record({}))).toEqual({ usd: 0.04842, from: 'estimate', trainedTokens: 16_140, pricesReadOn: '2026-11-21' });
    expect(trainingCostOf(record(null))).toMatchObject({ from: 'estimate' });
    expect(trainingCostOf(record({ trainedTokens: 14_808 }, false))).toBeNull();
  });
});

describe('decisions: accuracy and cost of each approach', () => {
  it('prices each answer\'s tokens at the price it carries, adds the run\'s training cost, and divides by the correct answers', () => {
    expect(table.rows.map((r) => r.provider)).not.toContain('lookup');
    expect(table.rows.map((r) => r.provider)).not.toContain(`${M} tuned 3 epochs @ epoch 1`);
    // base: (20 × $1 + 5 × $4) / 1M = $0.00004 an answer → $0.04 per 1,000; nothing trained; no correct answer.
    expect(row('base', 'memorization')).toMatchObject({ approach: 'base', accuracy: 0, training: { usd: 0, from: 'none' }, inference: { promptTokens: 20, completionTokens: 5 }, perCorrect: null });
    expect(row('base', 'memorization').inference.perThousand).toBeCloseTo(0.04, 10);
    // in-context: (2000 + 20) / 1M → $2.02 per 1,000, 1,000 correct → $0.00202 each.
    expect(row('in-context', 'rephrased').totalPerThousand).toBeCloseTo(2.02, 10);
    expect(row('in-context', 'rephrased').perCorrect).toBeCloseTo(0.00202, 10);
    // retrieval: (100 + 20) / 1M → $0.12; 800 of 1,000 correct on rephrased.
    expect(row('retrieval k=3', 'rephrased')).toMatchObject({ approach: 'retrieval', accuracy: 0.8 });
    expect(row('retrieval k=3', 'rephrased').perCorrect).toBeCloseTo(0.12 / 800, 10);
    // tuned: (20 × $2 + 5 × $8) / 1M → $0.08, plus $0.50 of training → $0.58; 100 correct on rephrased.
    const tuned = row('tuned 3 epochs', 'rephrased');
    expect(tuned).toMatchObject({ approach: 'tuned', training: { usd: 0.5, from: 'platform', trainedTokens: 166_667, emulated: true }, inference: { emulated: true }, emulated: true });
    expect(tuned.totalPerThousand).toBeCloseTo(0.58, 10);
    expect(tuned.perCorrect).toBeCloseTo(0.0058, 10);
    // tuned + retrieval: (100 × $2 + 5 × $8) / 1M → $0.24 + $0.50.
    expect(row('tuned 3 epochs + retrieval k=3', 'memorization')).toMatchObject({ approach: 'tuned + retrieval' });
    expect(row('tuned 3 epochs + retrieval k=3', 'memorization').totalPerThousand).toBeCloseTo(0.74, 10);
  });

  it('marks, per split, the approaches no other beats on both cost and accuracy', () => {
    const front = (split: string) => table.rows.filter((r) => r.split === split && r.front).map((r) => r.approach);
    // memorization: base $0.04 at 0, retrieval $0.12 at 0.9, tuned $0.58 at 1; tuned + retrieval and in-context are as accurate, dearer.
    expect(front('memorization').sort()).toEqual(['base', 'retrieval', 'tuned']);
    // rephrased: tuned ($0.58 at 0.1) is beaten by retrieval ($0.12 at 0.8).
    expect(front('rephrased').sort()).toEqual(['base', 'in-context', 'retrieval', 'tuned + retrieval']);
    expect(paretoFront([{ cost: 1, accuracy: 0.5 }, { cost: 1, accuracy: 0.5 }, { cost: 2, accuracy: 0.5 }])).toEqual([true, true, false]);
  });

  it('a figure nobody measured is no data, with why, and no point on the chart', () => {
    const unpriced = buildSummary(
      [
        ...answers(`${M} base`, { identity: baseId(M), right: { memorization: 3 }, tokens: [20, 5] }),
        ...answers(`${M} tuned 3 epochs`, { identity: tunedId(M, run), right: { memorization: 9 }, tokens: [20, 5], price: price(true) }),
        ...answers(`${M} in-context`, { identity: inContextId(M), right: { memorization: 9 }, price: price(false) }),
      ],
      { evals: [] },
    ).decisions![0]!;
    const by = (p: string) => unpriced.rows.find((r) => r.provider === `${M} ${p}`)!;
    expect(by('base').inference).toMatchObject({ perThousand: null, missing: 'no price known for this model (lib/models/prices.json)' });
    expect(by('in-context').inference).toMatchObject({ perThousand: null, promptTokens: null, missing: 'no tokens reported' });
    expect(by('tuned 3 epochs')).toMatchObject({ training: { usd: null, from: 'unknown' }, totalPerThousand: null, perCorrect: null, front: false });
    expect(decisionPoints(unpriced)).toEqual([]);
    const text = renderTerminal({ ...summary, decisions: [unpriced] }, []);
    expect(text).toContain('no data: no price known for this model');
    expect(text).not.toMatch(/\$0(?![.\d])/);
  });

  it('renders the table in the terminal and summary.md, and the chart (log scale, front, emulated marked) in the HTML report', () => {
    const md = renderMarkdown(summary, SECTIONS);
    expect(md).toContain('## Fine-tune or retrieve: accuracy and cost');
    expect(md).toContain('| gpt-4o-mini tuned 3 epochs | rephrased | 10 | 0.100 |');
    expect(md).toMatch(/\| gpt-4o-mini tuned 3 epochs \| rephrased \|.*\| \$0\.5 \(166,667 tokens trained\) \| \$0\.08 \|.*\| \$0\.58 \| \$0\.0058 \|  \| accuracy, tokens, trained tokens \|/);
    expect(md).toContain('read on 2026-11-21');
    const [section] = decisionSections(summary);
    expect(section!.title).toBe('people: fine-tune or retrieve? accuracy and cost (emulation)');
    const spec = JSON.stringify(section!.figure!.spec);
    expect(spec).toContain('"type":"log"');
    const points = decisionPoints(table);
    // Every approach on both splits but base (0 of 10 is drawn too: its cost is measured).
    expect(points).toHaveLength(10);
    expect(points.filter((p) => p.figures === 'emulated').map((p) => p.approach).sort()).toEqual(['tuned', 'tuned', 'tuned + retrieval', 'tuned + retrieval']);
  });
});
