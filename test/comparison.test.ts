// Tuned vs base vs in-context from summary rows: the labels people read, the
// grouping by identity and the differences, and how summary.md and the
// terminal show them.
import { describe, expect, it } from 'vitest';
import { baseLabel, inContextLabel, tunedLabel } from '../lib/foundation/provider-labels.ts';
import type { ProviderIdentity } from '../lib/ledger/provider-identity.ts';
import { compareProviders, identityNote } from '../lib/report/comparison.ts';
import { renderComparisonMarkdown, renderComparisonTables } from '../lib/report/render-comparison.ts';
import { renderMarkdown } from '../lib/report/render.ts';
import type { ReportData } from '../lib/report/report-data.ts';
import { SECTIONS } from '../lib/report/report-sections.ts';
import type { SummaryRow } from '../lib/report/summary.ts';
import { wilsonInterval } from '../lib/report/wilson.ts';
import { baseId, inContextId, LOOKUP, runOf, tunedId } from './helpers/identity.ts';

/** A report of these rows alone, as the summary builder would hold them. */
const reportOf = (rows: SummaryRow[]): ReportData => ({ generatedAt: 'now', evals: [], rows, curves: [], recipes: [], comparisons: compareProviders(rows) });

function row(provider: string, identity: ProviderIdentity | null, domain: string, split: string, correct: number, n = 20, grader?: string): SummaryRow {
  return { provider, domain, split, n, correct, accuracy: correct / n, ci95: wilsonInterval(correct, n), errors: 0, ...(grader && { grader }), ...(identity && { identity }) };
}

describe('provider labels', () => {
  it('makes the labels the suite builder writes, for people to read', () => {
    expect(tunedLabel('gemini-2.5-flash', 3)).toBe('gemini-2.5-flash tuned 3 epochs');
    expect(tunedLabel('gpt-4o-mini-2024-07-18', 1, 'run-7f3a')).toBe('gpt-4o-mini-2024-07-18 tuned 1 epoch run-7f3a');
    expect(tunedLabel('my-base', null)).toBe('my-base tuned');
    expect(baseLabel('meta-llama/Meta-Llama-3.1-8B-Instruct-Reference')).toBe('meta-llama/Meta-Llama-3.1-8B-Instruct-Reference base');
    expect(inContextLabel('gemini-2.5-flash')).toBe('gemini-2.5-flash in-context');
    expect(inContextLabel('gemini-2.5-flash', 'top-5')).toBe('gemini-2.5-flash in-context top-5');
  });

  it('refuses an empty base model name or epochs that are not a positive integer', () => {
    expect(() => baseLabel(' ')).toThrow(/needs a base model name/);
    expect(() => tunedLabel('gemini-2.5-flash', 0)).toThrow(/epochs must be a positive integer/);
  });
});

describe('compareProviders', () => {
  const G = 'gemini-2.5-flash';
  const e3 = tunedId(G, runOf({ name: 'people.e3' }));
  const runB = tunedId(G, runOf({ name: 'people.run-b', epochs: 1 }));
  const rows: SummaryRow[] = [
    row('lookup', LOOKUP, 'people', 'memorization', 20),
    row(baseLabel(G), baseId(G), 'people', 'memorization', 0),
    row(baseLabel(G), baseId(G), 'people', 'rephrased', 1),
    row(inContextLabel(G), inContextId(G), 'people', 'memorization', 19),
    row(inContextLabel(G, 'top-1'), inContextId(G, 'top-1'), 'people', 'memorization', 12),
    row(inContextLabel(G), inContextId(G), 'people', 'rephrased', 18),
    row(tunedLabel(G, 3), e3, 'people', 'memorization', 20),
    row(tunedLabel(G, 3), e3, 'people', 'rephrased', 6),
    row(tunedLabel(G, 1, 'run-b'), runB, 'people', 'memorization', 10),
    row(baseLabel(G), baseId(G), 'control', 'locality', 18),
    row(tunedLabel(G, 3), e3, 'control', 'locality', 15),
    row('gpt-4o-mini in-context', inContextId('gpt-4o-mini'), 'people', 'memorization', 20),
  ];
  const comparisons = compareProviders(rows);

  it('puts each tuned run beside its base model and the in-context reference, per domain and split, with the differences', () => {
    const people = comparisons.filter((c) => c.domain === 'people' && c.baseModel === G);
    // Tuned runs in identity order (by run name), not by label.
    expect(people.map((c) => [c.split, c.tuned?.provider])).toEqual([
      ['memorization', 'gemini-2.5-flash tuned 3 epochs'],
      ['memorization', 'gemini-2.5-flash tuned 1 epoch run-b'],
      ['rephrased', 'gemini-2.5-flash tuned 3 epochs'],
    ]);
    const mem3 = people[0]!;
    expect(mem3.base).toMatchObject({ provider: 'gemini-2.5-flash base', n: 20, correct: 0, accuracy: 0 });
    // The plain in-context reference, not the top-1 variant.
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
    const e2 = tunedId(G, runOf({ name: 'd.e2', epochs: 2 }));
    const graded = compareProviders([
      row(baseLabel(G), baseId(G), 'd', 'rephrased', 2, 20, 'paper'),
      row(tunedLabel(G, 2), e2, 'd', 'rephrased', 8, 20, 'paper'),
      row(tunedLabel(G, 2), e2, 'd', 'rephrased', 10, 20, 'cascade'),
    ]);
    expect(graded.map((c) => [c.grader, c.tuned?.accuracy, c.base?.accuracy ?? null])).toEqual([
      ['cascade', 0.5, null],
      ['paper', 0.4, 0.1],
    ]);
  });

  it('is empty when no provider is a tuned, base or in-context one', () => {
    expect(compareProviders([row('lookup', LOOKUP, 'people', 'memorization', 20)])).toEqual([]);
  });

  it('groups by identity alone: a label that reads like a tuned run is a plain provider without one, and any label works with one', () => {
    const plain = [row(tunedLabel(G, 3), null, 'people', 'memorization', 20), row(baseLabel(G), null, 'people', 'memorization', 0)];
    expect(compareProviders(plain)).toEqual([]);
    expect(identityNote(plain)).toMatch(/^Shown as plain providers, not grouped as tuned, base or in-context: gemini-2\.5-flash tuned 3 epochs, gemini-2\.5-flash base\. .*docs\/tuned-vs-base\.md/);
    const odd = compareProviders([row('Model A', e3, 'people', 'memorization', 20), row('the untouched one', baseId(G), 'people', 'memorization', 0)]);
    expect(odd).toEqual([expect.objectContaining({ baseModel: G, tuned: expect.objectContaining({ provider: 'Model A' }), base: expect.objectContaining({ provider: 'the untouched one' }), tunedMinusBase: 1 })]);
    expect(identityNote(rows)).toBeNull();
  });
});

