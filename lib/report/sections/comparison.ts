/**
 * Tuned vs base vs in-context, from the comparisons (comparison.ts): each
 * tuned run beside its untuned base model and the base model with the facts
 * in its prompt, split by split; and locality, control domains (facts the
 * base model already knows) asked of each tuned model and of its base model,
 * where the change is what tuning broke (negative) or kept (zero). The
 * terminal and summary.md show them as two tables (render-comparison.ts);
 * the HTML report per domain and base model, and locality in a section of
 * its own.
 */
import { LOCALITY_SPLIT, type Comparison, type ComparisonCell } from '../comparison.ts';
import type { BarDatum } from '../chart-specs.ts';
import { formatDifference } from '../format.ts';
import { orderProviders, providerColors, type IdentifiedProvider } from '../provider-order.ts';
import type { ReportData } from '../report-data.ts';
import type { ReportSection, Section } from '../report-section.ts';
import { comparisonSide, renderComparisonMarkdown, renderComparisonTables, runName } from '../render-comparison.ts';
import { EMULATION_LEGEND, markEmulated } from '../../models/emulation.ts';
import { splitRank } from '../summary.ts';
import { chartedGrader } from './accuracy.ts';
import { anchor } from './section-kit.ts';


/** Bars of the measured sides of comparisons, each provider once per category. */
export function sideBars(comparisons: readonly Comparison[], category: (c: Comparison) => string): BarDatum[] {
  const bars = new Map<string, BarDatum>();
  for (const c of comparisons) {
    for (const side of [c.tuned, c.base, c.inContext, c.retrieval ?? null] as (ComparisonCell | null)[]) {
      if (!side || side.accuracy === null || side.ci95 === null) continue;
      const key = JSON.stringify([category(c), side.provider]);
      bars.set(key, { category: category(c), series: side.provider, value: side.accuracy, lo: side.ci95[0], hi: side.ci95[1], n: side.n, ...(side.emulated ? { emulated: true as const } : {}) });
    }
  }
  return [...bars.values()];
}

/** Providers of comparisons in report order (provider-order.ts: tuned runs, base, in-context, by identity). */
export function sideProviders(comparisons: readonly Comparison[], rows: readonly IdentifiedProvider[]): string[] {
  const sides = new Set(comparisons.flatMap((c) => [c.tuned, c.base, c.inContext, c.retrieval ?? null].flatMap((s) => s?.provider ?? [])));
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
    const emulated = sorted.some((c) => c.emulated);
    const withRetrieval = sorted.some((c) => c.retrieval !== undefined);
    return {
      id: anchor('compare', domain, baseModel),
      title: markEmulated(`${domain}: tuned vs base vs in-context (${baseModel})`, emulated),
      intro:
        'Each tuned run beside its untuned base model (what the model knew anyway) and the base model with the facts in its prompt (in-context: what the facts can give without tuning). ' +
        'tuned − base is what tuning taught; in-context − tuned is what the facts could still give.' +
        (withRetrieval ? ' Retrieval: the base model given only the statements a search finds for the question.' : ''),
      chart: {
        id: anchor('chart', 'compare', domain, baseModel),
        title: markEmulated(`${domain}: tuned vs base vs in-context`, emulated),
        measure: 'accuracy',
        categoryTitle: 'split',
        categories: [...new Set(sorted.map((c) => c.split))],
        series,
        colors: series.map((p) => colors.get(p)!),
        data: sideBars(sorted, (c) => c.split),
      },
      table: {
        head: ['split', 'tuned run', 'tuned', 'base', 'in-context', ...(withRetrieval ? ['retrieval'] : []), 'tuned − base', 'in-context − tuned'],
        rows: sorted.map((c) => [
          c.split,
          runName(c),
          comparisonSide(c.tuned),
          comparisonSide(c.base),
          comparisonSide(c.inContext),
          ...(withRetrieval ? [comparisonSide(c.retrieval ?? null)] : []),
          formatDifference(c.tunedMinusBase),
          formatDifference(c.inContextMinusTuned),
        ]),
      },
      ...(emulated ? { notes: [EMULATION_LEGEND] } : {}),
    };
  });
}

export function localitySections(report: ReportData): ReportSection[] {
  const grader = chartedGrader(report);
  const locality = report.comparisons.filter((c) => c.split === LOCALITY_SPLIT && (grader === undefined || c.grader === grader));
  if (locality.length === 0) return [];
  const colors = providerColors(report.rows);
  const several = new Set(locality.map((c) => c.domain)).size > 1;
  const category = (c: Comparison) => (several ? `${c.domain}: ${c.baseModel}` : c.baseModel);
  const series = sideProviders(locality, report.rows).filter((p) => locality.some((c) => c.tuned?.provider === p || c.base?.provider === p));
  const emulated = locality.some((c) => c.emulated);
  return [
    {
      id: 'locality',
      title: markEmulated('Locality: what tuning changed on control domains', emulated),
      intro:
        'Control domains hold facts the base model already knows. Each tuned model is asked them beside its base model; a tuned bar lower than its base bar is knowledge the tuning damaged.',
      chart: {
        id: 'chart-locality',
        title: markEmulated(`Locality${several ? '' : `: ${locality[0]!.domain}`}`, emulated),
        measure: 'accuracy',
        categoryTitle: several ? 'control domain: base model' : 'base model',
        categories: [...new Set(locality.map(category))],
        series,
        colors: series.map((p) => colors.get(p)!),
        data: sideBars(locality, category).filter((d) => series.includes(d.series)),
      },
      table: {
        head: ['control domain', 'base model', 'tuned run', 'tuned', 'base', 'change'],
        rows: locality.map((c) => [c.domain, c.baseModel, runName(c), comparisonSide(c.tuned), comparisonSide(c.base), formatDifference(c.tunedMinusBase)]),
      },
      ...(emulated ? { notes: [EMULATION_LEGEND] } : {}),
    },
  ];
}

export const comparisonSection: Section = {
  terminal: (report) => renderComparisonTables(report.comparisons),
  markdown: (report) => renderComparisonMarkdown(report.comparisons),
  html: (report) => [...comparisonSections(report), ...localitySections(report)],
};
