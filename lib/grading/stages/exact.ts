/**
 * Stage `exact`: normalized exact match.
 *
 * - `correct` when `normalizeAnswer(output)` equals `normalizeAnswer(t)` for
 *   the answer or an `accept` entry (`126 Pounds.` = `126 pounds`,
 *   `Zoe Angstrom` = `Zoë Ångström`, `March 14, 2031` = `14 March 2031`);
 * - `incorrect` when it equals the `previous` answer of an update question
 *   (the old answer, exactly: stale);
 * - `undecided` otherwise, and on an empty output.
 * Grades `answer` questions.
 */
import { normalizeAnswer } from '../normalize.ts';
import { acceptedAnswers } from '../reference.ts';
import type { Stage } from '../stage.ts';

/** True when the normalized output equals some normalized target. An empty output never matches. */
export function exactMatch(output: string, targets: readonly string[]): boolean {
  const out = normalizeAnswer(output);
  if (out === '') return false;
  return targets.some((t) => normalizeAnswer(t) === out);
}

export const exact: Stage = {
  name: 'exact',
  expects: ['answer'],
  run(ref, output) {
    if (exactMatch(output, acceptedAnswers(ref))) return { verdict: 'correct', reason: 'exact match' };
    if (ref.previous !== null && exactMatch(output, [ref.previous])) return { verdict: 'incorrect', reason: 'exactly the previous answer' };
    return { verdict: 'undecided', reason: 'no exact match' };
  },
};
