/**
 * Rows given once per grader (`npm run reproduce`) on the terminal: one table
 * of provider × domain × split with an accuracy column per grader, and what
 * each grader is. (summary.md and index.html list them a row per grader.)
 */
import Table from 'cli-table3';
import { markEmulated } from '../models/emulation.ts';
import { PAPER_JUDGE_SPLITS } from '../grading/stages/judge.ts';
import { formatAccuracy, formatErrors, wrapLastColumn } from './format.ts';
import { PAPER_GRADER } from './grader-verdicts.ts';
import type { ReportData } from './report-data.ts';
import type { SummaryRow } from './summary.ts';

const acc = (r: SummaryRow | undefined) => formatAccuracy(r?.accuracy);

function byCell(rows: readonly SummaryRow[]) {
  const cells = new Map<string, Map<string, SummaryRow>>();
  for (const r of rows) {
    const key = JSON.stringify([r.provider, r.domain, r.split]);
    if (!cells.has(key)) cells.set(key, new Map());
    cells.get(key)!.set(r.grader ?? '', r);
  }
  return cells;
}

export function renderGraderTable(report: Pick<ReportData, 'rows' | 'graders' | 'paperJudged'>): string {
  const graders = report.graders ?? [];
  const paperJudgeMissing = !report.paperJudged;
  const head = ['domain', 'model', 'split', 'n', ...graders, 'errors'];
  const cells: string[][] = [];
  let starred = false;
  for (const [key, perGrader] of byCell(report.rows)) {
    const [provider, domain, split] = JSON.parse(key) as [string, string, string];
    const any = [...perGrader.values()][0]!;
    cells.push([
      domain,
      markEmulated(provider, [...perGrader.values()].some((r) => r.emulated)),
      split,
      String(any.n),
      ...graders.map((g) => {
        const star = g === PAPER_GRADER && paperJudgeMissing && PAPER_JUDGE_SPLITS.has(split) && any.n > 0;
        starred ||= star;
        return `${acc(perGrader.get(g))}${star ? '*' : ''}`;
      }),
      formatErrors(any),
    ]);
  }
  const table = new Table({ head, style: { head: [], border: [] }, ...wrapLastColumn(head, cells) });
  table.push(...cells);
  const out = [table.toString()];
  out.push(
    `Accuracy per grader: ${graders
      .map((g) => (g === PAPER_GRADER ? 'paper = the study\'s own grading (lib/grading/graders.ts, stages/paper.ts)' : `${g} = the cascade stopped after ${g}`))
      .join('; ')}.`,
  );
  if (starred)
    out.push(`* the study graded ${[...PAPER_JUDGE_SPLITS].join(' and ')} answers with its LLM judge; no judge is configured, so these are exact match only (a lower bound).`);
  return out.join('\n');
}
