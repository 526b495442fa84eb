// /v1/fine-tunes: create (with the checks Together makes up front), list,
// retrieve (with events), cancel, events, checkpoints. LoRA is the default;
// `training_type: {type: 'Full'}` (or the older top-level `lora: false`)
// asks for full fine-tuning. The limits a model's jobs are checked against
// are served too (models/limits). Progress itself is in lifecycle.ts.
import { randomBytes, randomUUID } from 'node:crypto';
import type { Route } from '../shared/route.ts';
import type { TogetherContext } from './context.ts';
import { badRequest, LimitsNotFound, notFound } from './errors.ts';
import { getFile } from './files.ts';
import { cancelFineTune, fineTuneStatus, fullView, isTerminal, planFineTune, truncatedView, visibleCheckpoints, visibleEvents } from './lifecycle.ts';
import { findOutputModel } from './models.ts';
import type { FineTuneRecord, TrainingType } from './state.ts';

type Body = Record<string, unknown>;

/** What `batch_size: "max"` resolves to in the emulator. */
const MAX_BATCH_SIZE = 16;
/** The highest LoRA rank (Together's clients default to it: `lora_r` = max_rank, `lora_alpha` = 2 × lora_r). */
const MAX_LORA_RANK = 64;
const MAX_EPOCHS = 20;
const MAX_EVALS = 100;
const DEFAULT_LORA = { lora_r: 8, lora_alpha: 16, lora_dropout: 0, lora_trainable_modules: 'all-linear' };

/** FineTuneModelLimits (GET /fine-tunes/models/limits): what the create checks below allow. */
function modelLimits(model: string): Record<string, unknown> {
  const batches = { min_batch_size: 1, max_batch_size: MAX_BATCH_SIZE, max_batch_size_dpo: MAX_BATCH_SIZE / 2 };
  return {
    model_name: model,
    lora_training: { ...batches, max_rank: MAX_LORA_RANK, target_modules: ['q_proj', 'k_proj', 'v_proj', 'o_proj', 'up_proj', 'down_proj', 'gate_proj'] },
    full_training: batches,
    max_num_epochs: MAX_EPOCHS,
    max_num_evals: MAX_EVALS,
    max_num_checkpoints: MAX_EPOCHS,
    max_learning_rate: 1,
    min_learning_rate: 0,
    supports_vision: false,
    supports_tools: false,
    supports_reasoning: false,
    merge_output_lora: false,
  };
}

function isRecord(value: unknown): value is Body {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function integerField(body: Body, key: string, fallback: number, min: number, max: number): number {
  const value = body[key];
  if (value === undefined || value === null) return fallback;
  if (!Number.isInteger(value) || (value as number) < min || (value as number) > max) {
    throw badRequest(`Invalid '${key}': expected an integer between ${min} and ${max}, got ${JSON.stringify(value)}.`, key);
  }
  return value as number;
}

function numberField(body: Body, key: string, fallback: number, min: number, max: number): number {
  const value = body[key];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !(value >= min && value <= max)) {
    throw badRequest(`Invalid '${key}': expected a number between ${min} and ${max}, got ${JSON.stringify(value)}.`, key);
  }
  return value;
}

function parseLora(source: Body, param: string): TrainingType {
  const r = source.lora_r ?? DEFAULT_LORA.lora_r;
  const alpha = source.lora_alpha ?? (Number.isInteger(r) ? (r as number) * 2 : DEFAULT_LORA.lora_alpha);
  const dropout = source.lora_dropout ?? DEFAULT_LORA.lora_dropout;
  const modules = source.lora_trainable_modules ?? DEFAULT_LORA.lora_trainable_modules;
  if (!Number.isInteger(r) || (r as number) < 1 || (r as number) > MAX_LORA_RANK) {
    throw badRequest(`Invalid '${param}.lora_r': expected an integer between 1 and ${MAX_LORA_RANK}.`, `${param}.lora_r`);
  }
  if (!Number.isInteger(alpha) || (alpha as number) < 1) throw badRequest(`Invalid '${param}.lora_alpha': expected a positive integer.`, `${param}.lora_alpha`);
  if (typeof dropout !== 'number' || dropout < 0 || dropout >= 1) throw badRequest(`Invalid '${param}.lora_dropout': expected a number in [0, 1).`, `${param}.lora_dropout`);
  if (typeof modules !== 'string') throw badRequest(`Invalid '${param}.lora_trainable_modules': expected a string.`, `${param}.lora_trainable_modules`);
  return { type: 'Lora', lora_r: r as number, lora_alpha: alpha as number, lora_dropout: dropout, lora_trainable_modules: modules };
}

