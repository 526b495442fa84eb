/**
 * Chart legends name what they show (issue 19.4): a legend label is wrapped
 * into lines, never cut, so labels that differ only at their end stay
 * distinct, in the SVG the HTML report inlines (lib/report/legend-labels.ts,
 * drawn by vega as index.html's charts are).
 */
import { describe, expect, it } from 'vitest';
import { barChartSpec, PALETTE } from '../lib/report/chart-specs.ts';
import { curveChartSpec } from '../lib/report/curve-charts.ts';
import type { Curve } from '../lib/report/curves.ts';
import { LEGEND_LINE_CHARS, wrapLabel } from '../lib/report/legend-labels.ts';
import { renderSvg } from '../lib/report/render-svg.ts';

/** Each legend label of an SVG: its lines joined by a space (the words as written, whatever the wrapping). */
function legendLabels(svg: string): string[] {
  return [...svg.matchAll(/<g class="mark-text role-legend-label"[^>]*>([\s\S]*?)<\/g>/g)].flatMap((g) =>
    [...g[1]!.matchAll(/<text[^>]*>([\s\S]*?)<\/text>/g)].map((t) => {
      const spans = [...t[1]!.matchAll(/<tspan[^>]*>([\s\S]*?)<\/tspan>/g)].map((m) => m[1]!);
      return (spans.length ? spans.join(' ') : t[1]!).replaceAll('&amp;', '&').replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&quot;', '"').replaceAll('&#39;', "'");
    }),
  );
}

const LONG = [
  'gpt-4o-mini tuned 3 epochs, recipe default @ epoch 1',
  'gpt-4o-mini tuned 3 epochs, recipe default @ epoch 2',
  'gpt-4o-mini tuned 3 epochs, recipe default @ epoch 3 (emulation)',
  'gemini-2.5-flash tuned 10 epochs, adapter size 4, learning rate multiplier 0.5, recipe variants',
  'gemini-2.5-flash tuned 10 epochs, adapter size 4, learning rate multiplier 0.5, recipe variants @ step 120',
];
const HOSTILE = ["it's \\ a label ']} || 1 + ['", 'Robert"); DROP TABLE runs;-- with a tail long enough to wrap', '<b>bold</b> & a label of sufficient length to be wrapped at least once', 'lookup'];

describe('wrapLabel', () => {
  it.each([...LONG, ...HOSTILE, 'a'.repeat(95), `${'b'.repeat(50)} c`, 'x', ''])('keeps every character and no line is longer than a line: %s', (label) => {
    const lines = wrapLabel(label);
    for (const line of lines) expect([...line].length).toBeLessThanOrEqual(LEGEND_LINE_CHARS);
    // Broken at spaces: the words come back joined by one space; a word longer than a line is split without loss.
    expect(lines.join(' ').replaceAll(' ', '')).toBe(label.replaceAll(' ', ''));
    if (!label.split(' ').some((w) => w.length > LEGEND_LINE_CHARS)) expect(lines.join(' ')).toBe(label);
  });
});

describe('chart legends', () => {
  it('a bar chart shows every series label whole and distinct, however long and whatever it holds', async () => {
    const series = [...LONG, ...HOSTILE];
    const svg = await renderSvg(
      barChartSpec({ id: 'c', title: 't', measure: 'accuracy', categoryTitle: 'split', categories: ['memorization'], series, colors: series.map((_, i) => PALETTE[i % PALETTE.length]!), data: series.map((s, i) => ({ category: 'memorization', series: s, value: i / 10 })) }),
    );
    const labels = legendLabels(svg);
    expect(labels).toEqual(series);
    expect(new Set(labels).size).toBe(series.length);
    expect(svg).not.toContain('…');
  });

  it('a learning curve names each of its series whole', async () => {
    const run = (i: number) => `people.gpt-4o-mini.e10.recipe-variants.lr-0.5.batch-8.seed-${i}`;
    const curve: Curve = {
      domain: 'people',
      baseModel: 'gpt-4o-mini',
      label: 'gpt-4o-mini',
      splits: ['memorization'],
      points: [1, 2].flatMap((i) => [1, 2].map((epoch) => ({ series: run(i), epoch, step: epoch, split: 'memorization', provider: `${run(i)} @ ${epoch}`, run: run(i), n: 10, correct: 5, accuracy: 0.5, ci95: [0.2, 0.8] as [number, number] }))),
      references: [],
      emulated: false,
    } as unknown as Curve;
    // A run name has no space: it is broken after a dot, and the lines joined give it back.
    const labels = legendLabels(await renderSvg(curveChartSpec(curve))).map((l) => l.replaceAll(' ', ''));
    expect(labels).toEqual([run(1), run(2), 'base', 'in-context']);
  });
});
