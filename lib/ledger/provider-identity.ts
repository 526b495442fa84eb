/**
 * What a provider of a suite is, as typed data: its role beside the others
 * (a tuned run or one of its checkpoints, the untuned base model, the base
 * model with the facts in its prompt, a model given the top-k statements a
 * search retrieves, an offline or replayed reference), its
 * base model, and for a tuned model the run behind it with its declared
 * settings. It travels under one key, `identity`: the suite builder writes it
 * in each provider's config, the providers return it in every answer's
 * metadata, and the report reads it back through ProviderIdentitySchema. A
 * provider's label is display text only; nothing reads it back.
 *
 * It lives in the ledger's layer because its `run` part is made from a run
 * record (runIdentity), and both the suites that write it and the report that
 * reads it sit above the ledger.
 *
 * A hand-written suite may declare it (`config.identity`), e.g.
 * `{ role: base, baseModel: gpt-4o-mini }`; a provider asking a ledger run
 * (`config.run`) without one gets the run's own.
 */
import { z } from 'zod';
import { canonicalJson } from '../foundation/content-hash.ts';
import { UserError } from '../foundation/errors.ts';
import { describeRecipe } from '../training/recipe.ts';
import { checkpointEpoch } from './checkpoints.ts';
import type { Checkpoint, RunRecord } from './run-record.ts';

/** The key of the identity in a provider's config and in an answer's metadata. */
export const IDENTITY_KEY = 'identity';

const text = z.string().regex(/\S/, 'expected a non-empty name');

/**
 * Settings a single platform owns (Vertex AI's adapter size, Together AI's
 * training type, …): kept as the run declared them; the report names them
 * by the platform's declaration (lib/platforms/<id>-settings.ts).
 */
const PlatformOptionsSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));

/** The run behind a tuned model: what defines it (the ledger's run spec) and names it. */
export const RunIdentitySchema = z
  .object({
    key: text,
    name: text,
    platform: text,
    /** The domain the run was trained on. */
    domain: text,
    /** First 12 hex digits of the trained domain file's sha256. */
    domainVersion: text,
    /** null for a model registered from elsewhere without its epochs. */
    epochs: z.int().min(1).nullable(),
    batchSize: z.union([z.int().min(1), z.literal('auto')]),
    learningRateMultiplier: z.union([z.number().positive(), z.literal('auto')]),
    seed: z.int().min(0),
    /** `default`, `variants`, … and `+aug-<sha6>` when the recipe read an augmentation sidecar. */
    recipe: text,
    platformOptions: PlatformOptionsSchema,
  })
  .strict();

/** One checkpoint of the run: the epoch it closes (null when not known) and its step. */
export const CheckpointIdentitySchema = z.object({ id: text, epoch: z.int().min(0).nullable(), step: z.int().min(0) }).strict();

export const ProviderIdentitySchema = z.discriminatedUnion('role', [
  z
    .object({ role: z.literal('tuned'), baseModel: text, run: RunIdentitySchema.optional(), checkpoint: CheckpointIdentitySchema.optional() })
    .strict()
    .refine((t) => t.checkpoint === undefined || t.run !== undefined, { message: 'a checkpoint belongs to a run: give `run` too', path: ['checkpoint'] }),
  z.object({ role: z.literal('base'), baseModel: text }).strict(),
  /** `variant` tells a reference apart from the plain one (all the facts), e.g. `top-5`; the plain one is compared. */
  z.object({ role: z.literal('in-context'), baseModel: text, variant: text.optional() }).strict(),
  /**
   * A model with the k fact statements a BM25 search ranks best for the question in its prompt
   * (providers/in-context.ts with `k`): the base model (no `run`), or a tuned run's model (`run`).
   */
  z.object({ role: z.literal('retrieval'), baseModel: text, k: z.int().min(1), run: RunIdentitySchema.optional() }).strict(),
  z.object({ role: z.literal('lookup') }).strict(),
  /** Recorded answers asked again: of `baseModel` (the study's models), from `source`. */
  z.object({ role: z.literal('replay'), baseModel: text.optional(), source: text.optional() }).strict(),
  /** Any other answerer to read beside these, not grouped with a base model. */
  z.object({ role: z.literal('reference'), baseModel: text.optional() }).strict(),
]);

export type ProviderIdentity = z.output<typeof ProviderIdentitySchema>;
export type ProviderRole = ProviderIdentity['role'];
export type RunIdentity = z.output<typeof RunIdentitySchema>;
export type CheckpointIdentity = z.output<typeof CheckpointIdentitySchema>;
export type TunedIdentity = Extract<ProviderIdentity, { role: 'tuned' }>;
/** A ledger run's tuned model or checkpoint: a tuned identity that always names its run. */
export type LedgerRunIdentity = TunedIdentity & { run: RunIdentity };

