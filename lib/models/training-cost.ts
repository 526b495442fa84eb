/**
 * What a run's training cost: the tokens the platform reports it trained
 * (OpenAI's `trained_tokens`, Vertex AI's billable tokens, Together's token
 * count) × the price per token the plan used (the dated prices.json price
 * the platform chose) once the job reports them; before that, the estimate
 * shown when it was planned (the training file's tokens counted with the
 * base model's tokenizer × epochs × the price). The providers asking a run put it in each answer's metadata
 * (`trainingCost`) for the report's cost section.
 */
import { z } from 'zod';
import type { RunRecord } from '../ledger/run-record.ts';
import { trainingCost } from './prices.ts';

/** The key of the cost in an answer's metadata. */
export const TRAINING_COST_KEY = 'trainingCost';

export const TrainingCostSchema = z
  .object({
    usd: z.number().nonnegative(),
    /** `platform`: the trained tokens the platform reported; `estimate`: the plan's count, before the platform reported any. */
    from: z.enum(['platform', 'estimate']),
    trainedTokens: z.number().int().nonnegative(),
    /** When the prices it was computed with were read (prices.json). */
    pricesReadOn: z.string(),
  })
  .strict();

export type TrainingCost = z.output<typeof TrainingCostSchema>;

/**
 * The run's training cost; null when nothing says (a model registered from
 * elsewhere has no plan, so no price).
 */
export function trainingCostOf(record: RunRecord): TrainingCost | null {
  const reported = record.job?.trainedTokens;
  const e = record.estimate;
  if (!e) return null;
  // The platform's count at the plan's price per token (the platform chose it: FineTuningPlatform.trainingPrice, e.g. LoRA or full).
  if (reported && reported > 0 && e.trainedTokens > 0) {
    return { usd: trainingCost((e.costUsd / e.trainedTokens) * 1_000_000, reported), from: 'platform', trainedTokens: reported, pricesReadOn: e.pricesReadOn };
  }
  return { usd: e.costUsd, from: 'estimate', trainedTokens: e.trainedTokens, pricesReadOn: e.pricesReadOn };
}

/** `{ trainingCost }` to spread into an answer's metadata, or nothing. */
export const trainingCostMetadata = (cost: TrainingCost | null | undefined): { trainingCost?: TrainingCost } => (cost ? { [TRAINING_COST_KEY]: cost } : {});
