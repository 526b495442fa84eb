/**
 * Gemini fine-tuning on Vertex AI, on @google/genai's `tunings` (create, get,
 * list, cancel): the training file in Vertex's `contents` format is uploaded
 * to a Cloud Storage place the user names (--gcs-uri gs://bucket/folder, or
 * FTBENCH_GCS_URI), then a supervised tuning job is created with epochCount,
 * learningRateMultiplier and the settings vertex-settings.ts declares
 * (adapterSize). A job carries its run's key and
 * attempt as labels, so it is found again after a crash; the tuned model's
 * endpoint (what providers/gemini.ts queries) goes into the ledger.
 *
 * Project and location: GOOGLE_CLOUD_PROJECT, GOOGLE_CLOUD_LOCATION (default
 * us-central1). Credentials: Application Default Credentials
 * (GOOGLE_APPLICATION_CREDENTIALS or `gcloud auth application-default login`).
 * GOOGLE_VERTEX_BASE_URL and STORAGE_EMULATOR_HOST point it elsewhere (the
 * loopback emulator).
 *
 * Retries: @google/genai retries nothing unless told, so every call goes
 * through retryTransient here: 429 and 5xx wait what Google's RetryInfo asks
 * (else a backoff), and a job creation is retried only after asking whether
 * the first attempt landed.
 */
import { AdapterSize, GoogleGenAI, type TuningJob } from '@google/genai';
import { GoogleAuth } from 'google-auth-library';
import { UserError } from '../foundation/errors.ts';
import type { Checkpoint, JobInfo, JobState, RunRecord } from '../ledger/run-record.ts';
import type { Hyperparameters, PlatformOptions, RunSpec } from '../ledger/run-spec.ts';
import type { TrainingFile } from '../training/training-file.ts';
import { CloudStorage, gcsUri, md5Base64, parseGcsUri, storageHost, type GcsLocation } from './cloud-storage.ts';
import type { FineTuningPlatform, JobProgress, ModelEndpoint, RunIdentity, UploadedFile } from './platform.ts';
import { baseModel, type BaseModelInfo } from '../models/prices.ts';
import { retryTransient, type RetryPolicy } from './transient-retry.ts';
import { readRunOptions } from './platform-settings.ts';
import { explainVertexError, isTransientVertexError, vertexRetryAfterMs } from './vertex-errors.ts';
import { GCS_URI_ENV, VERTEX_SETTINGS, type VertexRunOptions } from './vertex-settings.ts';

/** Labels a tuning job carries so it can be found from the run alone (lowercase, digits, `_`, `-`; 63 characters at most). */
export const RUN_KEY_LABEL = 'ftbench_run';
export const ATTEMPT_LABEL = 'ftbench_attempt';
export const DOMAIN_LABEL = 'ftbench_domain';

export const DEFAULT_LOCATION = 'us-central1';
const CLOUD_PLATFORM_SCOPE = 'https://www.googleapis.com/auth/cloud-platform';

const STATES: Record<string, JobState> = {
  JOB_STATE_QUEUED: 'queued',
  JOB_STATE_PENDING: 'queued',
  JOB_STATE_RUNNING: 'running',
  JOB_STATE_UPDATING: 'running',
  JOB_STATE_PAUSED: 'running',
  JOB_STATE_CANCELLING: 'cancelling',
  JOB_STATE_SUCCEEDED: 'succeeded',
  JOB_STATE_PARTIALLY_SUCCEEDED: 'succeeded',
  JOB_STATE_FAILED: 'failed',
  JOB_STATE_EXPIRED: 'failed',
  JOB_STATE_CANCELLED: 'cancelled',
};

const ADAPTER_SIZES: Record<number, AdapterSize> = {
  1: AdapterSize.ADAPTER_SIZE_ONE,
  2: AdapterSize.ADAPTER_SIZE_TWO,
  4: AdapterSize.ADAPTER_SIZE_FOUR,
  8: AdapterSize.ADAPTER_SIZE_EIGHT,
  16: AdapterSize.ADAPTER_SIZE_SIXTEEN,
  32: AdapterSize.ADAPTER_SIZE_THIRTY_TWO,
};

export interface VertexPlatformOptions {
  /** VERTEX_SETTINGS.connection: gcsUri, where training files go (default $FTBENCH_GCS_URI). */
  connection?: Readonly<Record<string, string>>;
  /** Retries of a call that failed for a passing reason (default 5). */
  retries?: number;
  /** Told about each retry. */
  onRetry?: (message: string) => void;
}

