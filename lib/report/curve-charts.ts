/**
 * The Vega-Lite specification of a learning curve, for the HTML report
 * (sections/curves.ts): one panel per split, accuracy against epoch, a line
 * per series with its 95% interval as a band, the base model and the base
 * model in-context as dashed horizontal rules. (A recipe comparison is bars,
 * drawn with the report's bar chart: sections/curves.ts.)
 *
 * Emulated numbers say so in the title. Points with no data (n = 0) are left
 * out, never drawn at 0.
 */
import type { TopLevelSpec } from 'vega-lite';
import { markEmulated } from '../models/emulation.ts';
import type { Curve } from './curves.ts';
import { legendLabels } from './legend-labels.ts';

export type VegaLiteSpec = TopLevelSpec;

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
/** Legends under the panels: series are run names, too long for the side; wrapped, never cut (legend-labels.ts). */
const legend = (labels: readonly string[]) => ({ orient: 'bottom', direction: 'vertical', ...legendLabels(labels) });

export function curveChartSpec(curve: Curve): VegaLiteSpec {
  const points = curve.points
    .filter((p) => p.accuracy !== null && p.ci95 !== null)
    .map((p) => ({ kind: 'point', series: p.series, split: p.split, epoch: p.epoch, accuracy: p.accuracy, lo: p.ci95![0], hi: p.ci95![1], n: p.n, provider: p.provider }));
  const references = curve.references
    .filter((r) => r.accuracy !== null)
    .map((r) => ({ kind: 'reference', role: r.role, split: r.split, accuracy: r.accuracy, n: r.n, provider: r.provider }));
  const epochs = curve.points.map((p) => p.epoch);
  const x = { field: 'epoch', type: 'quantitative', title: 'epoch', scale: { domain: [Math.min(...epochs), Math.max(...epochs)] }, axis: { tickMinStep: 1, format: 'd' } };
  const y = { field: 'accuracy', type: 'quantitative', title: 'accuracy', scale: { domain: [0, 1] } };
  const isPoint = { filter: "datum.kind === 'point'" };
  const LEGEND = legend([...new Set(points.map((p) => p.series))]);
  return {
    $schema: SCHEMA,
    title: markEmulated(`${curve.domain}: ${curve.label}, accuracy by epoch`, curve.emulated),
    data: { values: [...points, ...references] },
    facet: { column: { field: 'split', type: 'nominal', sort: curve.splits, title: null } },
    spec: {
      width: 200,
      height: 180,
      layer: [
        { transform: [isPoint], mark: { type: 'area', opacity: 0.2 }, encoding: { x, y: { ...y, field: 'lo' }, y2: { field: 'hi' }, color: { field: 'series', type: 'nominal', title: 'series', legend: LEGEND } } },
        {
          transform: [isPoint],
          mark: { type: 'line', point: true },
          encoding: {
            x,
            y,
            color: { field: 'series', type: 'nominal', title: 'series', legend: LEGEND },
            tooltip: [{ field: 'series' }, { field: 'epoch' }, { field: 'accuracy', format: '.3f' }, { field: 'lo', format: '.3f' }, { field: 'hi', format: '.3f' }, { field: 'n' }],
          },
        },
        {
          transform: [{ filter: "datum.kind === 'reference'" }],
          mark: { type: 'rule', color: '#555' },
          encoding: { y, strokeDash: { field: 'role', type: 'nominal', title: 'reference', scale: { domain: ['base', 'in-context'], range: [[2, 2], [6, 3]] }, legend: legend(['base', 'in-context']) }, tooltip: [{ field: 'role' }, { field: 'accuracy', format: '.3f' }, { field: 'n' }] },
        },
      ],
    },
    resolve: { scale: { x: 'shared', y: 'shared' } },
  } as TopLevelSpec;
}
