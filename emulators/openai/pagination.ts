// OpenAI's cursor pagination: `after` is the id of the last item already seen,
// `limit` bounds the page, `has_more` says whether another page exists.
import { badRequest } from './errors.ts';

export function parseLimit(query: URLSearchParams, fallback: number, max: number): number {
  const raw = query.get('limit');
  if (raw === null) return fallback;
  const limit = Number(raw);
  if (!Number.isInteger(limit) || limit < 1 || limit > max) {
    throw badRequest(`Invalid 'limit': expected an integer between 1 and ${max}, got ${JSON.stringify(raw)}.`, 'limit', 'integer_below_min_value');
  }
  return limit;
}

/** Items (already in list order) after the `after` cursor, cut to `limit`. */
export function page<T extends { id: string }>(items: T[], query: URLSearchParams, fallbackLimit: number, maxLimit: number): { data: T[]; has_more: boolean } {
  const limit = parseLimit(query, fallbackLimit, maxLimit);
  const after = query.get('after');
  let start = 0;
  if (after) {
    const index = items.findIndex((item) => item.id === after);
    start = index === -1 ? items.length : index + 1;
  }
  const data = items.slice(start, start + limit);
  return { data, has_more: start + limit < items.length };
}
