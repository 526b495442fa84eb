// /v1/fine_tuning/jobs: create (with the checks OpenAI makes up front), list,
// retrieve, cancel, events, checkpoints. Progress itself is in lifecycle.ts.
import { randomInt } from 'node:crypto';
import type { EmulatorContext, RouteDef } from './context.ts';
import { ApiError, badRequest, modelNotFineTunable, modelRetired, trainingNotAvailable } from './errors.ts';
import { getFile } from './files.ts';
import { newId } from './ids.ts';
import { cancelJob, isTerminal, jobStatus, jobView, planJob, resultsCsv, visibleCheckpoints, visibleEvents } from './lifecycle.ts';
import { resolveBase, findTuned } from './models.ts';
import { page } from './pagination.ts';
import type { FineTuningJob, Hyperparameters, JobRecord } from './state.ts';
import { isProblem, parseTrainingFile } from './training-data.ts';

type Body = Record<string, unknown>;

function isRecord(value: unknown): value is Body {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseHyperparameters(raw: unknown, param: string): Hyperparameters {
  const h: Hyperparameters = { n_epochs: 'auto', batch_size: 'auto', learning_rate_multiplier: 'auto' };
  if (raw === undefined || raw === null) return h;
  if (!isRecord(raw)) throw badRequest(`Invalid type for '${param}': expected an object.`, param, 'invalid_type');
  const integer = (key: 'n_epochs' | 'batch_size', min: number, max: number): void => {
    const v = raw[key];
    if (v === undefined || v === 'auto') return;
    if (!Number.isInteger(v) || (v as number) < min || (v as number) > max) {
      throw badRequest(`Invalid '${param}.${key}': expected 'auto' or an integer between ${min} and ${max}, got ${JSON.stringify(v)}.`, `${param}.${key}`, 'invalid_value');
    }
    h[key] = v as number;
  };
  integer('n_epochs', 1, 50);
  integer('batch_size', 1, 256);
  const lr = raw.learning_rate_multiplier;
  if (lr !== undefined && lr !== 'auto') {
    if (typeof lr !== 'number' || !(lr > 0)) {
      throw badRequest(`Invalid '${param}.learning_rate_multiplier': expected 'auto' or a number greater than 0, got ${JSON.stringify(lr)}.`, `${param}.learning_rate_multiplier`, 'invalid_value');
    }
    h.learning_rate_multiplier = lr;
  }
  return h;
}

/** `method` (current) or top-level `hyperparameters` (deprecated), not both. */
function requestedHyperparameters(body: Body): Hyperparameters {
  const method = body.method;
  if (method === undefined || method === null) return parseHyperparameters(body.hyperparameters, 'hyperparameters');
  if (!isRecord(method)) throw badRequest("Invalid type for 'method': expected an object.", 'method', 'invalid_type');
  if (method.type !== 'supervised') {
    throw badRequest(
      `The emulator only supports method.type 'supervised' (got ${JSON.stringify(method.type)}).`,
      'method.type',
      'invalid_value',
    );
  }
  const nested = isRecord(method.supervised) ? method.supervised.hyperparameters : undefined;
  if (nested !== undefined && body.hyperparameters !== undefined && body.hyperparameters !== null) {
    throw badRequest("Specify hyperparameters in 'method' or in the deprecated 'hyperparameters', not both.", 'hyperparameters', 'invalid_value');
  }
  return parseHyperparameters(nested ?? body.hyperparameters, nested !== undefined ? 'method.supervised.hyperparameters' : 'hyperparameters');
}

function parseMetadata(raw: unknown): Record<string, string> | null {
  if (raw === undefined || raw === null) return null;
  if (!isRecord(raw) || Object.values(raw).some((v) => typeof v !== 'string')) {
    throw badRequest("Invalid 'metadata': expected an object with string values.", 'metadata', 'invalid_type');
  }
  const entries = Object.entries(raw as Record<string, string>);
  if (entries.length > 16) throw badRequest("Invalid 'metadata': at most 16 keys are allowed.", 'metadata', 'invalid_value');
  for (const [key, value] of entries) {
    if (key.length > 64 || value.length > 512) {
      throw badRequest("Invalid 'metadata': keys are at most 64 characters and values at most 512.", 'metadata', 'invalid_value');
    }
  }
  return raw as Record<string, string>;
}

/** Checks a referenced file the way job creation does before accepting the job. */
function checkFile(ctx: EmulatorContext, id: unknown, param: 'training_file' | 'validation_file'): string {
  if (typeof id !== 'string' || id === '') throw badRequest(`Missing required parameter: '${param}'.`, param, 'missing_required_parameter');
  const file = ctx.state.files.get(id);
  if (!file) throw badRequest(`invalid ${param}: ${id}`, param, 'invalid_file');
  if (file.purpose !== 'fine-tune') throw badRequest(`File ${id} has purpose '${file.purpose}', expected 'fine-tune'.`, param, 'invalid_file_purpose');
  if (ctx.now() < file.processedAtMs) throw badRequest(`File ${id} is not ready. Wait until its status is 'processed'.`, param, 'file_not_ready');
  return id;
}

function getJob(ctx: EmulatorContext, id: string): JobRecord {
  const job = ctx.state.jobs.get(id);
  if (!job) throw new ApiError(404, `Could not find fine-tuning job ${id}.`, 'invalid_request_error', 'fine_tuning_job_id', 'fine_tuning_job_not_found');
  return job;
}

function failsOnPurpose(ctx: EmulatorContext, suffix: string | null): boolean {
  const { failJobs } = ctx.options;
  return failJobs instanceof RegExp ? failJobs.test(suffix ?? '') : failJobs;
}

function createJob(ctx: EmulatorContext, body: unknown): JobRecord {
  if (ctx.options.trainingNotAvailable) throw trainingNotAvailable();
  if (!isRecord(body)) throw badRequest('We could not parse the JSON body of your request. The OpenAI API expects a JSON payload.');
  if (typeof body.model !== 'string' || body.model === '') throw badRequest("Missing required parameter: 'model'.", 'model', 'missing_required_parameter');
  const model = body.model;
  if (ctx.options.retiredModels.includes(model)) throw modelRetired(model);
  // Base snapshots, or a fine-tuned model to be tuned further (its knowledge carries over).
  const snapshot = resolveBase(ctx, model);
  const parent = snapshot ? undefined : findTuned(ctx, model);
  if (!snapshot && !parent) throw modelNotFineTunable(model);
  const trainingFile = checkFile(ctx, body.training_file, 'training_file');
  const validationFile =
    body.validation_file === undefined || body.validation_file === null ? null : checkFile(ctx, body.validation_file, 'validation_file');
  const suffix = body.suffix === undefined || body.suffix === null ? null : body.suffix;
  if (suffix !== null && (typeof suffix !== 'string' || suffix.length < 1 || suffix.length > 64)) {
    throw badRequest("Invalid 'suffix': expected a string of 1 to 64 characters.", 'suffix', 'invalid_value');
  }
  const seed = body.seed === undefined || body.seed === null ? randomInt(0, 2 ** 31 - 1) : body.seed;
  if (!Number.isInteger(seed) || (seed as number) < 0 || (seed as number) > 2147483647) {
    throw badRequest("Invalid 'seed': expected an integer between 0 and 2147483647.", 'seed', 'invalid_value');
  }
  const integrations = body.integrations === undefined || body.integrations === null ? [] : body.integrations;
  if (!Array.isArray(integrations)) throw badRequest("Invalid 'integrations': expected an array.", 'integrations', 'invalid_type');
  const requested = requestedHyperparameters(body);
  const metadata = parseMetadata(body.metadata);

  // The files are read now (the job snapshots them), but a problem only surfaces
  // when validation ends, as a failed job, exactly like the real service.
  const training = parseTrainingFile(getFile(ctx, trainingFile).content.toString('utf8'), ctx.options.minExamples);
  const validation = validationFile ? parseTrainingFile(getFile(ctx, validationFile).content.toString('utf8'), 1) : undefined;
  let validationError: { code: string; message: string; param: string } | undefined;
  if (isProblem(training)) validationError = { code: 'invalid_training_file', message: training.message, param: 'training_file' };
  else if (validation && isProblem(validation)) validationError = { code: 'invalid_validation_file', message: validation.message, param: 'validation_file' };
  const parsed = isProblem(training) ? { examples: 0, tokens: 0, pairs: [] } : training;

  const id = newId.job();
  const job = planJob({
    id,
    createdAtMs: ctx.now(),
    stepMs: ctx.options.stepMs,
    baseSnapshot: snapshot ?? parent!.fineTunedModel.split(':')[1]!,
    model: snapshot ?? model,
    trainingFile,
    validationFile,
    suffix,
    seed: seed as number,
    metadata,
    integrations: integrations as FineTuningJob['integrations'],
    requested,
    examples: parsed.examples,
    tokensPerEpoch: parsed.tokens,
    pairs: [...(parent?.pairs ?? []), ...parsed.pairs],
    trainingStepsOverride: ctx.options.trainingSteps,
    validationError,
    failDuringTraining: failsOnPurpose(ctx, suffix),
  });
  ctx.state.jobs.set(id, job);
  ctx.state.changed();
  return job;
}

/** `metadata[key]=value` filters (all must match); `metadata=null` selects jobs without metadata. */
function matchesMetadata(job: JobRecord, query: URLSearchParams): boolean {
  if (query.get('metadata') === 'null') return job.metadata === null;
  for (const [key, value] of query) {
    const m = /^metadata\[(.+)\]$/.exec(key);
    if (m && job.metadata?.[m[1]!] !== value) return false;
  }
  return true;
}

/** Once a job is first seen succeeded, its results file comes into existence. */
export function settleJobs(ctx: EmulatorContext): void {
  const now = ctx.now();
  for (const job of ctx.state.jobs.values()) {
    if (job.resultFileId || jobStatus(job, now) !== 'succeeded') continue;
    const content = Buffer.from(resultsCsv(job));
    const id = newId.file();
    ctx.state.files.set(id, {
      id,
      filename: 'step_metrics.csv',
      purpose: 'fine-tune-results',
      bytes: content.length,
      createdAtMs: job.outcome.atMs,
      processedAtMs: job.outcome.atMs,
      content,
    });
    job.resultFileId = id;
    ctx.state.changed();
  }
}

export function jobRoutes(ctx: EmulatorContext): RouteDef[] {
  const view = (job: JobRecord): FineTuningJob => jobView(job, ctx.now());
  return [
    {
      method: 'post',
      path: '/fine_tuning/jobs',
      handle: ({ body }) => ({ json: view(createJob(ctx, body)) }),
    },
    {
      method: 'get',
      path: '/fine_tuning/jobs',
      handle({ query }) {
        const jobs = [...ctx.state.jobs.values()].filter((job) => matchesMetadata(job, query)).reverse().map(view);
        return { json: { object: 'list', ...page(jobs, query, 20, 100) } };
      },
    },
    {
      method: 'get',
      path: '/fine_tuning/jobs/{fine_tuning_job_id}',
      handle: ({ params }) => ({ json: view(getJob(ctx, params.fine_tuning_job_id!)) }),
    },
    {
      method: 'post',
      path: '/fine_tuning/jobs/{fine_tuning_job_id}/cancel',
      handle({ params }) {
        const job = getJob(ctx, params.fine_tuning_job_id!);
        const status = jobStatus(job, ctx.now());
        if (isTerminal(status)) throw badRequest(`Job ${job.id} has already ${status === 'cancelled' ? 'been cancelled' : status}; it cannot be cancelled.`, 'fine_tuning_job_id', 'invalid_state');
        cancelJob(job, ctx.now());
        ctx.state.changed();
        return { json: view(job) };
      },
    },
    {
      method: 'get',
      path: '/fine_tuning/jobs/{fine_tuning_job_id}/events',
      handle({ params, query }) {
        const job = getJob(ctx, params.fine_tuning_job_id!);
        return { json: { object: 'list', ...page(visibleEvents(job, ctx.now()), query, 20, 100) } };
      },
    },
    {
      method: 'get',
      path: '/fine_tuning/jobs/{fine_tuning_job_id}/checkpoints',
      handle({ params, query }) {
        const job = getJob(ctx, params.fine_tuning_job_id!);
        const { data, has_more } = page(visibleCheckpoints(job, ctx.now()), query, 10, 100);
        return { json: { object: 'list', data, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null, has_more } };
      },
    },
  ];
}
