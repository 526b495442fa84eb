// A tuning job's whole timeline is planned when it is created and then read
// off the clock, as in the OpenAI emulator: nothing runs in the background.
//
//   0 ............ JOB_STATE_PENDING   (tuningJobState PROCESSING_DATASET)
//   1 step ....... JOB_STATE_RUNNING   (TUNING), one training step per stepMs,
//                  or JOB_STATE_FAILED at once if the dataset is invalid
//   + N steps .... JOB_STATE_RUNNING   (POST_PROCESSING)
//   + 1 step ..... JOB_STATE_SUCCEEDED (tunedModel {model, endpoint} appears)
// A cancel shows JOB_STATE_CANCELLING for one step, then JOB_STATE_CANCELLED.
// Vertex AI has no events API for tuning jobs: progress shows in
// `tuningJobState` and `tuningJobMetadata` (completed steps and epochs).
import type { DatasetStats } from './tuning-data.ts';
import type { TuningJobRecord } from './state.ts';
import type { TrainingPair } from '../shared/tuned-model.ts';

export type JobState =
  | 'JOB_STATE_PENDING'
  | 'JOB_STATE_RUNNING'
  | 'JOB_STATE_SUCCEEDED'
  | 'JOB_STATE_FAILED'
  | 'JOB_STATE_CANCELLING'
  | 'JOB_STATE_CANCELLED';

/** Training batch the emulator assumes to count steps (Vertex AI does not expose it for Gemini). */
const BATCH_SIZE = 8;
/** Epochs when the request sets none (the emulator's choice; Vertex AI picks by dataset size). */
export const DEFAULT_EPOCHS = 3;

/** What a tuning job is created with: the record's own fields, and what the plan computes the rest from. */
export interface TuningJobPlanInput
  extends Pick<
    TuningJobRecord,
    | 'id'
    | 'name'
    | 'location'
    | 'createdAtMs'
    | 'baseModel'
    | 'preTunedModel'
    | 'tunedModelDisplayName'
    | 'description'
    | 'labels'
    | 'trainingDatasetUri'
    | 'validationDatasetUri'
    | 'requested'
    | 'modelId'
    | 'endpointId'
  > {
  /** `supervisedTuningSpec.exportLastCheckpointOnly`: keep only the final checkpoint. */
  exportLastCheckpointOnly: boolean;
  /** Makes the endpoint id of an intermediate checkpoint. */
  newEndpointId: () => string;
  stepMs: number;
  /** Parsed training data, or the problem that fails the job when the dataset is processed. */
  dataset: { stats: DatasetStats; pairs: TrainingPair[] } | { problem: string };
  inheritedPairs: TrainingPair[];
  trainingStepsOverride?: number;
  failDuringTraining: boolean;
}

export function planTuningJob(input: TuningJobPlanInput): TuningJobRecord {
  const step = input.stepMs;
  const epochs = input.requested.epochCount !== undefined ? Number(input.requested.epochCount) : DEFAULT_EPOCHS;
  const valid = 'stats' in input.dataset ? input.dataset : undefined;
  const examples = valid?.stats.examples ?? 0;
  const totalSteps = input.trainingStepsOverride ?? Math.max(1, Math.ceil(examples / BATCH_SIZE)) * epochs;
  const startedAtMs = input.createdAtMs + step;
  const trainedAtMs = startedAtMs + totalSteps * step;
  let outcome: TuningJobRecord['outcome'];
  if (!valid) {
    const problem = (input.dataset as { problem: string }).problem;
    outcome = { state: 'JOB_STATE_FAILED', atMs: startedAtMs, error: { code: 3, message: `Failed to validate dataset ${input.trainingDatasetUri}: ${problem}` } };
  } else if (input.failDuringTraining) {
    outcome = {
      state: 'JOB_STATE_FAILED',
      atMs: startedAtMs + Math.max(1, Math.floor(totalSteps / 2)) * step,
      error: { code: 13, message: 'Internal error occurred. Please retry in a few minutes. If you still experience errors, contact Vertex AI.' },
    };
  } else {
    outcome = { state: 'JOB_STATE_SUCCEEDED', atMs: trainedAtMs + step };
  }
  return {
    id: input.id,
    name: input.name,
    location: input.location,
    createdAtMs: input.createdAtMs,
    baseModel: input.baseModel,
    preTunedModel: input.preTunedModel,
    tunedModelDisplayName: input.tunedModelDisplayName,
    description: input.description,
    labels: input.labels,
    trainingDatasetUri: input.trainingDatasetUri,
    validationDatasetUri: input.validationDatasetUri,
    requested: input.requested,
    epochs,
    totalSteps,
    stats: valid?.stats ?? null,
    pairs: [...input.inheritedPairs, ...(valid?.pairs ?? [])],
    startedAtMs,
    trainedAtMs,
    outcome,
    cancelledAtMs: null,
    modelId: input.modelId,
    endpointId: input.endpointId,
    checkpoints: planCheckpoints(epochs, totalSteps, input.exportLastCheckpointOnly, input.endpointId, input.newEndpointId),
    exportLastCheckpointOnly: input.exportLastCheckpointOnly,
  };
}

