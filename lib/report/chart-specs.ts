/**
 * The charts of the HTML report as Vega-Lite specs, built from plain data:
 * bars grouped by a category (a split, a model) with one bar per series (a
 * provider, a role), and the 95% Wilson interval as an error bar on each bar
 * that has one. Nothing here renders (render-svg.ts does, at build time, in
 * Node); every chart keeps its data beside its spec, and that data is written
 * to summary.json as it was drawn.
 */
import type { TopLevelSpec } from 'vega-lite';
import { legendLabels } from './legend-labels.ts';

/** One bar: where it sits (category × series), its height and its interval. */
export interface BarDatum {
  category: string;
  series: string;
  value: number;
  /** The 95% interval; absent when the value has none (a published aggregate, a mean over domains). */
  lo?: number;
  hi?: number;
  n?: number;
  /** The number came from an emulator (lib/models/emulation.ts). */
  emulated?: true;
}

export interface Chart {
  /** Stable id: the HTML figure's id and the key of its data in summary.json. */
  id: string;
  title: string;
  /** What the bars measure, for the y axis (`accuracy`, `stale rate`). */
  measure: string;
  categoryTitle: string;
  data: BarDatum[];
  /** Category and series in the order they are drawn. */
  categories: string[];
  series: string[];
  /** A colour per series, so one provider keeps its colour across charts. */
  colors: string[];
}

/** Tableau 10: distinct, readable in print, colour-blind tolerable for the first few. */
export const PALETTE = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];

/** Widest a chart should be drawn (px) so it sits beside its table at 1280 px and fits a printed page. */
const MAX_PLOT_WIDTH = 560;

/** Pixels a label of `chars` characters needs at the axis font size (vega estimates text width the same way without a canvas). */
const labelWidth = (chars: number) => chars * 6.5 + 8;

export function barChartSpec(chart: Chart): TopLevelSpec {
  const perCategory = Math.max(chart.series.length, 1);
  const longest = Math.max(4, ...chart.categories.map((c) => c.length));
  const wanted = Math.max(26 * perCategory + 16, labelWidth(longest));
  const step = Math.floor(Math.max(24, Math.min(wanted, MAX_PLOT_WIDTH / Math.max(chart.categories.length, 1))));
  // Labels that do not fit flat are slanted rather than cut.
  const slanted = labelWidth(longest) > step;
  const withInterval = chart.data.filter((d) => d.lo !== undefined && d.hi !== undefined);
  // A value label on each bar when bars are wide enough to hold one: a bar at 0 is then visibly a 0.
  const labelled = step / perCategory >= 24;
  const x = {
    field: 'category',
    type: 'nominal' as const,
    // The order as a scale domain, not a sort: vega-lite turns a sort list into an expression, which a label holding U+2028 or U+2029 breaks.
    scale: { domain: chart.categories },
    title: chart.categoryTitle,
    axis: { labelAngle: slanted ? -35 : 0, labelAlign: slanted ? ('right' as const) : ('center' as const), labelLimit: 180 },
  };
  // Bars sit side by side in the series' order by a key of plain digits: vega-lite orders xOffset with an expression built from
  // the field's values, which a label holding U+2028 or U+2029 breaks.
  const seriesKey = new Map(chart.series.map((s, i) => [s, String(i).padStart(4, '0')]));
  const keyed = <D extends BarDatum>(d: D) => ({ ...d, seriesKey: seriesKey.get(d.series) ?? d.series });
  const xOffset = { field: 'seriesKey', type: 'nominal' as const, sort: [...seriesKey.values()] };
  const y = { type: 'quantitative' as const, scale: { domain: [0, 1] }, title: chart.measure };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: chart.title, anchor: 'start', fontSize: 13 },
    width: { step, for: 'position' },
    height: 220,
    config: { font: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif', view: { stroke: null }, axis: { labelFontSize: 11, titleFontSize: 11 } },
    layer: [
      {
        data: { values: chart.data.map(keyed) },
        mark: { type: 'bar' },
        encoding: {
          x,
          xOffset,
          y: { ...y, field: 'value' },
          color: {
            field: 'series',
            type: 'nominal',
            scale: { domain: chart.series, range: chart.colors },
            legend: { title: null, orient: 'bottom', direction: 'vertical', ...legendLabels(chart.series) },
          },
          tooltip: [
            { field: 'series', title: 'series' },
            { field: 'category', title: chart.categoryTitle },
            { field: 'value', title: chart.measure, format: '.3f' },
            ...(withInterval.length ? [{ field: 'lo', title: '95% low', format: '.3f' }, { field: 'hi', title: '95% high', format: '.3f' }] : []),
          ],
        },
      },
      ...(withInterval.length
        ? [
            {
              data: { values: withInterval.map(keyed) },
              mark: { type: 'rule' as const, color: '#222', strokeWidth: 1.2 },
              encoding: { x, xOffset, y: { ...y, field: 'lo' }, y2: { field: 'hi' } },
            },
          ]
        : []),
      ...(labelled
        ? [
            {
              data: { values: chart.data.map((d) => keyed({ ...d, top: d.hi ?? d.value })) },
              mark: { type: 'text' as const, baseline: 'bottom' as const, dy: -2, fontSize: 9, color: '#333' },
              encoding: { x, xOffset, y: { ...y, field: 'top' }, text: { field: 'value', type: 'quantitative' as const, format: '.2f' } },
            },
          ]
        : []),
    ],
  } as TopLevelSpec;
}
