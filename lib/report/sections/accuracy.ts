/**
 * Accuracy: the summary's rows. On the terminal and in summary.md, one table
 * of provider × domain × split (n, accuracy, 95% Wilson interval, stale,
 * errors), providers an emulator answered marked so; rows given per grader
 * (reproduce) print as one column per grader. In the HTML report, per domain,
 * accuracy by split for every provider with the interval as error bars, and
 * the domain's rows beside it; with rows per grader the chart draws the
 * cascade's verdict (its last stage) and the table lists every grader.
 */
import { EMULATION_NOTE } from '../../models/emulation.ts';
import { PAPER_GRADER } from '../grader-verdicts.ts';
import { identityNote } from '../comparison.ts';
import { formatAccuracy, formatErrors, formatInterval } from '../format.ts';
import { orderProviders, providerColors } from '../provider-order.ts';
import { renderRowsMarkdown, renderTable } from '../render.ts';
import { renderGraderTable } from '../render-graders.ts';
import type { ReportData } from '../report-data.ts';
import type { ReportSection, Section } from '../report-section.ts';
import { splitRank, type SummaryRow } from '../summary.ts';
import { accuracyBar, anchor, missingBarNotes } from './section-kit.ts';
import { boundsNote, decisionColumns } from '../undecided.ts';

export function chartedGrader(report: ReportData): string | undefined {
  const stages = (report.graders ?? []).filter((g) => g !== PAPER_GRADER);
  return stages.at(-1) ?? report.graders?.[0];
}

export function accuracySections(report: ReportData): ReportSection[] {
  const colors = providerColors(report.rows);
  const grader = chartedGrader(report);
  const domains = [...new Set(report.rows.map((r) => r.domain))];
  return domains.map((domain) => {
    const rows = report.rows.filter((r) => r.domain === domain);
    const providers = orderProviders(rows);
    const ordered = [...rows].sort(
      (a, b) => providers.indexOf(a.provider) - providers.indexOf(b.provider) || splitRank(a.split) - splitRank(b.split) || (a.grader ?? '').localeCompare(b.grader ?? ''),
    );
    const charted = ordered.filter((r) => grader === undefined || r.grader === grader);
    const splits = [...new Set(charted.map((r) => r.split))].sort((a, b) => splitRank(a) - splitRank(b));
    const withGrader = rows.some((r) => r.grader);
    const withStale = rows.some((r) => r.stale !== undefined);
    const withErrors = rows.some((r) => r.errors > 0 || r.n === 0);
    const decision = decisionColumns(rows);
    const head = ['provider', 'split', ...(withGrader ? ['grader'] : []), 'n', 'accuracy', '95% CI', ...decision.head, ...(withStale ? ['stale'] : []), ...(withErrors ? ['errors'] : [])];
    const tableRow = (r: SummaryRow) => [
      r.provider,
      r.split,
      ...(withGrader ? [r.grader ?? ''] : []),
      String(r.n),
      formatAccuracy(r.accuracy),
      formatInterval(r.ci95),
      ...decision.cells(r),
      ...(withStale ? [r.stale === undefined ? '' : formatAccuracy(r.stale)] : []),
      ...(withErrors ? [formatErrors(r)] : []),
    ];
    return {
      id: anchor('accuracy', domain),
      title: `${domain}: accuracy by split`,
      intro:
        'Each bar is one provider on one split; the black line is its 95% Wilson interval. n counts answered tests; tests whose call failed are errors, not wrong answers.' +
        (grader ? ` The chart shows the grader ${grader}; the table lists every grader.` : ''),
      chart: {
        id: anchor('chart', 'accuracy', domain),
        title: `${domain}: accuracy by split`,
        measure: 'accuracy',
        categoryTitle: 'split',
        categories: splits,
        series: providers,
        colors: providers.map((p) => colors.get(p)!),
        data: charted.flatMap((r) => accuracyBar(r, r.split, r.provider) ?? []),
      },
      table: { head, rows: ordered.map(tableRow) },
      notes: [...missingBarNotes(charted), ...(boundsNote(rows) ? [boundsNote(rows)] : []), ...(identityNote(rows) ?? [])],
    };
  });
}

function terminal(report: ReportData): string {
  if (report.graders) return renderGraderTable(report);
  const emulated = report.rows.some((r) => r.emulated);
  const plain = identityNote(report.rows);
  return [renderTable(report.rows), ...(emulated ? [`(providers marked (emulation): ${EMULATION_NOTE})`] : []), ...(plain ? [plain] : [])].join('\n');
}

export const accuracySection: Section = { terminal, markdown: (report) => renderRowsMarkdown(report.rows), html: accuracySections };