/** `training_type` (current API) or the older top-level `lora` flag; LoRA when neither is given. */
function parseTrainingType(body: Body): TrainingType {
  const { training_type: trainingType, lora } = body;
  if (trainingType !== undefined && trainingType !== null) {
    if (lora !== undefined) throw badRequest("Specify 'training_type' or the older 'lora', not both.", 'training_type');
    if (!isRecord(trainingType) || (trainingType.type !== 'Full' && trainingType.type !== 'Lora')) {
      throw badRequest("Invalid 'training_type': expected {type: 'Full'} or {type: 'Lora', lora_r, lora_alpha, …}.", 'training_type');
    }
    return trainingType.type === 'Full' ? { type: 'Full' } : parseLora(trainingType, 'training_type');
  }
  if (lora !== undefined && typeof lora !== 'boolean') throw badRequest("Invalid 'lora': expected a boolean.", 'lora');
  return lora === false ? { type: 'Full' } : parseLora(body, 'lora');
}

/** A fine-tuning file: it exists and was uploaded for fine-tuning. */
function checkTrainingFile(ctx: TogetherContext, id: unknown, param: 'training_file' | 'validation_file') {
  if (typeof id !== 'string' || id === '') throw badRequest(`Missing required parameter '${param}'.`, param);
  const file = ctx.state.files.get(id);
  if (!file) throw badRequest(`Invalid '${param}': file ${id} does not exist.`, param);
  if (file.purpose !== 'fine-tune' || !file.dataset) throw badRequest(`Invalid '${param}': file ${id} has purpose '${file.purpose}', expected 'fine-tune'.`, param);
  return file;
}

/** The completed job a `from_checkpoint` names: `{job id}` or `{output name}`, optionally `:{step}`. */
function findCheckpointSource(ctx: TogetherContext, ref: string): FineTuneRecord | undefined {
  const base = ref.replace(/:\d+$/, '');
  const byId = ctx.state.jobs.get(base);
  if (byId && fineTuneStatus(byId, ctx.now(), ctx.options.stepMs) === 'completed') return byId;
  return findOutputModel(ctx, base);
}

function createFineTune(ctx: TogetherContext, body: unknown): FineTuneRecord {
  if (!isRecord(body)) throw badRequest('Request body must be a JSON object.');
  const model = body.model;
  if (typeof model !== 'string' || model === '') throw badRequest("Missing required parameter 'model'.", 'model');
  if (!ctx.options.tunableModels.includes(model)) {
    throw badRequest(`Model ${model} is not supported for fine-tuning. See https://docs.together.ai/docs/fine-tuning-models for the supported models.`, 'model', 'model_not_supported');
  }
  const training = checkTrainingFile(ctx, body.training_file, 'training_file');
  const validation = body.validation_file === undefined || body.validation_file === null ? null : checkTrainingFile(ctx, body.validation_file, 'validation_file');
  const nEpochs = integerField(body, 'n_epochs', 1, 1, MAX_EPOCHS);
  const nCheckpoints = integerField(body, 'n_checkpoints', 1, 1, nEpochs);
  const nEvals = integerField(body, 'n_evals', 0, 0, MAX_EVALS);
  if (nEvals > 0 && !validation) throw badRequest("'n_evals' needs a 'validation_file'.", 'n_evals');
  let batchSize = MAX_BATCH_SIZE;
  if (body.batch_size !== undefined && body.batch_size !== 'max') batchSize = integerField(body, 'batch_size', MAX_BATCH_SIZE, 1, MAX_BATCH_SIZE);
  const learningRate = numberField(body, 'learning_rate', 0.00001, Number.MIN_VALUE, 1);
  const suffix = body.suffix === undefined || body.suffix === null ? null : body.suffix;
  if (suffix !== null && (typeof suffix !== 'string' || !/^[A-Za-z0-9_-]{1,40}$/.test(suffix))) {
    throw badRequest("Invalid 'suffix': expected 1 to 40 letters, digits, '-' or '_'.", 'suffix');
  }
  const method = body.training_method;
  if (method !== undefined && (!isRecord(method) || method.method !== 'sft')) {
    throw badRequest("The emulator supports training_method {method: 'sft'} only.", 'training_method');
  }
  const trainOnInputs = (isRecord(method) ? method.train_on_inputs : undefined) ?? body.train_on_inputs ?? 'auto';
  if (trainOnInputs !== 'auto' && typeof trainOnInputs !== 'boolean') throw badRequest("Invalid 'train_on_inputs': expected true, false or 'auto'.", 'train_on_inputs');
  const randomSeed = body.random_seed === undefined || body.random_seed === null ? null : integerField(body, 'random_seed', 0, 0, 2 ** 31 - 1);
  let parent: FineTuneRecord | undefined;
  if (body.from_checkpoint !== undefined && body.from_checkpoint !== null) {
    if (typeof body.from_checkpoint !== 'string') throw badRequest("Invalid 'from_checkpoint': expected a string.", 'from_checkpoint');
    parent = findCheckpointSource(ctx, body.from_checkpoint);
    if (!parent) throw badRequest(`Invalid 'from_checkpoint': no completed job or output model ${body.from_checkpoint}.`, 'from_checkpoint');
  }
  const trainingType = parseTrainingType(body);
  const dataset = training.dataset!;
  const id = `ft-${randomUUID()}`;
  const { failJobs } = ctx.options;
  const job = planFineTune({
    id,
    createdAtMs: ctx.now(),
    stepMs: ctx.options.stepMs,
    model,
    trainingFile: training.id,
    validationFile: validation?.id ?? null,
    suffix,
    nEpochs,
    nCheckpoints,
    nEvals,
    batchSize,
    learningRate,
    warmupRatio: numberField(body, 'warmup_ratio', 0, 0, 1),
    maxGradNorm: numberField(body, 'max_grad_norm', 1, 0, 1000),
    weightDecay: numberField(body, 'weight_decay', 0, 0, 1000),
    trainOnInputs: trainOnInputs as boolean | 'auto',
    trainingType,
    randomSeed,
    fromCheckpoint: (body.from_checkpoint as string | undefined) ?? null,
    wandbProjectName: typeof body.wandb_project_name === 'string' ? body.wandb_project_name : null,
    outputName: `${ctx.options.namespace}/${model.split('/').pop()}-${suffix ? `${suffix}-` : ''}${randomBytes(4).toString('hex')}`,
    examples: dataset.examples,
    tokensPerEpoch: dataset.tokens,
    trainingFileLines: training.lines,
    trainingFileBytes: training.bytes,
    pairs: [...(parent?.pairs ?? []), ...dataset.pairs],
    trainingStepsOverride: ctx.options.trainingSteps,
    failDuringTraining: failJobs instanceof RegExp ? failJobs.test(suffix ?? '') : failJobs,
  });
  ctx.state.jobs.set(id, job);
  ctx.state.changed();
  return job;
}

