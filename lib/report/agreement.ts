/**
 * How much the choice of grader moves each number: for each provider ×
 * domain × split, the accuracy each grading stage would give on its own, the
 * cascade's, and Cohen's kappa between the stages, read from the stage
 * verdicts the assertions record (answer-match and llm-judge results, read
 * with lib/grading/grading-result.ts), plus what judging cost.
 *
 * A stage's accuracy (and any kappa with it) is null unless that stage has a
 * verdict for every test of the row: exact and contains never run on abstain
 * questions, and the judge runs only where the cheap stages did not settle
 * unless `judgeAll` is on (lib/grading/judge/judge-config.ts). `judged` says on how
 * many tests it did run. Tests whose provider or grader failed
 * (failureReason 2) are left out of n and counted in `errors`.
 */
import { gradingRecords, stageAlone } from '../grading/grading-result.ts';
import { cohenKappa } from './cohen-kappa.ts';
import { answerVerdict, providerName, sortRows, type PromptfooResultLike } from './summary.ts';

export const AGREEMENT_STAGES = ['exact', 'contains', 'judge'] as const;
export type AgreementStage = (typeof AGREEMENT_STAGES)[number];

export interface JudgeUsage {
  /** Calls made to the judge model (retries included); cached verdicts make none. */
  calls: number;
  /** Verdicts served from the cache. */
  cached: number;
  tokens: { prompt: number; completion: number; total: number };
  /** USD, summed over calls whose provider reported a cost (0 for an emulator's); null when none did. */
  cost: number | null;
  /** Calls a loopback emulator answered (they cost nothing). */
  emulated: number;
}

export interface AgreementRow {
  provider: string;
  domain: string;
  split: string;
  n: number;
  exact: number | null;
  contains: number | null;
  judge: number | null;
  /** null when n = 0: nothing was measured. */
  cascade: number | null;
  kappa_exact_contains: number | null;
  kappa_exact_judge: number | null;
  kappa_contains_judge: number | null;
  /** Tests with a judge verdict. */
  judged: number;
  errors: number;
  judge_calls: number;
  judge_cached: number;
  judge_tokens: number;
  judge_cost: number | null;
  /** Of judge_calls, those a loopback emulator answered (at no cost). */
  judge_emulated_calls: number;
}

type Stages = Partial<Record<string, boolean>>;

interface Graded {
  stages: Stages;
  cascade: boolean;
  judgeCalls: { calls: number; cached: boolean; tokens?: { prompt?: number; completion?: number; total?: number }; cost?: number; emulated?: true }[];
}

/**
 * Stage verdicts and judge calls of one result, merged over its gradings
 * (lib/grading/grading-result.ts, stageAlone). Paper mode's stages are its own grader's, not the cascade's, so
 * only its judge calls (which cost money) are counted.
 */
function gradedOf(r: PromptfooResultLike): Graded {
  const stages: Stages = {};
  const judgeCalls: Graded['judgeCalls'] = [];
  for (const record of gradingRecords(r)) {
    if (record.grader !== 'paper')
      for (const s of record.stages) {
        const alone = stageAlone(record, s.stage);
        if (alone !== null) stages[s.stage] ??= alone;
      }
    if (record.judge) judgeCalls.push(record.judge);
  }
  return { stages, cascade: answerVerdict(r).pass, judgeCalls };
}

const FAILURE_ERROR = 2;

function share(verdicts: boolean[]): number {
  return verdicts.filter(Boolean).length / verdicts.length;
}

function rowOf(provider: string, domain: string, split: string, graded: Graded[], errors: number): AgreementRow {
  const n = graded.length;
  /** A stage's verdicts when it judged every test of the row, else null. */
  const complete = (s: AgreementStage): boolean[] | null => {
    const v = graded.map((g) => g.stages[s]);
    return n > 0 && v.every((x) => typeof x === 'boolean') ? (v as boolean[]) : null;
  };
  const verdicts = Object.fromEntries(AGREEMENT_STAGES.map((s) => [s, complete(s)])) as Record<AgreementStage, boolean[] | null>;
  const acc = (s: AgreementStage) => (verdicts[s] ? share(verdicts[s]!) : null);
  const kappa = (a: AgreementStage, b: AgreementStage) => (verdicts[a] && verdicts[b] ? cohenKappa(verdicts[a]!, verdicts[b]!) : null);
  const usage: JudgeUsage = { calls: 0, cached: 0, tokens: { prompt: 0, completion: 0, total: 0 }, cost: null, emulated: 0 };
  for (const g of graded)
    for (const j of g.judgeCalls) {
      usage.calls += j.calls;
      if (j.cached) {
        usage.cached++;
        continue; // a cached verdict's tokens were paid for in an earlier run
      }
      usage.tokens.prompt += j.tokens?.prompt ?? 0;
      usage.tokens.completion += j.tokens?.completion ?? 0;
      usage.tokens.total += j.tokens?.total ?? 0;
      if (j.cost !== undefined) usage.cost = (usage.cost ?? 0) + j.cost;
      if (j.emulated) usage.emulated += j.calls;
    }
  return {
    provider,
    domain,
    split,
    n,
    exact: acc('exact'),
    contains: acc('contains'),
    judge: acc('judge'),
    cascade: n ? share(graded.map((g) => g.cascade)) : null,
    kappa_exact_contains: kappa('exact', 'contains'),
    kappa_exact_judge: kappa('exact', 'judge'),
    kappa_contains_judge: kappa('contains', 'judge'),
    judged: graded.filter((g) => typeof g.stages.judge === 'boolean').length,
    errors,
    judge_calls: usage.calls,
    judge_cached: usage.cached,
    judge_tokens: usage.tokens.total,
    judge_cost: usage.cost,
    judge_emulated_calls: usage.emulated,
  };
}

export function agreementRows(results: readonly PromptfooResultLike[]): AgreementRow[] {
  const groups = new Map<string, { key: [string, string, string]; graded: Graded[]; errors: number }>();
  for (const r of results) {
    const meta = { ...(r.metadata ?? {}), ...(r.testCase?.metadata ?? {}) };
    const key: [string, string, string] = [providerName(r), String(meta.domain ?? 'unknown'), String(meta.split ?? 'all')];
    const id = JSON.stringify(key);
    let g = groups.get(id);
    if (!g) groups.set(id, (g = { key, graded: [], errors: 0 }));
    if (r.failureReason === FAILURE_ERROR) g.errors++;
    else g.graded.push(gradedOf(r));
  }
  const rows = [...groups.values()].map(({ key: [p, d, s], graded, errors }) => rowOf(p, d, s, graded, errors));
  return sortRows(rows);
}

/** Totals of judging over all rows: calls, cached verdicts, tokens, cost. */
export function judgeUsageTotal(rows: readonly AgreementRow[]): { calls: number; cached: number; tokens: number; cost: number | null; emulated: number } {
  let cost: number | null = null;
  for (const r of rows) if (r.judge_cost !== null) cost = (cost ?? 0) + r.judge_cost;
  return {
    calls: rows.reduce((s, r) => s + r.judge_calls, 0),
    cached: rows.reduce((s, r) => s + r.judge_cached, 0),
    tokens: rows.reduce((s, r) => s + r.judge_tokens, 0),
    cost,
    emulated: rows.reduce((s, r) => s + r.judge_emulated_calls, 0),
  };
}
