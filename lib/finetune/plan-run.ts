/**
 * Plans a run without contacting anything: builds and validates the training
 * file, counts its tokens with the base model's tokenizer, and estimates the
 * trained tokens and the cost from lib/models/prices.json.
 */
import path from 'node:path';
import { readSidecar } from '../training/sidecar.ts';
import { sha256 } from '../foundation/content-hash.ts';
import type { LoadedDomain } from '../domain/load.ts';
import type { FineTuningPlatform } from '../platforms/platform.ts';
import { platformNotice } from '../models/platform-notice.ts';
import { trainingCost, type BaseModelInfo } from '../models/prices.ts';
import { checkPlatformOptions } from '../platforms/registry.ts';
import { projectRelative } from '../foundation/project-root.ts';
import type { RunRecord } from '../ledger/run-record.ts';
import { runKey, type Hyperparameters, type RunSpec } from '../ledger/run-spec.ts';
import { runName } from './run-name.ts';
import type { Recipe } from '../training/recipe.ts';
import { loadTokenCounter, type CountChatTokens, type TokenizerEncoding } from '../training/token-counter.ts';
import { buildTrainingFile, type TrainingFile } from '../training/training-file.ts';
import { validateTrainingFile, type TrainingFileStats } from '../training/validate-training-file.ts';

export interface RunRequest {
  platform: string;
  domain: LoadedDomain;
  baseModel: string;
  /** As asked for; the platform fills in the defaults that belong in the run's key. */
  hyperparameters: Hyperparameters & { epochs: number };
  /** The platform's own settings as asked for (none: absent or {}); its declaration checks them and fills its defaults in. */
  platformOptions?: Readonly<Record<string, unknown>>;
  seed: number;
  recipe: Recipe;
}

export interface PlannedRun {
  spec: RunSpec;
  key: string;
  name: string;
  model: BaseModelInfo;
  /** USD per 1M trained tokens, and what it is the price of where the platform prices kinds of training apart (FineTuningPlatform.trainingPrice). */
  price: { usdPerMillion: number; variant?: string };
  trainingFile: TrainingFile;
  /** The file as uploaded. */
  upload: { content: string; filename: string };
  stats: TrainingFileStats;
  estimate: NonNullable<RunRecord['estimate']>;
  /** Things worth knowing before paying (a retired base model, a retirement announced without a date). */
  warnings: string[];
  /** The platform's dated notice in force on the plan's day (OpenAI's wind-down of fine-tuning), printed with the plan. */
  notice?: string;
  /** What the platform keeps of the job's intermediate checkpoints (FineTuningPlatform.checkpointsKept). */
  checkpointsKept: string;
}

const counters = new Map<TokenizerEncoding, Promise<CountChatTokens>>();

function counter(encoding: TokenizerEncoding): Promise<CountChatTokens> {
  let c = counters.get(encoding);
  if (!c) counters.set(encoding, (c = loadTokenCounter(encoding)));
  return c;
}

export async function planRun(request: RunRequest, platform: FineTuningPlatform, today = new Date().toISOString().slice(0, 10)): Promise<PlannedRun> {
  // Another platform's setting is said first: it is the mistake, whatever the model.
  const platformOptions = checkPlatformOptions(platform.id, request.platformOptions ?? {});
  const model = platform.baseModel(request.baseModel);
  const hyperparameters = request.hyperparameters;
  platform.checkRun(hyperparameters, platformOptions, model);
  const price = platform.trainingPrice(model, platformOptions);
  const { domain, file, text } = request.domain;
  // The augmentation sidecar counts (and is in the key) only for recipes that read it.
  const sidecar = request.recipe.variants || request.recipe.statements ? readSidecar(request.domain) : null;
  const spec: RunSpec = {
    platform: platform.id,
    domain: { id: domain.id, file: projectRelative(file), sha256: sha256(text) },
    baseModel: request.baseModel,
    hyperparameters,
    ...(Object.keys(platformOptions).length && { platformOptions }),
    seed: request.seed,
    recipe: request.recipe,
    ...(sidecar && { augmentation: { file: projectRelative(sidecar.file), sha256: sidecar.sha256 } }),
  };
  const trainingFile = buildTrainingFile(domain, request.recipe, sidecar?.sidecar);
  const stats = validateTrainingFile(
    trainingFile,
    domain,
    { countTokens: await counter(model.tokenizer), maxExampleTokens: model.maxExampleTokens, model: model.snapshot },
    path.relative(process.cwd(), file) || file,
  );
  const trainedTokens = stats.tokensPerEpoch * request.hyperparameters.epochs;
  const warnings: string[] = [];
  if (model.retires && model.retires <= today)
    warnings.push(`${model.snapshot} retired on ${model.retires}: a job on it will fail, and its tuned models no longer answer`);
  if (model.retirementNote) warnings.push(`${model.snapshot}: ${model.retirementNote}`);
  const notice = platformNotice(platform.id, today);
  return {
    spec,
    key: runKey(spec),
    name: runName(spec),
    model,
    price,
    trainingFile,
    upload: platform.renderTrainingFile(trainingFile),
    stats,
    estimate: {
      examples: stats.examples,
      tokensPerEpoch: stats.tokensPerEpoch,
      trainedTokens,
      costUsd: trainingCost(price.usdPerMillion, trainedTokens),
      pricesReadOn: model.pricesReadOn,
    },
    warnings,
    ...(notice && { notice }),
    checkpointsKept: platform.checkpointsKept,
  };
}
