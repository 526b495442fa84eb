/**
 * What a base model costs and allows, per platform, from the one data file
 * lib/models/prices.json (with the date its prices were read and their
 * sources). Plans, cost estimates and providers all read it here.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { UserError } from '../foundation/errors.ts';
import { TOKENIZER_ENCODINGS } from '../training/token-counter.ts';

const perMillion = z.number().nonnegative();
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

const ModelEntrySchema = z
  .object({
    aliases: z.array(z.string()).default([]),
    tokenizer: z.enum(TOKENIZER_ENCODINGS),
    /** `approximate`: the model's own tokenizer is not available offline, so `tokenizer` stands in for it. */
    tokenCount: z.enum(['exact', 'approximate']).default('exact'),
    maxExampleTokens: z.number().int().positive(),
    /** Per 1M trained tokens (LoRA where the platform offers both). */
    training: perMillion,
    /** Per 1M trained tokens for full fine-tuning, where the platform offers it. */
    trainingFull: perMillion.optional(),
    /** LoRA adapter sizes the platform accepts for this model (Vertex AI's adapterSize setting checks it). */
    adapterSizes: z.array(z.number().int().positive()).optional(),
    base: z.object({ input: perMillion, output: perMillion }).strict(),
    tuned: z.object({ input: perMillion, output: perMillion }).strict(),
    retires: isoDate.optional(),
    /** What is known of a retirement whose date is not final. */
    retirementNote: z.string().optional(),
  })
  .strict();

const PriceFileSchema = z
  .object({
    readOn: isoDate,
    currency: z.literal('USD'),
    unit: z.literal('per 1M tokens'),
    note: z.string(),
    sources: z.array(z.string()).min(1),
    platforms: z.record(
      z.string(),
      z
        .object({
          /** When this platform's prices were read, if not on the file's date, and where. */
          readOn: isoDate.optional(),
          sources: z.array(z.string()).min(1).optional(),
          note: z.string().optional(),
          training: z.object({ closedForNewOrganizations: isoDate.optional(), closedForAll: isoDate.optional() }).strict().optional(),
          models: z.record(z.string(), ModelEntrySchema),
        })
        .strict(),
    ),
  })
  .strict();

export type PriceFile = z.output<typeof PriceFileSchema>;

export interface BaseModelInfo extends z.output<typeof ModelEntrySchema> {
  platform: string;
  /** The dated snapshot the prices are listed under. */
  snapshot: string;
  /** The name asked for (an alias, a snapshot, or a fine-tuned model's id). */
  requested: string;
  pricesReadOn: string;
}

export const PRICES_FILE = new URL('./prices.json', import.meta.url);

let cached: PriceFile | undefined;

export function priceFile(): PriceFile {
  cached ??= PriceFileSchema.parse(JSON.parse(readFileSync(PRICES_FILE, 'utf8')));
  return cached;
}

/** `ft:gpt-4o-mini-2024-07-18:org::abc` → `gpt-4o-mini-2024-07-18`: a tuned model costs what its base does. */
function baseOfTuned(model: string): string | undefined {
  return model.startsWith('ft:') ? model.split(':')[1] : undefined;
}

export function findBaseModel(platform: string, model: string): BaseModelInfo | undefined {
  const file = priceFile();
  const entries = file.platforms[platform];
  const models = entries?.models ?? {};
  const name = baseOfTuned(model) ?? model;
  for (const [snapshot, entry] of Object.entries(models)) {
    if (snapshot === name || entry.aliases.includes(name)) return { ...entry, platform, snapshot, requested: model, pricesReadOn: entries?.readOn ?? file.readOn };
  }
  return undefined;
}

/** The base model's facts, or a UserError listing the models the data file knows. */
export function baseModel(platform: string, model: string): BaseModelInfo {
  const found = findBaseModel(platform, model);
  if (found) return found;
  const models = priceFile().platforms[platform]?.models;
  if (!models) throw new UserError(`no prices are known for platform "${platform}" (lib/models/prices.json)`);
  const names = Object.entries(models).flatMap(([s, e]) => [...e.aliases, s]);
  throw new UserError(`model "${model}" is not a base model this project knows for ${platform}; known: ${names.join(', ')} (lib/models/prices.json)`);
}

/** What training costs at a price per 1M trained tokens (the platform chooses it: FineTuningPlatform.trainingPrice). */
export function trainingCost(usdPerMillion: number, trainedTokens: number): number {
  return (trainedTokens / 1_000_000) * usdPerMillion;
}
