/**
 * Fine-tune, retrieve, or put the facts in the prompt: per domain, each
 * approach the results hold (a tuned run, a tuned run with retrieval, the
 * base model, in-context, retrieval) on each split, with its accuracy, its
 * training cost, its inference cost per 1,000 questions, the total for
 * 1,000 questions (training included) and what one correct answer costs at
 * that volume; and, per split, the approaches on the Pareto front (pareto.ts):
 * none is cheaper and at least as accurate. summary.json's `decisions`;
 * sections/decisions.ts renders it. docs/fine-tune-or-retrieve.md explains it.
 *
 * A cost is a number only when measured (approach-costs.ts): an approach
 * without one has no total and no place on the front, and says why.
 * Approaches are read from identities (lib/ledger/provider-identity.ts):
 * checkpoints (learning curves), lookup and replayed answers are not
 * approaches with a cost and are left out. Control domains (locality) are
 * about what tuning broke, not what it costs to know: left out too.
 */
import { costKey, perAnswer, type ProviderCosts } from './approach-costs.ts';
import { LOCALITY_SPLIT } from './comparison.ts';
import { paretoFront } from './pareto.ts';
import { orderProviders } from './provider-order.ts';
import { splitRank, type SummaryRow } from './summary.ts';

/** How many questions the totals are for: the training cost is spread over them. */
export const DECISION_QUESTIONS = 1000;

export type ApproachKind = 'tuned' | 'tuned + retrieval' | 'base' | 'in-context' | 'retrieval';

export interface TrainingFigure {
  /** USD; 0 for an approach that trains nothing; null when not known. */
  usd: number | null;
  /**
   * `none`: nothing is trained; `platform`: the trained tokens the platform
   * reported × the dated price; `estimate`: the estimate made before the job
   * (it had not reported its tokens); `unknown`: the answers carry no cost.
   */
  from: 'none' | 'platform' | 'estimate' | 'unknown';
  trainedTokens?: number;
  pricesReadOn?: string;
  /** The trained tokens were reported by an emulator. */
  emulated?: true;
}

export interface InferenceFigure {
  /** USD to answer DECISION_QUESTIONS questions like the split's; null when not measured (`missing` says why). */
  perThousand: number | null;
  /** Mean tokens per question; null when not every answer reported them. */
  promptTokens: number | null;
  completionTokens: number | null;
  pricesReadOn: string[];
  /** Token counts an emulator reported. */
  emulated?: true;
  missing?: string;
}

export interface DecisionRow {
  provider: string;
  approach: ApproachKind;
  baseModel: string;
  split: string;
  n: number;
  accuracy: number | null;
  ci95: [number, number] | null;
  /** The answers came from an emulator. */
  emulated?: true;
  training: TrainingFigure;
  inference: InferenceFigure;
  /** Training plus inference for DECISION_QUESTIONS questions; null when either is not known. */
  totalPerThousand: number | null;
  /** totalPerThousand over the correct answers among DECISION_QUESTIONS; null when it has no total or no correct answer. */
  perCorrect: number | null;
  /** On the split's Pareto front: no other approach is cheaper (total) and at least as accurate. */
  front: boolean;
}

export interface DecisionTable {
  domain: string;
  questions: number;
  rows: DecisionRow[];
}

/** The approach a row's identity makes it; null for what is not one (checkpoints, lookup, replay, plain providers). */
function approachOf(row: SummaryRow): { approach: ApproachKind; baseModel: string } | null {
  const i = row.identity;
  if (!i) return null;
  if (i.role === 'tuned') return i.checkpoint ? null : { approach: 'tuned', baseModel: i.baseModel };
  if (i.role === 'retrieval') return { approach: i.run ? 'tuned + retrieval' : 'retrieval', baseModel: i.baseModel };
  if (i.role === 'base' || i.role === 'in-context') return { approach: i.role, baseModel: i.baseModel };
  return null;
}

function trainingFigure(approach: ApproachKind, costs: ProviderCosts | undefined): TrainingFigure {
  if (approach !== 'tuned' && approach !== 'tuned + retrieval') return { usd: 0, from: 'none' };
  const t = costs?.training;
  if (!t) return { usd: null, from: 'unknown' };
  // The platform's count is the emulator's when its model answered from one (a run an emulator served was trained there).
  const emulated = t.from === 'platform' && costs!.inference.emulated;
  return { usd: t.usd, from: t.from, trainedTokens: t.trainedTokens, pricesReadOn: t.pricesReadOn, ...(emulated && { emulated: true as const }) };
}

function inferenceFigure(costs: ProviderCosts | undefined): InferenceFigure {
  if (!costs) return { perThousand: null, promptTokens: null, completionTokens: null, pricesReadOn: [], missing: 'no answers' };
  const each = perAnswer(costs.inference);
  const emulated = costs.inference.emulated ? { emulated: true as const } : {};
  const tokens = 'promptTokens' in each ? { promptTokens: each.promptTokens, completionTokens: each.completionTokens } : { promptTokens: null, completionTokens: null };
  const usd = 'usd' in each ? each.usd : null;
  return {
    perThousand: usd === null ? null : usd * DECISION_QUESTIONS,
    ...tokens,
    pricesReadOn: costs.inference.pricesReadOn,
    ...emulated,
    ...(each.missing && { missing: each.missing }),
  };
}

/**
 * The decision tables of the rows' knowledge domains (those with at least
 * one approach), from the summary rows (one grader's) and the results'
 * costs (approach-costs.ts).
 */
export function buildDecisions(rows: readonly SummaryRow[], costs: ReadonlyMap<string, ProviderCosts>): DecisionTable[] {
  const tables: DecisionTable[] = [];
  for (const domain of [...new Set(rows.map((r) => r.domain))]) {
    const ofDomain = rows.filter((r) => r.domain === domain && r.split !== LOCALITY_SPLIT && !r.grader);
    const order = orderProviders(ofDomain);
    const out: DecisionRow[] = [];
    for (const row of ofDomain) {
      const kind = approachOf(row);
      if (!kind) continue;
      const c = costs.get(costKey(row.provider, domain, row.split));
      const training = trainingFigure(kind.approach, c);
      const inference = inferenceFigure(c);
      const total = training.usd !== null && inference.perThousand !== null ? training.usd + inference.perThousand : null;
      const correct = row.accuracy === null ? 0 : row.accuracy * DECISION_QUESTIONS;
      out.push({
        provider: row.provider,
        ...kind,
        split: row.split,
        n: row.n,
        accuracy: row.accuracy,
        ci95: row.ci95,
        ...(row.emulated && { emulated: true as const }),
        training,
        inference,
        totalPerThousand: total,
        perCorrect: total !== null && correct > 0 ? total / correct : null,
        front: false,
      });
    }
    if (out.length === 0) continue;
    // The front of each split, among the approaches with both an accuracy and a total.
    for (const split of new Set(out.map((r) => r.split))) {
      const placed = out.filter((r) => r.split === split && r.accuracy !== null && r.totalPerThousand !== null);
      const front = paretoFront(placed.map((r) => ({ cost: r.totalPerThousand!, accuracy: r.accuracy! })));
      placed.forEach((r, i) => (r.front = front[i]!));
    }
    out.sort((a, b) => order.indexOf(a.provider) - order.indexOf(b.provider) || splitRank(a.split) - splitRank(b.split) || a.split.localeCompare(b.split));
    tables.push({ domain, questions: DECISION_QUESTIONS, rows: out });
  }
  return tables;
}
