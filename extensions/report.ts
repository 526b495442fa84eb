/**
 * promptfoo extension `file://extensions/report.ts:extensionHook`, declared by
 * every generated suite: progress for the command that started promptfoo,
 * and, after a plain `npx promptfoo eval`, the tables and the report that
 * `npm run report` makes from the same results (lib/eval/eval-hook.ts). promptfoo calls it with the hook's
 * name for every hook; it changes nothing in the suite, tests or results.
 */
import { afterAll, afterEach } from '../lib/eval/eval-hook.ts';

export async function extensionHook(hookName: string, context: Record<string, unknown>): Promise<void> {
  if (hookName === 'afterEach') afterEach(context);
  else if (hookName === 'afterAll') await afterAll(context);
}
