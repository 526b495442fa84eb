/**
 * The interface every fine-tuning platform plugin implements, one file per
 * platform: openai.ts, vertex.ts (Gemini on Vertex AI), together.ts, and
 * endpoint.ts (a model tuned elsewhere, registered rather than trained). The
 * core (lib/finetune) drives runs only through it: check a run's settings,
 * price it, build the platform's training file, upload it, create a job that carries
 * the run's key, find that job again after a crash, poll it, cancel it, and
 * say where the tuned model and its base model answer. What settings a
 * platform takes beside the common hyperparameters it declares apart, with
 * no SDK: `<id>-settings.ts` (platform-settings.ts).
 */
import type { Checkpoint, JobInfo, RunRecord } from '../ledger/run-record.ts';
import type { Hyperparameters, PlatformOptions, RunSpec } from '../ledger/run-spec.ts';
import type { TrainingFile } from '../training/training-file.ts';
import type { BaseModelInfo } from '../models/prices.ts';

/** How a run is named on the platform, so its job can be found again from the key alone. */
export interface RunIdentity {
  key: string;
  name: string;
  /** 1 for the first job of the run; each --force adds one. */
  attempt: number;
  domain: string;
}

export interface UploadedFile {
  fileId: string;
  bytes: number;
}

export interface JobProgress {
  step: number | null;
  totalSteps: number | null;
  trainLoss: number | null;
  /** `model`: the id or endpoint a checkpoint answers at ('' when not served); `epoch` when the platform says. */
  checkpoints: { id: string; step: number; model: string; trainLoss: number | null; epoch?: number | null }[];
}

/**
 * Where a tuned (or base) model answers. Secrets stay in the environment:
 * only names of variables are here.
 *
 * - `openai-chat`: an OpenAI-compatible chat API (providers/openai.ts), at a
 *   literal `baseUrl` (a registered server), or at `$baseUrlEnv`, else
 *   `defaultBaseUrl`, else OpenAI's.
 * - `vertex`: Gemini on Vertex AI (providers/gemini.ts), a base model by name
 *   or a tuned model's endpoint resource name.
 */
export type ModelEndpoint =
  | {
      api: 'openai-chat';
      /** The platform that serves it (what a suite names with `platform:`). */
      platform: string;
      model: string;
      baseUrl?: string;
      baseUrlEnv?: string;
      defaultBaseUrl?: string;
      /** Variable holding the API key, read when the provider calls; null: the server takes none. */
      apiKeyEnv: string | null;
    }
  | { api: 'vertex'; model: string; endpoint?: undefined }
  | { api: 'vertex'; endpoint: string; model?: undefined };

export interface FineTuningPlatform {
  readonly id: string;
  /** Prices, tokenizer and limits of a base model (a UserError for a model the platform cannot tune). */
  baseModel(model: string): BaseModelInfo;
  /**
   * What the declared settings' schemas cannot say alone: a UserError naming
   * the flag for a common hyperparameter the platform does not take, or a
   * value this base model does not take. `options` are already checked by
   * the platform's declaration (registry.checkPlatformOptions).
   */
  checkRun(h: Hyperparameters, options: PlatformOptions, model: BaseModelInfo): void;
  /** USD per 1M trained tokens of this base model with these settings, and what the price is for where the platform prices kinds of training apart (`LoRA`, `full`). */
  trainingPrice(model: BaseModelInfo, options: PlatformOptions): { usdPerMillion: number; variant?: string };
  /** Checks what starting needs from the environment (keys, project, bucket) before anyone is asked to pay. */
  preflight?(): void;
  /** The training file in the platform's upload format. */
  renderTrainingFile(file: TrainingFile): { content: string; filename: string };
  /**
   * Uploads the run's training file and waits until the platform has processed
   * it. Idempotent: a file this run uploaded before (e.g. by a process killed
   * before it recorded the id) is found and reused.
   */
  upload(run: RunIdentity, content: string): Promise<UploadedFile>;
  /** The job this run's attempt created, if any: found by the run key the job carries. */
  findJob(run: RunIdentity): Promise<JobInfo | null>;
  /** Creates the job exactly once: transient failures are retried only after findJob finds nothing. */
  createJob(run: RunIdentity, spec: RunSpec, file: UploadedFile): Promise<JobInfo>;
  getJob(jobId: string): Promise<JobInfo>;
  getProgress(jobId: string): Promise<JobProgress>;
  cancelJob(jobId: string): Promise<JobInfo>;
  /** True for an error that waiting may cure (rate limit, server error, lost connection). */
  isTransient(err: unknown): boolean;
  /** Where a model id (a base model, or a tuned model's id) answers on this platform's inference API. */
  endpoint(model: string): ModelEndpoint;
  /** Where a succeeded run's tuned model answers. */
  tunedEndpoint(record: RunRecord): ModelEndpoint;
  /** Where the run's base model answers, untuned. */
  baseEndpoint(spec: RunSpec): ModelEndpoint;
  /** What the platform keeps of a job's intermediate checkpoints, for `finetune plan` (one sentence). */
  readonly checkpointsKept: string;
  /** Where one of a succeeded run's checkpoints answers; null when the platform does not serve it. */
  checkpointEndpoint(record: RunRecord, checkpoint: Checkpoint): ModelEndpoint | null;
}
