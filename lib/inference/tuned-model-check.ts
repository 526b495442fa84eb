/**
 * One cheap call to a succeeded run's tuned model (a few output tokens), to
 * show that it answers where the run says before anything is built on it:
 * `finetune start` makes it when it finds a run's job already succeeded. A
 * model that does not answer is a UserError; a 404 names the run, the base
 * URL and the likely causes (lib/models/missing-model.ts), e.g. an emulator
 * restarted without its state folder.
 */
import { UserError } from '../foundation/errors.ts';
import type { RunRecord } from '../ledger/run-record.ts';
import { loadPlatform } from '../platforms/registry.ts';
import { ChatClient } from './chat-client.ts';
import { resolveChatTarget } from './chat-target.ts';
import { GeminiCallError, GeminiClient } from './gemini-client.ts';
import { parseGeminiConfig } from './gemini-config.ts';
import { ledgerGeminiRuns } from './gemini-run.ts';

const PROMPT = 'Reply with OK.';
const MAX_TOKENS = 16;
/** A check, not an evaluation: a passing failure is retried a little, then reported. */
const RETRIES = 2;

/** Resolves when the run's tuned model answered one short prompt; `runsDir` is the ledger holding `record`. */
export async function checkTunedModelAnswers(record: RunRecord, runsDir: string, env: NodeJS.ProcessEnv): Promise<void> {
  const platform = await loadPlatform(record.spec.platform, env);
  if (platform.tunedEndpoint(record).api === 'openai-chat') {
    const target = await resolveChatTarget({ run: record.key, runsDir }, env);
    await new ChatClient(env).ask(target, PROMPT, { temperature: 0, seed: 42, maxTokens: MAX_TOKENS, maxRetries: RETRIES }, null);
    return;
  }
  const setup = parseGeminiConfig({ run: record.key, maxOutputTokens: MAX_TOKENS, retries: RETRIES, retryDelaySeconds: 0.5 }, env, ledgerGeminiRuns(runsDir, env));
  try {
    await new GeminiClient(setup.place, setup.connection, env).generate(PROMPT, setup.settings);
  } catch (error) {
    // Its message names the run and the endpoint.
    if (error instanceof GeminiCallError) throw new UserError(error.message, { cause: error });
    throw error;
  }
}
