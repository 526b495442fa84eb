/**
 * The environment every promptfoo the project starts gets (lib/eval/promptfoo-env.ts);
 * test/browser-report.test.ts checks that npm start's evals leave no debug log.
 */
import { describe, expect, it } from 'vitest';
import { promptfooEnv } from '../lib/eval/promptfoo-env.ts';

describe("the project's promptfoo environment", () => {
  it('is offline and writes no debug log file, unless the user set a variable otherwise', () => {
    const env = promptfooEnv({ PATH: '/bin' });
    expect(env).toMatchObject({ PATH: '/bin', PROMPTFOO_DISABLE_TELEMETRY: '1', PROMPTFOO_DISABLE_SHARING: '1', PROMPTFOO_DISABLE_DEBUG_LOG: '1' });
    expect(promptfooEnv({ PROMPTFOO_DISABLE_DEBUG_LOG: 'false' }).PROMPTFOO_DISABLE_DEBUG_LOG).toBe('false');
  });
});
