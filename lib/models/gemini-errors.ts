/**
 * Turns what @google/genai and google-auth-library throw into one sentence a
 * person can act on: which model or endpoint, which project, what the service
 * said, and what to do. @google/genai's ApiError carries the HTTP status and,
 * as its message, Google's JSON envelope `{error:{code,message,status,details}}`.
 */
import { isLoopbackUrl, missingRunModelCauses, whatWasAsked } from './missing-model.ts';

export interface GeminiErrorContext {
  /** `model gemini-2.5-flash` or `endpoint projects/…`. */
  target: string;
  project: string;
  location: string;
  /** Retries the client already made on 429 and 5xx. */
  retries: number;
  /** Where the call went (GOOGLE_VERTEX_BASE_URL, or Google's). */
  baseUrl?: string;
  /** The run whose tuned endpoint (or checkpoint) was asked: a 404 then names the run, the base URL and the likely causes. */
  run?: { name: string; checkpoint?: string; platform: string; baseModel: string; baseUrlSetBy?: string };
}

export interface GoogleErrorBody {
  code?: number;
  message?: string;
  status?: string;
  details?: { '@type'?: string; retryDelay?: string; reason?: string; metadata?: Record<string, string> }[];
}

/** The parts of an ApiError: status and Google's error body (when the message is its JSON). */
export function apiErrorParts(error: unknown): { status: number; body: GoogleErrorBody } | null {
  if (!(error instanceof Error) || error.name !== 'ApiError') return null;
  const status = (error as Error & { status?: unknown }).status;
  if (typeof status !== 'number') return null;
  let body: GoogleErrorBody = { message: error.message };
  try {
    const parsed = JSON.parse(error.message) as { error?: GoogleErrorBody };
    if (parsed && typeof parsed.error === 'object') body = parsed.error;
  } catch {
    // Not JSON (a proxy's HTML page, say): keep the raw text.
  }
  return { status, body };
}

const retriesText = (n: number) => `${n} ${n === 1 ? 'retry' : 'retries'}`;

/** The delay of a google.rpc.RetryInfo detail, as Google wrote it (`7s`, `0.5s`). */
export function retryDelay(body: GoogleErrorBody): string | null {
  const info = body.details?.find((d) => d['@type']?.endsWith('google.rpc.RetryInfo'));
  return info?.retryDelay ?? null;
}

/** What Vertex AI answered with an HTTP error, explained. */
function explainApiError(status: number, body: GoogleErrorBody, ctx: GeminiErrorContext): string {
  const code = `${status}${body.status ? ` ${body.status}` : ''}`;
  const said = (body.message ?? '').trim().replace(/\s+/g, ' ');
  const head = `Vertex AI answered ${code} for ${ctx.target}${said ? `: ${said}` : ''}`;
  if (status === 401) {
    return `${head} — the credentials were refused. Renew them (gcloud auth application-default login) or point GOOGLE_APPLICATION_CREDENTIALS at a valid key file.`;
  }
  if (status === 403) {
    return `${head} — permission denied in project ${ctx.project}. Check GOOGLE_CLOUD_PROJECT, that the Vertex AI API is enabled there, and that the account has roles/aiplatform.user.`;
  }
  if (status === 404 && ctx.run && ctx.baseUrl) {
    const { run } = ctx;
    const asked = {
      run: run.name,
      ...(run.checkpoint !== undefined && { checkpoint: run.checkpoint }),
      platform: run.platform,
      baseModel: run.baseModel,
      model: ctx.target,
      baseUrl: ctx.baseUrl,
      ...(run.baseUrlSetBy && { baseUrlEnv: run.baseUrlSetBy }),
      // @google/genai's errors carry no headers: an endpoint on this machine is taken for an emulator.
      emulator: isLoopbackUrl(ctx.baseUrl),
      today: new Date().toISOString().slice(0, 10),
    };
    return `Vertex AI at ${ctx.baseUrl} answered ${code} for ${whatWasAsked(asked)} (${ctx.target}): it is not served there. ${missingRunModelCauses(asked)}`;
  }
  if (status === 404) {
    return ctx.target.startsWith('endpoint ')
      ? `${head} — no such endpoint in project ${ctx.project}, location ${ctx.location}. A tuned model's endpoint exists once its tuning job has succeeded; check the endpoint name and that the job finished.`
      : `${head} — no such model in project ${ctx.project}, location ${ctx.location}. Check the model name (e.g. gemini-2.5-flash) and that the model is offered in ${ctx.location}.`;
  }
  if (status === 429) {
    const delay = retryDelay(body);
    return `${head} — rate limit or quota exhausted${ctx.retries ? ` (after ${retriesText(ctx.retries)})` : ''}${delay ? `; retry after ${delay}` : ''}. Lower promptfoo's concurrency (-j 1), run again later (answers already received are cached), or ask for more quota.`;
  }
  if (status >= 500) {
    return `${head} — a server-side failure${ctx.retries ? ` that persisted through ${retriesText(ctx.retries)}` : ''}. Run again later; answers already received are cached.`;
  }
  return `${head}.`;
}

/** The message for any error thrown while calling Gemini on Vertex AI. */
export function explainGeminiError(error: unknown, ctx: GeminiErrorContext): string {
  const api = apiErrorParts(error);
  if (api) return explainApiError(api.status, api.body, ctx);
  const message = error instanceof Error ? error.message : String(error);
  if (/Could not load the default credentials|Unable to detect a Project Id|ENOENT.*(credentials|\.json)/i.test(message)) {
    return `no usable Google Cloud credentials for ${ctx.target}: ${message.split('\n')[0]} — run gcloud auth application-default login, or set GOOGLE_APPLICATION_CREDENTIALS to a key file.`;
  }
  const causeMessage = error instanceof Error && error.cause instanceof Error ? error.cause.message : '';
  const cause = causeMessage && !message.includes(causeMessage) ? ` (${causeMessage})` : '';
  if (/fetch failed|ECONNREFUSED|ENOTFOUND|ETIMEDOUT|socket hang up|other side closed/i.test(message + cause)) {
    return `could not reach Vertex AI for ${ctx.target}: ${message}${cause} — check the network, or GOOGLE_VERTEX_BASE_URL if you point the project at an emulator.`;
  }
  return `calling ${ctx.target} on Vertex AI failed: ${message}${cause}`;
}
