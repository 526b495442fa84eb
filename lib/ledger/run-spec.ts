/**
 * What defines a fine-tuning run, and the key derived from it: a hash of the
 * domain's content, the training recipe, the platform, the base model, the
 * hyperparameters and the seed. The same definition always has the same key,
 * so starting it twice finds the first job instead of paying for a second.
 */
import { z } from 'zod';
import { canonicalJson, sha256 } from '../foundation/content-hash.ts';
import { describeRecipe, RecipeSchema } from '../training/recipe.ts';

/** Used when no --seed is given, so a run without one is still reproducible (and has a stable key). */
export const DEFAULT_SEED = 42;

/** Vertex AI's LoRA adapter sizes (Gemini takes 1 to 16; 32 is for open models). */
export const ADAPTER_SIZES = [1, 2, 4, 8, 16, 32] as const;
export const TRAINING_TYPES = ['lora', 'full'] as const;
export type TrainingType = (typeof TRAINING_TYPES)[number];

export const HyperparametersSchema = z
  .object({
    /** null only for a model registered from elsewhere whose epochs were not given. */
    epochs: z.number().int().min(1).max(50).nullable(),
    batchSize: z.union([z.number().int().min(1).max(256), z.literal('auto')]),
    learningRateMultiplier: z.union([z.number().positive(), z.literal('auto')]),
    /** Vertex AI only: the LoRA adapter size (absent: the platform's default). */
    adapterSize: z.literal(ADAPTER_SIZES).optional(),
    /** Together AI only: LoRA (its default) or full fine-tuning. */
    trainingType: z.enum(TRAINING_TYPES).optional(),
  })
  .strict();

export type Hyperparameters = z.output<typeof HyperparametersSchema>;

export const RunSpecSchema = z
  .object({
    platform: z.string().min(1),
    domain: z
      .object({
        id: z.string().min(1),
        /** Where the domain was read from (informative; not part of the key). */
        file: z.string(),
        /** sha256 of the domain file's text. */
        sha256: z.string().regex(/^[0-9a-f]{64}$/),
      })
      .strict(),
    baseModel: z.string().min(1),
    hyperparameters: HyperparametersSchema,
    seed: z.number().int().min(0).max(2147483647),
    recipe: RecipeSchema,
    /**
     * The augmentation sidecar the recipe read (`<domain>.training.yaml`,
     * written by npm run augment): where it was (informative) and the sha256
     * of its text (part of the key). Absent when the recipe reads none.
     */
    augmentation: z.object({ file: z.string(), sha256: z.string().regex(/^[0-9a-f]{64}$/) }).strict().optional(),
    /**
     * Where a model registered from elsewhere (platform `endpoint`) answers: an
     * OpenAI-compatible base URL, its model id there, and the NAME of the
     * variable holding its key (null: the server takes none). Never a key.
     */
    target: z
      .object({
        baseUrl: z.string().url(),
        model: z.string().min(1),
        apiKeyEnv: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/).nullable(),
      })
      .strict()
      .optional(),
  })
  .strict();

export type RunSpec = z.output<typeof RunSpecSchema>;

/** 16 hex digits of the sha256 of everything that defines the run (not the domain's or the sidecar's path). */
export function runKey(spec: RunSpec): string {
  const { domain, augmentation, ...rest } = spec;
  return sha256(canonicalJson({ ...rest, domainSha256: domain.sha256, ...(augmentation && { augmentationSha256: augmentation.sha256 }) })).slice(0, 16);
}

/** A readable name: `fictional-people.gpt-4o-mini.e3`, plus what differs from the defaults. */
export function runName(spec: RunSpec): string {
  const h = spec.hyperparameters;
  const parts = [spec.domain.id, spec.baseModel];
  if (h.epochs !== null) parts.push(`e${h.epochs}`);
  if (h.batchSize !== 'auto') parts.push(`bs${h.batchSize}`);
  if (h.learningRateMultiplier !== 'auto') parts.push(`lr${h.learningRateMultiplier}`);
  if (h.adapterSize !== undefined) parts.push(`a${h.adapterSize}`);
  if (h.trainingType === 'full') parts.push('full');
  if (spec.seed !== DEFAULT_SEED) parts.push(`seed${spec.seed}`);
  const recipe = describeRecipe(spec.recipe);
  if (recipe !== 'default') parts.push(recipe);
  if (spec.augmentation) parts.push(`aug-${spec.augmentation.sha256.slice(0, 6)}`);
  if (spec.platform !== 'openai') parts.unshift(spec.platform);
  return parts.join('.');
}
