// A fine-tuning job's whole timeline is planned when it is created and then
// read off the clock: status, events and checkpoints are a function of "now".
// Nothing runs in the background, so the job progresses the same whether or
// not a client is polling, and across clients that come and go.
//
//   0 ............ validating_files
//   1 step ....... queued
//   2 steps ...... running, one training step per stepMs (metrics events,
//                  a checkpoint at the end of each epoch)
//   + 1 step ..... succeeded (or failed mid-way, or failed at validation)
import { newId, randomBase62 } from './ids.ts';
import { mulberry32 } from '../shared/prng.ts';
import type {
  FineTuningJob,
  FineTuningJobCheckpoint,
  FineTuningJobEvent,
  Hyperparameters,
  JobRecord,
  ResolvedHyperparameters,
  Scheduled,
} from './state.ts';

export const ORGANIZATION_ID = 'org-emulator';
/** Stands where OpenAI puts the organization's name in fine-tuned model names. */
const ORG_SLUG = 'emulator';
/** OpenAI keeps the final checkpoint and the two before it. */
const CHECKPOINTS_KEPT = 3;

export const seconds = (ms: number): number => Math.floor(ms / 1000);

/** What a job is created with: the record's own fields, and what the plan computes the rest from. */
export interface JobPlanInput
  extends Pick<JobRecord, 'id' | 'createdAtMs' | 'model' | 'trainingFile' | 'validationFile' | 'suffix' | 'seed' | 'metadata' | 'integrations' | 'requested' | 'pairs'> {
  stepMs: number;
  /** Base snapshot used in the fine-tuned model's name. */
  baseSnapshot: string;
  examples: number;
  tokensPerEpoch: number;
  trainingStepsOverride?: number;
  /** Set when file validation fails: the job fails as soon as validation ends. */
  validationError?: { code: string; message: string; param: string };
  /** Fail mid-training (failJobs). */
  failDuringTraining: boolean;
}

/** "auto" resolves as OpenAI's documented defaults for small datasets would. */
export function resolveHyperparameters(requested: Hyperparameters): ResolvedHyperparameters {
  return {
    n_epochs: requested.n_epochs === 'auto' ? 3 : requested.n_epochs,
    batch_size: requested.batch_size === 'auto' ? 1 : requested.batch_size,
    learning_rate_multiplier: requested.learning_rate_multiplier === 'auto' ? 2 : requested.learning_rate_multiplier,
  };
}

