/**
 * The together-ai SDK's errors as messages a person can act on: a refused
 * key (401), a key without access (403), an unknown model or job (404), rate
 * limits (429, after waiting what Retry-After asked), server errors (5xx), an
 * unreachable server. Together's error body is OpenAI's shape,
 * `{error:{message,type,param,code}}` (`ErrorData`), or a bare `{message}` on
 * some routes. Also says which errors are worth retrying, and after how long.
 */
import { APIConnectionError, APIError } from 'together-ai';
import { UserError } from '../foundation/errors.ts';

export interface TogetherErrorContext {
  /** What was being done, e.g. `creating the fine-tuning job of run x`. */
  doing: string;
  baseUrl: string;
  /** The model the call names, if any. */
  model?: string;
  /** Attempts made, for messages about errors that outlasted the retries. */
  attempts: number;
}

interface ErrorFields {
  message: string;
  code: string | null;
  param: string | null;
}

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/** What the server said: `error.message` of ErrorData, a bare `message`, or the SDK's own summary. */
function fieldsOf(err: APIError): ErrorFields {
  const body = (err.error ?? {}) as { error?: { message?: unknown; code?: unknown; param?: unknown }; message?: unknown };
  const inner = typeof body.error === 'object' && body.error !== null ? body.error : {};
  const said = text(inner.message) ?? text(body.message) ?? err.message.replace(/^\d{3}\s+/, '');
  return { message: said, code: text(inner.code), param: text(inner.param) };
}

/** The causes down the chain (fetch failed ← connect ECONNREFUSED …), for a connection error. */
function causes(err: Error): string {
  const parts: string[] = [];
  for (let cause: unknown = err.cause; cause instanceof Error && parts.length < 4; cause = cause.cause) parts.push(cause.message);
  return parts.length ? `${err.message} (${parts.join(': ')})` : err.message;
}

/** One line about an error, for the notes on retries: `429 rate_limit_exceeded: You have been rate limited…`. */
export function togetherErrorLine(err: unknown): string {
  if (err instanceof APIConnectionError) return causes(err);
  if (err instanceof APIError && err.status !== undefined) {
    const { message, code } = fieldsOf(err);
    return `${err.status}${code ? ` ${code}` : ''}: ${message.trim().replace(/\s+/g, ' ')}`;
  }
  return err instanceof Error ? err.message.split('\n')[0]! : String(err);
}

export function isTransientTogetherError(err: unknown): boolean {
  if (err instanceof APIConnectionError) return true; // timeouts included
  if (!(err instanceof APIError) || err.status === undefined) return false;
  return err.status === 408 || err.status === 429 || err.status >= 500;
}

/** Retry-After (seconds or an HTTP date) or retry-after-ms, in milliseconds. */
export function togetherRetryAfterMs(err: unknown): number | undefined {
  if (!(err instanceof APIError) || !err.headers) return undefined;
  const ms = Number.parseFloat(err.headers.get('retry-after-ms') ?? '');
  if (Number.isFinite(ms)) return ms;
  const header = err.headers.get('retry-after');
  if (!header) return undefined;
  const seconds = Number.parseFloat(header);
  if (Number.isFinite(seconds)) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isFinite(date) ? Math.max(0, date - Date.now()) : undefined;
}

const TRY_AGAIN = 'Try again later: rerunning the same command picks up from the ledger.';

function explainStatus(err: APIError, status: number, ctx: TogetherErrorContext): string {
  const { message, code: errorCode, param } = fieldsOf(err);
  const code = `${status}${errorCode ? ` ${errorCode}` : ''}`;
  const said = message.trim().replace(/\s+/g, ' ');
  if (status === 401)
    return `${ctx.doing}: Together AI refused the key in TOGETHER_API_KEY (${code}); set a valid key in the environment (https://api.together.xyz/settings/api-keys)`;
  if (status === 403)
    return `${ctx.doing}: permission denied (${code}): ${said} The key's account may not use this: fine-tuning needs an account with credit, and a restricted key may lack the scope.`;
  if (status === 404) {
    if (errorCode === 'model_not_available' || param === 'model' || /model/i.test(said))
      return `${ctx.doing}: ${ctx.model ? `model ${ctx.model}` : 'the model'} is not available (${code}): ${said} Check the model name; a fine-tuned model answers once its job has completed.`;
    return `${ctx.doing}: not found (${code}): ${said} The job may belong to another account (TOGETHER_API_KEY) or another server (TOGETHER_BASE_URL is ${ctx.baseUrl}).`;
  }
  if (status === 429) {
    const asked = togetherRetryAfterMs(err);
    return `${ctx.doing}: still rate limited (${code}) after ${ctx.attempts} attempt(s)${asked !== undefined ? `, each after the wait Together asked for (Retry-After ${asked / 1000}s)` : ''}: ${said} ${TRY_AGAIN}`;
  }
  if (status >= 500) return `${ctx.doing}: Together AI had a server error (${code}) even after ${ctx.attempts} attempt(s): ${said} ${TRY_AGAIN}`;
  return `${ctx.doing}: Together AI rejected the request (${code}${param ? `, ${param}` : ''}): ${said}`;
}

/** A UserError for an API or connection error; anything else comes back unchanged (a bug keeps its stack). */
export function explainTogetherError(err: unknown, ctx: TogetherErrorContext): unknown {
  if (err instanceof UserError) return err;
  if (err instanceof APIConnectionError)
    return new UserError(`${ctx.doing}: cannot reach Together AI at ${ctx.baseUrl} (${causes(err)}) even after ${ctx.attempts} attempt(s); check the network and TOGETHER_BASE_URL`, {
      cause: err,
    });
  if (err instanceof APIError && err.status !== undefined) return new UserError(explainStatus(err, err.status, ctx), { cause: err });
  return err;
}
