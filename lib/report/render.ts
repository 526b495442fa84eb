/** Renders summary rows for people: a terminal table and a Markdown report. */
import Table from 'cli-table3';
import { compareProviders } from './comparison.ts';
import { renderComparisonMarkdown } from './render-comparison.ts';
import { EMULATION_NOTE } from '../inference/emulation.ts';
import { renderCurveMarkdown } from './render-curves.ts';
import type { AnalyzedSummary } from './run-analysis.ts';
import type { SummaryRow } from './summary.ts';

const pct = (x: number) => x.toFixed(3);
const interval = (r: SummaryRow) => `[${pct(r.ci95[0])}, ${pct(r.ci95[1])}]`;

function columns(rows: SummaryRow[]) {
  const withGrader = rows.some((r) => r.grader);
  const withStale = rows.some((r) => r.stale !== undefined);
  const withErrors = rows.some((r) => r.errors > 0);
  const head = ['domain', 'provider', 'split', ...(withGrader ? ['grader'] : []), 'n', 'accuracy', '95% CI', ...(withStale ? ['stale'] : []), ...(withErrors ? ['errors'] : [])];
  const cells = rows.map((r) => [
    r.domain,
    r.emulated ? `${r.provider} (emulation)` : r.provider,
    r.split,
    ...(withGrader ? [r.grader ?? ''] : []),
    String(r.n),
    pct(r.accuracy),
    interval(r),
    ...(withStale ? [r.stale === undefined ? '' : pct(r.stale)] : []),
    ...(withErrors ? [String(r.errors)] : []),
  ]);
  return { head, cells };
}

export function renderTable(rows: SummaryRow[]): string {
  const { head, cells } = columns(rows);
  const table = new Table({ head, style: { head: [], border: [] } });
  table.push(...cells);
  return table.toString();
}

export function renderMarkdown(summary: AnalyzedSummary): string {
  const { head, cells } = columns(summary.rows);
  const line = (c: string[]) => `| ${c.join(' | ')} |`;
  const evals = summary.evals
    .map((e) => `- ${e.domain}: ${e.evalId ? `eval \`${e.evalId}\`` : 'not stored'}${e.suite ? ` from \`${e.suite}\`` : ''}`)
    .join('\n');
  const comparison = renderComparisonMarkdown(compareProviders(summary.rows));
  const curves = renderCurveMarkdown(summary.curves ?? [], summary.recipes ?? []);
  return [
    '# Evaluation summary',
    '',
    `Generated ${summary.generatedAt}. Accuracy with 95% Wilson intervals; n excludes tests whose provider call failed (errors).`,
    '',
    ...(summary.rows.some((r) => r.emulated) ? [`Providers marked (emulation): ${EMULATION_NOTE}.`, ''] : []),
    line(head),
    line(head.map(() => '---')),
    ...cells.map(line),
    '',
    ...(comparison ? [comparison] : []),
    ...(curves ? [curves] : []),
    '## Evals',
    '',
    evals || '- none',
    '',
    'Open them in promptfoo\'s viewer with `npx promptfoo view`.',
    '',
  ].join('\n');
}
