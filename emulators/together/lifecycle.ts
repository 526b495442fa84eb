// A fine-tune's whole timeline is planned when it is created and then read
// off the clock, as in the OpenAI emulator: nothing runs in the background.
//
//   0 ............ pending
//   1 step ....... queued
//   2 steps ...... running, one training step per stepMs (epoch_complete and
//                  checkpoint_save events), or `error` half-way (failJobs)
//   + N steps .... compressing
//   + 1 step ..... uploading
//   + 1 step ..... completed (the output model can be chatted with)
// A cancel shows cancel_requested for one step, then cancelled.
import { iso } from './context.ts';
import type { FineTuneRecord, ScheduledEvent } from './state.ts';

export type FineTuneStatus = 'pending' | 'queued' | 'running' | 'compressing' | 'uploading' | 'cancel_requested' | 'cancelled' | 'error' | 'completed';

/** What a fine-tune is created with: the record's own fields, and what the plan computes the rest from. */
export interface FineTunePlanInput
  extends Omit<FineTuneRecord, 'totalSteps' | 'tokenCount' | 'queuedAtMs' | 'startedAtMs' | 'trainedAtMs' | 'outcome' | 'cancelledAtMs' | 'events'> {
  stepMs: number;
  examples: number;
  tokensPerEpoch: number;
  trainingStepsOverride?: number;
  failDuringTraining: boolean;
}

export function planFineTune(input: FineTunePlanInput): FineTuneRecord {
  const step = input.stepMs;
  const t0 = input.createdAtMs;
  const totalSteps = input.trainingStepsOverride ?? Math.max(1, Math.ceil(input.examples / input.batchSize)) * input.nEpochs;
  const queuedAtMs = t0 + step;
  const startedAtMs = t0 + 2 * step;
  const trainedAtMs = startedAtMs + totalSteps * step;
  const events: ScheduledEvent[] = [];
  const event = (atMs: number, type: string, message: string, extra: Partial<ScheduledEvent> = {}): void => {
    events.push({ atMs, type, message, level: 'info', step: 0, checkpointPath: '', ...extra });
  };
  event(t0, 'job_pending', 'Fine tune request created');
  event(startedAtMs, 'job_start', `Job started at ${iso(startedAtMs)}`);
  event(startedAtMs, 'model_downloading', `Downloading model data for ${input.model}`);
  event(startedAtMs, 'model_download_complete', 'Model data downloaded');
  event(startedAtMs, 'training_data_downloading', `Downloading training data ${input.trainingFile}`);
  event(startedAtMs, 'training_data_download_complete', 'Training data downloaded');
  event(startedAtMs, 'training_start', `Training started for model ${input.model}`);

  const failAtStep = input.failDuringTraining ? Math.max(1, Math.floor(totalSteps / 2)) : Infinity;
  const boundaries = (count: number): Set<number> => {
    const steps = new Set<number>();
    for (let i = 1; i <= count; i++) steps.add(Math.max(1, Math.round((totalSteps * i) / count)));
    return steps;
  };
  const epochEnds = boundaries(input.nEpochs);
  const checkpointSteps = boundaries(input.nCheckpoints);
  for (let k = 1; k <= Math.min(totalSteps, failAtStep); k++) {
    const at = startedAtMs + k * step;
    if (epochEnds.has(k)) event(at, 'epoch_complete', `Epoch completed, at step ${k}`, { step: k });
    // The last checkpoint is the output model itself.
    if (checkpointSteps.has(k) && k !== totalSteps) {
      event(at, 'checkpoint_save', `New checkpoint saved at step ${k}`, { step: k, checkpointPath: `s3://together-emulator/finetune/${input.id}/checkpoint-${k}` });
    }
  }
  let outcome: FineTuneRecord['outcome'];
  if (failAtStep < Infinity) {
    const at = startedAtMs + failAtStep * step;
    event(at, 'job_error', 'Job failed: training diverged (emulated failure)', { level: 'error', step: failAtStep });
    outcome = { status: 'error', atMs: at };
  } else {
    event(trainedAtMs, 'training_complete', `Training completed for ${input.model} at ${iso(trainedAtMs)}`, { step: totalSteps });
    event(trainedAtMs, 'model_compressing', 'Compressing output model');
    event(trainedAtMs + step, 'model_compression_complete', 'Model compression complete');
    event(trainedAtMs + step, 'model_uploading', 'Uploading output model');
    event(trainedAtMs + 2 * step, 'model_upload_complete', `Model upload complete: ${input.outputName}`);
    event(trainedAtMs + 2 * step, 'job_complete', `Job finished at ${iso(trainedAtMs + 2 * step)}`);
    outcome = { status: 'completed', atMs: trainedAtMs + 2 * step };
  }
  const { examples: _examples, tokensPerEpoch, trainingStepsOverride: _override, failDuringTraining: _fail, stepMs: _step, ...kept } = input;
  return {
    ...kept,
    totalSteps,
    tokenCount: tokensPerEpoch * input.nEpochs,
    queuedAtMs,
    startedAtMs,
    trainedAtMs,
    outcome,
    cancelledAtMs: null,
    events,
  };
}

