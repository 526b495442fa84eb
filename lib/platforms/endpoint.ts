/**
 * `endpoint`: a model tuned elsewhere (vLLM, Ollama, a llama.cpp server,
 * Fireworks, an Azure deployment) and served behind an OpenAI-compatible chat
 * API. Nothing is trained here: `npm run finetune -- register` records it in
 * the ledger as a succeeded run (lib/finetune/register-run.ts), and it is then
 * evaluated like any tuned model. Where it answers is in the run's spec
 * (`target`): the base URL, the model id there and the NAME of the variable
 * holding its key. Its base model, when given, is asked at the same server.
 */
import { UserError } from '../foundation/errors.ts';
import type { JobInfo, RunRecord } from '../ledger/run-record.ts';
import type { RunSpec } from '../ledger/run-spec.ts';
import type { TrainingFile } from '../training/training-file.ts';
import type { FineTuningPlatform, JobProgress, ModelEndpoint, UploadedFile } from './platform.ts';
import type { BaseModelInfo } from '../models/prices.ts';

const REGISTER =
  'the endpoint platform trains nothing: it records a model tuned elsewhere, e.g. npm run finetune -- register --name my-run --base-url http://localhost:8000/v1 --model my-lora --domain fictional-people [--base-model BASE] [--api-key-env VAR]';

function notTrainedHere(): never {
  throw new UserError(REGISTER);
}

export class EndpointPlatform implements FineTuningPlatform {
  readonly id = 'endpoint';

  baseModel(_model: string): BaseModelInfo {
    return notTrainedHere();
  }

  checkRun(): void {
    notTrainedHere();
  }

  trainingPrice(): { usdPerMillion: number } {
    return notTrainedHere();
  }

  renderTrainingFile(_file: TrainingFile): { content: string; filename: string } {
    return notTrainedHere();
  }

  upload(): Promise<UploadedFile> {
    return notTrainedHere();
  }

  findJob(): Promise<JobInfo | null> {
    return notTrainedHere();
  }

  createJob(): Promise<JobInfo> {
    return notTrainedHere();
  }

  /** A registered run is finished when registered: there is no job to ask about. */
  async getJob(jobId: string): Promise<JobInfo> {
    throw new UserError(`${jobId} is a registered model, not a job: there is nothing to refresh`);
  }

  async getProgress(jobId: string): Promise<JobProgress> {
    throw new UserError(`${jobId} is a registered model, not a job: it has no progress`);
  }

  async cancelJob(jobId: string): Promise<JobInfo> {
    throw new UserError(`${jobId} is a registered model, not a job: there is nothing to cancel`);
  }

  isTransient(): boolean {
    return false;
  }

  endpoint(model: string): ModelEndpoint {
    throw new UserError(`model ${model}: an endpoint run's server is in its ledger record; ask it with config: { run: <run name> }, or give config.baseURL`);
  }

  private target(spec: RunSpec): NonNullable<RunSpec['target']> {
    if (!spec.target) throw new UserError(`a run on platform endpoint has no target (base URL and model) in its ledger record; register it again`);
    return spec.target;
  }

  tunedEndpoint(record: RunRecord): ModelEndpoint {
    const t = this.target(record.spec);
    return { api: 'openai-chat', platform: this.id, model: t.model, baseUrl: t.baseUrl, apiKeyEnv: t.apiKeyEnv };
  }

  baseEndpoint(spec: RunSpec): ModelEndpoint {
    const t = this.target(spec);
    return { api: 'openai-chat', platform: this.id, model: spec.baseModel, baseUrl: t.baseUrl, apiKeyEnv: t.apiKeyEnv };
  }

  readonly checkpointsKept = 'nothing: a registered model is one model, without checkpoints';

  checkpointEndpoint(): ModelEndpoint | null {
    return null;
  }
}