export function planJob(input: JobPlanInput): JobRecord {
  const { id, createdAtMs: t0, stepMs: step } = input;
  const resolved = resolveHyperparameters(input.requested);
  const stepsPerEpoch = Math.max(1, Math.ceil(input.examples / resolved.batch_size));
  const totalSteps = input.trainingStepsOverride ?? stepsPerEpoch * resolved.n_epochs;
  const fineTunedModel = `ft:${input.baseSnapshot}:${ORG_SLUG}:${input.suffix ?? ''}:${randomBase62(8)}`;
  const validatedAtMs = t0 + step;
  const startedAtMs = t0 + 2 * step;
  const stepAt = (k: number): number => startedAtMs + k * step;

  const events: Scheduled<FineTuningJobEvent>[] = [];
  const event = (atMs: number, message: string, extra: Partial<FineTuningJobEvent> = {}): void => {
    events.push({
      atMs,
      item: { object: 'fine_tuning.job.event', id: newId.event(), created_at: seconds(atMs), level: 'info', message, data: {}, type: 'message', ...extra },
    });
  };
  event(t0, `Created fine-tuning job: ${id}`);
  event(t0, `Validating training file: ${input.trainingFile}${input.validationFile ? ` and validation file: ${input.validationFile}` : ''}`);

  const base = {
    id,
    createdAtMs: t0,
    model: input.model,
    trainingFile: input.trainingFile,
    validationFile: input.validationFile,
    suffix: input.suffix,
    seed: input.seed,
    metadata: input.metadata,
    integrations: input.integrations,
    requested: input.requested,
    resolved,
    totalSteps,
    trainedTokens: input.tokensPerEpoch * resolved.n_epochs,
    pairs: input.pairs,
    fineTunedModel,
    validatedAtMs,
    startedAtMs,
    cancelledAtMs: null,
    resultFileId: null,
  };

  if (input.validationError) {
    const { code, param } = input.validationError;
    const message = `The job failed due to an invalid ${param.replace('_', ' ')}. ${input.validationError.message}`;
    event(validatedAtMs, message, { level: 'error' });
    return { ...base, outcome: { status: 'failed', atMs: validatedAtMs, error: { code, message, param } }, events, checkpoints: [] };
  }

  event(validatedAtMs, 'Files validated, moving job to queued state');
  event(startedAtMs, 'Fine-tuning job started');

  // A plausible, seed-determined loss curve: fast decay towards a small floor.
  const random = mulberry32(input.seed);
  const failAtStep = input.failDuringTraining ? Math.max(1, Math.floor(totalSteps / 2)) : Infinity;
  const checkpointSteps = new Set<number>();
  for (let epoch = 1; epoch <= resolved.n_epochs; epoch++) checkpointSteps.add(Math.max(1, Math.round((totalSteps * epoch) / resolved.n_epochs)));
  const checkpoints: Scheduled<FineTuningJobCheckpoint>[] = [];
  for (let k = 1; k <= Math.min(totalSteps, failAtStep); k++) {
    const trainLoss = round(0.08 + 2.4 * Math.exp((-4 * k) / totalSteps) + (random() - 0.5) * 0.15);
    const accuracy = round(Math.min(1, Math.max(0, 1 - trainLoss / 3 + (random() - 0.5) * 0.05)));
    const data: Record<string, number> = { step: k, train_loss: trainLoss, total_steps: totalSteps, train_mean_token_accuracy: accuracy };
    if (input.validationFile) {
      data.valid_loss = round(trainLoss * 1.1 + random() * 0.05);
      data.valid_mean_token_accuracy = round(Math.max(0, accuracy - 0.03));
    }
    event(stepAt(k), `Step ${k}/${totalSteps}: training loss=${trainLoss.toFixed(2)}`, { type: 'metrics', data });
    if (checkpointSteps.has(k) && k < failAtStep) {
      event(stepAt(k), `Checkpoint created at step ${k}`);
      checkpoints.push({
        atMs: stepAt(k),
        item: {
          object: 'fine_tuning.job.checkpoint',
          id: newId.checkpoint(),
          created_at: seconds(stepAt(k)),
          fine_tuned_model_checkpoint: `${fineTunedModel}:ckpt-step-${k}`,
          fine_tuning_job_id: id,
          step_number: k,
          metrics: { step: k, train_loss: trainLoss, train_mean_token_accuracy: accuracy, ...(data.valid_loss !== undefined ? { valid_loss: data.valid_loss, valid_mean_token_accuracy: data.valid_mean_token_accuracy } : {}) },
        },
      });
    }
  }

  if (input.failDuringTraining) {
    const atMs = stepAt(failAtStep);
    const error = { code: 'internal_error', message: 'The job failed due to an internal error.', param: null };
    event(atMs, error.message, { level: 'error' });
    return { ...base, outcome: { status: 'failed', atMs, error }, events, checkpoints: checkpoints.slice(-CHECKPOINTS_KEPT) };
  }

  const trainedAtMs = stepAt(totalSteps);
  const doneAtMs = trainedAtMs + step;
  event(trainedAtMs, 'New fine-tuned model created');
  event(trainedAtMs + step / 2, 'Evaluating model against our usage policies');
  event(doneAtMs, 'Usage policy evaluations completed, model is now enabled for sampling');
  event(doneAtMs, 'The job has successfully completed');
  return { ...base, outcome: { status: 'succeeded', atMs: doneAtMs }, events, checkpoints: checkpoints.slice(-CHECKPOINTS_KEPT) };
}

function round(n: number): number {
  return Math.round(n * 10000) / 10000;
}

