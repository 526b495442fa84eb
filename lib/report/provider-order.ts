/**
 * The order and colour of providers in the report, as in the viewer's
 * columns: tuned runs, then base models, then in-context references, then
 * everything else (lookup, replayed models) in the order first seen. A
 * provider keeps its colour in every chart of one report.
 */
import { parseProviderLabel } from '../foundation/provider-labels.ts';
import { PALETTE } from './chart-specs.ts';

const ROLE_RANK = { tuned: 0, base: 1, 'in-context': 2 } as const;

export function orderProviders(providers: Iterable<string>): string[] {
  const unique = [...new Set(providers)];
  const rank = (p: string) => {
    const label = parseProviderLabel(p);
    return label ? ROLE_RANK[label.role] : 3;
  };
  return unique
    .map((p, i) => ({ p, i }))
    .sort((a, b) => rank(a.p) - rank(b.p) || (rank(a.p) < 3 ? a.p.localeCompare(b.p) : a.i - b.i))
    .map(({ p }) => p);
}

/** provider → colour, for every provider of a report. */
export function providerColors(providers: Iterable<string>): Map<string, string> {
  return new Map(orderProviders(providers).map((p, i) => [p, PALETTE[i % PALETTE.length]!]));
}
