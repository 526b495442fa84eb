/**
 * Tuned vs base vs in-context: every tuned model read against the two
 * references that matter, its untuned base model and the same base model with
 * the facts in its prompt; and, when the suite asked it, the base model with
 * the top-k statements retrieval finds (`retrieval`, a reference too). Providers are grouped by the identity their
 * answers carry (lib/ledger/provider-identity.ts: role and base model), never
 * by label; one comparison per domain × split × tuned run. Providers whose
 * answers carry no identity (a hand-written suite without `identity`, results
 * from before identities) are plain providers: in no comparison, and named in
 * a note (identityNote).
 *
 *   tuned − base         what tuning taught
 *   in-context − tuned   what the facts could still give that tuning did not
 *
 * On a control domain (split `locality`) tuned − base is the damage tuning did
 * to what the base model knew.
 */
import type { ProviderIdentity } from '../ledger/provider-identity.ts';
import { compareIdentities } from './provider-order.ts';
import { splitRank, type SummaryRow } from './summary.ts';

export interface ComparisonCell {
  provider: string;
  n: number;
  correct: number;
  /** null when every call failed (n = 0): that side of the comparison is missing. */
  accuracy: number | null;
  ci95: [number, number] | null;
  errors: number;
  /** Some of its answers came from an emulator (lib/models/emulation.ts). */
  emulated?: true;
}

export interface Comparison {
  domain: string;
  split: string;
  baseModel: string;
  /** Set when the summary compares graders. */
  grader?: string;
  /** One tuned run; null when the domain has base or in-context rows but no tuned run. */
  tuned: ComparisonCell | null;
  base: ComparisonCell | null;
  inContext: ComparisonCell | null;
  /** The base model given the k statements retrieval finds; present when the group has one (the smallest k first). */
  retrieval?: ComparisonCell | null;
  tunedMinusBase: number | null;
  inContextMinusTuned: number | null;
  /** Some side's answers came from an emulator. */
  emulated?: true;
}

export const LOCALITY_SPLIT = 'locality';

const cell = (r: SummaryRow): ComparisonCell => ({
  provider: r.provider,
  n: r.n,
  correct: r.correct,
  accuracy: r.accuracy,
  ci95: r.ci95,
  errors: r.errors,
  ...(r.emulated ? { emulated: true as const } : {}),
});
/** a − b; null when either side is missing or was not measured. */
const difference = (a: ComparisonCell | null, b: ComparisonCell | null): number | null =>
  a?.accuracy != null && b?.accuracy != null ? a.accuracy - b.accuracy : null;

type Identified = SummaryRow & { identity: ProviderIdentity };

interface Group {
  domain: string;
  split: string;
  baseModel: string;
  grader?: string;
  tuned: Identified[];
  base: Identified | null;
  inContext: Identified[];
  retrieval: Identified[];
}

const byIdentity = (a: Identified, b: Identified) => compareIdentities(a.identity, b.identity);

/**
 * The comparisons the summary rows allow, by domain, split, grader, base
 * model and tuned run (in identity order). When a base model has several
 * in-context references, the plain one (no `variant`) is used, else the
 * first in identity order.
 */
export function compareProviders(rows: readonly SummaryRow[]): Comparison[] {
  const groups = new Map<string, Group>();
  for (const row of rows) {
    const { identity } = row;
    if (!identity || (identity.role !== 'tuned' && identity.role !== 'base' && identity.role !== 'in-context' && identity.role !== 'retrieval')) continue;
    // Retrieval around a tuned run is an approach of its own (decisions.ts), not the base model's reference.
    if (identity.role === 'retrieval' && identity.run) continue;
    // Checkpoints are read in learning curves (curves.ts), not here: one comparison per tuned run.
    if (identity.role === 'tuned' && identity.checkpoint) continue;
    const key = JSON.stringify([row.domain, row.split, row.grader ?? '', identity.baseModel]);
    let g = groups.get(key);
    if (!g) {
      g = { domain: row.domain, split: row.split, baseModel: identity.baseModel, tuned: [], base: null, inContext: [], retrieval: [] };
      if (row.grader) g.grader = row.grader;
      groups.set(key, g);
    }
    const identified = { ...row, identity };
    if (identity.role === 'tuned') g.tuned.push(identified);
    else if (identity.role === 'base') g.base ??= identified;
    else if (identity.role === 'retrieval') g.retrieval.push(identified);
    else g.inContext.push(identified);
  }
  const ordered = [...groups.values()].sort(
    (a, b) =>
      a.domain.localeCompare(b.domain) ||
      splitRank(a.split) - splitRank(b.split) ||
      a.split.localeCompare(b.split) ||
      (a.grader ?? '').localeCompare(b.grader ?? '') ||
      a.baseModel.localeCompare(b.baseModel),
  );
  const out: Comparison[] = [];
  for (const g of ordered) {
    const inContextRow = [...g.inContext].sort(byIdentity)[0];
    const base = g.base ? cell(g.base) : null;
    const inContext = inContextRow ? cell(inContextRow) : null;
    const retrievalRow = [...g.retrieval].sort(byIdentity)[0];
    const tunedRuns = g.tuned.length ? [...g.tuned].sort(byIdentity).map(cell) : [null];
    for (const tuned of tunedRuns) {
      out.push({
        domain: g.domain,
        split: g.split,
        baseModel: g.baseModel,
        ...(g.grader ? { grader: g.grader } : {}),
        tuned,
        base,
        inContext,
        ...(retrievalRow && { retrieval: cell(retrievalRow) }),
        tunedMinusBase: difference(tuned, base),
        inContextMinusTuned: difference(inContext, tuned),
        ...([tuned, base, inContext, retrievalRow ? cell(retrievalRow) : null].some((side) => side?.emulated) ? { emulated: true as const } : {}),
      });
    }
  }
  return out;
}

/** Providers whose answers carry no identity, in the rows' order: shown as plain providers. */
export function unidentifiedProviders(rows: readonly SummaryRow[]): string[] {
  return [...new Set(rows.filter((r) => !r.identity).map((r) => r.provider))];
}

/** The note that says which providers are plain and why; null when every provider has an identity. */
export function identityNote(rows: readonly SummaryRow[]): string | null {
  const plain = unidentifiedProviders(rows);
  if (plain.length === 0) return null;
  const names = plain.length > 6 ? `${plain.slice(0, 6).join(', ')} and ${plain.length - 6} more` : plain.join(', ');
  return (
    `Shown as plain providers, not grouped as tuned, base or in-context: ${names}. Their answers carry no identity ` +
    '(a hand-written suite, or results from before identities were recorded); a suite declares one in the provider\'s config (docs/tuned-vs-base.md).'
  );
}
