/**
 * How `npm run reproduce` shows its result: one table of model × domain ×
 * split with an accuracy per grader, then the study's published aggregates
 * beside this run's memorization.
 */
import Table from 'cli-table3';
import { PAPER_JUDGE_SPLITS } from '../grading/stages/judge.ts';
import { formatAccuracy, formatErrors, wrapLastColumn } from '../report/format.ts';
import { PAPER_GRADER } from '../report/grader-verdicts.ts';
import type { SummaryRow } from '../report/summary.ts';
import type { ReproduceReport } from './reproduce.ts';

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

/** Whether a row is the replay of one of the study's models: by its identity (reproduce-suites.ts), not its label. */
const replays = (r: SummaryRow, model: string) => r.identity?.role === 'replay' && r.identity.baseModel === model;

/** Mean memorization accuracy of one model over the domains evaluated, by one grader. */
export function meanMemorization(rows: readonly SummaryRow[], model: string, grader: string): number | null {
  const mem = rows.flatMap((r) => (replays(r, model) && r.split === 'memorization' && r.grader === grader && r.accuracy !== null ? [r.accuracy] : []));
  return mem.length ? mem.reduce((s, a) => s + a, 0) / mem.length : null;
}

export function renderReproduce(report: ReproduceReport): string {
  const { graders } = report;
  const paperJudgeMissing = !report.paperJudged;
  const head = ['domain', 'model', 'split', 'n', ...graders, 'errors'];
  const cells: string[][] = [];
  let starred = false;
  for (const [key, perGrader] of byCell(report.rows)) {
    const [provider, domain, split] = JSON.parse(key) as [string, string, string];
    const any = [...perGrader.values()][0]!;
    cells.push([
      domain,
      provider,
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
  for (const x of report.excluded)
    out.push(`errors: ${x.model} has no responses for ${x.rows} questions: the column ${x.column} of ${x.file} holds grades ("Correct"/"Incorrect"), not responses, so it was excluded.`);
  if (report.skipped.length) out.push(`not evaluated (no recorded responses published): ${report.skipped.join(', ')}.`);

  const stages = graders.filter((g) => g !== PAPER_GRADER);
  const ours = [stages[0], PAPER_GRADER].filter((g): g is string => g !== undefined && graders.includes(g));
  const pub = new Table({
    head: ['model', 'study: memorization', 'study: generalization', ...ours.map((g) => `this run: memorization (${g})`)],
    style: { head: [], border: [] },
  });
  for (const p of report.published) {
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
  out.push(
    '',
    'The study\'s published aggregates (upstream README), beside this run:',
    pub.toString(),
    'The study averages its four tasks; responses were published for two (latest news, fictional people), so this run\'s memorization is the mean of those two domains.',
  );
  return out.join('\n');
}
