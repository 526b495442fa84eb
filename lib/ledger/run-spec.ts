/**
 * What defines a fine-tuning run, and the key derived from it: a hash of the
 * domain's content, the training recipe, the platform, the base model, the
 * hyperparameters, the platform's own settings and the seed. The same
 * definition always has the same key, so starting it twice finds the first
 * job instead of paying for a second.
 *
 * The hyperparameters here are the ones every platform shares; a platform's
 * own settings (Vertex AI's adapter size, Together AI's training type, …)
 * are `platformOptions`, opaque here and checked by the platform's declaration
 * (lib/platforms/<id>-settings.ts) when a run is planned.
 */
import { z } from 'zod';
import { canonicalJson, sha256 } from '../foundation/content-hash.ts';
import { RecipeSchema } from '../training/recipe.ts';

/** Used when no --seed is given, so a run without one is still reproducible (and has a stable key). */
export const DEFAULT_SEED = 42;

/** The hyperparameters every platform takes; anything else a run sets is its platform's own (platformOptions). */
export const COMMON_HYPERPARAMETERS = ['epochs', 'batchSize', 'learningRateMultiplier'] as const;

export const HyperparametersSchema = z
  .object({
    /** null only for a model registered from elsewhere whose epochs were not given. */
    epochs: z.number().int().min(1).max(50).nullable(),
    batchSize: z.union([z.number().int().min(1).max(256), z.literal('auto')]),
    learningRateMultiplier: z.union([z.number().positive(), z.literal('auto')]),
  })
  .strict();

export type Hyperparameters = z.output<typeof HyperparametersSchema>;

/** A platform's own settings of a run, as its declaration checked them: names and JSON scalars, nothing nested. */
export const PlatformOptionsSchema = z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9]*$/), z.union([z.string(), z.number(), z.boolean()]));
export type PlatformOptions = z.output<typeof PlatformOptionsSchema>;

/**
 * Records written before platformOptions had a field of their own kept a
 * platform's settings among the hyperparameters (`adapterSize`,
 * `trainingType`): read, they move there. Their key does not change (runKey).
 */
function liftPlatformOptions(spec: unknown): unknown {
  if (!spec || typeof spec !== 'object' || Array.isArray(spec)) return spec;
  const { hyperparameters, platformOptions, ...rest } = spec as Record<string, unknown>;
  if (!hyperparameters || typeof hyperparameters !== 'object' || Array.isArray(hyperparameters)) return spec;
  const common = Object.entries(hyperparameters).filter(([k]) => (COMMON_HYPERPARAMETERS as readonly string[]).includes(k));
  const own = Object.entries(hyperparameters).filter(([k]) => !(COMMON_HYPERPARAMETERS as readonly string[]).includes(k));
  if (!own.length) return spec;
  const options = platformOptions && typeof platformOptions === 'object' ? platformOptions : {};
  return { ...rest, hyperparameters: Object.fromEntries(common), platformOptions: { ...Object.fromEntries(own), ...options } };
}

const RunSpecObject = z
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
    /** The platform's own settings (absent: none); checked by the platform's declaration when planned. */
    platformOptions: PlatformOptionsSchema.optional(),
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

export const RunSpecSchema = z.preprocess(liftPlatformOptions, RunSpecObject);

export type RunSpec = z.output<typeof RunSpecObject>;

/**
 * 16 hex digits of the sha256 of everything that defines the run (not the
 * domain's or the sidecar's path). The platform's options are hashed among
 * the hyperparameters, where runs made before they had a field of their own
 * carried them, so those runs keep their keys (and are attached to, not
 * paid for again); a setting's name never equals a common hyperparameter's
 * (lib/platforms/registry.ts checks the declarations).
 */
export function runKey(spec: RunSpec): string {
  const { domain, augmentation, hyperparameters, platformOptions, ...rest } = spec;
  return sha256(
    canonicalJson({
      ...rest,
      hyperparameters: { ...hyperparameters, ...platformOptions },
      domainSha256: domain.sha256,
      ...(augmentation && { augmentationSha256: augmentation.sha256 }),
    }),
  ).slice(0, 16);
}
