// Everything the Vertex AI emulator remembers, exposed to tests as `emulator.state`.
import type { TrainingPair } from '../shared/tuned-model.ts';
import { EmulatorStateBase } from '../shared/emulator-state.ts';
import type { DatasetStats } from './tuning-data.ts';

export interface StoredObject {
  bucket: string;
  name: string;
  content: Buffer;
  contentType: string;
  generation: string;
  createdAtMs: number;
}

/** What a create request asked for, kept to echo it back. */
export interface RequestedHyperParameters {
  epochCount?: string;
  learningRateMultiplier?: number;
  adapterSize?: string;
}

export interface TuningJobRecord {
  /** Numeric id, the last segment of `name`. */
  id: string;
  /** `projects/{number}/locations/{location}/tuningJobs/{id}` */
  name: string;
  location: string;
  createdAtMs: number;
  /** The base model as the request named it, or null when tuning a tuned model further. */
  baseModel: string | null;
  /** `projects/…/models/…` of the tuned model this job continues, if any. */
  preTunedModel: string | null;
  tunedModelDisplayName: string;
  description: string | null;
  labels: Record<string, string> | null;
  trainingDatasetUri: string;
  validationDatasetUri: string | null;
  requested: RequestedHyperParameters;
  epochs: number;
  totalSteps: number;
  stats: DatasetStats | null;
  /** What the tuned model answers: inherited pairs first, then this job's (later ones win). */
  pairs: TrainingPair[];
  /** End of JOB_STATE_PENDING (dataset processed) = start of JOB_STATE_RUNNING. */
  startedAtMs: number;
  /** End of training = start of post-processing. */
  trainedAtMs: number;
  /** The natural end of the job if nobody cancels it. */
  outcome: { state: 'JOB_STATE_SUCCEEDED'; atMs: number } | { state: 'JOB_STATE_FAILED'; atMs: number; error: { code: number; message: string } };
  cancelledAtMs: number | null;
  /** Ids of the tuned model and of the endpoint serving it (they exist once the job succeeds). */
  modelId: string;
  endpointId: string;
  /**
   * The checkpoints the job keeps, oldest first: one per epoch (about ten
   * evenly spread past ten epochs), or only the last when the request set
   * `exportLastCheckpointOnly`. Each is deployed to its own endpoint; the
   * last one's is `endpointId` (the default checkpoint).
   */
  checkpoints: { epoch: number; step: number; endpointId: string }[];
  /** As the request set it (echoed back when true). */
  exportLastCheckpointOnly: boolean;
}

export class VertexEmulatorState extends EmulatorStateBase {
  /** `bucket/name` → object. */
  readonly objects = new Map<string, StoredObject>();
  /** Job id → job. */
  readonly jobs = new Map<string, TuningJobRecord>();
  /** Access tokens handed out by /token. */
  readonly issuedTokens = new Set<string>();
}
