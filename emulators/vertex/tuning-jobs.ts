// `projects/{p}/locations/{l}/tuningJobs`: create (with the checks Vertex AI
// makes up front: known fields only, a supported base model, a readable
// gs:// dataset, valid hyperparameters), get, list (newest first, paged) and
// `:cancel`. Progress itself is in tuning-lifecycle.ts.
import type { ApiDialect, Route } from '../shared/route.ts';
import type { VertexContext } from './context.ts';
import { failedPrecondition, invalidArgument, notFound, publisherModelNotFound } from './errors.ts';
import { locationPattern, numericId } from './resource-names.ts';
import type { RequestedHyperParameters, TuningJobRecord } from './state.ts';
import { parseGsUri, storedObject } from './storage.ts';
import { parseTuningDataset } from './tuning-data.ts';
import { isTerminal, jobState, planTuningJob, tuningJobView } from './tuning-lifecycle.ts';

type Body = Record<string, unknown>;

const TUNING_JOB_FIELDS = ['baseModel', 'preTunedModel', 'supervisedTuningSpec', 'tunedModelDisplayName', 'description', 'labels', 'encryptionSpec', 'serviceAccount', 'outputUri'];
const SPEC_FIELDS = ['trainingDatasetUri', 'validationDatasetUri', 'hyperParameters', 'exportLastCheckpointOnly', 'tuningMode'];
const HYPER_PARAMETER_FIELDS = ['epochCount', 'learningRateMultiplier', 'adapterSize', 'batchSize', 'learningRate'];
/** Adapter sizes Gemini models accept (THIRTY_TWO is for open models). */
const GEMINI_ADAPTER_SIZES = ['ADAPTER_SIZE_ONE', 'ADAPTER_SIZE_TWO', 'ADAPTER_SIZE_FOUR', 'ADAPTER_SIZE_EIGHT', 'ADAPTER_SIZE_SIXTEEN'];

function isRecord(value: unknown): value is Body {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Google's answer to a field the message does not have. */
function checkFields(value: Body, allowed: string[], at: string): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) throw invalidArgument(`Invalid JSON payload received. Unknown name "${key}" at '${at}': Cannot find field.`);
  }
}

function parseHyperParameters(raw: unknown): RequestedHyperParameters {
  if (raw === undefined) return {};
  if (!isRecord(raw)) throw invalidArgument("Invalid value at 'tuning_job.supervised_tuning_spec.hyper_parameters': expected an object.");
  checkFields(raw, HYPER_PARAMETER_FIELDS, 'tuning_job.supervised_tuning_spec.hyper_parameters');
  const out: RequestedHyperParameters = {};
  if (raw.epochCount !== undefined) {
    // int64 fields travel as JSON strings; numbers are accepted too.
    const epochs = typeof raw.epochCount === 'string' && /^\d+$/.test(raw.epochCount) ? Number(raw.epochCount) : raw.epochCount;
    if (!Number.isInteger(epochs) || (epochs as number) < 1 || (epochs as number) > 100) {
      throw invalidArgument(`epoch_count must be an integer between 1 and 100, got ${JSON.stringify(raw.epochCount)}.`, 'tuning_job.supervised_tuning_spec.hyper_parameters.epoch_count');
    }
    out.epochCount = String(epochs);
  }
  if (raw.learningRateMultiplier !== undefined) {
    if (typeof raw.learningRateMultiplier !== 'number' || !(raw.learningRateMultiplier > 0)) {
      throw invalidArgument(
        `learning_rate_multiplier must be a number greater than 0, got ${JSON.stringify(raw.learningRateMultiplier)}.`,
        'tuning_job.supervised_tuning_spec.hyper_parameters.learning_rate_multiplier',
      );
    }
    out.learningRateMultiplier = raw.learningRateMultiplier;
  }
  if (raw.adapterSize !== undefined) {
    if (typeof raw.adapterSize !== 'string' || !GEMINI_ADAPTER_SIZES.includes(raw.adapterSize)) {
      throw invalidArgument(
        `adapter_size ${JSON.stringify(raw.adapterSize)} is not supported; use one of ${GEMINI_ADAPTER_SIZES.join(', ')}.`,
        'tuning_job.supervised_tuning_spec.hyper_parameters.adapter_size',
      );
    }
    out.adapterSize = raw.adapterSize;
  }
  return out;
}

