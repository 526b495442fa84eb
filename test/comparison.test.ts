// Tuned vs base vs in-context from summary rows: the label conventions, the
// grouping and differences, and how summary.md and the terminal show them.
import { describe, expect, it } from 'vitest';
import { baseLabel, inContextLabel, parseProviderLabel, tunedLabel } from '../lib/foundation/provider-labels.ts';
import { compareProviders } from '../lib/report/comparison.ts';
import { renderComparisonMarkdown, renderComparisonTables } from '../lib/report/render-comparison.ts';
import { renderMarkdown } from '../lib/report/render.ts';
import type { SummaryRow } from '../lib/report/summary.ts';
import { wilsonInterval } from '../lib/report/wilson.ts';

function row(provider: string, domain: string, split: string, correct: number, n = 20, grader?: string): SummaryRow {
  return { provider, domain, split, n, correct, accuracy: correct / n, ci95: wilsonInterval(correct, n), errors: 0, ...(grader && { grader }) };
}

describe('provider labels', () => {
  it('makes the labels the suite builder writes and reads them back', () => {
    expect(tunedLabel('gemini-2.5-flash', 3)).toBe('gemini-2.5-flash tuned 3 epochs');
    expect(tunedLabel('gpt-4o-mini-2024-07-18', 1, 'run-7f3a')).toBe('gpt-4o-mini-2024-07-18 tuned 1 epoch run-7f3a');
    expect(baseLabel('meta-llama/Meta-Llama-3.1-8B-Instruct-Reference')).toBe('meta-llama/Meta-Llama-3.1-8B-Instruct-Reference base');
    expect(inContextLabel('gemini-2.5-flash')).toBe('gemini-2.5-flash in-context');
    expect(inContextLabel('gemini-2.5-flash', 'top-5')).toBe('gemini-2.5-flash in-context top-5');
    for (const label of ['gemini-2.5-flash tuned 3 epochs', 'gpt-4o-mini-2024-07-18 tuned 1 epoch run-7f3a', 'x base', 'x in-context top-5']) {
      const parsed = parseProviderLabel(label)!;
      const again =
        parsed.role === 'tuned' ? tunedLabel(parsed.baseModel, parsed.epochs!, parsed.detail) : parsed.role === 'base' ? baseLabel(parsed.baseModel) : inContextLabel(parsed.baseModel, parsed.detail);
      expect(again).toBe(label);
    }
    expect(parseProviderLabel('gemini-2.5-flash tuned 3 epochs lr 2.0 seed 1')).toEqual({ baseModel: 'gemini-2.5-flash', role: 'tuned', epochs: 3, detail: 'lr 2.0 seed 1' });
  });

  it('reads other labels as none of these, and refuses names with spaces or no epochs', () => {
    for (const label of ['lookup', 'replay gpt-4o', 'gemini base model', 'tuned 3 epochs', 'x tuned three epochs']) expect(parseProviderLabel(label), label).toBeNull();
    expect(() => baseLabel('gemini 2.5')).toThrow(/one word without spaces/);
    expect(() => tunedLabel('gemini-2.5-flash', 0)).toThrow(/epochs must be a positive integer/);
  });
});

