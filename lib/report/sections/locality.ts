/**
 * Locality: control domains (facts the base model already knows) asked of
 * each tuned model and of its base model. The change is what tuning broke
 * (negative) or kept (zero).
 */
import { LOCALITY_SPLIT, type Comparison } from '../comparison.ts';
import { formatDifference } from '../format.ts';
import { providerColors } from '../provider-order.ts';
import type { ReportData } from '../report-data.ts';
import type { ReportSection } from '../report-section.ts';
import { comparisonSide } from '../render-comparison.ts';
import { chartedGrader } from './accuracy.ts';
import { runName, sideBars, sideProviders } from './comparison.ts';

export function localitySections(report: ReportData): ReportSection[] {
  const grader = chartedGrader(report);
  const locality = report.comparisons.filter((c) => c.split === LOCALITY_SPLIT && (grader === undefined || c.grader === grader));
  if (locality.length === 0) return [];
  const colors = providerColors(report.rows);
  const several = new Set(locality.map((c) => c.domain)).size > 1;
  const category = (c: Comparison) => (several ? `${c.domain}: ${c.baseModel}` : c.baseModel);
  const series = sideProviders(locality, report.rows).filter((p) => locality.some((c) => c.tuned?.provider === p || c.base?.provider === p));
  return [
    {
      id: 'locality',
      title: 'Locality: what tuning changed on control domains',
      intro:
        'Control domains hold facts the base model already knows. Each tuned model is asked them beside its base model; a tuned bar lower than its base bar is knowledge the tuning damaged.',
      chart: {
        id: 'chart-locality',
        title: `Locality${several ? '' : `: ${locality[0]!.domain}`}`,
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
    },
  ];
}
