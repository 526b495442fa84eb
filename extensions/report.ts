/**
 * promptfoo extension `file://extensions/report.ts:extensionHook`, declared by
 * every generated suite: before the eval, each suite's providers kept to its
 * own questions when promptfoo merged several suites; progress for the
 * command that started promptfoo; and, after a plain `npx promptfoo eval`,
 * the tables and the report that `npm run report` makes from the same
 * results (lib/eval/eval-hook.ts). promptfoo calls it with the hook's name
 * for every hook; it changes no result.
 */
import { afterAll, afterEach, beforeAll } from '../lib/eval/eval-hook.ts';

export async function extensionHook(hookName: string, context: Record<string, unknown>): Promise<unknown> {
  if (hookName === 'beforeAll') return beforeAll(context);
  if (hookName === 'afterEach') afterEach(context);
  else if (hookName === 'afterAll') await afterAll(context);
}
