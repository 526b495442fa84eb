/**
 * Fine-tuning on Together AI through its official SDK, `together-ai`: the
 * training file (OpenAI-style `{"messages":[…]}` lines, which Together takes
 * as is) uploaded to /files/upload, then fineTuning: create (LoRA by default,
 * at the rank Together's own clients choose, the model's highest, or full
 * with --training-type full: the settings together-settings.ts declares), retrieve, listEvents (the progress),
 * listCheckpoints and cancel. A job carries its run's key and attempt in its
 * `suffix`, so it is found again after a crash. The tuned model answers on
 * Together's OpenAI-compatible chat API (providers/openai.ts with
 * TOGETHER_BASE_URL and TOGETHER_API_KEY).
 *
 * Retries are this plugin's, not the SDK's (maxRetries 0): the SDK does not
 * retry a 500 and retries silently, while here 429 and 5xx wait what
 * Retry-After asks (else a backoff), each retry is reported, and an upload or
 * a job creation is retried only after asking whether the first landed.
 */
import Together from 'together-ai';
import { UserError } from '../foundation/errors.ts';
import type { Checkpoint, JobInfo, JobState, RunRecord } from '../ledger/run-record.ts';
import type { PlatformOptions, RunSpec } from '../ledger/run-spec.ts';
import { trainingJsonl, type TrainingFile } from '../training/training-file.ts';
import type { FineTuningPlatform, JobProgress, ModelEndpoint, RunIdentity, UploadedFile } from './platform.ts';
import { baseModel, type BaseModelInfo } from '../models/prices.ts';
import { explainTogetherError, isTransientTogetherError, togetherErrorLine, togetherRetryAfterMs } from './together-errors.ts';
import { readRunOptions } from './platform-settings.ts';
import { TOGETHER_SETTINGS } from './together-settings.ts';
import { retryTransient, type RetryPolicy } from './transient-retry.ts';

export const TOGETHER_BASE_URL = 'https://api.together.xyz/v1';
export const TOGETHER_KEY_ENV = 'TOGETHER_API_KEY';
export const TOGETHER_URL_ENV = 'TOGETHER_BASE_URL';
/** Together's default learning rate: --lr-multiplier scales it, as OpenAI's and Vertex AI's multipliers scale theirs. */
export const DEFAULT_LEARNING_RATE = 0.00001;

const STATES: Record<string, JobState> = {
  pending: 'queued',
  queued: 'queued',
  running: 'running',
  compressing: 'running',
  uploading: 'running',
  cancel_requested: 'cancelling',
  cancelled: 'cancelled',
  error: 'failed',
  user_error: 'failed',
  completed: 'succeeded',
};

export interface TogetherPlatformOptions {
  /** Retries of a call that failed for a passing reason (default 5). */
  retries?: number;
  /** Told about each retry. */
  onRetry?: (message: string) => void;
}

/** `ftb-<key>-a<attempt>`: what a job's suffix (and so its output model's name) carries to be found again. */
export const runSuffix = (run: Pick<RunIdentity, 'key' | 'attempt'>): string => `ftb-${run.key}-a${run.attempt}`;

const terminal = (status: string): boolean => ['completed', 'cancelled', 'error', 'user_error'].includes(status);

/** The fields of a job that every answer about one carries (create, list, retrieve, cancel). */
type TogetherJob = Pick<Together.FinetuneResponse, 'id' | 'status' | 'created_at' | 'updated_at' | 'model_output_name' | 'token_count' | 'events'> & { suffix?: string };
type TogetherEvent = Pick<Together.FinetuneEvent, 'message' | 'type' | 'level' | 'step' | 'total_steps'>;
type TogetherCheckpoint = Pick<Together.FineTuningListCheckpointsResponse.Data, 'checkpoint_type' | 'path' | 'step'>;

