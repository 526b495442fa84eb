/**
 * What the Vertex AI tuning API (through @google/genai), Cloud Storage and
 * google-auth-library throw, as messages a person can act on: 401 (renew the
 * credentials), 403 PERMISSION_DENIED (which permission, in which project),
 * 404 (a model not offered there, a job of another project, a bucket that
 * does not exist), 429 RESOURCE_EXHAUSTED (after waiting the delay Google's
 * RetryInfo asked for), 5xx, and an unreachable server. Also says which errors
 * are worth retrying, and after how long.
 */
import { UserError } from '../foundation/errors.ts';
import { apiErrorParts, retryDelay, type GoogleErrorBody } from '../models/gemini-errors.ts';
import { CloudStorageError } from './cloud-storage.ts';

export interface VertexErrorContext {
  /** What was being done, e.g. `creating the tuning job of run x`. */
  doing: string;
  project: string;
  location: string;
  /** The base model, when the call names one. */
  model?: string;
  /** Where training files go, for Cloud Storage errors. */
  gcsUri?: string;
  /** Attempts made, for messages about errors that outlasted the retries. */
  attempts: number;
}

const CONNECTION = /fetch failed|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|socket hang up|other side closed|UND_ERR|network error/i;

function textOf(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = err.cause instanceof Error ? ` (${err.cause.message}${(err.cause as { code?: string }).code ? ` ${(err.cause as { code?: string }).code}` : ''})` : '';
  return `${err.message}${cause}`;
}

const statusOf = (err: unknown): number | undefined => apiErrorParts(err)?.status ?? (err instanceof CloudStorageError ? err.status : undefined);

/** Rate limits, quota, server errors and dropped connections pass; a refused credential or a bad request does not. */
export function isTransientVertexError(err: unknown): boolean {
  if (err instanceof UserError) return false; // already explained: its retries are spent
  const status = statusOf(err);
  if (status !== undefined) return status === 408 || status === 429 || status >= 500;
  return err instanceof Error && CONNECTION.test(textOf(err));
}

/** `7s`, `0.5s`, `1.000000001s` (a protobuf Duration in JSON) → milliseconds. */
export function durationMs(duration: string | null | undefined): number | undefined {
  const m = /^(\d+(?:\.\d+)?)s$/.exec(duration?.trim() ?? '');
  return m ? Number(m[1]) * 1000 : undefined;
}

/** The wait Google asked for: the RetryInfo detail of a Vertex AI error, or Cloud Storage's Retry-After. */
export function vertexRetryAfterMs(err: unknown): number | undefined {
  if (err instanceof CloudStorageError) return err.retryAfterMs;
  const api = apiErrorParts(err);
  return api ? durationMs(retryDelay(api.body)) : undefined;
}

const clean = (text: string | undefined): string => (text ?? '').trim().replace(/\s+/g, ' ');

function permissionOf(body: GoogleErrorBody): string | undefined {
  return body.details?.find((d) => d.metadata?.permission)?.metadata?.permission ?? /Permission '([^']+)'/.exec(body.message ?? '')?.[1];
}

const RETRY_LATER = 'try again later: rerunning the same command picks up from the ledger';
const TRY_AGAIN = 'Try again later: rerunning the same command picks up from the ledger.';

