/**
 * The report section of `npm run reproduce`: the study's published
 * aggregates (its README's ranking table) beside this run's memorization per
 * model. The study averages its four tasks; responses were published for two,
 * so this run's figure is the mean of those two domains' memorization. Neither
 * side is a proportion of one sample, so the bars carry no interval.
 */
import { formatAccuracy } from '../report/format.ts';
import { PAPER_GRADER } from '../report/grader-verdicts.ts';
import type { ReportData } from '../report/report-data.ts';
import type { ReportSection, SectionBuilder } from '../report/report-section.ts';
import { PALETTE } from '../report/chart-specs.ts';
import type { BarDatum } from '../report/chart-specs.ts';
import type { PublishedResult } from './published-results.ts';
import { meanMemorization } from './reproduce-report.ts';

/** This run's graders set beside the study: the first cascade stage (exact match) and the paper mode. */
export function comparedGraders(graders: readonly string[]): string[] {
  const stages = graders.filter((g) => g !== PAPER_GRADER);
  return [stages[0], PAPER_GRADER].filter((g): g is string => g !== undefined && graders.includes(g));
}

export function publishedSection(published: readonly PublishedResult[]): SectionBuilder {
  return (report: ReportData): ReportSection[] => {
    if (published.length === 0) return [];
    const ours = comparedGraders(report.graders ?? []);
    const series = ['study: memorization', 'study: generalization', ...ours.map((g) => `this run: memorization (${g})`)];
    const data: BarDatum[] = [];
    const rows = published.map((p) => {
      data.push({ category: p.model, series: series[0]!, value: p.memorization }, { category: p.model, series: series[1]!, value: p.generalization });
      const mine = ours.map((g) => meanMemorization(report.rows, p.model, g));
      mine.forEach((m, i) => m !== null && data.push({ category: p.model, series: series[2 + i]!, value: m }));
      return [p.model, String(p.memorization), String(p.generalization), ...mine.map(formatAccuracy)];
    });
    return [
      {
        id: 'published',
        title: "The study's published results beside this run",
        intro:
          "The study's aggregates (its README: the mean over its four tasks) and this run's memorization (the mean over the two domains whose responses were published), per model. " +
          'No interval: neither is a proportion of one sample. A model without responses has no bar for this run.',
        chart: {
          id: 'chart-published',
          title: "Study's published aggregates vs this run",
          measure: 'accuracy',
          categoryTitle: 'model',
          categories: published.map((p) => p.model),
          series,
          colors: series.map((_, i) => PALETTE[(i + 6) % PALETTE.length]!),
          data,
        },
        table: { head: ['model', 'study: memorization', 'study: generalization', ...ours.map((g) => `this run: memorization (${g})`)], rows },
      },
    ];
  };
}
