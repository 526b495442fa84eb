/**
 * The cheapest approach at each accuracy: the Pareto front of (cost,
 * accuracy) points. A point is on it when no other point is at most as
 * costly and at least as accurate, and better in one of the two. Two equal
 * points are both on it. Point estimates only: a difference inside the
 * accuracy intervals is not a finding (docs/fine-tune-or-retrieve.md).
 */
export interface CostPoint {
  cost: number;
  accuracy: number;
}

/** Whether each point is on the front, in the points' order. */
export function paretoFront(points: readonly CostPoint[]): boolean[] {
  return points.map((p, i) =>
    !points.some((q, j) => j !== i && q.cost <= p.cost && q.accuracy >= p.accuracy && (q.cost < p.cost || q.accuracy > p.accuracy)),
  );
}
