/**
 * Stage `exact`: the whole output is an answer, nothing around it.
 * - `correct` when the normalized output equals the normalized answer or an
 *   `accept` entry (normalize.ts: `One hundred and twenty-six pounds.` =
 *   `126 pounds`, `Zoe Angstrom` = `Zoë Ångström`, `March 14, 2031` =
 *   `14 March 2031`), with no question mark ("2019?" doubts) and no markup
 *   that hides text;
 * - `incorrect` when it equals the `previous` answer of an update question
 *   (the old answer, exactly: stale), or when it is a short answer of the
 *   answer's kind that names no accepted answer (proof.ts shortWrongAnswer:
 *   `Tomas Reed` for Orla Venn, `162` for 126, `15 March 2031`);
 * - `undecided` otherwise, and on an empty output.
 * Grades `answer` questions.
 */
import { joinedChunks, withSymbolsAsWords } from '../candidates.ts';
import { normalizeAnswer } from '../normalize.ts';
import { shortWrongAnswer, visibleText } from '../proof.ts';
import { acceptedAnswers } from '../reference.ts';
import type { Stage } from '../stage.ts';

/**
 * True when the normalized output equals some normalized target, currency
 * and percent signs kept as words (`€8 million` is not `$8 million`). An
 * empty output never matches.
 */
export function exactMatch(output: string, targets: readonly string[]): boolean {
  const out = normalizeAnswer(withSymbolsAsWords(output));
  if (out === '') return false;
  return targets.some((t) => normalizeAnswer(withSymbolsAsWords(t)) === out);
}

/** A link, handle or path (`@venn`, `example.com/venn`) the answer itself does not have. */
function linkIn(output: string, targets: readonly string[]): boolean {
  return joinedChunks(output, false).some((c) => c.link) && !targets.some((t) => /[@#/\\]/.test(t));
}

export const exact: Stage = {
  name: 'exact',
  expects: ['answer'],
  run(ref, output) {
    const plain = !output.includes('?') && visibleText(output) === output && !linkIn(output, acceptedAnswers(ref));
    if (plain && exactMatch(output, acceptedAnswers(ref))) return { verdict: 'correct', reason: 'exact match' };
    if (ref.previous !== null && exactMatch(output, [ref.previous])) return { verdict: 'incorrect', reason: 'exactly the previous answer' };
    const wrong = ref.choices ? null : shortWrongAnswer(ref, output);
    if (wrong !== null) return { verdict: 'incorrect', reason: `a short answer naming no accepted answer (${JSON.stringify(wrong)})` };
    return { verdict: 'undecided', reason: 'no exact match' };
  },
};
