/**
 * The price an answer was asked at, as the providers put it in the answer's
 * metadata (`inferencePrice`): the model's dated price per 1M input and
 * output tokens from prices.json, base or tuned. The report prices each
 * answer's reported tokens with it (lib/report/approach-costs.ts), so it
 * needs to know neither the platform nor the price table, and a results file
 * keeps the prices it was measured at.
 */
import { z } from 'zod';
import type { BaseModelInfo } from './prices.ts';

/** The key of the price in an answer's metadata. */
export const INFERENCE_PRICE_KEY = 'inferencePrice';

export const InferencePriceSchema = z
  .object({
    platform: z.string(),
    /** The dated snapshot the prices are listed under. */
    model: z.string(),
    /** The fine-tuned model's price, not the base model's. */
    tuned: z.boolean(),
    inputPerMillion: z.number().nonnegative(),
    outputPerMillion: z.number().nonnegative(),
    /** When the prices were read (prices.json). */
    readOn: z.string(),
  })
  .strict();

export type InferencePrice = z.output<typeof InferencePriceSchema>;

export function inferencePrice(info: BaseModelInfo, tuned: boolean): InferencePrice {
  const p = tuned ? info.tuned : info.base;
  return { platform: info.platform, model: info.snapshot, tuned, inputPerMillion: p.input, outputPerMillion: p.output, readOn: info.pricesReadOn };
}

/** `{ inferencePrice }` to spread into an answer's metadata, or nothing when the model's prices are not known. */
export const inferencePriceMetadata = (price: InferencePrice | null | undefined): { inferencePrice?: InferencePrice } => (price ? { [INFERENCE_PRICE_KEY]: price } : {});

/**
 * What `promptTokens` in and `completionTokens` out cost at `price`, in USD:
 * rounded to 1e-12 USD, far below any token's price, so that what the viewer
 * and the report show reads 0.0000219, not the float sum 0.000021900000000000004.
 */
export function priceTokens(price: InferencePrice, promptTokens: number, completionTokens: number): number {
  return Math.round(((promptTokens * price.inputPerMillion + completionTokens * price.outputPerMillion) / 1_000_000) * 1e12) / 1e12;
}
