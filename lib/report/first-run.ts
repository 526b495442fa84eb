/**
 * What a lookup-only `npm start` was, in three lines at its end: a first run
 * on a fresh clone evaluates only the BM25 lookup baseline (no key, no
 * ledger runs), and its table alone does not say that no model was asked or
 * what to do next. Any other run (a tuned, base or in-context provider, a
 * hand-written suite) gets no lines.
 */
import { MIN_EXAMPLES as MIN_TRAINING_FACTS } from '../training/validate-training-file.ts';
import type { ReportData } from './report-data.ts';
import type { SummaryRow } from './summary.ts';

/** The README's tour step that tries a platform offline, and the docs page behind it. */
export const EMULATOR_TOUR = 'npm run -s emulator -- openai --state /tmp/ftbench-offline/emulators (README "A five-minute tour", step 4; docs/emulators.md)';

/** True when every row is the lookup baseline's (by its identity), and there is at least one. */
export function lookupOnly(rows: readonly SummaryRow[]): boolean {
  return rows.length > 0 && rows.every((r) => r.identity?.role === 'lookup');
}

/** The three lines after a lookup-only run; [] for any other. */
export function firstRunLines(report: Pick<ReportData, 'rows' | 'retrieval'>): string[] {
  const { rows } = report;
  if (!lookupOnly(rows)) return [];
  const domains = [...new Set(rows.map((r) => r.domain))];
  const questions = rows.reduce((s, r) => s + r.n, 0);
  // A domain fine-tuning accepts: one trained question per fact, at least MIN_TRAINING_FACTS of them.
  const first = domains.find((d) => rows.some((r) => r.domain === d && r.split === 'memorization' && r.n >= MIN_TRAINING_FACTS)) ?? domains[0]!;
  return [
    `measured: the lookup baseline only (the answer of the most similar trained question, BM25) on ${questions} questions of ${domains.length} domain${domains.length === 1 ? '' : 's'}${report.retrieval ? ", and retrieval's hit rate" : ''}`,
    'no model was asked: the ledger (FTBENCH_RUNS_DIR) holds no succeeded fine-tuning run of these domains, so no tuned, base or in-context model was evaluated',
    `next: try a platform offline with the emulator tour: ${EMULATOR_TOUR}; or, with a key, fine-tune: npm run finetune -- plan --domain ${first} --model gpt-4o-mini --epochs 3`,
  ];
}
