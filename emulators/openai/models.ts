// Which model names exist: known base snapshots (and their undated aliases,
// e.g. gpt-4o-mini → gpt-4o-mini-2024-07-18), fine-tuned models of succeeded
// jobs and their checkpoints, and retired names that answer 404.
import type OpenAI from 'openai';
import type { EmulatorContext, RouteDef } from './context.ts';
import { ApiError, modelNotFound, modelRetired } from './errors.ts';
import { jobStatus, ORGANIZATION_ID, seconds, visibleCheckpoints } from './lifecycle.ts';
import type { JobRecord } from './state.ts';

/** Fixed creation time for base models: they predate the emulator. */
const BASE_CREATED = 1721172741;

export type ResolvedModel =
  | { kind: 'base'; id: string; snapshot: string }
  | { kind: 'tuned'; id: string; job: JobRecord; progress: number };

/** Undated alias of a dated snapshot (`gpt-4o-mini-2024-07-18` → `gpt-4o-mini`, `gpt-3.5-turbo-0125` → `gpt-3.5-turbo`). */
function aliasOf(snapshot: string): string | undefined {
  const match = /^(.*?)-(\d{4}-\d{2}-\d{2}|\d{4})$/.exec(snapshot);
  return match?.[1];
}

/** The snapshot an alias points to (the latest when several share it). */
export function resolveBase(ctx: EmulatorContext, name: string): string | undefined {
  const known = ctx.options.knownModels;
  if (known.includes(name)) return name;
  return known.filter((m) => aliasOf(m) === name).sort().at(-1);
}

/**
 * A fine-tuned model (or checkpoint) name that can be sampled now, with its
 * job and how far through training it is (1 for the final model, step/total
 * for a checkpoint: what it has learned, shared/learning-rule.ts).
 */
export function findTunedModel(ctx: EmulatorContext, name: string): { job: JobRecord; progress: number } | undefined {
  if (!name.startsWith('ft:') || ctx.state.deletedModels.has(name)) return undefined;
  const now = ctx.now();
  for (const job of ctx.state.jobs.values()) {
    const status = jobStatus(job, now);
    if (status === 'succeeded' && job.fineTunedModel === name) return { job, progress: 1 };
    // Checkpoints are usable once written, like OpenAI's.
    const checkpoint = status === 'cancelled' ? undefined : visibleCheckpoints(job, now).find((c) => c.fine_tuned_model_checkpoint === name);
    if (checkpoint) return { job, progress: Math.min(1, checkpoint.step_number / job.totalSteps) };
  }
  return undefined;
}

/** A fine-tuned model (or checkpoint) name that can be sampled now, with its job. */
export function findTuned(ctx: EmulatorContext, name: string): JobRecord | undefined {
  return findTunedModel(ctx, name)?.job;
}

/** Resolves a model for sampling; throws OpenAI's 404 model_not_found otherwise. */
export function resolveModel(ctx: EmulatorContext, name: string): ResolvedModel {
  if (ctx.options.retiredModels.includes(name)) throw modelRetired(name);
  const snapshot = resolveBase(ctx, name);
  if (snapshot) return { kind: 'base', id: name, snapshot };
  const tuned = findTunedModel(ctx, name);
  if (tuned) return { kind: 'tuned', id: name, ...tuned };
  throw modelNotFound(name);
}

function listModels(ctx: EmulatorContext): OpenAI.Model[] {
  const base = ctx.options.knownModels.flatMap((snapshot) => {
    const alias = aliasOf(snapshot);
    return alias ? [snapshot, alias] : [snapshot];
  });
  const models: OpenAI.Model[] = [...new Set(base)].map((id) => ({ id, object: 'model', created: BASE_CREATED, owned_by: 'system' }));
  const now = ctx.now();
  for (const job of ctx.state.jobs.values()) {
    if (jobStatus(job, now) !== 'succeeded' || ctx.state.deletedModels.has(job.fineTunedModel)) continue;
    models.push({ id: job.fineTunedModel, object: 'model', created: seconds(job.outcome.atMs), owned_by: ORGANIZATION_ID });
  }
  return models;
}

export function modelRoutes(ctx: EmulatorContext): RouteDef[] {
  const find = (id: string): OpenAI.Model => {
    const model = listModels(ctx).find((m) => m.id === id);
    if (!model) throw ctx.options.retiredModels.includes(id) ? modelRetired(id) : modelNotFound(id);
    return model;
  };
  return [
    { method: 'get', path: '/models', handle: () => ({ json: { object: 'list', data: listModels(ctx) } }) },
    { method: 'get', path: '/models/{model}', handle: ({ params }) => ({ json: find(params.model!) }) },
    {
      method: 'delete',
      path: '/models/{model}',
      handle({ params }) {
        const model = find(params.model!);
        if (model.owned_by !== ORGANIZATION_ID) {
          throw new ApiError(403, `You have insufficient permissions for this operation. You cannot delete ${model.id}.`, 'invalid_request_error', null, 'insufficient_permissions');
        }
        ctx.state.deletedModels.add(model.id);
        ctx.state.changed();
        return { json: { id: model.id, object: 'model', deleted: true } };
      },
    },
  ];
}
