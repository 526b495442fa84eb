/**
 * promptfoo assertion `file://assertions/llm-judge.ts`: the LLM judge alone
 * (the `judge-only` grader of lib/grading/graders.ts), for suites that want
 * every answer judged.
 *
 *   assert:
 *     - type: javascript
 *       value: file://../../assertions/llm-judge.ts
 *       config: { judge: openai:chat:gpt-4.1-mini, judgePrompt: paper }   # both optional
 *
 * The judge comes from config.judge or FTBENCH_JUDGE (lib/grading/judge/judge-config.ts);
 * with neither, or when the judge fails or answers nonsense twice, it throws:
 * promptfoo records an error on the test, not a fail. The result is written
 * as answer-match's (lib/grading/grading-result.ts); its namedScores are
 * `<split> (judge)` (and `stale (judge)`), so it can sit beside answer-match.
 */
import { gradeForPromptfoo } from '../lib/grading/assertion.ts';
import { referenceFromTest } from '../lib/suites/test-case.ts';

interface AssertionContext {
  vars: Record<string, unknown>;
  test?: { metadata?: Record<string, unknown> };
  config?: Record<string, unknown>;
}

export default async function llmJudge(output: unknown, context: AssertionContext) {
  const metadata = context.test?.metadata ?? {};
  const ref = referenceFromTest(context.vars, metadata);
  return gradeForPromptfoo('judge-only', output, ref, String(metadata.split ?? 'all'), context.config);
}