export function fineTuneStatus(job: FineTuneRecord, nowMs: number, stepMs: number): FineTuneStatus {
  if (job.cancelledAtMs !== null) return nowMs < job.cancelledAtMs + stepMs ? 'cancel_requested' : 'cancelled';
  if (nowMs >= job.outcome.atMs) return job.outcome.status;
  if (nowMs >= job.trainedAtMs + stepMs) return 'uploading';
  if (nowMs >= job.trainedAtMs) return 'compressing';
  if (nowMs >= job.startedAtMs) return 'running';
  if (nowMs >= job.queuedAtMs) return 'queued';
  return 'pending';
}

export function isTerminal(status: FineTuneStatus): boolean {
  return status === 'completed' || status === 'error' || status === 'cancelled';
}

/** Cancels from `nowMs`: what was planned after is dropped, the cancellation events take its place. */
export function cancelFineTune(job: FineTuneRecord, nowMs: number, stepMs: number): void {
  job.cancelledAtMs = nowMs;
  job.events = job.events.filter((e) => e.atMs <= nowMs);
  job.events.push({ atMs: nowMs, type: 'cancel_requested', message: 'Cancel requested', level: 'info', step: 0, checkpointPath: '' });
  job.events.push({ atMs: nowMs + stepMs, type: 'job_stopped', message: 'Job stopped', level: 'info', step: 0, checkpointPath: '' });
}

/** FinetuneEvent objects visible now, oldest first. */
export function visibleEvents(job: FineTuneRecord, nowMs: number): Record<string, unknown>[] {
  return job.events
    .filter((e) => e.atMs <= nowMs)
    .map((e) => ({
      object: 'fine-tune-event',
      created_at: iso(e.atMs),
      level: e.level,
      message: e.message,
      type: e.type,
      param_count: 0,
      token_count: 0,
      total_steps: job.totalSteps,
      wandb_url: '',
      step: e.step,
      checkpoint_path: e.checkpointPath,
      model_path: '',
      training_offset: 0,
      hash: '',
    }));
}

/** Checkpoints saved by now, newest first (the final one once the job completed). */
export function visibleCheckpoints(job: FineTuneRecord, nowMs: number, stepMs: number): Record<string, unknown>[] {
  const saved = job.events
    .filter((e) => e.type === 'checkpoint_save' && e.atMs <= nowMs)
    .map((e) => ({ checkpoint_type: 'Intermediate', created_at: iso(e.atMs), path: e.checkpointPath, step: e.step }));
  if (fineTuneStatus(job, nowMs, stepMs) === 'completed') {
    const kind = job.trainingType.type === 'Lora' ? 'Final Adapter' : 'Final Merged';
    saved.push({ checkpoint_type: kind, created_at: iso(job.outcome.atMs), path: `s3://together-emulator/finetune/${job.id}/final`, step: job.totalSteps });
  }
  return saved.reverse();
}

