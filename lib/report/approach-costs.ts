/**
 * What each provider's answers cost, read from promptfoo results: per
 * provider × domain × split, the tokens its answers reported (promptfoo's
 * `response.tokenUsage`: prompt and completion) priced at the dated price
 * each answer carries (`metadata.inferencePrice`, lib/models/inference-price.ts),
 * and its run's training cost (`metadata.trainingCost`, lib/models/training-cost.ts).
 *
 * Every answer counts, cached ones too: the figure is what answering costs,
 * not what this eval was billed. A number is kept only when measured: an
 * answer that reported no tokens, or a model with no known price, leaves the
 * figure without data (with the reason), never $0. Answers an emulator gave
 * (`metadata.emulated`) mark the figures emulated: their token counts are the
 * emulator's estimate.
 */
import { InferencePriceSchema, priceTokens, INFERENCE_PRICE_KEY } from '../models/inference-price.ts';
import { TrainingCostSchema, TRAINING_COST_KEY, type TrainingCost } from '../models/training-cost.ts';
import { isErrored, providerName, type PromptfooResultLike } from './summary.ts';

export interface InferenceTally {
  /** Answers given (calls that did not fail). */
  answers: number;
  /** Answers that reported their prompt and completion tokens. */
  withTokens: number;
  /** Answers that reported tokens and carried a price: the ones `usd` adds up. */
  priced: number;
  /** Sums over the answers that reported tokens. */
  promptTokens: number;
  completionTokens: number;
  /** Sum over the priced answers. */
  usd: number;
  /** Some answers came from an emulator: the token counts are its estimate. */
  emulated: boolean;
  /** The dates of the prices used (prices.json). */
  pricesReadOn: string[];
  /** The priced models: `openai gpt-4o-mini-2024-07-18 (tuned)`. */
  models: string[];
}

export interface ProviderCosts {
  provider: string;
  domain: string;
  split: string;
  inference: InferenceTally;
  /** The run's training cost its answers carry; null when they carry none. */
  training: TrainingCost | null;
}

const emptyTally = (): InferenceTally => ({ answers: 0, withTokens: 0, priced: 0, promptTokens: 0, completionTokens: 0, usd: 0, emulated: false, pricesReadOn: [], models: [] });

const count = (x: unknown): number | null => (typeof x === 'number' && Number.isFinite(x) && x >= 0 ? x : null);

/** Prompt and completion tokens an answer reported; null when it did not report both. */
export function answerTokens(r: PromptfooResultLike): { prompt: number; completion: number } | null {
  const usage = r.response?.tokenUsage;
  const prompt = count(usage?.prompt);
  const completion = count(usage?.completion);
  return prompt === null || completion === null ? null : { prompt, completion };
}

/** Costs of every provider × domain × split the results hold, keyed `provider \u0000 domain \u0000 split`. */
export function tallyCosts(results: readonly PromptfooResultLike[]): Map<string, ProviderCosts> {
  const out = new Map<string, ProviderCosts>();
  for (const r of results) {
    const meta = { ...(r.metadata ?? {}), ...(r.testCase?.metadata ?? {}) };
    const provider = providerName(r);
    const domain = String(meta.domain ?? 'unknown');
    const split = String(meta.split ?? 'all');
    const key = costKey(provider, domain, split);
    let c = out.get(key);
    if (!c) out.set(key, (c = { provider, domain, split, inference: emptyTally(), training: null }));
    // A malformed field is no figure: it is left out, never guessed.
    const training = TrainingCostSchema.safeParse(r.metadata?.[TRAINING_COST_KEY]);
    if (training.success && c.training === null) c.training = training.data;
    if (isErrored(r)) continue;
    const t = c.inference;
    t.answers++;
    if (r.metadata?.emulated === true) t.emulated = true;
    const tokens = answerTokens(r);
    if (!tokens) continue;
    t.withTokens++;
    t.promptTokens += tokens.prompt;
    t.completionTokens += tokens.completion;
    const price = InferencePriceSchema.safeParse(r.metadata?.[INFERENCE_PRICE_KEY]);
    if (!price.success) continue;
    t.priced++;
    t.usd += priceTokens(price.data, tokens.prompt, tokens.completion);
    if (!t.pricesReadOn.includes(price.data.readOn)) t.pricesReadOn.push(price.data.readOn);
    const model = `${price.data.platform} ${price.data.model}${price.data.tuned ? ' (tuned)' : ''}`;
    if (!t.models.includes(model)) t.models.push(model);
  }
  return out;
}

export const costKey = (provider: string, domain: string, split: string): string => `${provider}\u0000${domain}\u0000${split}`;

/** Per question, when every answer reported tokens; else null with why. */
export function perAnswer(t: InferenceTally): { promptTokens: number; completionTokens: number; usd: number | null; missing?: string } | { missing: string } {
  if (t.answers === 0) return { missing: 'no answers' };
  if (t.withTokens < t.answers) return { missing: t.withTokens === 0 ? 'no tokens reported' : `tokens reported for ${t.withTokens} of ${t.answers} answers` };
  const base = { promptTokens: t.promptTokens / t.answers, completionTokens: t.completionTokens / t.answers };
  if (t.priced < t.answers) return { ...base, usd: null, missing: t.priced === 0 ? 'no price known for this model (lib/models/prices.json)' : `a price for ${t.priced} of ${t.answers} answers` };
  return { ...base, usd: t.usd / t.answers };
}