export function jobStatus(job: JobRecord, nowMs: number): FineTuningJob['status'] {
  if (job.cancelledAtMs !== null) return 'cancelled';
  if (nowMs >= job.outcome.atMs) return job.outcome.status;
  if (nowMs >= job.startedAtMs) return 'running';
  if (nowMs >= job.validatedAtMs) return 'queued';
  return 'validating_files';
}

export function isTerminal(status: FineTuningJob['status']): boolean {
  return status === 'succeeded' || status === 'failed' || status === 'cancelled';
}

/** The moment the job stopped moving (cancel or natural end), if it has. */
function endMs(job: JobRecord, nowMs: number): number | null {
  if (job.cancelledAtMs !== null) return job.cancelledAtMs;
  return nowMs >= job.outcome.atMs ? job.outcome.atMs : null;
}

/** Events visible now, newest first. */
export function visibleEvents(job: JobRecord, nowMs: number): FineTuningJobEvent[] {
  const horizon = Math.min(nowMs, job.cancelledAtMs ?? Infinity);
  // The cancellation event is appended at the cancel time, so the horizon admits it too.
  return job.events.filter((e) => e.atMs <= horizon).map((e) => e.item).reverse();
}

/** Checkpoints visible now, newest first. */
export function visibleCheckpoints(job: JobRecord, nowMs: number): FineTuningJobCheckpoint[] {
  const horizon = Math.min(nowMs, job.cancelledAtMs ?? Infinity);
  return job.checkpoints.filter((c) => c.atMs <= horizon).map((c) => c.item).reverse();
}

export function cancelJob(job: JobRecord, nowMs: number): void {
  job.cancelledAtMs = nowMs;
  job.events.push({
    atMs: nowMs,
    item: { object: 'fine_tuning.job.event', id: newId.event(), created_at: seconds(nowMs), level: 'info', message: 'Job cancelled', data: {}, type: 'message' },
  });
}

/** The API's `fine_tuning.job` object as of `nowMs`. */
export function jobView(job: JobRecord, nowMs: number): FineTuningJob {
  const status = jobStatus(job, nowMs);
  const end = endMs(job, nowMs);
  // Until validation is done the job shows what was asked for ("auto"); then the resolved values.
  const hyperparameters = status === 'validating_files' ? { ...job.requested } : { ...job.resolved };
  const running = status === 'queued' || status === 'running';
  return {
    object: 'fine_tuning.job',
    id: job.id,
    model: job.model,
    created_at: seconds(job.createdAtMs),
    finished_at: end === null ? null : seconds(end),
    fine_tuned_model: status === 'succeeded' ? job.fineTunedModel : null,
    organization_id: ORGANIZATION_ID,
    result_files: status === 'succeeded' && job.resultFileId ? [job.resultFileId] : [],
    status,
    validation_file: job.validationFile,
    training_file: job.trainingFile,
    hyperparameters,
    trained_tokens: status === 'succeeded' ? job.trainedTokens : null,
    error: status === 'failed' && job.outcome.status === 'failed' ? job.outcome.error : null,
    seed: job.seed,
    estimated_finish: running ? seconds(job.outcome.atMs) : null,
    integrations: job.integrations,
    metadata: job.metadata,
    method: { type: 'supervised', supervised: { hyperparameters } },
    // Present in real responses though absent from the OpenAPI description and SDK types.
    ...({ user_provided_suffix: job.suffix } as object),
  };
}

/** The results file: like OpenAI's, a base64-encoded CSV of per-step metrics. */
export function resultsCsv(job: JobRecord): string {
  const rows = ['step,train_loss,train_accuracy,valid_loss,valid_mean_token_accuracy'];
  for (const { item } of job.events) {
    if (item.type !== 'metrics') continue;
    const d = item.data as Record<string, number>;
    rows.push([d.step, d.train_loss, d.train_mean_token_accuracy, d.valid_loss ?? '', d.valid_mean_token_accuracy ?? ''].join(','));
  }
  return Buffer.from(rows.join('\n') + '\n').toString('base64');
}
