/** Small helpers for grading tests: references, judges that count their calls, stage verdicts by name. */
import type { GradingOutcome } from '../../lib/grading/grade.ts';
import type { Judge } from '../../lib/grading/judge/judge.ts';
import type { Reference } from '../../lib/grading/reference.ts';
import type { Verdict } from '../../lib/grading/stage.ts';

export function reference(over: Partial<Reference> = {}): Reference {
  return { question: 'Q?', answer: '126', accept: [], previous: null, choices: null, expect: 'answer', statement: 'S.', ...over };
}

/** A judge that always gives `correct` and counts its calls. */
export function fixedJudge(correct: boolean, id = 'test-judge'): Judge & { calls: number } {
  const j = {
    id,
    calls: 0,
    async judge() {
      j.calls++;
      return { correct, raw: correct ? 'VERDICT: CORRECT' : 'VERDICT: INCORRECT' };
    },
  };
  return j;
}

/** Every stage's verdict by name, in the order they ran. */
export function verdicts(outcome: GradingOutcome): Record<string, Verdict> {
  return Object.fromEntries(outcome.stages.map((s) => [s.stage, s.verdict]));
}
