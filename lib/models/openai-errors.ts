/**
 * Turns the OpenAI API's errors into messages a person can act on (no stack
 * trace, never the key): 403 training_not_available (OpenAI's wind-down of
 * fine-tuning), 401, 404 for an unknown or retired model, 429, 5xx, and an
 * unreachable server. Also says which errors are worth retrying.
 */
import { APIConnectionError, APIError } from 'openai';
import { UserError } from '../foundation/errors.ts';
import { answeredByEmulator } from '../foundation/emulator-header.ts';
import { missingRunModelCauses } from './missing-model.ts';
import { findBaseModel, priceFile } from './prices.ts';

export interface ErrorContext {
  /** What was being done, e.g. `creating the job for run x`. */
  doing: string;
  model?: string;
  baseURL?: string;
  /** The variable the key came from (default OPENAI_API_KEY; null: no key was sent). */
  apiKeyEnv?: string | null;
  /** The variable that sets the base URL, for the hint when the server cannot be reached (default OPENAI_BASE_URL). */
  baseUrlEnv?: string;
  /** The run whose tuned model (or checkpoint) `model` is: a 404 then names the run, the base URL and the likely causes. */
  run?: { name: string; checkpoint?: string; platform: string; baseModel: string; baseUrlSetBy?: string };
}

/** OpenAI's own API, where the SDK goes without a base URL. */
const OPENAI_API = 'https://api.openai.com/v1';

function serverMessage(err: APIError): string {
  const body = err.error as { message?: unknown } | undefined;
  return typeof body?.message === 'string' ? body.message : err.message;
}

/** Rate limits, server errors, timeouts and dropped connections pass; a quota that ran out does not. */
export function isTransientOpenAIError(err: unknown): boolean {
  if (err instanceof APIConnectionError) return true;
  if (!(err instanceof APIError) || err.status === undefined) return false;
  if (err.status === 429) return err.code !== 'insufficient_quota';
  return err.status === 408 || err.status === 409 || err.status >= 500;
}

/** Retry-After (seconds or an HTTP date) or retry-after-ms, in milliseconds. */
export function openAIRetryAfterMs(err: unknown): number | undefined {
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

export function trainingNotAvailableMessage(): string {
  const t = priceFile().platforms.openai?.training;
  return (
    'OpenAI no longer lets this organization start fine-tuning jobs (403 training_not_available). ' +
    `OpenAI is winding down self-serve fine-tuning: organizations that had never fine-tuned cannot start jobs since ${t?.closedForNewOrganizations ?? '2026-05-07'}, ` +
    `and no organization can start one after ${t?.closedForAll ?? '2027-01-06'}. Models already tuned keep answering until their base model retires ` +
    '(query one with the openai provider and `config: { model: "ft:…" }`). To train, use another platform.'
  );
}

function retiredHint(model: string | undefined): string {
  if (!model) return '';
  const info = findBaseModel('openai', model);
  if (!info?.retires) return ' It may have been retired, or the key\'s organization cannot see it.';
  const past = info.retires <= new Date().toISOString().slice(0, 10);
  return ` ${info.snapshot} and the models tuned from it ${past ? 'retired' : 'retire'} on ${info.retires}${past ? '' : '; or the key\'s organization cannot see it'}.`;
}

/** A UserError for an API or connection error; anything else comes back unchanged (a bug keeps its stack). */
export function explainOpenAIError(err: unknown, context: ErrorContext): unknown {
  const { doing } = context;
  if (err instanceof APIConnectionError) {
    return new UserError(`${doing}: cannot reach the OpenAI API${context.baseURL ? ` at ${context.baseURL}` : ''} (${err.message}); check the network and ${context.baseUrlEnv ?? 'OPENAI_BASE_URL'}`, { cause: err });
  }
  if (!(err instanceof APIError) || err.status === undefined) return err;
  const status = err.status;
  const code = err.code ? ` ${err.code}` : '';
  const message = serverMessage(err);
  if (status === 401)
    return new UserError(
      context.apiKeyEnv === null
        ? `${doing}: the server wants an API key (401${code}); export one and name its variable (register --api-key-env VAR, or config.apiKeyEnv)`
        : `${doing}: the API refused the key in ${context.apiKeyEnv ?? 'OPENAI_API_KEY'} (401${code}); set a valid key in the environment`,
      { cause: err },
    );
  if (status === 403 && err.code === 'training_not_available') return new UserError(`${doing}: ${trainingNotAvailableMessage()}`, { cause: err });
  if (status === 403) return new UserError(`${doing}: permission denied (403${code}): ${message}`, { cause: err });
  if (status === 404) {
    const isModel = err.code === 'model_not_found' || err.param === 'model' || /model/i.test(message);
    if (isModel && context.run) {
      const { run } = context;
      const baseUrl = context.baseURL ?? OPENAI_API;
      const causes = missingRunModelCauses({
          run: run.name,
          ...(run.checkpoint !== undefined && { checkpoint: run.checkpoint }),
          platform: run.platform,
          baseModel: run.baseModel,
          model: context.model ?? '(the model)',
        baseUrl,
        ...(run.baseUrlSetBy && { baseUrlEnv: run.baseUrlSetBy }),
        emulator: answeredByEmulator(err.headers),
        today: new Date().toISOString().slice(0, 10),
      });
      return new UserError(`${doing}: ${context.model ?? 'the model'} is not served at ${baseUrl} (404${code}). ${causes}`, { cause: err });
    }
    if (isModel) {
      const model = context.model ? `model "${context.model}"` : 'the model';
      const retired = /retired|deprecated/i.test(message);
      return new UserError(`${doing}: ${model} ${retired ? 'has been retired' : 'was not found'} (404${code}).${retired ? '' : retiredHint(context.model)}`, { cause: err });
    }
    return new UserError(`${doing}: not found (404${code}): ${message}`, { cause: err });
  }
  if (status === 429 && err.code === 'insufficient_quota')
    return new UserError(`${doing}: the organization has no credit left (429 insufficient_quota); add credit on the platform, then rerun the same command`, { cause: err });
  if (status === 429)
    return new UserError(`${doing}: still rate limited (429${code}) after retrying with backoff; try again later: rerunning the same command picks up from the ledger`, { cause: err });
  if (status >= 500)
    return new UserError(`${doing}: the API had a server error (${status}) even after retries; try again later: rerunning the same command picks up from the ledger`, { cause: err });
  return new UserError(`${doing}: the API rejected the request (${status}${code}${err.param ? `, ${err.param}` : ''}): ${message}`, { cause: err });
}
