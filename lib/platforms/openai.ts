/**
 * The OpenAI fine-tuning platform on the official `openai` SDK: files
 * (purpose fine-tune), fine_tuning.jobs with method.supervised, events and
 * checkpoints. Honours OPENAI_API_KEY and OPENAI_BASE_URL (so the same code
 * drives the loopback emulator and any OpenAI-style server).
 *
 * Retries: the SDK itself retries 408/409/429/5xx and dropped connections,
 * honouring Retry-After / retry-after-ms (it waits exactly what the server
 * asks, else 0.5 s doubling to 8 s). That is right for reads, so reads get
 * a generous maxRetries. Writes that cost money or storage (upload, job
 * creation) are sent with maxRetries 0 and retried here only after asking
 * the API whether the first attempt landed (findUpload / findJob), so a
 * response lost on the way back never makes a second job.
 */
import OpenAI, { toFile } from 'openai';
import { UserError } from '../foundation/errors.ts';
import type { Checkpoint, JobInfo, JobState, RunRecord } from '../ledger/run-record.ts';
import type { RunSpec } from '../ledger/run-spec.ts';
import { trainingJsonl, type TrainingFile } from '../training/training-file.ts';
import { explainOpenAIError, isTransientOpenAIError, openAIRetryAfterMs } from '../models/openai-errors.ts';
import type { FineTuningPlatform, JobProgress, ModelEndpoint, RunIdentity, UploadedFile } from './platform.ts';
import { baseModel, type BaseModelInfo } from '../models/prices.ts';
import { retryTransient, sleep, type RetryPolicy } from './transient-retry.ts';

/** Metadata keys a job carries so it can be found from the run alone. */
export const RUN_KEY_METADATA = 'ftbench_run';
export const ATTEMPT_METADATA = 'ftbench_attempt';

const STATES: Record<string, JobState> = {
  validating_files: 'validating',
  queued: 'queued',
  running: 'running',
  succeeded: 'succeeded',
  failed: 'failed',
  cancelled: 'cancelled',
};

export interface OpenAIPlatformOptions {
  /** Retries of a call that failed for a passing reason (default 5): the SDK's for reads, this plugin's for writes. */
  retries?: number;
  /** SDK retries for reads (default `retries`, else 6). */
  maxRetries?: number;
  /** Attempts for uploads and job creation, each after checking the previous did not land (default `retries` + 1, else 6). */
  writeAttempts?: number;
  /** Longest pause between checks of an upload's processing (default 4000 ms; the first checks come sooner). */
  filePollMs?: number;
  /** Longest wait for an upload to be processed (default 10 min). */
  fileTimeoutMs?: number;
  /** Told about each retry of a write. */
  onRetry?: (message: string) => void;
}

const iso = (seconds: number | null | undefined): string | null => (seconds ? new Date(seconds * 1000).toISOString() : null);

export function toJobInfo(job: OpenAI.FineTuning.FineTuningJob): JobInfo {
  const error = job.error ? `${job.error.message}${job.error.code ? ` (${job.error.code})` : ''}` : null;
  return {
    id: job.id,
    state: STATES[job.status] ?? 'unknown',
    rawStatus: String(job.status),
    tunedModel: job.fine_tuned_model ?? null,
    trainedTokens: job.trained_tokens ?? null,
    createdAt: iso(job.created_at),
    finishedAt: iso(job.finished_at),
    estimatedFinish: iso(job.estimated_finish),
    error,
  };
}

export class OpenAIPlatform implements FineTuningPlatform {
  readonly id = 'openai';
  private sdk: OpenAI | undefined;

  constructor(
    private readonly env: NodeJS.ProcessEnv = process.env,
    private readonly options: OpenAIPlatformOptions = {},
  ) {}

  /** Created on first use, so planning (which contacts nothing) needs no key. */
  private client(): OpenAI {
    if (this.sdk) return this.sdk;
    const apiKey = this.env.OPENAI_API_KEY;
    if (!apiKey)
      throw new UserError('OPENAI_API_KEY is not set: export your key (or run the emulator, `npm run emulator -- openai`, and export what it prints)');
    this.sdk = new OpenAI({ apiKey, baseURL: this.env.OPENAI_BASE_URL || undefined, maxRetries: this.options.maxRetries ?? this.options.retries ?? 6, timeout: 120_000 });
    return this.sdk;
  }