describe('compareProviders', () => {
  const G = 'gemini-2.5-flash';
  const rows: SummaryRow[] = [
    row('lookup', 'people', 'memorization', 20),
    row(baseLabel(G), 'people', 'memorization', 0),
    row(baseLabel(G), 'people', 'rephrased', 1),
    row(inContextLabel(G), 'people', 'memorization', 19),
    row(inContextLabel(G, 'top-1'), 'people', 'memorization', 12),
    row(inContextLabel(G), 'people', 'rephrased', 18),
    row(tunedLabel(G, 3), 'people', 'memorization', 20),
    row(tunedLabel(G, 3), 'people', 'rephrased', 6),
    row(tunedLabel(G, 1, 'run-b'), 'people', 'memorization', 10),
    row(baseLabel(G), 'control', 'locality', 18),
    row(tunedLabel(G, 3), 'control', 'locality', 15),
    row('gpt-4o-mini in-context', 'people', 'memorization', 20),
  ];
  const comparisons = compareProviders(rows);

  it('puts each tuned run beside its base model and the in-context reference, per domain and split, with the differences', () => {
    const people = comparisons.filter((c) => c.domain === 'people' && c.baseModel === G);
    expect(people.map((c) => [c.split, c.tuned?.provider])).toEqual([
      ['memorization', 'gemini-2.5-flash tuned 1 epoch run-b'],
      ['memorization', 'gemini-2.5-flash tuned 3 epochs'],
      ['rephrased', 'gemini-2.5-flash tuned 3 epochs'],
    ]);
    const mem3 = people[1]!;
    expect(mem3.base).toMatchObject({ provider: 'gemini-2.5-flash base', n: 20, correct: 0, accuracy: 0 });
    // The plain in-context variant, not top-1.
    expect(mem3.inContext).toMatchObject({ provider: 'gemini-2.5-flash in-context', accuracy: 0.95 });
    expect(mem3.tunedMinusBase).toBeCloseTo(1);
    expect(mem3.inContextMinusTuned).toBeCloseTo(-0.05);
    const reph = people[2]!;
    expect(reph.tunedMinusBase).toBeCloseTo(0.3 - 0.05);
    expect(reph.inContextMinusTuned).toBeCloseTo(0.9 - 0.3);
    expect(reph.tuned!.ci95).toEqual(wilsonInterval(6, 20));
  });

  it('keeps a base model with no tuned run as one row without differences to tuning', () => {
    const gpt = comparisons.filter((c) => c.baseModel === 'gpt-4o-mini');
    expect(gpt).toEqual([
      { domain: 'people', split: 'memorization', baseModel: 'gpt-4o-mini', tuned: null, base: null, inContext: expect.objectContaining({ accuracy: 1 }), tunedMinusBase: null, inContextMinusTuned: null },
    ]);
  });

  it('reads locality on a control domain: the tuned model against its base model', () => {
    const locality = comparisons.filter((c) => c.split === 'locality');
    expect(locality).toHaveLength(1);
    expect(locality[0]).toMatchObject({ domain: 'control', baseModel: G, tuned: { accuracy: 0.75 }, base: { accuracy: 0.9 }, inContext: null });
    expect(locality[0]!.tunedMinusBase).toBeCloseTo(-0.15);
  });

  it('keeps graders apart when the summary compares them', () => {
    const graded = compareProviders([row(baseLabel(G), 'd', 'rephrased', 2, 20, 'paper'), row(tunedLabel(G, 2), 'd', 'rephrased', 8, 20, 'paper'), row(tunedLabel(G, 2), 'd', 'rephrased', 10, 20, 'cascade')]);
    expect(graded.map((c) => [c.grader, c.tuned?.accuracy, c.base?.accuracy ?? null])).toEqual([
      ['paper', 0.4, 0.1],
      ['cascade', 0.5, null],
    ]);
  });

  it('is empty when no provider is labelled as tuned, base or in-context', () => {
    expect(compareProviders([row('lookup', 'people', 'memorization', 20)])).toEqual([]);
  });
});

describe('rendering the comparison', () => {
  const G = 'gemini-2.5-flash';
  const rows = [
    row(baseLabel(G), 'people', 'memorization', 0),
    row(inContextLabel(G), 'people', 'memorization', 19),
    row(tunedLabel(G, 3), 'people', 'memorization', 20),
    row(baseLabel(G), 'control', 'locality', 18),
    row(tunedLabel(G, 3), 'control', 'locality', 15),
  ];

  it('adds a "Tuned vs base vs in-context" section with a locality table to summary.md', () => {
    const md = renderMarkdown({ generatedAt: 'now', evals: [], rows });
    expect(md).toContain('## Tuned vs base vs in-context');
    expect(md).toContain('| domain | split | base model | tuned run | tuned | base | in-context | tuned − base | in-context − tuned |');
    expect(md).toContain('| people | memorization | gemini-2.5-flash | tuned 3 epochs | 1.000 | 0.000 | 0.950 | +1.000 | -0.050 |');
    expect(md).toContain('### Locality');
    expect(md).toContain('| control | gemini-2.5-flash | tuned 3 epochs | 0.750 | 0.900 | -0.150 |');
    // After the main table, before the list of evals.
    expect(md.indexOf('## Tuned vs base vs in-context')).toBeLessThan(md.indexOf('## Evals'));
    expect(md.indexOf('| people | gemini-2.5-flash base |')).toBeLessThan(md.indexOf('## Tuned vs base vs in-context'));
  });

  it('leaves summary.md and the terminal as they were without such providers', () => {
    const md = renderMarkdown({ generatedAt: 'now', evals: [], rows: [row('lookup', 'people', 'memorization', 20)] });
    expect(md).not.toContain('Tuned vs base');
    expect(renderComparisonTables([])).toBe('');
    expect(renderComparisonMarkdown([])).toBe('');
  });

  it('prints terminal tables with blanks for what is missing', () => {
    const text = renderComparisonTables(compareProviders([...rows, row(inContextLabel('gpt-4o-mini'), 'people', 'rephrased', 10)]));
    expect(text).toMatch(/^Tuned vs base vs in-context \(accuracy\)\n/);
    expect(text).toMatch(/│ people\s+│ memorization │ gemini-2\.5-flash │ tuned 3 epochs │ 1\.000\s+│ 0\.000\s+│ 0\.950\s+│ \+1\.000\s+│ -0\.050\s+│/);
    expect(text).toMatch(/│ people\s+│ rephrased\s+│ gpt-4o-mini\s+│ —\s+│ not run\s+│ not run\s+│ 0\.500\s+│ —\s+│ —\s+│/);
    expect(text).toMatch(/a difference with such a side is —, never \+0\.000/);
    expect(text).toMatch(/Locality: control domains on each tuned model and its base model\n/);
    expect(text).toMatch(/│ control\s+│ gemini-2\.5-flash │ tuned 3 epochs │ 0\.750 │ 0\.900 │ -0\.150 │/);
  });
});
