/**
 * Runs that differ in one setting (recipe-comparison.ts) in the HTML report:
 * per comparison, a bar per run and split with its 95% interval, beside the
 * table of differences against the first run (with their 95% intervals and
 * McNemar's exact p on the paired questions). Emulated numbers say so.
 */
import { EMULATION_NOTE } from '../../models/emulation.ts';
import { PALETTE, type BarDatum } from '../chart-specs.ts';
import type { ReportData } from '../report-data.ts';
import type { ReportSection } from '../report-section.ts';
import { settingName } from '../recipe-comparison.ts';
import { recipeGrid } from '../render-curves.ts';
import { anchor } from './section-kit.ts';

export function recipeSections(report: ReportData): ReportSection[] {
  return (report.recipes ?? []).map((c) => {
    const grid = recipeGrid(c);
    const name = settingName(c.setting, String(c.fixed.platform));
    const series = c.runs.map((r) => `${name} ${r.value}`);
    const data: BarDatum[] = c.splits.flatMap((s) =>
      c.runs.flatMap((run, i) => {
        const a = s.accuracies.find((x) => x.provider === run.provider);
        return a && a.accuracy !== null && a.ci95 !== null ? [{ category: s.split, series: series[i]!, value: a.accuracy, lo: a.ci95[0], hi: a.ci95[1], n: a.n }] : [];
      }),
    );
    const id = anchor('recipes', c.domain, c.baseModel, c.setting, ...c.runs.map((r) => r.run));
    return {
      id,
      title: `${c.domain}: runs that differ in ${name} (${c.baseModel})${c.emulated ? ' (emulation)' : ''}`,
      intro:
        `Tuned models of runs that differ only in ${name}, split by split. The table gives each run's difference from the first on the questions both answered, ` +
        "its 95% interval (Newcombe's paired score interval), whether that excludes 0, and McNemar's exact p on the same pairs." +
        (c.emulated ? ` (${EMULATION_NOTE}.)` : ''),
      chart: {
        id: `chart-${id}`,
        title: `${c.domain}: ${name} compared`,
        measure: 'accuracy',
        categoryTitle: 'split',
        categories: c.splits.map((s) => s.split),
        series,
        colors: series.map((_, i) => PALETTE[i % PALETTE.length]!),
        data,
      },
      table: { head: grid.head, rows: grid.cells },
    };
  });
}
