/**
 * Asks the model `npm run augment --with ID` names through promptfoo's own
 * provider registry (loadApiProvider: any id promptfoo knows, as for the
 * judge), reading its reply, token usage, and whether an emulator answered
 * (promptfoo's HTTP providers pass the response headers in metadata.http).
 */
import { applyPromptfooOfflineEnv } from '../eval/promptfoo-env.ts';
import { UserError } from '../foundation/errors.ts';
import { answeredByEmulator } from '../foundation/emulator-header.ts';
import type { Ask, AugmentProvider } from './augment-domain.ts';

export async function promptfooAsk(provider: AugmentProvider): Promise<Ask> {
  applyPromptfooOfflineEnv();
  const { loadApiProvider } = await import('promptfoo');
  let loaded: Awaited<ReturnType<typeof loadApiProvider>>;
  try {
    loaded = await loadApiProvider(provider.id, provider.config ? { options: { config: provider.config } } : {});
  } catch (err) {
    throw new UserError(`--with ${provider.id}: promptfoo cannot load this provider (${(err as Error).message.split('\n')[0]})`);
  }
  return async (prompt) => {
    const response = await loaded.callApi(prompt);
    if (response.error) throw new Error(response.error);
    if (typeof response.output !== 'string') throw new Error(`the provider answered ${JSON.stringify(response.output)?.slice(0, 200) ?? 'nothing'}, not text`);
    const usage = response.tokenUsage;
    const http = (response.metadata as { http?: { headers?: Record<string, string> } } | undefined)?.http;
    return {
      output: response.output,
      tokens: usage && typeof usage.prompt === 'number' && typeof usage.completion === 'number' ? { prompt: usage.prompt, completion: usage.completion } : null,
      emulated: answeredByEmulator(http?.headers),
    };
  };
}