  private get baseURL(): string {
    return this.env.OPENAI_BASE_URL || 'https://api.openai.com/v1';
  }

  private async call<T>(doing: string, fn: (client: OpenAI) => Promise<T>, model?: string): Promise<T> {
    const client = this.client();
    try {
      return await fn(client);
    } catch (err) {
      throw explainOpenAIError(err, { doing, model, baseURL: this.baseURL });
    }
  }

  private writePolicy(what: string): RetryPolicy {
    return {
      attempts: this.options.writeAttempts ?? (this.options.retries !== undefined ? this.options.retries + 1 : 6),
      baseMs: 500,
      maxMs: 16_000,
      isTransient: isTransientOpenAIError,
      retryAfterMs: openAIRetryAfterMs,
      onRetry: (err, delay, attempt) =>
        this.options.onRetry?.(`${what}: ${(err as Error).message.split('\n')[0]}; checking it did not land, retry ${attempt} in ${(delay / 1000).toFixed(1)}s`),
    };
  }

  baseModel(model: string): BaseModelInfo {
    return baseModel(this.id, model);
  }

  /** OpenAI takes every common hyperparameter and declares no settings of its own (openai-settings.ts). */
  checkRun(): void {}

  trainingPrice(model: BaseModelInfo): { usdPerMillion: number } {
    return { usdPerMillion: model.training };
  }

  renderTrainingFile(file: TrainingFile): { content: string; filename: string } {
    return { content: trainingJsonl(file), filename: `${file.domain}.jsonl` };
  }

  private filename(run: RunIdentity): string {
    return `ftbench-${run.key}.jsonl`;
  }

  /** A processed-or-processing upload of exactly this content under the run's file name. */
  private async findUpload(run: RunIdentity, content: string): Promise<UploadedFile | null> {
    const bytes = Buffer.byteLength(content);
    return this.call(`looking for run ${run.name}'s training file`, async (client) => {
      for await (const file of client.files.list({ purpose: 'fine-tune' })) {
        if (file.filename === this.filename(run) && file.bytes === bytes && file.status !== 'error') return { fileId: file.id, bytes };
      }
      return null;
    });
  }

  async upload(run: RunIdentity, content: string): Promise<UploadedFile> {
    const doing = `uploading run ${run.name}'s training file`;
    const uploaded = await retryTransient(async () => {
      const landed = await this.findUpload(run, content);
      if (landed) return landed;
      return this.call(doing, async (client) => {
        const file = await client.files.create({ file: await toFile(Buffer.from(content), this.filename(run)), purpose: 'fine-tune' }, { maxRetries: 0 });
        return { fileId: file.id, bytes: file.bytes };
      });
    }, this.unexplained(this.writePolicy(doing)));
    await this.waitProcessed(run, uploaded.fileId);
    return uploaded;
  }

  /** The retry loop sees the SDK's own errors (explained ones are UserErrors): look through to the cause. */
  private unexplained(policy: RetryPolicy): RetryPolicy {
    const cause = (err: unknown) => (err instanceof UserError && err.cause ? err.cause : err);
    return { ...policy, isTransient: (e) => policy.isTransient(cause(e)), retryAfterMs: (e) => policy.retryAfterMs?.(cause(e)) };
  }

  private async waitProcessed(run: RunIdentity, fileId: string): Promise<void> {
    const deadline = Date.now() + (this.options.fileTimeoutMs ?? 600_000);
    let pollMs = 100; // small files are processed in moments; large ones are polled less often
    for (;;) {
      const file = await this.call(`checking run ${run.name}'s training file ${fileId}`, (client) => client.files.retrieve(fileId));
      if (file.status === 'processed') return;
      if (file.status === 'error') throw new UserError(`the platform could not process run ${run.name}'s training file ${fileId}: ${file.status_details ?? 'no details given'}`);
      if (Date.now() > deadline) throw new UserError(`run ${run.name}'s training file ${fileId} is still "${file.status}" after ${((this.options.fileTimeoutMs ?? 600_000) / 1000).toFixed(0)}s; rerun the same command later`);
      await sleep(pollMs);
      pollMs = Math.min(pollMs * 2, this.options.filePollMs ?? 4000);
    }
  }

