/**
 * Two graders of the same questions (two runs, asked the same questions)
 * compared question by question: McNemar's exact test and a 95% interval for
 * the difference of their accuracies.
 *
 * With n paired questions, b answered right only by A and c only by B:
 *
 * - McNemar's exact test: under "A and B are equally good", each of the
 *   b + c discordant questions is B's with probability 1/2, so
 *   p = min(1, 2 · P[X ≤ min(b, c)]) for X ~ Binomial(b + c, 1/2)
 *   (the binomial mass from simple-statistics); p = 1 when b + c = 0.
 * - The difference accB − accA = (c − b) / n, with Newcombe's hybrid score
 *   interval for paired proportions (Newcombe 1998, method 10): Wilson
 *   intervals of both accuracies, combined with the correlation φ of the
 *   paired outcomes. It stays within [−1, 1] and is honest at 0 and 1, where
 *   the normal approximation is not.
 */
import { binomialDistribution } from 'simple-statistics';
import { wilsonInterval } from './wilson.ts';

/** The 2 × 2 table of paired outcomes. */
export interface PairedCounts {
  /** Both right. */
  both: number;
  /** Right only in A. */
  onlyA: number;
  /** Right only in B. */
  onlyB: number;
  /** Both wrong. */
  neither: number;
}

/** Two-sided exact McNemar p-value for b and c discordant pairs. */
export function mcnemarExact(b: number, c: number): number {
  const n = b + c;
  if (n === 0) return 1;
  const cells = binomialDistribution(n, 0.5);
  if (!cells) throw new Error(`no binomial distribution for ${n} trials`);
  let tail = 0;
  for (let i = 0; i <= Math.min(b, c); i++) tail += cells[i] ?? 0;
  return Math.min(1, 2 * tail);
}

/** Newcombe's method 10 interval (95%) for accB − accA on paired outcomes; null when there is no pair. */
export function pairedDifferenceInterval(t: PairedCounts): [number, number] | null {
  const n = t.both + t.onlyA + t.onlyB + t.neither;
  if (n === 0) return null;
  const pA = (t.both + t.onlyA) / n;
  const pB = (t.both + t.onlyB) / n;
  const [lA, uA] = wilsonInterval(t.both + t.onlyA, n);
  const [lB, uB] = wilsonInterval(t.both + t.onlyB, n);
  const denominator = (t.both + t.onlyA) * (t.onlyB + t.neither) * (t.both + t.onlyB) * (t.onlyA + t.neither);
  const phi = denominator === 0 ? 0 : (t.both * t.neither - t.onlyA * t.onlyB) / Math.sqrt(denominator);
  const d = pB - pA;
  const below = Math.sqrt(Math.max(0, (pB - lB) ** 2 - 2 * phi * (pB - lB) * (uA - pA) + (uA - pA) ** 2));
  const above = Math.sqrt(Math.max(0, (uB - pB) ** 2 - 2 * phi * (uB - pB) * (pA - lA) + (pA - lA) ** 2));
  return [Math.max(-1, d - below), Math.min(1, d + above)];
}