describe('rendering the comparison', () => {
  const G = 'gemini-2.5-flash';
  const e3 = tunedId(G, runOf({ name: 'people.e3' }));
  const rows = [
    row(baseLabel(G), baseId(G), 'people', 'memorization', 0),
    row(inContextLabel(G), inContextId(G), 'people', 'memorization', 19),
    row(tunedLabel(G, 3), e3, 'people', 'memorization', 20),
    row(baseLabel(G), baseId(G), 'control', 'locality', 18),
    row(tunedLabel(G, 3), e3, 'control', 'locality', 15),
  ];

  it('adds a "Tuned vs base vs in-context" section with a locality table to summary.md', () => {
    const md = renderMarkdown(reportOf(rows), SECTIONS);
    expect(md).toContain('## Tuned vs base vs in-context');
    expect(md).toContain('| domain | split | base model | tuned run | tuned | base | in-context | tuned − base | in-context − tuned |');
    expect(md).toContain('| people | memorization | gemini-2.5-flash | gemini-2.5-flash tuned 3 epochs | 1.000 | 0.000 | 0.950 | +1.000 | -0.050 |');
    expect(md).toContain('### Locality');
    expect(md).toContain('| control | gemini-2.5-flash | gemini-2.5-flash tuned 3 epochs | 0.750 | 0.900 | -0.150 |');
    // After the main table, before the list of evals.
    expect(md.indexOf('## Tuned vs base vs in-context')).toBeLessThan(md.indexOf('## Evals'));
    expect(md.indexOf('| people | gemini-2.5-flash base |')).toBeLessThan(md.indexOf('## Tuned vs base vs in-context'));
  });

  it('leaves summary.md and the terminal as they were without such providers', () => {
    const md = renderMarkdown(reportOf([row('lookup', LOOKUP, 'people', 'memorization', 20)]), SECTIONS);
    expect(md).not.toContain('Tuned vs base');
    expect(renderComparisonTables([])).toBe('');
    expect(renderComparisonMarkdown([])).toBe('');
  });

  it('prints terminal tables with blanks for what is missing', () => {
    const text = renderComparisonTables(compareProviders([...rows, row(inContextLabel('gpt-4o-mini'), inContextId('gpt-4o-mini'), 'people', 'rephrased', 10)]));
    expect(text).toMatch(/^Tuned vs base vs in-context \(accuracy\)\n/);
    expect(text).toMatch(/│ people\s+│ memorization │ gemini-2\.5-flash │ gemini-2\.5-flash tuned 3 epochs │ 1\.000\s+│ 0\.000\s+│ 0\.950\s+│ \+1\.000\s+│ -0\.050\s+│/);
    expect(text).toMatch(/│ people\s+│ rephrased\s+│ gpt-4o-mini\s+│ no tuned run\s+│ not run\s+│ not run\s+│ 0\.500\s+│ —\s+│ —\s+│/);
    expect(text).toMatch(/a difference with such a side is —, never \+0\.000/);
    expect(text).toMatch(/Locality: control domains on each tuned model and its base model\n/);
    expect(text).toMatch(/│ control\s+│ gemini-2\.5-flash │ gemini-2\.5-flash tuned 3 epochs │ 0\.750 │ 0\.900 │ -0\.150 │/);
  });
});