/** A gs:// URI whose object exists, read as text. */
function readDataset(ctx: VertexContext, uri: unknown, field: string): { uri: string; text: string } {
  if (typeof uri !== 'string' || uri === '') throw invalidArgument(`${field} is required.`, `tuning_job.supervised_tuning_spec.${field}`);
  const parsed = parseGsUri(uri);
  if (!parsed) throw invalidArgument(`${field} must be a Cloud Storage URI (gs://bucket/object), got ${JSON.stringify(uri)}.`, `tuning_job.supervised_tuning_spec.${field}`);
  const object = storedObject(ctx, parsed.bucket, parsed.name);
  if (!object || ctx.options.deniedBuckets.includes(parsed.bucket)) {
    throw invalidArgument(`Unable to read ${uri}: the object does not exist or the Vertex AI service agent cannot read it.`, `tuning_job.supervised_tuning_spec.${field}`);
  }
  return { uri, text: object.content.toString('utf8') };
}

/** The tuned model a `preTunedModel.tunedModelName` names (`projects/…/models/{id}[@version]`), if it finished. */
function findTunedModel(ctx: VertexContext, name: string): TuningJobRecord | undefined {
  const id = /\/models\/([^/@]+)(@\d+)?$/.exec(name)?.[1];
  const job = [...ctx.state.jobs.values()].find((j) => j.modelId === id);
  return job && jobState(job, ctx.now(), ctx.options.stepMs) === 'JOB_STATE_SUCCEEDED' ? job : undefined;
}

