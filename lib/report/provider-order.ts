/**
 * The order and colour of providers in the report, as in the viewer's
 * columns: tuned runs (each run's tuned model, then its checkpoints), then
 * base models, then in-context references, then retrieval (over the base
 * model, then over each tuned run), then the other references
 * (lookup, replayed models), then providers whose answers carry no identity
 * in the order first seen. The order comes from identities
 * (lib/ledger/provider-identity.ts), never from labels, so relabelling a
 * provider moves nothing. A provider keeps its colour in every chart of one
 * report.
 */
import type { ProviderIdentity } from '../ledger/provider-identity.ts';
import { PALETTE } from './chart-specs.ts';

const ROLE_RANK: Record<ProviderIdentity['role'], number> = { tuned: 0, base: 1, 'in-context': 2, retrieval: 3, lookup: 4, replay: 5, reference: 6 };
const UNIDENTIFIED = 7;

const text = (a: string | undefined, b: string | undefined) => (a ?? '').localeCompare(b ?? '');
const num = (a: number | null | undefined, b: number | null | undefined) => (a ?? Infinity) - (b ?? Infinity) || 0;

/** Identities in report order; 0 when the identities alone do not order them. */
export function compareIdentities(a: ProviderIdentity, b: ProviderIdentity): number {
  const byRole = ROLE_RANK[a.role] - ROLE_RANK[b.role];
  if (byRole) return byRole;
  const base = text('baseModel' in a ? a.baseModel : undefined, 'baseModel' in b ? b.baseModel : undefined);
  if (base) return base;
  if (a.role === 'tuned' && b.role === 'tuned') {
    // A run's tuned model first, then its checkpoints by epoch and step.
    return (
      text(a.run?.name, b.run?.name) ||
      text(a.run?.key, b.run?.key) ||
      Number(a.checkpoint !== undefined) - Number(b.checkpoint !== undefined) ||
      num(a.checkpoint?.epoch, b.checkpoint?.epoch) ||
      num(a.checkpoint?.step, b.checkpoint?.step)
    );
  }
  // The plain in-context reference before its variants.
  if (a.role === 'in-context' && b.role === 'in-context') return Number(a.variant !== undefined) - Number(b.variant !== undefined) || text(a.variant, b.variant);
  // Retrieval over the base model before retrieval over tuned runs; then by k and run.
  if (a.role === 'retrieval' && b.role === 'retrieval')
    return Number(a.run !== undefined) - Number(b.run !== undefined) || a.k - b.k || text(a.run?.name, b.run?.name) || text(a.run?.key, b.run?.key);
  if (a.role === 'replay' && b.role === 'replay') return text(a.source, b.source);
  return 0;
}

export interface IdentifiedProvider {
  provider: string;
  identity?: ProviderIdentity;
}

/** Providers (summary rows, or anything with a provider and its identity) in report order, each once. */
export function orderProviders(rows: Iterable<IdentifiedProvider>): string[] {
  const seen = new Map<string, { provider: string; identity?: ProviderIdentity; i: number }>();
  for (const r of rows) {
    const known = seen.get(r.provider);
    if (!known) seen.set(r.provider, { provider: r.provider, ...(r.identity && { identity: r.identity }), i: seen.size });
    else if (!known.identity && r.identity) known.identity = r.identity;
  }
  const rank = (p: { identity?: ProviderIdentity }) => (p.identity ? ROLE_RANK[p.identity.role] : UNIDENTIFIED);
  return [...seen.values()]
    .sort((a, b) => rank(a) - rank(b) || (a.identity && b.identity ? compareIdentities(a.identity, b.identity) : 0) || a.i - b.i)
    .map((p) => p.provider);
}

/** provider → colour, for every provider of a report. */
export function providerColors(rows: Iterable<IdentifiedProvider>): Map<string, string> {
  return new Map(orderProviders(rows).map((p, i) => [p, PALETTE[i % PALETTE.length]!]));
}