/** A ledger run's tuned model, or one of its checkpoints. */
export function runIdentity(record: RunRecord, checkpoint?: Checkpoint): LedgerRunIdentity {
  const { spec } = record;
  const h = spec.hyperparameters;
  return {
    role: 'tuned',
    baseModel: spec.baseModel,
    run: {
      key: record.key,
      name: record.name,
      platform: spec.platform,
      domain: spec.domain.id,
      domainVersion: spec.domain.sha256.slice(0, 12),
      epochs: h.epochs,
      batchSize: h.batchSize,
      learningRateMultiplier: h.learningRateMultiplier,
      seed: spec.seed,
      recipe: `${describeRecipe(spec.recipe)}${spec.augmentation ? `+aug-${spec.augmentation.sha256.slice(0, 6)}` : ''}`,
      platformOptions: { ...spec.platformOptions },
    },
    ...(checkpoint && { checkpoint: { id: checkpoint.id, epoch: checkpointEpoch(record, checkpoint), step: checkpoint.step } }),
  };
}

/** Checks `value` against the schema; `where` names it in the error (`provider "x": config.identity`). */
export function parseIdentity(value: unknown, where: string): ProviderIdentity {
  const parsed = ProviderIdentitySchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = [where, ...issue.path.map(String)].join('.');
  const roles = ProviderIdentitySchema.options.map((o) => o.shape.role.value).join(', ');
  const role = value && typeof value === 'object' ? (value as { role?: unknown }).role : undefined;
  const missing = /^Invalid input: expected (\w+), received undefined$/.exec(issue.message);
  const why =
    issue.path.length === 1 && issue.path[0] === 'role'
      ? `expected one of ${roles}, got ${JSON.stringify(role) ?? 'nothing'}`
      : missing
        ? `missing (expected a ${missing[1]})`
        : issue.message;
  throw new UserError(`${field}: ${why}`);
}

/** The identity a provider's config declares (`config.identity`), checked; undefined when it declares none. */
export function declaredIdentity(config: Record<string, unknown> | undefined, provider: string): ProviderIdentity | undefined {
  const value = config?.[IDENTITY_KEY];
  return value === undefined ? undefined : parseIdentity(value, `${provider}: config.${IDENTITY_KEY}`);
}

/**
 * A provider asking a ledger run answers as that run: a declared identity
 * must name the same run and checkpoint (the declared one is kept: it is
 * what the suite says). Without a declared one, the run's own.
 */
export function identityOfRun(declared: ProviderIdentity | undefined, asked: LedgerRunIdentity, provider: string): ProviderIdentity {
  if (!declared) return asked;
  const same = declared.role === 'tuned' && declared.run?.key === asked.run.key && declared.checkpoint?.id === asked.checkpoint?.id;
  if (!same) throw new UserError(`${provider}: config.${IDENTITY_KEY} (${describeIdentity(declared)}) is not what config.run asks (${describeIdentity(asked)})`);
  return declared;
}

/** `{ identity }` to spread into an answer's metadata, or nothing (a failed answer carries it too: a provider whose every call failed still counts as what it is). */
export const identityMetadata = (identity: ProviderIdentity | undefined): { identity?: ProviderIdentity } => (identity ? { [IDENTITY_KEY]: identity } : {});


/** Reads an answer's identity back from its metadata; null when it carries none (a hand-written suite, an older results file). */
export function identityOf(metadata: Record<string, unknown> | undefined, provider: string): ProviderIdentity | null {
  const value = metadata?.[IDENTITY_KEY];
  return value === undefined ? null : parseIdentity(value, `provider ${JSON.stringify(provider)}: metadata.${IDENTITY_KEY}`);
}

export const sameIdentity = (a: ProviderIdentity, b: ProviderIdentity): boolean => canonicalJson(a) === canonicalJson(b);

/** For messages: `tuned gpt-4o-mini, run people.e3, checkpoint ck1`, `base gpt-4o-mini`, `lookup`. */
export function describeIdentity(i: ProviderIdentity): string {
  const parts = [`${i.role}${'baseModel' in i && i.baseModel ? ` ${i.baseModel}` : ''}`];
  if (i.role === 'tuned' && i.run) parts.push(`run ${i.run.name}`);
  if (i.role === 'tuned' && i.checkpoint) parts.push(`checkpoint ${i.checkpoint.id}`);
  if (i.role === 'in-context' && i.variant) parts.push(i.variant);
  if (i.role === 'retrieval') parts.push(`k ${i.k}`, ...(i.run ? [`run ${i.run.name}`] : []));
  return parts.join(', ');
}