export function toJobInfo(job: TogetherJob): JobInfo {
  // A string, not the SDK's union: a status the SDK does not list (user_error) still reads, as failed or unknown.
  const status: string = job.status;
  const failure = [...(job.events ?? [])].reverse().find((e) => e.level === 'error' || e.type === 'job_error');
  return {
    id: job.id,
    state: STATES[status] ?? 'unknown',
    rawStatus: status,
    tunedModel: status === 'completed' ? (job.model_output_name ?? null) : null,
    trainedTokens: job.token_count ? job.token_count : null,
    createdAt: job.created_at ?? null,
    finishedAt: terminal(status) ? (job.updated_at ?? null) : null,
    estimatedFinish: null,
    error: status === 'error' || status === 'user_error' ? (failure?.message ?? `the job ended "${status}" without saying why`) : null,
  };
}

/**
 * Progress from a job's events (step, total steps, a loss when an event
 * reports one) and its checkpoints. An intermediate checkpoint answers as
 * `<output model>:<step>` (the name Together gives a checkpoint, e.g. in
 * `from_checkpoint`), the final one as the output model; its epoch is the
 * `epoch_complete` event at its step, when there is one.
 */
export function toJobProgress(events: TogetherEvent[], checkpoints: TogetherCheckpoint[], outputModel: string | null = null): JobProgress {
  let step: number | null = null;
  let totalSteps: number | null = null;
  let trainLoss: number | null = null;
  for (const e of events) {
    if (typeof e.step === 'number' && e.step > 0) step = Math.max(step ?? 0, e.step);
    if (typeof e.total_steps === 'number' && e.total_steps > 0) totalSteps = e.total_steps;
    const loss = /\b(?:train(?:ing)?[ _])?loss[:=]?\s*(\d+(?:\.\d+)?)/i.exec(e.message ?? '');
    if (loss) trainLoss = Number(loss[1]);
  }
  if (events.some((e) => e.type === 'job_complete' || e.type === 'training_complete') && totalSteps !== null) step = totalSteps;
  const epochEnds = events.filter((e) => e.type === 'epoch_complete' && typeof e.step === 'number').map((e) => e.step!);
  const epochAt = (s: number): number | null => {
    const i = [...new Set(epochEnds)].sort((a, b) => a - b).indexOf(s);
    return i === -1 ? null : i + 1;
  };
  const final = (c: TogetherCheckpoint) => /final/i.test(c.checkpoint_type ?? '');
  return {
    step,
    totalSteps,
    trainLoss,
    checkpoints: checkpoints
      .filter((c) => c.path)
      .map((c) => ({
        id: c.path!,
        step: c.step ?? 0,
        model: outputModel ? (final(c) ? outputModel : `${outputModel}:${c.step ?? 0}`) : '',
        trainLoss: null,
        epoch: epochAt(c.step ?? 0),
      }))
      .sort((a, b) => a.step - b.step),
  };
}

export class TogetherPlatform implements FineTuningPlatform {
  readonly id = 'together';
  private sdk: Together | undefined;

  constructor(
    private readonly env: NodeJS.ProcessEnv = process.env,
    private readonly options: TogetherPlatformOptions = {},
  ) {}

  get baseUrl(): string {
    return (this.env[TOGETHER_URL_ENV] || TOGETHER_BASE_URL).replace(/\/+$/, '');
  }

  private get attempts(): number {
    return (this.options.retries ?? 5) + 1;
  }

  preflight(): void {
    this.client();
  }

  /** Created on first use, so planning (which contacts nothing) needs no key. */
  private client(): Together {
    if (this.sdk) return this.sdk;
    const apiKey = this.env[TOGETHER_KEY_ENV];
    if (!apiKey) throw new UserError(`${TOGETHER_KEY_ENV} is not set: export your Together AI key (or run the emulator, \`npm run emulator -- together\`, and export what it prints)`);
    this.sdk = new Together({ apiKey, baseURL: this.baseUrl, maxRetries: 0, timeout: 120_000 });
    return this.sdk;
  }

  private policy(doing: string, what = 'retry'): RetryPolicy {
    return {
      attempts: this.attempts,
      baseMs: 500,
      maxMs: 16_000,
      isTransient: isTransientTogetherError,
      retryAfterMs: togetherRetryAfterMs,
      onRetry: (err, delay, attempt) => this.options.onRetry?.(`${doing}: ${togetherErrorLine(err).slice(0, 200)}; ${what} ${attempt} in ${(delay / 1000).toFixed(1)}s`),
    };
  }

