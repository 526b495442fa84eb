/**
 * Per domain and base model: each tuned run beside its untuned base model and
 * the base model with the facts in its prompt (in-context), split by split,
 * from the comparisons (comparison.ts). Locality has its own section.
 */
import { LOCALITY_SPLIT, type Comparison, type ComparisonCell } from '../comparison.ts';
import type { BarDatum } from '../chart-specs.ts';
import { formatDifference } from '../format.ts';
import { orderProviders, providerColors, type IdentifiedProvider } from '../provider-order.ts';
import type { ReportData } from '../report-data.ts';
import type { ReportSection } from '../report-section.ts';
import { comparisonSide } from '../render-comparison.ts';
import { splitRank } from '../summary.ts';
import { chartedGrader } from './accuracy.ts';
import { anchor } from './section-kit.ts';

/** The tuned run as people know it: its provider's label (display only). */
export const runName = (c: Comparison) => c.tuned?.provider ?? 'no tuned run';

/** Bars of the measured sides of comparisons, each provider once per category. */
export function sideBars(comparisons: readonly Comparison[], category: (c: Comparison) => string): BarDatum[] {
  const bars = new Map<string, BarDatum>();
  for (const c of comparisons) {
    for (const side of [c.tuned, c.base, c.inContext] as (ComparisonCell | null)[]) {
      if (!side || side.accuracy === null || side.ci95 === null) continue;
      const key = JSON.stringify([category(c), side.provider]);
      bars.set(key, { category: category(c), series: side.provider, value: side.accuracy, lo: side.ci95[0], hi: side.ci95[1], n: side.n });
    }
  }
  return [...bars.values()];
}

/** Providers of comparisons in report order (provider-order.ts: tuned runs, base, in-context, by identity). */
export function sideProviders(comparisons: readonly Comparison[], rows: readonly IdentifiedProvider[]): string[] {
  const sides = new Set(comparisons.flatMap((c) => [c.tuned, c.base, c.inContext].flatMap((s) => s?.provider ?? [])));
  return orderProviders(rows).filter((p) => sides.has(p));
}

export function comparisonSections(report: ReportData): ReportSection[] {
  const colors = providerColors(report.rows);
  const grader = chartedGrader(report);
  const knowledge = report.comparisons.filter((c) => c.split !== LOCALITY_SPLIT && (grader === undefined || c.grader === grader));
  const groups = new Map<string, Comparison[]>();
  for (const c of knowledge) {
    const key = JSON.stringify([c.domain, c.baseModel]);
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  return [...groups.values()].map((comparisons) => {
    const { domain, baseModel } = comparisons[0]!;
    // By split; within one, the comparisons' own order (tuned runs by identity).
    const sorted = [...comparisons].sort((a, b) => splitRank(a.split) - splitRank(b.split));
    const series = sideProviders(sorted, report.rows);
    return {
      id: anchor('compare', domain, baseModel),
      title: `${domain}: tuned vs base vs in-context (${baseModel})`,
      intro:
        'Each tuned run beside its untuned base model (what the model knew anyway) and the base model with the facts in its prompt (in-context: what the facts can give without tuning). ' +
        'tuned − base is what tuning taught; in-context − tuned is what the facts could still give.',
      chart: {
        id: anchor('chart', 'compare', domain, baseModel),
        title: `${domain}: tuned vs base vs in-context`,
        measure: 'accuracy',
        categoryTitle: 'split',
        categories: [...new Set(sorted.map((c) => c.split))],
        series,
        colors: series.map((p) => colors.get(p)!),
        data: sideBars(sorted, (c) => c.split),
      },
      table: {
        head: ['split', 'tuned run', 'tuned', 'base', 'in-context', 'tuned − base', 'in-context − tuned'],
        rows: sorted.map((c) => [
          c.split,
          runName(c),
          comparisonSide(c.tuned),
          comparisonSide(c.base),
          comparisonSide(c.inContext),
          formatDifference(c.tunedMinusBase),
          formatDifference(c.inContextMinusTuned),
        ]),
      },
    };
  });
}
