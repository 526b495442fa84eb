/**
 * Accuracy, per domain: a provider × split matrix like the study's tables
 * (accuracy-matrix.ts: a row per provider, a column per split, each cell the
 * accuracy with its 95% Wilson interval and n, the undecided answers and the
 * upper bound, stale, errors), on the terminal (wrapped to fit), in
 * summary.md and in index.html beside the chart of the same numbers (a bar
 * per provider and split, the interval as an error bar). Providers an
 * emulator answered are marked `(emulation)`, and so is a section holding
 * any. Rows given per grader (reproduce) print on the terminal as one column
 * per grader (render-graders.ts), and elsewhere as a row per provider and
 * grader; the chart draws the cascade's verdict (its last stage).
 */
import { EMULATION_LEGEND, markEmulated } from '../../models/emulation.ts';
import { matrixLegend, matrixTable, noDataNotes, providerSplitMatrix, renderMatrixTerminal } from '../accuracy-matrix.ts';
import { identityNote } from '../comparison.ts';
import { PAPER_GRADER } from '../grader-verdicts.ts';
import { markdownRow, markdownText } from '../markdown-text.ts';
import { orderProviders, providerColors } from '../provider-order.ts';
import { renderGraderTable } from '../render-graders.ts';
import type { ReportData } from '../report-data.ts';
import type { ReportSection, Section } from '../report-section.ts';
import { splitRank, type SummaryRow } from '../summary.ts';
import { judgeLine } from '../undecided.ts';
import { accuracyBar, anchor, missingBarNotes } from './section-kit.ts';

export function chartedGrader(report: ReportData): string | undefined {
  const stages = (report.graders ?? []).filter((g) => g !== PAPER_GRADER);
  return stages.at(-1) ?? report.graders?.[0];
}

const domainsOf = (rows: readonly SummaryRow[]) => [...new Set(rows.map((r) => r.domain))];

/** A domain's rows as its matrix, providers in report order. */
function domainMatrix(rows: readonly SummaryRow[], domain: string) {
  const own = rows.filter((r) => r.domain === domain);
  return { own, matrix: providerSplitMatrix(own, orderProviders(own)) };
}

export function accuracySections(report: ReportData): ReportSection[] {
  const colors = providerColors(report.rows);
  const grader = chartedGrader(report);
  return domainsOf(report.rows).map((domain) => {
    const { own, matrix } = domainMatrix(report.rows, domain);
    const providers = orderProviders(own);
    // The bars (and the notes on missing ones) in report order, read from the identities, never in the rows' order by label.
    const charted = own
      .filter((r) => grader === undefined || r.grader === grader)
      .sort((a, b) => providers.indexOf(a.provider) - providers.indexOf(b.provider) || splitRank(a.split) - splitRank(b.split));
    const splits = [...new Set(charted.map((r) => r.split))].sort((a, b) => splitRank(a) - splitRank(b));
    const emulated = own.some((r) => r.emulated);
    const title = markEmulated(`${domain}: accuracy by provider and split`, emulated);
    return {
      id: anchor('accuracy', domain),
      title,
      intro:
        'Each bar is one provider on one split; the black line is its 95% Wilson interval. The table is the same numbers, a row per provider and a column per split. ' +
        'n counts answered tests; tests whose call failed are errors, not wrong answers.' +
        (grader ? ` The chart shows the grader ${grader}; the table has a row per provider and grader.` : ''),
      chart: {
        id: anchor('chart', 'accuracy', domain),
        title,
        measure: 'accuracy',
        categoryTitle: 'split',
        categories: splits,
        series: providers,
        colors: providers.map((p) => colors.get(p)!),
        data: charted.flatMap((r) => accuracyBar(r, r.split, r.provider) ?? []),
      },
      table: matrixTable(matrix, 'narrow'),
      notes: [...missingBarNotes(charted), ...matrixLegend(own, 'narrow'), ...(identityNote(own) ?? [])],
    };
  });
}

function terminal(report: ReportData): string {
  if (report.graders) return [renderGraderTable(report), ...(report.rows.some((r) => r.emulated) ? [EMULATION_LEGEND] : [])].join('\n');
  if (report.rows.length === 0) return '';
  const blocks = domainsOf(report.rows).map((domain) => {
    const { own, matrix } = domainMatrix(report.rows, domain);
    return [markEmulated(`${domain}: accuracy by provider and split`, own.some((r) => r.emulated)), renderMatrixTerminal(matrix), ...noDataNotes(own)].join('\n');
  });
  const plain = identityNote(report.rows);
  return [...blocks, ...matrixLegend(report.rows, 'narrow'), ...(plain ? [plain] : [])].join('\n');
}

function markdown(report: ReportData): string {
  if (report.rows.length === 0) return '';
  const undecided = report.rows.some((r) => (r.undecided ?? 0) > 0);
  const plain = identityNote(report.rows);
  const out = [
    '## Accuracy by provider and split',
    '',
    ...matrixLegend(report.rows, 'wide').map((l) => `${markdownText(l)}${undecided && l.startsWith('Each cell') ? ` ${markdownText(judgeLine(report.rows))}.` : ''}`),
    '',
    ...(plain ? [markdownText(plain), ''] : []),
  ];
  for (const domain of domainsOf(report.rows)) {
    const { own, matrix } = domainMatrix(report.rows, domain);
    const table = matrixTable(matrix);
    const reasons = noDataNotes(own).map((l) => `- ${markdownText(l)}`);
    out.push(`### ${markdownText(markEmulated(domain, own.some((r) => r.emulated)))}`, '', markdownRow(table.head), markdownRow(table.head.map(() => '---')), ...table.rows.map(markdownRow), '', ...(reasons.length ? [...reasons, ''] : []));
  }
  return out.join('\n');
}

export const accuracySection: Section = { terminal, markdown, html: accuracySections };