  private async call<T>(doing: string, fn: (api: Together, attempt: number) => Promise<T>, extra: { model?: string; policy?: RetryPolicy } = {}): Promise<T> {
    const api = this.client();
    try {
      return await retryTransient((attempt) => fn(api, attempt), extra.policy ?? this.policy(doing));
    } catch (err) {
      throw explainTogetherError(err, { doing, baseUrl: this.baseUrl, model: extra.model, attempts: this.attempts });
    }
  }

  baseModel(model: string): BaseModelInfo {
    return baseModel(this.id, model);
  }

  checkRun(_h: unknown, options: PlatformOptions, model: BaseModelInfo): void {
    if (readRunOptions(TOGETHER_SETTINGS, options, model.snapshot).trainingType === 'full' && model.trainingFull === undefined)
      throw new UserError(`--${TOGETHER_SETTINGS.run.trainingType.flag} full: no price for full fine-tuning of ${model.snapshot} is known (lib/models/prices.json); use lora`);
  }

  /** LoRA and full fine-tuning are priced apart (lib/models/prices.json: training, trainingFull). */
  trainingPrice(model: BaseModelInfo, options: PlatformOptions): { usdPerMillion: number; variant: string } {
    const full = readRunOptions(TOGETHER_SETTINGS, options, model.snapshot).trainingType === 'full';
    return full ? { usdPerMillion: model.trainingFull ?? model.training, variant: 'full' } : { usdPerMillion: model.training, variant: 'LoRA' };
  }

  renderTrainingFile(file: TrainingFile): { content: string; filename: string } {
    return { content: trainingJsonl(file), filename: `${file.domain}.jsonl` };
  }

  private filename(run: RunIdentity): string {
    return `ftbench-${run.key}.jsonl`;
  }

  async upload(run: RunIdentity, content: string): Promise<UploadedFile> {
    const bytes = Buffer.byteLength(content);
    const name = this.filename(run);
    const doing = `uploading run ${run.name}'s training file`;
    return this.call(
      doing,
      async (api) => {
        // Uploaded before (by a killed process, or an attempt whose answer was lost)? The file is not sent twice.
        const landed = (await api.files.list()).data.find((f) => f.filename === name && f.bytes === bytes && f.purpose === 'fine-tune');
        if (landed) return { fileId: landed.id, bytes };
        // Not files.upload: it reads a path from disk and sends to a base URL of its own (TOGETHER_API_BASE_URL,
        // else Together's), not the client's; /files/upload is the upload route the API describes.
        const form = new FormData();
        form.set('purpose', 'fine-tune');
        form.set('file_name', name);
        form.set('file_type', 'jsonl');
        form.set('file', new Blob([content], { type: 'application/jsonl' }), name);
        const file = await api.post<Together.FileResponse>('/files/upload', { body: form });
        return { fileId: file.id, bytes: file.bytes ?? bytes };
      },
      { policy: this.policy(doing, 'checking it did not land, retry') },
    );
  }

  async findJob(run: RunIdentity): Promise<JobInfo | null> {
    const suffix = runSuffix(run);
    const jobs: TogetherJob[] = await this.call(`looking for run ${run.name}'s fine-tuning job`, async (api) => (await api.fineTuning.list()).data);
    // The suffix, or (for an API that leaves it out of lists) the output model's name, which embeds it.
    const found = jobs
      .filter((j) => j.suffix === suffix || (j.model_output_name ?? '').includes(`-${suffix}-`))
      .sort((a, b) => (a.created_at ?? '').localeCompare(b.created_at ?? ''));
    return found[0] ? toJobInfo(found[0]) : null;
  }