  async findJob(run: RunIdentity): Promise<JobInfo | null> {
    return this.call(`looking for run ${run.name}'s job`, async (client) => {
      const found: OpenAI.FineTuning.FineTuningJob[] = [];
      for await (const job of client.fineTuning.jobs.list({ metadata: { [RUN_KEY_METADATA]: run.key }, limit: 100 })) {
        // Filtered again here: a server that ignores the metadata filter must not attach us to someone else's job.
        if (job.metadata?.[RUN_KEY_METADATA] === run.key && job.metadata?.[ATTEMPT_METADATA] === String(run.attempt)) found.push(job);
      }
      found.sort((a, b) => a.created_at - b.created_at);
      return found[0] ? toJobInfo(found[0]) : null;
    });
  }

  async createJob(run: RunIdentity, spec: RunSpec, file: UploadedFile): Promise<JobInfo> {
    const h = spec.hyperparameters;
    const doing = `creating the fine-tuning job of run ${run.name}`;
    const body: OpenAI.FineTuning.JobCreateParams = {
      model: spec.baseModel,
      training_file: file.fileId,
      suffix: `ftb-${run.key.slice(0, 12)}`,
      seed: spec.seed,
      metadata: {
        [RUN_KEY_METADATA]: run.key,
        [ATTEMPT_METADATA]: String(run.attempt),
        ftbench_name: run.name.slice(0, 512),
        ftbench_domain: run.domain.slice(0, 512),
      },
      method: {
        type: 'supervised',
        supervised: { hyperparameters: { n_epochs: h.epochs ?? 'auto', batch_size: h.batchSize, learning_rate_multiplier: h.learningRateMultiplier } },
      },
    };
    return retryTransient(async (attempt) => {
      if (attempt > 0) {
        const landed = await this.findJob(run);
        if (landed) return landed;
      }
      return this.call(doing, async (client) => toJobInfo(await client.fineTuning.jobs.create(body, { maxRetries: 0 })), spec.baseModel);
    }, this.unexplained(this.writePolicy(doing)));
  }

  async getJob(jobId: string): Promise<JobInfo> {
    return this.call(`reading job ${jobId}`, async (client) => toJobInfo(await client.fineTuning.jobs.retrieve(jobId)));
  }

  async getProgress(jobId: string): Promise<JobProgress> {
    return this.call(`reading job ${jobId}'s progress`, async (client) => {
      const events = await client.fineTuning.jobs.listEvents(jobId, { limit: 50 });
      const metrics = events.data.find((e) => e.type === 'metrics' && e.data && typeof e.data === 'object');
      const data = (metrics?.data ?? {}) as { step?: number; total_steps?: number; train_loss?: number };
      const checkpoints = await client.fineTuning.jobs.checkpoints.list(jobId, { limit: 10 });
      return {
        step: typeof data.step === 'number' ? data.step : null,
        totalSteps: typeof data.total_steps === 'number' ? data.total_steps : null,
        trainLoss: typeof data.train_loss === 'number' ? data.train_loss : null,
        checkpoints: checkpoints.data
          .map((c) => ({ id: c.id, step: c.step_number, model: c.fine_tuned_model_checkpoint, trainLoss: c.metrics?.train_loss ?? null }))
          .sort((a, b) => a.step - b.step),
      };
    });
  }

  async cancelJob(jobId: string): Promise<JobInfo> {
    return this.call(`cancelling job ${jobId}`, async (client) => toJobInfo(await client.fineTuning.jobs.cancel(jobId)));
  }

  isTransient(err: unknown): boolean {
    return isTransientOpenAIError(err instanceof UserError && err.cause ? err.cause : err);
  }

  endpoint(model: string): ModelEndpoint {
    return { api: 'openai-chat', platform: this.id, model, baseUrlEnv: 'OPENAI_BASE_URL', apiKeyEnv: 'OPENAI_API_KEY' };
  }

  tunedEndpoint(record: RunRecord): ModelEndpoint {
    return this.endpoint(record.job!.tunedModel!);
  }

  baseEndpoint(spec: RunSpec): ModelEndpoint {
    return this.endpoint(spec.baseModel);
  }

  readonly checkpointsKept = 'the checkpoints of the last 3 epochs (ft:…:ckpt-step-N, answering like any tuned model; the last is the tuned model itself)';

  checkpointEndpoint(_record: RunRecord, checkpoint: Checkpoint): ModelEndpoint | null {
    return checkpoint.model ? this.endpoint(checkpoint.model) : null;
  }
}