function createJob(ctx: VertexContext, location: string, body: unknown): TuningJobRecord {
  if (!isRecord(body)) throw invalidArgument('Invalid JSON payload received. Expected an object (TuningJob).');
  checkFields(body, TUNING_JOB_FIELDS, 'tuning_job');
  let baseModel: string | null = null;
  let parent: TuningJobRecord | undefined;
  if (body.baseModel !== undefined && body.preTunedModel !== undefined) throw invalidArgument('Specify only one of base_model and pre_tuned_model.', 'tuning_job.base_model');
  if (isRecord(body.preTunedModel)) {
    const name = String(body.preTunedModel.tunedModelName ?? '');
    parent = findTunedModel(ctx, name);
    if (!parent) throw notFound(`Model ${name} does not exist.`);
  } else {
    if (typeof body.baseModel !== 'string' || body.baseModel === '') throw invalidArgument('base_model is required.', 'tuning_job.base_model');
    baseModel = body.baseModel;
    const model = baseModel.replace(/^publishers\/google\/models\//, '');
    if (!ctx.options.knownModels.includes(model) && !ctx.options.tunableModels.includes(model)) {
      throw publisherModelNotFound(`projects/${ctx.options.project}/locations/${location}/publishers/google/models/${model}`);
    }
    if (!ctx.options.tunableModels.includes(model)) {
      throw invalidArgument(`Base model ${model} is not supported for supervised tuning. Supported: ${ctx.options.tunableModels.join(', ')}.`, 'tuning_job.base_model');
    }
  }
  const spec = body.supervisedTuningSpec;
  if (!isRecord(spec)) throw invalidArgument('supervised_tuning_spec is required.', 'tuning_job.supervised_tuning_spec');
  checkFields(spec, SPEC_FIELDS, 'tuning_job.supervised_tuning_spec');
  const requested = parseHyperParameters(spec.hyperParameters);
  if (spec.exportLastCheckpointOnly !== undefined && typeof spec.exportLastCheckpointOnly !== 'boolean')
    throw invalidArgument('export_last_checkpoint_only must be a boolean.', 'tuning_job.supervised_tuning_spec.export_last_checkpoint_only');
  const training = readDataset(ctx, spec.trainingDatasetUri, 'training_dataset_uri');
  const validation = spec.validationDatasetUri === undefined ? undefined : readDataset(ctx, spec.validationDatasetUri, 'validation_dataset_uri');

  const displayName = body.tunedModelDisplayName;
  if (displayName !== undefined && (typeof displayName !== 'string' || displayName.length > 128)) {
    throw invalidArgument('tuned_model_display_name must be a string of at most 128 characters.', 'tuning_job.tuned_model_display_name');
  }
  if (body.labels !== undefined && (!isRecord(body.labels) || Object.values(body.labels).some((v) => typeof v !== 'string'))) {
    throw invalidArgument('labels must map strings to strings.', 'tuning_job.labels');
  }
  const id = numericId();
  const now = ctx.now();
  const tunedModelDisplayName = (displayName as string | undefined) ?? `${(baseModel ?? parent!.tunedModelDisplayName).replace(/^publishers\/google\/models\//, '')}-${id.slice(-6)}`;
  let dataset = parseTuningDataset(training.text, ctx.options.minExamples);
  if (validation && 'stats' in dataset) {
    const checked = parseTuningDataset(validation.text, 1);
    if ('problem' in checked) dataset = { problem: `validation dataset ${validation.uri}: ${checked.problem}` };
  }
  const { failJobs } = ctx.options;
  const job = planTuningJob({
    id,
    name: `projects/${ctx.options.projectNumber}/locations/${location}/tuningJobs/${id}`,
    location,
    createdAtMs: now,
    stepMs: ctx.options.stepMs,
    baseModel,
    preTunedModel: parent ? `projects/${ctx.options.projectNumber}/locations/${parent.location}/models/${parent.modelId}` : null,
    tunedModelDisplayName,
    description: typeof body.description === 'string' ? body.description : null,
    labels: (body.labels as Record<string, string> | undefined) ?? null,
    trainingDatasetUri: training.uri,
    validationDatasetUri: validation?.uri ?? null,
    requested,
    dataset,
    inheritedPairs: parent?.pairs ?? [],
    trainingStepsOverride: ctx.options.trainingSteps,
    failDuringTraining: failJobs instanceof RegExp ? failJobs.test(tunedModelDisplayName) : failJobs,
    modelId: numericId(),
    endpointId: numericId(),
    exportLastCheckpointOnly: spec.exportLastCheckpointOnly === true,
    newEndpointId: numericId,
  });
  ctx.state.jobs.set(id, job);
  ctx.state.changed();
  return job;
}

function getJob(ctx: VertexContext, location: string, id: string): TuningJobRecord {
  const job = ctx.state.jobs.get(id);
  if (!job || job.location !== location) throw notFound(`TuningJob projects/${ctx.options.projectNumber}/locations/${location}/tuningJobs/${id} does not exist.`);
  return job;
}

function parsePageToken(token: string | null): number {
  if (token === null || token === '') return 0;
  const offset = Number(Buffer.from(token, 'base64url').toString('utf8'));
  if (!Number.isInteger(offset) || offset < 0) throw invalidArgument('Invalid page token.', 'page_token');
  return offset;
}

export function tuningJobRoutes(ctx: VertexContext, dialect: ApiDialect): Route[] {
  const view = (job: TuningJobRecord) => tuningJobView(job, ctx.now(), ctx.options.stepMs);
  return [
    {
      method: 'POST',
      pattern: locationPattern('/tuningJobs'),
      name: '/{version}/projects/{project}/locations/{location}/tuningJobs',
      dialect,
      permission: 'aiplatform.tuningJobs.create',
      handle: (req) => ({ json: view(createJob(ctx, req.params.location!, req.json())) }),
    },
    {
      method: 'GET',
      pattern: locationPattern('/tuningJobs'),
      name: '/{version}/projects/{project}/locations/{location}/tuningJobs',
      dialect,
      permission: 'aiplatform.tuningJobs.list',
      handle({ params, query }) {
        const rawSize = query.get('pageSize');
        const pageSize = rawSize === null || rawSize === '0' ? 100 : Number(rawSize);
        if (!Number.isInteger(pageSize) || pageSize < 0) throw invalidArgument(`Invalid page_size ${JSON.stringify(rawSize)}.`, 'page_size');
        const start = parsePageToken(query.get('pageToken'));
        const jobs = [...ctx.state.jobs.values()].filter((j) => j.location === params.location).sort((a, b) => b.createdAtMs - a.createdAtMs);
        const page = jobs.slice(start, start + pageSize).map(view);
        const json: Record<string, unknown> = {};
        // Google omits empty repeated fields and the token of the last page.
        if (page.length) json.tuningJobs = page;
        if (start + pageSize < jobs.length) json.nextPageToken = Buffer.from(String(start + pageSize)).toString('base64url');
        return { json };
      },
    },
    {
      method: 'GET',
      pattern: locationPattern('/tuningJobs/(?<job>[^/:]+)'),
      name: '/{version}/projects/{project}/locations/{location}/tuningJobs/{job}',
      dialect,
      permission: 'aiplatform.tuningJobs.get',
      handle: ({ params }) => ({ json: view(getJob(ctx, params.location!, params.job!)) }),
    },
    {
      method: 'POST',
      pattern: locationPattern('/tuningJobs/(?<job>[^/:]+):cancel'),
      name: '/{version}/projects/{project}/locations/{location}/tuningJobs/{job}:cancel',
      dialect,
      permission: 'aiplatform.tuningJobs.cancel',
      handle({ params }) {
        const job = getJob(ctx, params.location!, params.job!);
        const state = jobState(job, ctx.now(), ctx.options.stepMs);
        if (isTerminal(state) || state === 'JOB_STATE_CANCELLING') {
          throw failedPrecondition(`Cannot cancel TuningJob ${job.name} in state ${state}.`);
        }
        job.cancelledAtMs = ctx.now();
        ctx.state.changed();
        // google.protobuf.Empty
        return { json: {} };
      },
    },
  ];
}
