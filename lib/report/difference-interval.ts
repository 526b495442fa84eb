/**
 * A 95% interval for the difference of two accuracies measured on different
 * questions (memorization − generalization): Newcombe's hybrid score
 * interval for independent proportions (Newcombe 1998, "Interval estimation
 * for the difference between independent proportions", method 10). Each
 * accuracy gets its Wilson interval (l, u); for d = p1 − p2
 *
 *   lower = d − √((p1 − l1)² + (u2 − p2)²)
 *   upper = d + √((u1 − p1)² + (p2 − l2)²)
 *
 * It stays within [−1, 1] and is honest at 0 and 1, where the normal
 * approximation is not. (paired-test.ts has the paired version.)
 */
import { wilsonInterval } from './wilson.ts';

/** p1 − p2 with its 95% interval, from k1 right of n1 and k2 right of n2; null when either n is 0. */
export function differenceInterval(k1: number, n1: number, k2: number, n2: number): { difference: number; ci95: [number, number] } | null {
  if (n1 === 0 || n2 === 0) return null;
  const [p1, p2] = [k1 / n1, k2 / n2];
  const [l1, u1] = wilsonInterval(k1, n1);
  const [l2, u2] = wilsonInterval(k2, n2);
  const d = p1 - p2;
  return {
    difference: d,
    ci95: [Math.max(-1, d - Math.hypot(p1 - l1, u2 - p2)), Math.min(1, d + Math.hypot(u1 - p1, p2 - l2))],
  };
}
