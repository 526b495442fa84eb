/**
 * The analyses across runs: learning curves (curves.ts) and runs that differ
 * in one setting (recipe-comparison.ts). The terminal and summary.md show
 * their tables (render-curves.ts). The HTML report draws, per curve, accuracy
 * against epoch, a panel per split, the 95% interval as a band and the base
 * model and the base model in-context as dashed references (curve-charts.ts),
 * beside the table of the same numbers; then, per recipe comparison, a bar
 * per run and split with its 95% interval, beside the table of differences
 * against the first run (with their 95% intervals and McNemar's exact p on
 * the paired questions). Emulated numbers say so.
 */
import { EMULATION_LEGEND, markEmulated } from '../../models/emulation.ts';
import { PALETTE, type BarDatum } from '../chart-specs.ts';
import { curveChartSpec } from '../curve-charts.ts';
import type { ReportData } from '../report-data.ts';
import type { ReportSection, Section } from '../report-section.ts';
import { settingName } from '../recipe-comparison.ts';
import { curveGrid, recipeGrid, renderCurveMarkdown, renderCurveTables } from '../render-curves.ts';
import { anchor } from './section-kit.ts';

export function curveSections(report: ReportData): ReportSection[] {
  return (report.curves ?? []).map((curve) => {
    const grid = curveGrid(curve);
    const missing = curve.points.filter((p) => p.accuracy === null).map((p) => `No point for ${p.provider}, ${p.split}: nothing was measured (n = 0).`);
    return {
      id: anchor('curve', curve.domain, curve.label),
      title: markEmulated(`${curve.domain}: learning curve, ${curve.label}`, curve.emulated),
      intro:
        'Accuracy against epoch, split by split: each run\'s checkpoints and its tuned model (--checkpoints), or the tuned models of runs that differ only in epochs; ' +
        'the band is the 95% Wilson interval, the dashed lines the untuned base model and the base model with the facts in its prompt.',
      figure: { id: anchor('figure', 'curve', curve.domain, curve.label), title: `${curve.domain}: ${curve.label}, accuracy by epoch`, spec: curveChartSpec(curve) },
      table: { head: grid.head, rows: grid.cells },
      ...(missing.length || curve.emulated ? { notes: [...missing, ...(curve.emulated ? [EMULATION_LEGEND] : [])] } : {}),
    };
  });
}

export function recipeSections(report: ReportData): ReportSection[] {
  return (report.recipes ?? []).map((c) => {
    const grid = recipeGrid(c);
    const name = settingName(c.setting, String(c.fixed.platform));
    const series = c.runs.map((r) => `${name} ${r.value}`);
    const data: BarDatum[] = c.splits.flatMap((s) =>
      c.runs.flatMap((run, i) => {
        const a = s.accuracies.find((x) => x.provider === run.provider);
        return a && a.accuracy !== null && a.ci95 !== null
          ? [{ category: s.split, series: series[i]!, value: a.accuracy, lo: a.ci95[0], hi: a.ci95[1], n: a.n, ...(a.emulated ? { emulated: true as const } : {}) }]
          : [];
      }),
    );
    const id = anchor('recipes', c.domain, c.baseModel, c.setting, ...c.runs.map((r) => r.run));
    return {
      id,
      title: markEmulated(`${c.domain}: runs that differ in ${name} (${c.baseModel})`, c.emulated),
      intro:
        `Tuned models of runs that differ only in ${name}, split by split. The table compares each run with the first (the reference) on the questions both answered: ` +
        "how many pairs, each side's accuracy on them, the difference with its 95% interval (Newcombe's paired score interval), McNemar's exact p, and the pairs only one side got right.",
      chart: {
        id: `chart-${id}`,
        title: markEmulated(`${c.domain}: ${name} compared`, c.emulated),
        measure: 'accuracy',
        categoryTitle: 'split',
        categories: c.splits.map((s) => s.split),
        series,
        colors: series.map((_, i) => PALETTE[i % PALETTE.length]!),
        data,
      },
      table: { head: grid.head, rows: grid.cells },
      ...(c.emulated ? { notes: [EMULATION_LEGEND] } : {}),
    };
  });
}

export const curvesSection: Section = {
  terminal: (report) => renderCurveTables(report.curves, report.recipes),
  markdown: (report) => renderCurveMarkdown(report.curves, report.recipes),
  html: (report) => [...curveSections(report), ...recipeSections(report)],
};