/** One example per line: `{"systemInstruction"?, "contents": [{role: user|model, parts: [{text}]}…]}`. */
export function vertexTrainingJsonl(file: TrainingFile): string {
  const lines = file.examples.map((example) => {
    const system = example.messages.filter((m) => m.role === 'system').map((m) => m.content);
    const contents = example.messages
      .filter((m) => m.role !== 'system')
      .map((m) => ({ role: m.role === 'assistant' ? 'model' : 'user', parts: [{ text: m.content }] }));
    return JSON.stringify(system.length ? { systemInstruction: { role: 'system', parts: [{ text: system.join('\n') }] }, contents } : { contents });
  });
  return `${lines.join('\n')}\n`;
}

const count = (value: string | number | undefined | null): number | null => {
  if (value === undefined || value === null || value === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
};

/** Fields @google/genai passes through from the REST resource without typing them. */
type TuningJobResource = TuningJob & { tuningJobMetadata?: { completedStepCount?: string; completedEpochCount?: string } };

export function toJobInfo(job: TuningJob): JobInfo {
  const raw = String(job.state ?? 'JOB_STATE_UNSPECIFIED');
  const stats = job.tuningDataStats?.supervisedTuningDataStats;
  const error = job.error ? `${job.error.message ?? 'failed'}${job.error.code !== undefined ? ` (code ${job.error.code})` : ''}` : null;
  return {
    id: job.name ?? '',
    state: STATES[raw] ?? 'unknown',
    rawStatus: raw,
    tunedModel: job.tunedModel?.model ?? null,
    endpoint: job.tunedModel?.endpoint ?? null,
    trainedTokens: count(stats?.totalBillableTokenCount),
    createdAt: job.createTime ?? null,
    finishedAt: job.endTime ?? null,
    estimatedFinish: null,
    error: raw === 'JOB_STATE_CANCELLED' ? null : error,
  };
}

export function toJobProgress(job: TuningJob): JobProgress {
  const metadata = (job as TuningJobResource).tuningJobMetadata;
  // Each kept checkpoint is deployed to its own endpoint (the last one's is the tuned model's); one without an endpoint is not served.
  const checkpoints = (job.tunedModel?.checkpoints ?? []).map((c) => ({
    id: c.checkpointId ?? String(c.epoch ?? ''),
    step: count(c.step) ?? 0,
    model: c.endpoint ?? '',
    trainLoss: null,
    epoch: count(c.epoch),
  }));
  return {
    step: count(metadata?.completedStepCount),
    totalSteps: count(job.tuningDataStats?.supervisedTuningDataStats?.tuningStepCount),
    // Vertex AI reports losses in the job's experiment (Vertex AI Experiments), not on the job itself.
    trainLoss: null,
    checkpoints: checkpoints.sort((a, b) => a.step - b.step),
  };
}

/** A label value: lowercase, digits, `_` and `-`, at most 63 characters. */
const labelValue = (text: string): string => text.toLowerCase().replace(/[^a-z0-9_-]/g, '-').slice(0, 63);

export class VertexPlatform implements FineTuningPlatform {
  readonly id = 'vertex';
  private sdk: GoogleGenAI | undefined;
  private storageClient: CloudStorage | undefined;
  private auth: GoogleAuth | undefined;

  constructor(
    private readonly env: NodeJS.ProcessEnv = process.env,
    private readonly options: VertexPlatformOptions = {},
  ) {}

  get project(): string {
    const project = this.env.GOOGLE_CLOUD_PROJECT?.trim();
    if (!project)
      throw new UserError('GOOGLE_CLOUD_PROJECT is not set: export the Google Cloud project to tune in (or run the emulator, `npm run emulator -- vertex`, and export what it prints)');
    return project;
  }

  get location(): string {
    return this.env.GOOGLE_CLOUD_LOCATION?.trim() || DEFAULT_LOCATION;
  }

  private get attempts(): number {
    return (this.options.retries ?? 5) + 1;
  }

  /** Where training files go: --gcs-uri, else $FTBENCH_GCS_URI. */
  private gcs(): GcsLocation & { uri: string } {
    const flag = `--${VERTEX_SETTINGS.connection.gcsUri.flag}`;
    const given = this.options.connection?.gcsUri;
    const uri = given ?? this.env[GCS_URI_ENV];
    if (!uri?.trim())
      throw new UserError(
        `Vertex AI tunes from a file in Cloud Storage: name where to put it with ${flag} gs://BUCKET/FOLDER or ${GCS_URI_ENV} (a bucket in project ${this.env.GOOGLE_CLOUD_PROJECT ?? '$GOOGLE_CLOUD_PROJECT'} that the Vertex AI service agent can read)`,
      );
    return { ...parseGcsUri(uri, given ? flag : GCS_URI_ENV), uri: uri.trim() };
  }

  preflight(): void {
    void this.project;
    this.gcs();
  }

  private googleAuth(): GoogleAuth {
    const keyFilename = this.env.GOOGLE_APPLICATION_CREDENTIALS || undefined;
    this.auth ??= new GoogleAuth({ scopes: CLOUD_PLATFORM_SCOPE, ...(keyFilename && { keyFilename }) });
    return this.auth;
  }

  private client(): GoogleGenAI {
    if (this.sdk) return this.sdk;
    const baseUrl = this.env.GOOGLE_VERTEX_BASE_URL || undefined;
    const keyFilename = this.env.GOOGLE_APPLICATION_CREDENTIALS || undefined;
    this.sdk = new GoogleGenAI({
      vertexai: true,
      project: this.project,
      location: this.location,
      googleAuthOptions: { scopes: CLOUD_PLATFORM_SCOPE, ...(keyFilename && { keyFilename }) },
      httpOptions: { timeout: 120_000, ...(baseUrl && { baseUrl }) },
    });
    return this.sdk;
  }

  private storage(): CloudStorage {
    this.storageClient ??= new CloudStorage(async () => {
      const token = await this.googleAuth().getAccessToken();
      if (!token) throw new UserError('google-auth-library returned no access token: run gcloud auth application-default login');
      return token;
    }, storageHost(this.env));
    return this.storageClient;
  }

  private policy(doing: string, what = 'retry'): RetryPolicy {
    return {
      attempts: this.attempts,
      baseMs: 500,
      maxMs: 16_000,
      isTransient: isTransientVertexError,
      retryAfterMs: vertexRetryAfterMs,
      onRetry: (err, delay, attempt) =>
        this.options.onRetry?.(`${doing}: ${String((err as Error).message).split('\n')[0]!.slice(0, 200)}; ${what} ${attempt} in ${(delay / 1000).toFixed(1)}s`),
    };
  }

  /** Runs a call with retries on passing errors; what still fails is explained. */
  private async call<T>(doing: string, fn: (attempt: number) => Promise<T>, extra: { model?: string; gcsUri?: string; policy?: RetryPolicy } = {}): Promise<T> {
    try {
      return await retryTransient(fn, extra.policy ?? this.policy(doing));
    } catch (err) {
      throw explainVertexError(err, { doing, project: this.env.GOOGLE_CLOUD_PROJECT ?? '?', location: this.location, model: extra.model, gcsUri: extra.gcsUri, attempts: this.attempts });
    }
  }

  baseModel(model: string): BaseModelInfo {
    return baseModel(this.id, model);
  }

  checkRun(h: Hyperparameters, options: PlatformOptions, model: BaseModelInfo): void {
    if (h.batchSize !== 'auto') throw new UserError('--batch-size: Vertex AI chooses the batch size of Gemini tuning itself; leave it out');
    const { adapterSize } = readRunOptions(VERTEX_SETTINGS, options, model.snapshot);
    if (adapterSize !== undefined && model.adapterSizes && !model.adapterSizes.includes(adapterSize))
      throw new UserError(`--${VERTEX_SETTINGS.run.adapterSize.flag} ${adapterSize}: ${model.snapshot} takes ${model.adapterSizes.join(', ')} (lib/models/prices.json)`);
  }

  trainingPrice(model: BaseModelInfo): { usdPerMillion: number } {
    return { usdPerMillion: model.training };
  }

  /** The run's own settings as the tuning job's config fields. */
  private settingsConfig(options: VertexRunOptions): { adapterSize?: AdapterSize } {
    return { ...(options.adapterSize !== undefined && { adapterSize: ADAPTER_SIZES[options.adapterSize] }) };
  }

  renderTrainingFile(file: TrainingFile): { content: string; filename: string } {
    return { content: vertexTrainingJsonl(file), filename: `${file.domain}.jsonl` };
  }

  private objectName(run: RunIdentity, gcs: GcsLocation): string {
    return `${gcs.prefix ? `${gcs.prefix}/` : ''}ftbench-${run.key}.jsonl`;
  }

  async upload(run: RunIdentity, content: string): Promise<UploadedFile> {
    const gcs = this.gcs();
    const name = this.objectName(run, gcs);
    const uri = gcsUri(gcs.bucket, name);
    const bytes = Buffer.byteLength(content);
    const doing = `uploading run ${run.name}'s training file to ${uri}`;
    return this.call(
      doing,
      async () => {
        // Uploaded before (by a process killed before it wrote the ledger)? The same bytes are not sent twice.
        const existing = await this.storage().stat(gcs.bucket, name);
        if (existing && existing.size === bytes && existing.md5Hash === md5Base64(content)) return { fileId: uri, bytes };
        await this.storage().upload(gcs.bucket, name, content, 'application/jsonl');
        return { fileId: uri, bytes };
      },
      { gcsUri: gcs.uri },
    );
  }

  private async listJobs(doing: string): Promise<TuningJob[]> {
    return this.call(doing, async () => {
      const jobs: TuningJob[] = [];
      for await (const job of await this.client().tunings.list({ config: { pageSize: 100 } })) jobs.push(job);
      return jobs;
    });
  }

  async findJob(run: RunIdentity): Promise<JobInfo | null> {
    const jobs = await this.listJobs(`looking for run ${run.name}'s tuning job`);
    const found = jobs
      .filter((j) => j.labels?.[RUN_KEY_LABEL] === run.key && j.labels?.[ATTEMPT_LABEL] === String(run.attempt))
      .sort((a, b) => (a.createTime ?? '').localeCompare(b.createTime ?? ''));
    return found[0] ? toJobInfo(found[0]) : null;
  }

  async createJob(run: RunIdentity, spec: RunSpec, file: UploadedFile): Promise<JobInfo> {
    const h = spec.hyperparameters;
    const doing = `creating the tuning job of run ${run.name}`;
    const config = {
      ...(h.epochs !== null && { epochCount: h.epochs }),
      ...(h.learningRateMultiplier !== 'auto' && { learningRateMultiplier: h.learningRateMultiplier }),
      ...this.settingsConfig(readRunOptions(VERTEX_SETTINGS, spec.platformOptions, run.name)),
      // Keep a checkpoint (and endpoint) per epoch, for learning curves (npm run suites -- --checkpoints).
      exportLastCheckpointOnly: false,
      tunedModelDisplayName: run.name.slice(0, 128),
      description: `finetune-harness run ${run.name} (${run.key}), attempt ${run.attempt}`,
      labels: { [RUN_KEY_LABEL]: run.key, [ATTEMPT_LABEL]: String(run.attempt), [DOMAIN_LABEL]: labelValue(run.domain) },
    };
    return this.call(
      doing,
      async (attempt) => {
        // A create whose answer was lost may have made the job: ask before making another.
        if (attempt > 0) {
          const landed = await this.findJob(run);
          if (landed) return landed;
        }
        return toJobInfo(await this.client().tunings.tune({ baseModel: spec.baseModel, trainingDataset: { gcsUri: file.fileId }, config }));
      },
      { model: spec.baseModel, policy: this.policy(doing, 'checking it did not land, retry') },
    );
  }

  private async read(jobId: string): Promise<TuningJob> {
    return this.call(`reading tuning job ${jobId}`, () => this.client().tunings.get({ name: jobId }));
  }

  async getJob(jobId: string): Promise<JobInfo> {
    return toJobInfo(await this.read(jobId));
  }

  async getProgress(jobId: string): Promise<JobProgress> {
    return toJobProgress(await this.read(jobId));
  }

  async cancelJob(jobId: string): Promise<JobInfo> {
    await this.call(`cancelling tuning job ${jobId}`, () => this.client().tunings.cancel({ name: jobId }));
    return this.getJob(jobId);
  }

  isTransient(err: unknown): boolean {
    return isTransientVertexError(err instanceof UserError && err.cause ? err.cause : err);
  }

  endpoint(model: string): ModelEndpoint {
    return model.includes('/endpoints/') ? { api: 'vertex', endpoint: model } : { api: 'vertex', model };
  }

  tunedEndpoint(record: RunRecord): ModelEndpoint {
    const endpoint = record.job?.endpoint;
    if (!endpoint) throw new UserError(`run ${record.name} has no tuned endpoint in the ledger: refresh it with npm run finetune -- status --run ${record.name}`);
    return { api: 'vertex', endpoint };
  }

  baseEndpoint(spec: RunSpec): ModelEndpoint {
    return { api: 'vertex', model: spec.baseModel };
  }

  readonly checkpointsKept =
    'a checkpoint after each epoch (about ten spread evenly past ten epochs), each deployed to its own endpoint; the harness asks for them with exportLastCheckpointOnly: false';

  checkpointEndpoint(_record: RunRecord, checkpoint: Checkpoint): ModelEndpoint | null {
    return checkpoint.model.includes('/endpoints/') ? { api: 'vertex', endpoint: checkpoint.model } : null;
  }
}
