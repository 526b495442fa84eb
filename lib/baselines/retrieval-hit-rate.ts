/**
 * Retrieval's hit rate, counted without any model: for every question of a
 * domain, whether retrieval with k = K (fact-retrieval.ts: the K statements
 * BM25 ranks best, or every statement when the domain has no more than K)
 * gives one of the question's own facts.
 *
 * A question's facts: its fact, for a fact's trained question and its probes;
 * every fact it names, for a top-level probe over several facts (comparison).
 * One of them among the K counts as a hit, so for a question that needs two
 * statements the rate is an upper bound on retrieval finding what it needs.
 *
 * `need: 'every'` counts a hit only when all of the question's facts are
 * among the K: the rule the emulators' base models answer by (emulators/shared/base-model.ts),
 * so offline a retrieval reference's accuracy is this rate (abstain questions
 * aside: the emulated model declines them with or without the facts).
 *
 * A control domain's facts are never trained: it has no trained facts to
 * retrieve, and is reported as such, not as a rate of 0.
 */
import { domainQuestions } from '../domain/questions.ts';
import type { Domain } from '../domain/schema.ts';
import type { StatementRetrieval } from './fact-retrieval.ts';

/** The K the hit rate is counted at. */
export const HIT_RATE_KS: readonly number[] = [1, 3, 5, 10];

export interface SplitHits {
  split: string;
  /** Questions of the split. */
  n: number;
  /** Questions that hit, one count per K, in the order of the ks counted. */
  hits: number[];
}

export type DomainRetrievalHits =
  | { domain: string; facts: number; splits: SplitHits[] }
  | { domain: string; facts: number; unmeasured: string };

export const CONTROL_UNMEASURED = 'a control domain: its facts are asked, never trained, so there are no trained facts to retrieve';

/** Counts the hits of every question of `domain` at each k of `ks`, split by split (in the order the questions come). */
export function countRetrievalHits(domain: Domain, retrieval: StatementRetrieval, ks: readonly number[] = HIT_RATE_KS, need: 'one' | 'every' = 'one'): DomainRetrievalHits {
  const facts = domain.facts.length;
  if (domain.kind === 'control') return { domain: domain.id, facts, unmeasured: CONTROL_UNMEASURED };
  // One search per question, for the deepest K that searches: a smaller K's statements are the first K of it (a total order: score, then fact).
  const deepest = Math.max(0, ...ks.filter((k) => !retrieval.givesAll(k)));
  const splits = new Map<string, SplitHits>();
  for (const q of domainQuestions(domain)) {
    let row = splits.get(q.split);
    if (!row) splits.set(q.split, (row = { split: q.split, n: 0, hits: ks.map(() => 0) }));
    row.n++;
    const ranked = deepest > 0 ? retrieval.rank(q.question, deepest).map((f) => f.id) : [];
    ks.forEach((k, i) => {
      const top = ranked.slice(0, k);
      const found = need === 'every' ? q.facts.every((id) => top.includes(id)) : q.facts.some((id) => top.includes(id));
      if (retrieval.givesAll(k) || found) row.hits[i]!++;
    });
  }
  return { domain: domain.id, facts, splits: [...splits.values()] };
}