function getJob(ctx: TogetherContext, id: string): FineTuneRecord {
  const job = ctx.state.jobs.get(id);
  if (!job) throw notFound(`Fine-tune job ${id} not found.`, 'id');
  return job;
}

export function fineTuneRoutes(ctx: TogetherContext): Route[] {
  const { dialect } = ctx;
  const step = ctx.options.stepMs;
  return [
    {
      method: 'POST',
      pattern: /^\/v1\/fine-tunes$/,
      name: '/v1/fine-tunes',
      dialect,
      handle: (req) => ({ json: truncatedView(createFineTune(ctx, req.json()), ctx.now(), step) }),
    },
    {
      method: 'GET',
      pattern: /^\/v1\/fine-tunes$/,
      name: '/v1/fine-tunes',
      dialect,
      handle: () => ({ json: { data: [...ctx.state.jobs.values()].map((job) => truncatedView(job, ctx.now(), step)) } }),
    },
    {
      method: 'GET',
      pattern: /^\/v1\/fine-tunes\/models\/limits$/,
      name: '/v1/fine-tunes/models/limits',
      dialect,
      handle({ query }) {
        const model = query.get('model_name');
        if (!model) throw badRequest("Missing required query parameter 'model_name'.", 'model_name');
        if (!ctx.options.tunableModels.includes(model)) throw new LimitsNotFound(model);
        return { json: modelLimits(model) };
      },
    },
    {
      method: 'GET',
      pattern: /^\/v1\/fine-tunes\/(?<id>[^/]+)$/,
      name: '/v1/fine-tunes/{id}',
      dialect,
      handle: ({ params }) => ({ json: fullView(getJob(ctx, params.id!), ctx.now(), step) }),
    },
    {
      method: 'POST',
      pattern: /^\/v1\/fine-tunes\/(?<id>[^/]+)\/cancel$/,
      name: '/v1/fine-tunes/{id}/cancel',
      dialect,
      handle({ params }) {
        const job = getJob(ctx, params.id!);
        const status = fineTuneStatus(job, ctx.now(), step);
        if (isTerminal(status) || status === 'cancel_requested') {
          throw badRequest(`Fine-tune job ${job.id} is ${status}; it cannot be cancelled.`, 'id', 'invalid_state');
        }
        cancelFineTune(job, ctx.now(), step);
        ctx.state.changed();
        return { json: truncatedView(job, ctx.now(), step) };
      },
    },
    {
      method: 'GET',
      pattern: /^\/v1\/fine-tunes\/(?<id>[^/]+)\/events$/,
      name: '/v1/fine-tunes/{id}/events',
      dialect,
      handle: ({ params }) => ({ json: { data: visibleEvents(getJob(ctx, params.id!), ctx.now()) } }),
    },
    {
      method: 'GET',
      pattern: /^\/v1\/fine-tunes\/(?<id>[^/]+)\/checkpoints$/,
      name: '/v1/fine-tunes/{id}/checkpoints',
      dialect,
      handle: ({ params }) => ({ json: { data: visibleCheckpoints(getJob(ctx, params.id!), ctx.now(), step) } }),
    },
  ];
}
