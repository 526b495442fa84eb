// Everything the Together AI emulator remembers, exposed to tests as `emulator.state`.
import type { TrainingPair } from '../shared/tuned-model.ts';
import { EmulatorStateBase } from '../shared/emulator-state.ts';
import type { DatasetFormat } from './training-data.ts';

export interface FileRecord {
  id: string;
  filename: string;
  purpose: string;
  fileType: string;
  bytes: number;
  lines: number;
  createdAtMs: number;
  content: Buffer;
  /** Set for valid fine-tune files. */
  dataset: { format: DatasetFormat; examples: number; tokens: number; pairs: TrainingPair[] } | null;
}

export type TrainingType = { type: 'Full' } | { type: 'Lora'; lora_r: number; lora_alpha: number; lora_dropout: number; lora_trainable_modules: string };

/** A job event, with the time it becomes visible. */
export interface ScheduledEvent {
  atMs: number;
  type: string;
  message: string;
  level: 'info' | 'warning' | 'error';
  step: number;
  checkpointPath: string;
}

export interface FineTuneRecord {
  id: string;
  createdAtMs: number;
  model: string;
  trainingFile: string;
  validationFile: string | null;
  suffix: string | null;
  nEpochs: number;
  nCheckpoints: number;
  nEvals: number;
  batchSize: number;
  learningRate: number;
  warmupRatio: number;
  maxGradNorm: number;
  weightDecay: number;
  trainOnInputs: boolean | 'auto';
  trainingType: TrainingType;
  randomSeed: number | null;
  fromCheckpoint: string | null;
  wandbProjectName: string | null;
  outputName: string;
  totalSteps: number;
  tokenCount: number;
  trainingFileLines: number;
  trainingFileBytes: number;
  /** What the tuned model answers: inherited pairs first, then this job's (later ones win). */
  pairs: TrainingPair[];
  queuedAtMs: number;
  startedAtMs: number;
  /** End of training = start of `compressing`. */
  trainedAtMs: number;
  outcome: { status: 'completed' | 'error'; atMs: number };
  cancelledAtMs: number | null;
  events: ScheduledEvent[];
}

export class TogetherEmulatorState extends EmulatorStateBase {
  readonly files = new Map<string, FileRecord>();
  readonly jobs = new Map<string, FineTuneRecord>();
}