  async createJob(run: RunIdentity, spec: RunSpec, file: UploadedFile): Promise<JobInfo> {
    const h = spec.hyperparameters;
    const options = readRunOptions(TOGETHER_SETTINGS, spec.platformOptions, run.name);
    const doing = `creating the fine-tuning job of run ${run.name}`;
    const trainingType = options.trainingType === 'full' ? ({ type: 'Full' } as const) : await this.loraTrainingType(spec.baseModel);
    const body: Together.FineTuningCreateParams = {
      model: spec.baseModel,
      training_file: file.fileId,
      ...(h.epochs !== null && { n_epochs: h.epochs }),
      // A checkpoint per epoch (Together keeps one, the final model, by default), for learning curves.
      ...(h.epochs !== null && { n_checkpoints: h.epochs }),
      ...(h.batchSize !== 'auto' && { batch_size: h.batchSize }),
      ...(h.learningRateMultiplier !== 'auto' && { learning_rate: DEFAULT_LEARNING_RATE * h.learningRateMultiplier }),
      suffix: runSuffix(run),
      random_seed: spec.seed,
      training_type: trainingType,
      ...(options.warmupRatio !== undefined && { warmup_ratio: options.warmupRatio }),
      training_method: { method: 'sft', train_on_inputs: 'auto' },
    };
    return this.call(
      doing,
      async (api, attempt) => {
        if (attempt > 0) {
          const landed = await this.findJob(run);
          if (landed) return landed;
        }
        return toJobInfo(await api.fineTuning.create(body));
      },
      { model: spec.baseModel, policy: this.policy(doing, 'checking it did not land, retry') },
    );
  }

  /**
   * LoRA at the model's highest rank and alpha twice that, as Together's own clients ask when no rank is
   * given (the API wants both); a model Together cannot tune with LoRA is said so before a job is made.
   */
  private async loraTrainingType(model: string): Promise<Together.FineTuningCreateParams.LoRaTrainingType> {
    const limits = await this.call(`reading the fine-tuning limits of ${model}`, (api) => api.fineTuning.modelLimits({ model_name: model }), { model });
    const rank = limits.lora_training?.max_rank;
    if (!rank) throw new UserError(`${model}: Together AI does not fine-tune this model with LoRA (its limits give no LoRA rank); use --training-type full`);
    return { type: 'Lora', lora_r: rank, lora_alpha: rank * 2 };
  }

  async getJob(jobId: string): Promise<JobInfo> {
    return this.call(`reading fine-tuning job ${jobId}`, async (api) => toJobInfo(await api.fineTuning.retrieve(jobId)));
  }

  async getProgress(jobId: string): Promise<JobProgress> {
    return this.call(`reading fine-tuning job ${jobId}'s events`, async (api) => {
      const job = await api.fineTuning.retrieve(jobId);
      const events = (await api.fineTuning.listEvents(jobId)).data;
      const checkpoints = (await api.fineTuning.listCheckpoints(jobId)).data;
      return toJobProgress(events, checkpoints, job.model_output_name ?? null);
    });
  }

  async cancelJob(jobId: string): Promise<JobInfo> {
    return this.call(`cancelling fine-tuning job ${jobId}`, async (api) => toJobInfo(await api.fineTuning.cancel(jobId)));
  }

  isTransient(err: unknown): boolean {
    return isTransientTogetherError(err instanceof UserError && err.cause ? err.cause : err);
  }

  endpoint(model: string): ModelEndpoint {
    return { api: 'openai-chat', platform: this.id, model, baseUrlEnv: TOGETHER_URL_ENV, defaultBaseUrl: TOGETHER_BASE_URL, apiKeyEnv: TOGETHER_KEY_ENV };
  }

  tunedEndpoint(record: RunRecord): ModelEndpoint {
    return this.endpoint(record.job!.tunedModel!);
  }

  baseEndpoint(spec: RunSpec): ModelEndpoint {
    return this.endpoint(spec.baseModel);
  }

  readonly checkpointsKept =
    'a checkpoint per epoch (the harness sets n_checkpoints to the epochs; Together keeps only the final model by default), asked as <output model>:<step>';

  checkpointEndpoint(_record: RunRecord, checkpoint: Checkpoint): ModelEndpoint | null {
    return checkpoint.model ? this.endpoint(checkpoint.model) : null;
  }
}
