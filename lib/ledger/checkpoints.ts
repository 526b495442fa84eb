/**
 * The checkpoints of a succeeded run that can be evaluated beside its tuned
 * model: those the platform serves (they have a model id or endpoint), not
 * the final one (the tuned model itself), each with the epoch it closes.
 * The epoch is the platform's when it says (Vertex AI, Together AI), else
 * derived from the step: step × epochs ÷ total steps, kept only when that is
 * a whole number (OpenAI writes its checkpoints at epoch ends); otherwise the
 * checkpoint is known by its step alone.
 */
import { isTerminal, type Checkpoint, type RunRecord } from './run-record.ts';

/**
 * True for a run whose job had stopped before the ledger read its final
 * progress and checkpoints: a job `start` found already finished (by its run
 * key on the platform, or in an older ledger). `start`, `status` and `wait`
 * read them, so a learning curve (`--checkpoints`) does not silently lack
 * the run.
 */
export function lacksFinalProgress(record: RunRecord): boolean {
  return record.job !== null && isTerminal(record.state) && record.progress === null;
}

export interface ServedCheckpoint {
  checkpoint: Checkpoint;
  epoch: number | null;
  step: number;
}

export function checkpointEpoch(record: RunRecord, checkpoint: Checkpoint): number | null {
  if (checkpoint.epoch !== undefined && checkpoint.epoch !== null) return checkpoint.epoch;
  const epochs = record.spec.hyperparameters.epochs;
  const total = record.progress?.totalSteps;
  if (!epochs || !total) return null;
  const exact = (checkpoint.step * epochs) / total;
  return Math.abs(exact - Math.round(exact)) < 1e-6 && Math.round(exact) >= 1 ? Math.round(exact) : null;
}

/** Served intermediate checkpoints, earliest first. */
export function servedCheckpoints(record: RunRecord): ServedCheckpoint[] {
  if (record.state !== 'succeeded') return [];
  const epochs = record.spec.hyperparameters.epochs;
  const total = record.progress?.totalSteps ?? null;
  const final = new Set([record.job?.tunedModel, record.job?.endpoint].filter((m): m is string => Boolean(m)));
  return record.checkpoints
    .filter((c) => c.model !== '' && !final.has(c.model))
    .map((c) => ({ checkpoint: c, epoch: checkpointEpoch(record, c), step: c.step }))
    .filter((c) => !(total !== null && c.step >= total) && !(epochs !== null && c.epoch !== null && c.epoch >= epochs))
    .sort((a, b) => a.step - b.step);
}

/** A checkpoint of a run by its id (or the model it answers at). */
export function findCheckpoint(record: RunRecord, ref: string): Checkpoint | undefined {
  return record.checkpoints.find((c) => c.id === ref) ?? record.checkpoints.find((c) => c.model === ref);
}