function explainVertexStatus(status: number, body: GoogleErrorBody, ctx: VertexErrorContext): string {
  const code = `${status}${body.status ? ` ${body.status}` : ''}`;
  const said = clean(body.message);
  const where = `project ${ctx.project}, location ${ctx.location}`;
  if (status === 401)
    return `${ctx.doing}: Google Cloud refused the credentials (${code}): ${said} Renew them (gcloud auth application-default login) or point GOOGLE_APPLICATION_CREDENTIALS at a valid key file.`;
  if (status === 403) {
    const permission = permissionOf(body);
    return (
      `${ctx.doing}: permission denied (${code}${permission ? `, ${permission}` : ''}) in project ${ctx.project}: ${said} ` +
      'Check GOOGLE_CLOUD_PROJECT, that the Vertex AI API is enabled in that project, and that the account has roles/aiplatform.user.'
    );
  }
  if (status === 404) {
    if (ctx.model && /publisher model|model/i.test(said) && !/tuningjob/i.test(said))
      return `${ctx.doing}: base model ${ctx.model} was not found in ${where} (${code}): ${said} Check --model, and that ${ctx.model} can be tuned in ${ctx.location} (GOOGLE_CLOUD_LOCATION).`;
    return `${ctx.doing}: not found in ${where} (${code}): ${said} The job may belong to another project or location: check GOOGLE_CLOUD_PROJECT and GOOGLE_CLOUD_LOCATION.`;
  }
  if (status === 429) {
    const delay = retryDelay(body);
    return (
      `${ctx.doing}: still rate limited or out of quota (${code}) after ${ctx.attempts} attempt(s)${delay ? `, each after the retry delay Google asked for (${delay})` : ''}: ${said} ` +
      `Ask for more Vertex AI tuning quota, or ${RETRY_LATER}.`
    );
  }
  if (status >= 500) return `${ctx.doing}: Vertex AI had a server error (${code}) even after ${ctx.attempts} attempt(s): ${said} ${TRY_AGAIN}`;
  return `${ctx.doing}: Vertex AI rejected the request (${code}): ${said}`;
}

function explainStorage(err: CloudStorageError, ctx: VertexErrorContext): string {
  const code = `${err.status}${err.reason ? ` ${err.reason}` : ''}`;
  const place = ctx.gcsUri ?? 'the Cloud Storage bucket';
  const said = clean(err.message);
  if (err.status === 401)
    return `${ctx.doing}: Cloud Storage refused the credentials (${code}): ${said} Renew them (gcloud auth application-default login) or point GOOGLE_APPLICATION_CREDENTIALS at a valid key file.`;
  if (err.status === 403)
    return `${ctx.doing}: the account may not use ${place} (${code}): ${said} Grant it roles/storage.objectAdmin on the bucket, or name another place with --gcs-uri or FTBENCH_GCS_URI.`;
  if (err.status === 404)
    return `${ctx.doing}: ${said} (${code}) — ${place} is not in a bucket that exists: create the bucket (gcloud storage buckets create gs://BUCKET --location ${ctx.location}) or name another with --gcs-uri or FTBENCH_GCS_URI.`;
  if (err.status === 429 || err.status >= 500)
    return `${ctx.doing}: Cloud Storage answered ${code} even after ${ctx.attempts} attempt(s): ${said} ${TRY_AGAIN}`;
  return `${ctx.doing}: Cloud Storage rejected the request (${code}): ${said}`;
}

/** A UserError for an API, storage, credentials or connection error; anything else comes back unchanged (a bug keeps its stack). */
export function explainVertexError(err: unknown, ctx: VertexErrorContext): unknown {
  if (err instanceof UserError) return err;
  const api = apiErrorParts(err);
  if (api) return new UserError(explainVertexStatus(api.status, api.body, ctx), { cause: err });
  if (err instanceof CloudStorageError) return new UserError(explainStorage(err, ctx), { cause: err });
  const text = textOf(err);
  if (/Could not load the default credentials|Unable to detect a Project Id|ENOENT.*(credentials|\.json)|invalid_grant|invalid_client|unauthorized_client/i.test(text))
    return new UserError(
      `${ctx.doing}: no usable Google Cloud credentials (${text.split('\n')[0]}): run gcloud auth application-default login, or set GOOGLE_APPLICATION_CREDENTIALS to a key file`,
      { cause: err },
    );
  if (err instanceof Error && CONNECTION.test(text))
    return new UserError(
      `${ctx.doing}: cannot reach Google Cloud (${text}) even after ${ctx.attempts} attempt(s); check the network, or GOOGLE_VERTEX_BASE_URL / STORAGE_EMULATOR_HOST if you point the project at an emulator`,
      { cause: err },
    );
  return err;
}
