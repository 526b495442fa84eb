/**
 * Learning curves (curves.ts) in the HTML report: per curve, accuracy
 * against epoch, a panel per split, the 95% interval as a band and the base
 * model and the base model in-context as dashed references (curve-charts.ts),
 * beside the table of the same numbers. Emulated curves say so.
 */
import { EMULATION_NOTE } from '../../models/emulation.ts';
import { curveChartSpec } from '../curve-charts.ts';
import type { ReportData } from '../report-data.ts';
import type { ReportSection } from '../report-section.ts';
import { curveGrid } from '../render-curves.ts';
import { anchor } from './section-kit.ts';

export function curveSections(report: ReportData): ReportSection[] {
  return (report.curves ?? []).map((curve) => {
    const grid = curveGrid(curve);
    const missing = curve.points.filter((p) => p.accuracy === null).map((p) => `No point for ${p.provider}, ${p.split}: nothing was measured (n = 0).`);
    return {
      id: anchor('curve', curve.domain, curve.label),
      title: `${curve.domain}: learning curve, ${curve.label}${curve.emulated ? ' (emulation)' : ''}`,
      intro:
        'Accuracy against epoch, split by split: each run\'s checkpoints and its tuned model (--checkpoints), or the tuned models of runs that differ only in epochs; ' +
        'the band is the 95% Wilson interval, the dashed lines the untuned base model and the base model with the facts in its prompt.' +
        (curve.emulated ? ` (${EMULATION_NOTE}.)` : ''),
      figure: { id: anchor('figure', 'curve', curve.domain, curve.label), title: `${curve.domain}: ${curve.label}, accuracy by epoch`, spec: curveChartSpec(curve) },
      table: { head: grid.head, rows: grid.cells },
      ...(missing.length ? { notes: missing } : {}),
    };
  });
}