/**
 * Vertex AI's documented rule: one checkpoint after each epoch below ten
 * epochs, about ten evenly spread above, the final one right after the last
 * epoch; only the final one with exportLastCheckpointOnly.
 */
function planCheckpoints(epochs: number, totalSteps: number, lastOnly: boolean, finalEndpoint: string, newEndpointId: () => string): TuningJobRecord['checkpoints'] {
  const count = lastOnly ? 1 : Math.min(epochs, 10);
  const at = new Set<number>();
  for (let i = 1; i <= count; i++) at.add(lastOnly ? epochs : Math.max(1, Math.round((epochs * i) / count)));
  return [...at].sort((a, b) => a - b).map((epoch) => ({
    epoch,
    step: Math.max(1, Math.round((totalSteps * epoch) / epochs)),
    endpointId: epoch === epochs ? finalEndpoint : newEndpointId(),
  }));
}

export function jobState(job: TuningJobRecord, nowMs: number, stepMs: number): JobState {
  if (job.cancelledAtMs !== null) return nowMs < job.cancelledAtMs + stepMs ? 'JOB_STATE_CANCELLING' : 'JOB_STATE_CANCELLED';
  if (nowMs >= job.outcome.atMs) return job.outcome.state;
  if (nowMs >= job.startedAtMs) return 'JOB_STATE_RUNNING';
  return 'JOB_STATE_PENDING';
}

export function isTerminal(state: JobState): boolean {
  return state === 'JOB_STATE_SUCCEEDED' || state === 'JOB_STATE_FAILED' || state === 'JOB_STATE_CANCELLED';
}

/** `projects/{number}/locations/{location}` of a job. */
export const parentOf = (job: TuningJobRecord): string => job.name.slice(0, job.name.indexOf('/tuningJobs/'));
export const tunedModelName = (job: TuningJobRecord): string => `${parentOf(job)}/models/${job.modelId}@1`;
export const endpointName = (job: TuningJobRecord): string => `${parentOf(job)}/endpoints/${job.endpointId}`;

function distribution(values: number[]): Record<string, unknown> {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.floor((sorted.length - 1) * q)] ?? 0;
  const sum = sorted.reduce((a, b) => a + b, 0);
  return {
    sum: String(sum),
    billableSum: String(sum),
    min: sorted[0] ?? 0,
    max: sorted.at(-1) ?? 0,
    mean: sorted.length ? sum / sorted.length : 0,
    median: at(0.5),
    p5: at(0.05),
    p95: at(0.95),
  };
}

function dataStats(job: TuningJobRecord, stats: DatasetStats): Record<string, unknown> {
  const tokens = stats.inputTokens.reduce((a, b) => a + b, 0) + stats.outputTokens.reduce((a, b) => a + b, 0);
  return {
    supervisedTuningDataStats: {
      tuningDatasetExampleCount: String(stats.examples),
      totalTuningCharacterCount: String(stats.characters),
      totalBillableTokenCount: String(tokens * job.epochs),
      tuningStepCount: String(job.totalSteps),
      totalTruncatedExampleCount: '0',
      userInputTokenDistribution: distribution(stats.inputTokens),
      userOutputTokenDistribution: distribution(stats.outputTokens),
      userMessagePerExampleDistribution: distribution(stats.messagesPerExample),
      userDatasetExamples: stats.firstExamples,
    },
  };
}

