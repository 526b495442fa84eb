/**
 * promptfoo assertion `file://assertions/answer-match.ts`: grades an output
 * against the test's reference (answer, accept, previous, choices, expect:
 * lib/suites/test-case.ts) with a grader from lib/grading/graders.ts:
 *
 *   assert:
 *     - type: javascript
 *       value: file://../../assertions/answer-match.ts
 *       config: { judge: openai:chat:gpt-4.1-mini }   # optional; else FTBENCH_JUDGE
 *
 * `cascade` by default (abstain → exact → contains → judge);
 * `config: { mode: paper }` (or FTBENCH_GRADING_MODE=paper) grades as the
 * FineTuneBench study did, its judge with the study's own prompt unless
 * `judgePrompt` says otherwise. Judge options (judge, judgePrompt, judgeAll):
 * lib/grading/judge/judge-config.ts. The result (lib/grading/grading-result.ts)
 * has namedScores keyed by the test's `metadata.split`. A judge that fails or
 * answers nonsense throws: promptfoo records an error, not a fail.
 */
import { gradeForPromptfoo } from '../lib/grading/assertion.ts';
import { resolveGradingMode } from '../lib/grading/graders.ts';
import { referenceFromTest } from '../lib/suites/test-case.ts';

interface AssertionContext {
  vars: Record<string, unknown>;
  test?: { metadata?: Record<string, unknown> };
  config?: Record<string, unknown>;
}

export default async function answerMatch(output: unknown, context: AssertionContext) {
  const metadata = context.test?.metadata ?? {};
  const ref = referenceFromTest(context.vars, metadata);
  return gradeForPromptfoo(resolveGradingMode(context.config), output, ref, String(metadata.split ?? 'all'), context.config);
}
