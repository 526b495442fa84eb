/**
 * Stage `paper-exact`: FineTuneBench's own exact match (its notebook's "Exact
 * method"): the output with surrounding whitespace removed and lower-cased
 * must equal a target with the same done to it; nothing else (`126 pounds`,
 * `126.` and `Orla Venn.` all fail against `126` and `Orla Venn`). The targets
 * are the answer and `accept`, or for `abstain` questions the literal `None`,
 * the answer the study's prompt asks for.
 * - `correct` on a match;
 * - otherwise `undecided` on the splits the study judged with its LLM
 *   (PAPER_JUDGE_SPLITS), where `paper-judge` comes next, and `incorrect`
 *   elsewhere.
 */
import { acceptedAnswers, type Reference } from '../reference.ts';
import type { Stage } from '../stage.ts';
import { PAPER_JUDGE_SPLITS } from './judge.ts';

/** The answer the study expects to a question the model cannot know. */
export const PAPER_DECLINE_ANSWER = 'None';

export function paperExactMatch(output: string, targets: readonly string[]): boolean {
  const out = output.trim().toLowerCase();
  return targets.some((t) => t.trim().toLowerCase() === out);
}

function paperTargets(ref: Reference): string[] {
  return ref.expect === 'abstain' ? [PAPER_DECLINE_ANSWER] : acceptedAnswers(ref);
}

export const paperExact: Stage = {
  name: 'paper-exact',
  expects: ['answer', 'abstain'],
  run(ref, output, { split }) {
    if (paperExactMatch(output, paperTargets(ref))) return { verdict: 'correct', reason: 'exact match (case-insensitive)' };
    const judged = ref.expect === 'answer' && PAPER_JUDGE_SPLITS.has(split);
    return { verdict: judged ? 'undecided' : 'incorrect', reason: 'not an exact match (case-insensitive)' };
  },
};
