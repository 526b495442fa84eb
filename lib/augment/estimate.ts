/**
 * What an augmentation will cost, before anything is asked (`--dry-run`,
 * and the first lines of a real run): the calls still to make (the cache
 * has the others), their prompt tokens counted with o200k_base (exact for
 * OpenAI's gpt-4o and gpt-4.1 families, an approximation for other models),
 * the reply tokens estimated as each asked line ≈ the text it rewrites + 8
 * tokens, and the cost when lib/models/prices.json knows the model
 * (an `openai:` provider id naming one of its models).
 */
import { inferencePrice, priceTokens } from '../models/inference-price.ts';
import { findBaseModel, type BaseModelInfo } from '../models/prices.ts';
import type { AugmentRequest, AugmentTask } from './augment-domain.ts';

export interface AugmentEstimate {
  calls: number;
  cached: number;
  promptTokens: number;
  replyTokens: number;
  /** Null when no price is known for the provider. */
  costUsd: number | null;
  model: BaseModelInfo | null;
}

/** The OpenAI model an `openai:` provider id names (`openai:chat:gpt-4o-mini`, `openai:gpt-4o-mini`), if prices.json knows it. */
export function pricedModel(providerId: string): BaseModelInfo | null {
  const m = /^openai:(?:chat:|responses:)?([^:]+)$/.exec(providerId.trim());
  return m ? (findBaseModel('openai', m[1]!) ?? null) : null;
}

export async function estimateAugment(request: AugmentRequest, tasks: readonly AugmentTask[]): Promise<AugmentEstimate> {
  const { encode } = await import('gpt-tokenizer/encoding/o200k_base');
  const facts = new Map(request.loaded.domain.facts.map((f) => [f.id, f]));
  let promptTokens = 0;
  let replyTokens = 0;
  const open = tasks.filter((t) => !t.cached);
  for (const t of open) {
    const fact = facts.get(t.fact)!;
    promptTokens += encode(t.prompt).length + 7; // + the chat framing of one user message
    replyTokens += t.count * (encode(t.kind === 'paraphrases' ? (fact.question ?? '') : fact.statement).length + 8);
  }
  const model = pricedModel(request.provider.id);
  const costUsd = model ? priceTokens(inferencePrice(model, false), promptTokens, replyTokens) : null;
  return { calls: open.length, cached: tasks.length - open.length, promptTokens, replyTokens, costUsd, model };
}
