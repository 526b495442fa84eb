/**
 * Per domain: retrieval's hit rate by split at K = 1, 3, 5, 10 with 95%
 * Wilson intervals (summary.json's `retrieval`, retrieval-hit-rates.ts), and
 * a section naming the domains it cannot be measured for (control domains).
 * Measured offline from the domain files: no model, nothing emulated. The
 * terminal and summary.md show its tables (retrieval-hit-rates.ts).
 */
import { PALETTE } from '../chart-specs.ts';
import type { ReportData } from '../report-data.ts';
import type { ReportSection, Section } from '../report-section.ts';
import { formatHitRate, renderRetrievalMarkdown, renderRetrievalTable } from '../retrieval-hit-rates.ts';
import { anchor } from './section-kit.ts';

export function retrievalSections(report: ReportData): ReportSection[] {
  const r = report.retrieval;
  if (!r) return [];
  const series = r.ks.map((k) => `top ${k}`);
  const intro =
    "Is one of the question's own fact statements among the K that a BM25 search of the domain's statements ranks best (what retrieval puts in the prompt)? " +
    'For a question over several facts (a comparison) any one of them counts. ' +
    `Bars: the share of the split's questions that hit, with 95% Wilson intervals; ${r.measured}.`;
  const measured: ReportSection[] = r.domains
    .filter((d) => !d.unmeasured)
    .map((d) => {
      const rows = r.rows.filter((row) => row.domain === d.domain);
      return {
        id: anchor('retrieval', d.domain),
        title: `${d.domain}: retrieval hit rate (measured offline, no model)`,
        intro: `${intro} ${d.facts} fact statements.`,
        chart: {
          id: anchor('chart', 'retrieval', d.domain),
          title: `${d.domain}: retrieval hit rate by split (measured offline)`,
          measure: 'hit rate',
          categoryTitle: 'split',
          categories: rows.map((row) => row.split),
          series,
          colors: series.map((_, i) => PALETTE[i % PALETTE.length]!),
          data: rows.flatMap((row) =>
            row.at.flatMap((at) => (at.rate === null || at.ci95 === null ? [] : [{ category: row.split, series: `top ${at.k}`, value: at.rate, lo: at.ci95[0], hi: at.ci95[1], n: row.n }])),
          ),
        },
        table: { head: ['split', 'n', ...series], rows: rows.map((row) => [row.split, String(row.n), ...row.at.map(formatHitRate)]) },
      };
    });
  const unmeasured = r.domains.filter((d) => d.unmeasured);
  if (unmeasured.length === 0) return measured;
  return [
    ...measured,
    {
      id: anchor('retrieval', 'not-measured'),
      title: 'Retrieval hit rate: domains not measured',
      intro: 'These domains have no retrieval hit rate, which is not a rate of 0.',
      table: { head: ['domain', 'facts', 'why'], rows: unmeasured.map((d) => [d.domain, String(d.facts), d.unmeasured!]) },
    },
  ];
}

export const retrievalSection: Section = {
  terminal: (report) => (report.retrieval ? renderRetrievalTable(report.retrieval) : ''),
  markdown: (report) => (report.retrieval ? renderRetrievalMarkdown(report.retrieval) : ''),
  html: retrievalSections,
};
