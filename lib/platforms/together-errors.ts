/**
 * Together AI's errors (`{error:{message,type,param,code}}`, OpenAI's shape)
 * as messages a person can act on: a refused key (401), a key without access
 * (403), an unknown model or job (404), rate limits (429, after waiting what
 * Retry-After asked), server errors (5xx), an unreachable server. Also says
 * which errors are worth retrying, and after how long.
 */
import { UserError } from '../foundation/errors.ts';

/** An HTTP error answered by the Together API. */
export class TogetherApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code: string | null,
    readonly param: string | null,
    /** What Retry-After asked for, in ms. */
    readonly retryAfterMs: number | undefined,
  ) {
    super(message);
    this.name = 'TogetherApiError';
  }
}

export interface TogetherErrorContext {
  /** What was being done, e.g. `creating the fine-tuning job of run x`. */
  doing: string;
  baseUrl: string;
  /** The model the call names, if any. */
  model?: string;
  /** Attempts made, for messages about errors that outlasted the retries. */
  attempts: number;
}

const CONNECTION = /fetch failed|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|socket hang up|other side closed|UND_ERR|terminated/i;

function textOf(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = err.cause instanceof Error ? ` (${err.cause.message})` : '';
  return `${err.message}${cause}`;
}

export function isTransientTogetherError(err: unknown): boolean {
  if (err instanceof UserError) return false; // already explained: its retries are spent
  if (err instanceof TogetherApiError) return err.status === 408 || err.status === 429 || err.status >= 500;
  return err instanceof Error && (err.name === 'TimeoutError' || CONNECTION.test(textOf(err)));
}

export function togetherRetryAfterMs(err: unknown): number | undefined {
  return err instanceof TogetherApiError ? err.retryAfterMs : undefined;
}

const TRY_AGAIN = 'Try again later: rerunning the same command picks up from the ledger.';

function explainStatus(err: TogetherApiError, ctx: TogetherErrorContext): string {
  const code = `${err.status}${err.code ? ` ${err.code}` : ''}`;
  const said = err.message.trim().replace(/\s+/g, ' ');
  if (err.status === 401)
    return `${ctx.doing}: Together AI refused the key in TOGETHER_API_KEY (${code}); set a valid key in the environment (https://api.together.xyz/settings/api-keys)`;
  if (err.status === 403)
    return `${ctx.doing}: permission denied (${code}): ${said} The key's account may not use this: fine-tuning needs an account with credit, and a restricted key may lack the scope.`;
  if (err.status === 404) {
    if (err.code === 'model_not_available' || err.param === 'model' || /model/i.test(said))
      return `${ctx.doing}: ${ctx.model ? `model ${ctx.model}` : 'the model'} is not available (${code}): ${said} Check the model name; a fine-tuned model answers once its job has completed.`;
    return `${ctx.doing}: not found (${code}): ${said} The job may belong to another account (TOGETHER_API_KEY) or another server (TOGETHER_BASE_URL is ${ctx.baseUrl}).`;
  }
  if (err.status === 429)
    return `${ctx.doing}: still rate limited (${code}) after ${ctx.attempts} attempt(s)${err.retryAfterMs !== undefined ? `, each after the wait Together asked for (Retry-After ${err.retryAfterMs / 1000}s)` : ''}: ${said} ${TRY_AGAIN}`;
  if (err.status >= 500) return `${ctx.doing}: Together AI had a server error (${code}) even after ${ctx.attempts} attempt(s): ${said} ${TRY_AGAIN}`;
  return `${ctx.doing}: Together AI rejected the request (${code}${err.param ? `, ${err.param}` : ''}): ${said}`;
}

/** A UserError for an API or connection error; anything else comes back unchanged (a bug keeps its stack). */
export function explainTogetherError(err: unknown, ctx: TogetherErrorContext): unknown {
  if (err instanceof UserError) return err;
  if (err instanceof TogetherApiError) return new UserError(explainStatus(err, ctx), { cause: err });
  if (err instanceof Error && (err.name === 'TimeoutError' || CONNECTION.test(textOf(err))))
    return new UserError(`${ctx.doing}: cannot reach Together AI at ${ctx.baseUrl} (${textOf(err)}) even after ${ctx.attempts} attempt(s); check the network and TOGETHER_BASE_URL`, {
      cause: err,
    });
  return err;
}
