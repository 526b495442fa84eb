// Everything the emulator remembers, exposed to tests as `emulator.state`.
// Records keep times in milliseconds; the API objects built from them use
// seconds, as OpenAI does.
import type OpenAI from 'openai';
import { EmulatorStateBase } from '../shared/emulator-state.ts';
import type { TrainingPair } from '../shared/tuned-model.ts';

export type FileObject = OpenAI.FileObject;
export type FineTuningJob = OpenAI.FineTuning.FineTuningJob;
export type FineTuningJobEvent = OpenAI.FineTuning.FineTuningJobEvent;
export type FineTuningJobCheckpoint = OpenAI.FineTuning.Jobs.FineTuningJobCheckpoint;

export interface FileRecord {
  id: string;
  filename: string;
  purpose: FileObject['purpose'];
  bytes: number;
  createdAtMs: number;
  /** When the file turns from `uploaded` to `processed`. */
  processedAtMs: number;
  content: Buffer;
}

export interface Hyperparameters {
  n_epochs: number | 'auto';
  batch_size: number | 'auto';
  learning_rate_multiplier: number | 'auto';
}

export interface ResolvedHyperparameters {
  n_epochs: number;
  batch_size: number;
  learning_rate_multiplier: number;
}

/** Something that becomes visible at a point of the job's timeline. */
export interface Scheduled<T> {
  atMs: number;
  item: T;
}

export interface JobRecord {
  id: string;
  createdAtMs: number;
  /** Base model (resolved snapshot, or the fine-tuned model being tuned further). */
  model: string;
  trainingFile: string;
  validationFile: string | null;
  suffix: string | null;
  seed: number;
  metadata: Record<string, string> | null;
  integrations: FineTuningJob['integrations'];
  requested: Hyperparameters;
  resolved: ResolvedHyperparameters;
  totalSteps: number;
  trainedTokens: number;
  /** What the tuned model answers: inherited pairs first, then this job's (later ones win). */
  pairs: TrainingPair[];
  fineTunedModel: string;
  /** End of `validating_files`; end of `queued` (= start of `running`). */
  validatedAtMs: number;
  startedAtMs: number;
  /** The natural end of the job if nobody cancels it. */
  outcome: { status: 'succeeded'; atMs: number } | { status: 'failed'; atMs: number; error: NonNullable<FineTuningJob['error']> };
  cancelledAtMs: number | null;
  events: Scheduled<FineTuningJobEvent>[];
  checkpoints: Scheduled<FineTuningJobCheckpoint>[];
  /** Created when the job is first seen succeeded. */
  resultFileId: string | null;
}

export type { RequestRecord, ResponseRecord } from '../shared/traffic-log.ts';

export class EmulatorState extends EmulatorStateBase {
  readonly files = new Map<string, FileRecord>();
  readonly jobs = new Map<string, JobRecord>();
  /** Fine-tuned models removed with DELETE /v1/models/{model}. */
  readonly deletedModels = new Set<string>();
}
