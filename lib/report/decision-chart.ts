/**
 * The Vega-Lite specification of a domain's decision chart (decisions.ts,
 * drawn by sections/decisions.ts): one panel per split, each approach a
 * point at its accuracy (with its 95% interval) against its total cost for
 * 1,000 questions, training included, on a log scale; the approaches on the
 * Pareto front (the cheapest at each accuracy) ringed and joined by a dashed
 * line. A point whose figures an emulator gave is a diamond, and the title
 * says so. Approaches without a measured cost have no point (the table says
 * why); nothing is drawn at $0.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { DecisionRow, DecisionTable } from './decisions.ts';
import { splitRank } from './summary.ts';

export interface DecisionPoint {
  split: string;
  provider: string;
  approach: string;
  cost: number;
  accuracy: number;
  lo: number;
  hi: number;
  n: number;
  front: boolean;
  /** `measured`, or `emulated` when an emulator gave its accuracy or tokens. */
  figures: 'measured' | 'emulated';
}

/** A row is drawn when it has an accuracy and a total above $0 (a log scale has no 0). */
export const isDrawn = (r: DecisionRow): boolean => r.accuracy !== null && r.ci95 !== null && r.totalPerThousand !== null && r.totalPerThousand > 0;

export const isEmulated = (r: DecisionRow): boolean => Boolean(r.emulated || r.inference.emulated || r.training.emulated);

export function decisionPoints(table: DecisionTable): DecisionPoint[] {
  return table.rows.filter(isDrawn).map((r) => ({
    split: r.split,
    provider: r.provider,
    approach: r.approach,
    cost: r.totalPerThousand!,
    accuracy: r.accuracy!,
    lo: r.ci95![0],
    hi: r.ci95![1],
    n: r.n,
    front: r.front,
    figures: isEmulated(r) ? 'emulated' : 'measured',
  }));
}

const LEGEND = { orient: 'bottom', direction: 'vertical', labelLimit: 400 };

/** `providers` and `colors`: the report's order and colours, so an approach keeps its colour in every chart. */
export function decisionChartSpec(table: DecisionTable, providers: readonly string[], colors: readonly string[]): TopLevelSpec {
  const points = decisionPoints(table);
  const splits = [...new Set(points.map((p) => p.split))].sort((a, b) => splitRank(a) - splitRank(b));
  const shown = providers.filter((p) => points.some((d) => d.provider === p));
  const emulated = points.some((p) => p.figures === 'emulated');
  const x = {
    field: 'cost',
    type: 'quantitative',
    // Short: every panel repeats it (the section's intro says the total includes training).
    title: `USD, ${table.questions.toLocaleString('en-US')} questions (log)`,
    scale: { type: 'log', nice: true },
    axis: { format: '$,.2~r', labelFlush: true },
  };
  const y = { field: 'accuracy', type: 'quantitative', title: 'accuracy', scale: { domain: [0, 1] } };
  const color = { field: 'provider', type: 'nominal', title: 'approach', scale: { domain: shown, range: shown.map((p) => colors[providers.indexOf(p)]) }, legend: LEGEND };
  const onFront = { filter: 'datum.front' };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: `${table.domain}: accuracy against cost${emulated ? ' (emulation)' : ''}`, anchor: 'start', fontSize: 13 },
    config: { font: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif', axis: { labelFontSize: 10, titleFontSize: 11 } },
    data: { values: points },
    facet: { column: { field: 'split', type: 'nominal', sort: splits, title: null } },
    spec: {
      width: 190,
      height: 200,
      layer: [
        { mark: { type: 'rule', opacity: 0.6 }, encoding: { x, y: { ...y, field: 'lo' }, y2: { field: 'hi' }, color } },
        { transform: [onFront], mark: { type: 'line', color: '#222', strokeDash: [5, 3], strokeWidth: 1.2 }, encoding: { x, y, order: { field: 'cost', type: 'quantitative' } } },
        {
          mark: { type: 'point', filled: true, size: 70, opacity: 0.95 },
          encoding: {
            x,
            y,
            color,
            shape: { field: 'figures', type: 'nominal', title: 'figures', scale: { domain: ['measured', 'emulated'], range: ['circle', 'diamond'] }, legend: LEGEND },
            tooltip: [
              { field: 'provider', title: 'approach' },
              { field: 'split' },
              { field: 'accuracy', format: '.3f' },
              { field: 'lo', title: '95% low', format: '.3f' },
              { field: 'hi', title: '95% high', format: '.3f' },
              { field: 'n' },
              { field: 'cost', title: 'USD per 1,000 questions', format: '$,.4~r' },
              { field: 'front', title: 'cheapest at its accuracy' },
              { field: 'figures' },
            ],
          },
        },
        { transform: [onFront], mark: { type: 'point', filled: false, size: 240, strokeWidth: 1.5, color: '#111' }, encoding: { x, y } },
      ],
    },
    resolve: { scale: { x: 'shared', y: 'shared' } },
  } as TopLevelSpec;
}