function lastChange(job: FineTuneRecord, nowMs: number, stepMs: number): number {
  const times = [job.createdAtMs, job.queuedAtMs, job.startedAtMs, job.trainedAtMs, job.trainedAtMs + stepMs, job.outcome.atMs];
  if (job.cancelledAtMs !== null) times.push(job.cancelledAtMs, job.cancelledAtMs + stepMs);
  return Math.max(...times.filter((t) => t <= nowMs && (job.cancelledAtMs === null || t <= job.cancelledAtMs + stepMs)));
}

/** The fields every job view has (FinetuneResponseTruncated: create, list, cancel). */
export function truncatedView(job: FineTuneRecord, nowMs: number, stepMs: number): Record<string, unknown> {
  const status = fineTuneStatus(job, nowMs, stepMs);
  const view: Record<string, unknown> = {
    id: job.id,
    status,
    created_at: iso(job.createdAtMs),
    updated_at: iso(lastChange(job, nowMs, stepMs)),
    user_id: 'user-emulator',
    owner_address: 'emulator@example.invalid',
    token_count: job.tokenCount,
    events: [],
    training_file: job.trainingFile,
    ...(job.validationFile && { validation_file: job.validationFile }),
    model: job.model,
    model_output_name: job.outputName,
    ...(job.suffix && { suffix: job.suffix }),
    n_epochs: job.nEpochs,
    n_evals: job.nEvals,
    n_checkpoints: job.nCheckpoints,
    batch_size: job.batchSize,
    training_type: job.trainingType,
    training_method: { method: 'sft', train_on_inputs: job.trainOnInputs },
    learning_rate: job.learningRate,
    lr_scheduler: { lr_scheduler_type: 'linear', lr_scheduler_args: { min_lr_ratio: 0 } },
    warmup_ratio: job.warmupRatio,
    max_grad_norm: job.maxGradNorm,
    weight_decay: job.weightDecay,
    random_seed: job.randomSeed,
    ...(job.wandbProjectName && { wandb_project_name: job.wandbProjectName }),
    ...(job.fromCheckpoint && { from_checkpoint: job.fromCheckpoint }),
  };
  if (nowMs >= job.startedAtMs && (job.cancelledAtMs === null || job.cancelledAtMs >= job.startedAtMs)) view.started_at = iso(job.startedAtMs);
  if (!isTerminal(status) && status !== 'cancel_requested') {
    const next = [job.queuedAtMs, job.startedAtMs, job.trainedAtMs, job.trainedAtMs + stepMs, job.outcome.atMs].find((t) => t > nowMs) ?? nowMs;
    view.progress = { estimate_available: true, seconds_remaining: Math.ceil((next - nowMs) / 1000) };
  }
  return view;
}

/** FinetuneResponse (GET /fine-tunes/{id}): the truncated fields plus events and file details. */
export function fullView(job: FineTuneRecord, nowMs: number, stepMs: number): Record<string, unknown> {
  const stepsDone = Math.max(0, Math.min(job.totalSteps, Math.floor((Math.min(nowMs, job.outcome.atMs, job.cancelledAtMs ?? Infinity) - job.startedAtMs) / stepMs)));
  return {
    ...truncatedView(job, nowMs, stepMs),
    events: visibleEvents(job, nowMs),
    job_id: job.id.replace(/^ft-/, 'job-'),
    model_output_path: `s3://together-emulator/finetune/${job.id}/${job.outputName}`,
    trainingfile_numlines: job.trainingFileLines,
    trainingfile_size: job.trainingFileBytes,
    epochs_completed: Math.floor((stepsDone * job.nEpochs) / job.totalSteps),
    train_on_inputs: job.trainOnInputs,
    eval_steps: 0,
    queue_depth: 0,
  };
}
