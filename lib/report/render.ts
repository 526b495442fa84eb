/**
 * Renders summary rows for people (a terminal table and a Markdown table, the
 * accuracy section's: sections/accuracy.ts), and summary.md: its title,
 * scope and list of evals around every section's Markdown.
 */
import Table from 'cli-table3';
import { identityNote } from './comparison.ts';
import { EMULATED_MARK, EMULATION_NOTE } from '../models/emulation.ts';
import { formatAccuracy, formatErrors, formatInterval, wrapLastColumn } from './format.ts';
import { markdownCode, markdownRow, markdownText } from './markdown-text.ts';
import type { ReportData, ReportScope } from './report-data.ts';
import type { Section } from './report-section.ts';
import type { SummaryRow } from './summary.ts';
import { boundsNote, decisionColumns, judgeLine } from './undecided.ts';

function columns(rows: SummaryRow[]) {
  const withGrader = rows.some((r) => r.grader);
  const withStale = rows.some((r) => r.stale !== undefined);
  const withErrors = rows.some((r) => r.errors > 0 || r.n === 0);
  const decision = decisionColumns(rows);
  const head = ['domain', 'provider', 'split', ...(withGrader ? ['grader'] : []), 'n', 'accuracy', '95% CI', ...decision.head, ...(withStale ? ['stale'] : []), ...(withErrors ? ['errors'] : [])];
  const cells = rows.map((r) => [
    r.domain,
    // A generated suite's label already says it (lib/suites/column-labels.ts): not twice.
    r.emulated && !r.provider.endsWith(EMULATED_MARK) ? `${r.provider}${EMULATED_MARK}` : r.provider,
    r.split,
    ...(withGrader ? [r.grader ?? ''] : []),
    String(r.n),
    formatAccuracy(r.accuracy),
    formatInterval(r.ci95),
    ...decision.cells(r),
    ...(withStale ? [r.stale === undefined ? '' : formatAccuracy(r.stale)] : []),
    ...(withErrors ? [formatErrors(r)] : []),
  ]);
  return { head, cells };
}

export function renderTable(rows: SummaryRow[]): string {
  const { head, cells } = columns(rows);
  const table = new Table({ head, style: { head: [], border: [] }, ...(rows.some((r) => r.n === 0) ? wrapLastColumn(head, cells) : {}) });
  table.push(...cells);
  const note = boundsNote(rows);
  return note ? `${table.toString()}\n${note}` : table.toString();
}

/** The line that says a report is partial, for summary.md and the terminal; '' for a full report. */
export function scopeLine(scope: ReportScope | undefined): string {
  if (!scope?.partial) return '';
  const missing = scope.missing?.length ? ` Not in it: ${scope.missing.join(', ')}.` : '';
  const full = scope.latestFull ? ` The newest report holding every domain: reports/${scope.latestFull}.` : '';
  return `Partial report: it holds ${scope.domains.join(', ')} only${scope.how ? ` (${scope.how})` : ''}, not the whole picture.${missing}${full}`;
}

/** The rows as a Markdown table (every cell escaped: markdown-text.ts), after the lines on undecided answers and on providers an emulator answered. */
export function renderRowsMarkdown(rows: SummaryRow[]): string {
  const { head, cells } = columns(rows);
  const line = markdownRow;
  return [
    ...(boundsNote(rows) ? [`${boundsNote(rows)} ${judgeLine(rows)}.`, ''] : []),
    ...(rows.some((r) => r.emulated) ? [`Providers marked (emulation): ${EMULATION_NOTE}.`, ''] : []),
    ...(identityNote(rows) ? [markdownText(identityNote(rows)!), ''] : []),
    line(head),
    line(head.map(() => '---')),
    ...cells.map(line),
    '',
  ].join('\n');
}

/** The line that says what an eval of merged suites left out, for the terminal, summary.md and the page; '' when nothing was. */
export function leftOutLine(scope: ReportScope | undefined): string {
  const left = scope?.leftOut;
  if (!left) return '';
  const who = left.providers.map(
    (p) =>
      `${p.provider} (${p.suite ? `suite ${p.suite}` : 'in no suite: label it "<domain id>/…" to ask it a suite\'s questions'}) not asked ${p.questions} question(s) of ${p.domains.join(', ')}`,
  );
  return `Left out ${left.pairs} of ${left.of} question × provider pairs: ${left.reason}. ${who.join('; ')}.`;
}

/** summary.md: the title, the scope, each section's Markdown in order, the evals. */
export function renderMarkdown(report: ReportData, sections: readonly Section[]): string {
  const scope = report.scope;
  // Every label and cell is escaped (markdown-text.ts): a provider label, a split or an error may hold anything.
  const evals = report.evals
    .map((e) => `- ${markdownText(e.domain)}: ${e.evalId ? `eval ${markdownCode(e.evalId)}` : 'not stored'}${e.suite ? ` from ${markdownCode(e.suite)}` : ''}`)
    .join('\n');
  return [
    '# Evaluation summary',
    '',
    ...(scopeLine(scope) ? [`> **${markdownText(scopeLine(scope))}**`, ''] : []),
    ...(leftOutLine(scope) ? [`> ${markdownText(leftOutLine(scope))}`, ''] : []),
    `Generated ${markdownText(report.generatedAt)}. Accuracy with 95% Wilson intervals; n excludes tests whose provider call failed (errors).`,
    '',
    ...sections.flatMap((s) => s.markdown?.(report) || []),
    '## Evals',
    '',
    evals || '- none',
    '',
    'Open them in promptfoo\'s viewer with `npm run view`; the charts are in index.html beside this file.',
    '',
  ].join('\n');
}
