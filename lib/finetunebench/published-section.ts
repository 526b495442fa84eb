/**
 * The report section of `npm run reproduce`: the study's published
 * aggregates (its README's ranking table) beside this run's memorization per
 * model, on the terminal and in the HTML report, after what this run could
 * not replay. The study averages its four tasks; responses were published for
 * two, so this run's figure is the mean of those two domains' memorization.
 * Neither side is a proportion of one sample, so the bars carry no interval.
 */
import Table from 'cli-table3';
import type { ExcludedColumn } from '../replay/finetunebench-responses.ts';
import { formatAccuracy } from '../report/format.ts';
import { PAPER_GRADER } from '../report/grader-verdicts.ts';
import type { ReportData } from '../report/report-data.ts';
import type { ReportSection, Section } from '../report/report-section.ts';
import { PALETTE } from '../report/chart-specs.ts';
import type { BarDatum } from '../report/chart-specs.ts';
import type { SummaryRow } from '../report/summary.ts';
import type { PublishedResult } from './published-results.ts';

/** What the section reads beside the summary: the study's aggregates, and what this run could not replay. */
export interface PublishedInput {
  published: readonly PublishedResult[];
  /** Response columns that hold grades and were not replayed. */
  excluded: readonly ExcludedColumn[];
  /** Imported domains with no recorded responses. */
  skipped: readonly string[];
}

/** Whether a row is the replay of one of the study's models: by its identity (reproduce-suites.ts), not its label. */
const replays = (r: SummaryRow, model: string) => r.identity?.role === 'replay' && r.identity.baseModel === model;

/** Mean memorization accuracy of one model over the domains evaluated, by one grader. */
export function meanMemorization(rows: readonly SummaryRow[], model: string, grader: string): number | null {
  const mem = rows.flatMap((r) => (replays(r, model) && r.split === 'memorization' && r.grader === grader && r.accuracy !== null ? [r.accuracy] : []));
  return mem.length ? mem.reduce((s, a) => s + a, 0) / mem.length : null;
}

/** This run's graders set beside the study: the first cascade stage (exact match) and the paper mode. */
export function comparedGraders(graders: readonly string[]): string[] {
  const stages = graders.filter((g) => g !== PAPER_GRADER);
  return [stages[0], PAPER_GRADER].filter((g): g is string => g !== undefined && graders.includes(g));
}

function terminal(input: PublishedInput, report: ReportData): string {
  const gaps = [
    ...input.excluded.map(
      (x) => `errors: ${x.model} has no responses for ${x.rows} questions: the column ${x.column} of ${x.file} holds grades ("Correct"/"Incorrect"), not responses, so it was excluded.`,
    ),
    ...(input.skipped.length ? [`not evaluated (no recorded responses published): ${input.skipped.join(', ')}.`] : []),
  ];
  const ours = comparedGraders(report.graders ?? []);
  const pub = new Table({
    head: ['model', 'study: memorization', 'study: generalization', ...ours.map((g) => `this run: memorization (${g})`)],
    style: { head: [], border: [] },
  });
  for (const p of input.published) {
    pub.push([
      p.model,
      String(p.memorization),
      String(p.generalization),
      ...ours.map((g) => {
        const m = meanMemorization(report.rows, p.model, g);
        return m === null ? '—' : m.toFixed(3);
      }),
    ]);
  }
  return [
    ...(gaps.length ? [...gaps, ''] : []),
    'The study\'s published aggregates (upstream README), beside this run:',
    pub.toString(),
    'The study averages its four tasks; responses were published for two (latest news, fictional people), so this run\'s memorization is the mean of those two domains.',
  ].join('\n');
}

function html(input: PublishedInput, report: ReportData): ReportSection[] {
  const { published } = input;
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
}

export function publishedSection(input: PublishedInput): Section {
  return { terminal: (report) => terminal(input, report), html: (report) => html(input, report) };
}