const iso = (ms: number): string => new Date(ms).toISOString();

/** The REST `TuningJob` resource as of `nowMs`. */
export function tuningJobView(job: TuningJobRecord, nowMs: number, stepMs: number): Record<string, unknown> {
  const state = jobState(job, nowMs, stepMs);
  const stepsDone = Math.max(0, Math.min(job.totalSteps, Math.floor((Math.min(nowMs, job.outcome.atMs, job.cancelledAtMs ?? Infinity) - job.startedAtMs) / stepMs)));
  const hyperParameters: Record<string, unknown> = {};
  if (job.requested.epochCount !== undefined) hyperParameters.epochCount = job.requested.epochCount;
  if (job.requested.learningRateMultiplier !== undefined) hyperParameters.learningRateMultiplier = job.requested.learningRateMultiplier;
  if (job.requested.adapterSize !== undefined) hyperParameters.adapterSize = job.requested.adapterSize;
  const supervisedTuningSpec: Record<string, unknown> = { trainingDatasetUri: job.trainingDatasetUri, hyperParameters };
  if (job.exportLastCheckpointOnly) supervisedTuningSpec.exportLastCheckpointOnly = true;
  if (job.validationDatasetUri) supervisedTuningSpec.validationDatasetUri = job.validationDatasetUri;

  const view: Record<string, unknown> = {
    name: job.name,
    tunedModelDisplayName: job.tunedModelDisplayName,
    ...(job.description !== null && { description: job.description }),
    ...(job.baseModel !== null ? { baseModel: job.baseModel } : { preTunedModel: { tunedModelName: job.preTunedModel } }),
    supervisedTuningSpec,
    state,
    createTime: iso(job.createdAtMs),
    ...(job.labels && { labels: job.labels }),
    experiment: `${parentOf(job)}/metadataStores/default/contexts/tuning-experiment-${job.id}`,
  };
  let updatedAt = job.createdAtMs;
  if (state !== 'JOB_STATE_PENDING' && nowMs >= job.startedAtMs) {
    view.startTime = iso(job.startedAtMs);
    updatedAt = job.startedAtMs;
    if (job.stats) view.tuningDataStats = dataStats(job, job.stats);
  }
  if (state === 'JOB_STATE_PENDING') view.tuningJobState = 'TUNING_JOB_STATE_PROCESSING_DATASET';
  if (state === 'JOB_STATE_RUNNING') view.tuningJobState = nowMs >= job.trainedAtMs ? 'TUNING_JOB_STATE_POST_PROCESSING' : 'TUNING_JOB_STATE_TUNING';
  if (job.stats && nowMs >= job.startedAtMs) {
    const epochsDone = Math.floor((stepsDone * job.epochs) / job.totalSteps);
    view.tuningJobMetadata = { completedStepCount: String(stepsDone), completedEpochCount: String(epochsDone) };
    updatedAt = Math.max(updatedAt, job.startedAtMs + stepsDone * stepMs);
  }
  if (state === 'JOB_STATE_SUCCEEDED') {
    // Each checkpoint on its own endpoint; the tuned model's endpoint is the default (last) checkpoint's.
    const checkpoints = job.checkpoints.map((c, i) => ({
      checkpointId: String(i + 1),
      epoch: String(c.epoch),
      step: String(c.step),
      endpoint: `${parentOf(job)}/endpoints/${c.endpointId}`,
    }));
    view.tunedModel = { model: tunedModelName(job), endpoint: endpointName(job), checkpoints };
  }
  if (state === 'JOB_STATE_FAILED' && job.outcome.state === 'JOB_STATE_FAILED') view.error = job.outcome.error;
  if (state === 'JOB_STATE_CANCELLED') view.error = { code: 1, message: 'CANCELED' };
  if (isTerminal(state)) {
    const end = state === 'JOB_STATE_CANCELLED' ? job.cancelledAtMs! + stepMs : job.outcome.atMs;
    view.endTime = iso(end);
    updatedAt = end;
  } else if (state === 'JOB_STATE_CANCELLING') {
    updatedAt = job.cancelledAtMs!;
  }
  view.updateTime = iso(updatedAt);
  return view;
}
