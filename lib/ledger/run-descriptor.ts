/**
 * What a tuned model's answers say about the run behind them: the settings
 * that define the run and, for a checkpoint, where in training it was. The
 * providers put it in each result's metadata (`ftbenchRun`), so a promptfoo
 * results file says by itself which runs differ in one setting (recipe
 * comparisons) and which points make a learning curve, without the ledger.
 */
import type { Checkpoint, RunRecord } from './run-record.ts';
import { checkpointEpoch } from './checkpoints.ts';
import { describeRecipe } from '../training/recipe.ts';

export interface RunDescriptor {
  key: string;
  name: string;
  platform: string;
  domain: string;
  /** First 12 hex digits of the domain file's sha256. */
  domainVersion: string;
  baseModel: string;
  epochs: number | null;
  batchSize: number | 'auto';
  learningRateMultiplier: number | 'auto';
  seed: number;
  /** `default`, `variants`, … and `+aug-<sha6>` when the recipe read an augmentation sidecar. */
  recipe: string;
  adapterSize: number | null;
  trainingType: string | null;
  /** Set for a checkpoint's answers; null for the run's tuned model. */
  checkpoint: { id: string; epoch: number | null; step: number } | null;
}

export function describeRun(record: RunRecord, checkpoint?: Checkpoint): RunDescriptor {
  const { spec } = record;
  const h = spec.hyperparameters;
  return {
    key: record.key,
    name: record.name,
    platform: spec.platform,
    domain: spec.domain.id,
    domainVersion: spec.domain.sha256.slice(0, 12),
    baseModel: spec.baseModel,
    epochs: h.epochs,
    batchSize: h.batchSize,
    learningRateMultiplier: h.learningRateMultiplier,
    seed: spec.seed,
    recipe: `${describeRecipe(spec.recipe)}${spec.augmentation ? `+aug-${spec.augmentation.sha256.slice(0, 6)}` : ''}`,
    adapterSize: h.adapterSize ?? null,
    trainingType: h.trainingType ?? null,
    checkpoint: checkpoint ? { id: checkpoint.id, epoch: checkpointEpoch(record, checkpoint), step: checkpoint.step } : null,
  };
}

/** Reads a descriptor back from a result's metadata; null when there is none (not a tuned run's answer). */
export function runDescriptorOf(metadata: Record<string, unknown> | undefined): RunDescriptor | null {
  const d = metadata?.ftbenchRun as RunDescriptor | undefined;
  return d && typeof d === 'object' && typeof d.key === 'string' && typeof d.baseModel === 'string' ? d : null;
}
