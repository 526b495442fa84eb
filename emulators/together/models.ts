// Which model names exist: tunable base models and serverless chat models
// (both can be chatted with), the output models of completed fine-tunes, and
// their intermediate checkpoints as `<output model>:<step>` (the name
// Together's API gives a checkpoint, e.g. in `from_checkpoint`) once saved.
// Anything else is 404 model_not_available.
import type { Route } from '../shared/route.ts';
import { seconds, type TogetherContext } from './context.ts';
import { modelNotAvailable } from './errors.ts';
import { fineTuneStatus } from './lifecycle.ts';
import type { FineTuneRecord } from './state.ts';

/** Fixed creation time for base models: they predate the emulator. */
const BASE_CREATED = 1721172741;

/** A tuned model carries how far through training it is: 1 for the output model, step/total for a checkpoint (shared/learning-rule.ts). */
export type ResolvedModel = { kind: 'base'; id: string } | { kind: 'tuned'; id: string; job: FineTuneRecord; progress: number };

/** The completed fine-tune whose output model is `name`. */
export function findOutputModel(ctx: TogetherContext, name: string): FineTuneRecord | undefined {
  return [...ctx.state.jobs.values()].find((job) => job.outputName === name && fineTuneStatus(job, ctx.now(), ctx.options.stepMs) === 'completed');
}

export function resolveModel(ctx: TogetherContext, name: string): ResolvedModel {
  if (ctx.options.tunableModels.includes(name) || ctx.options.chatModels.includes(name)) return { kind: 'base', id: name };
  const job = findOutputModel(ctx, name);
  if (job) return { kind: 'tuned', id: name, job, progress: 1 };
  const checkpoint = /^(.+):(\d+)$/.exec(name);
  if (checkpoint) {
    const [, output, step] = checkpoint;
    const now = ctx.now();
    const owner = [...ctx.state.jobs.values()].find((j) => j.outputName === output && j.cancelledAtMs === null);
    const saved = owner?.events.some((e) => e.type === 'checkpoint_save' && e.step === Number(step) && e.atMs <= now);
    if (owner && saved) return { kind: 'tuned', id: name, job: owner, progress: Math.min(1, Number(step) / owner.totalSteps) };
  }
  throw modelNotAvailable(name);
}

export function modelRoutes(ctx: TogetherContext): Route[] {
  return [
    {
      method: 'GET',
      pattern: /^\/v1\/models$/,
      name: '/v1/models',
      dialect: ctx.dialect,
      handle() {
        const base = [...new Set([...ctx.options.tunableModels, ...ctx.options.chatModels])].map((id) => ({
          id,
          object: 'model',
          created: BASE_CREATED,
          type: 'chat',
          display_name: id.split('/').pop(),
          organization: id.split('/')[0],
        }));
        const tuned = [...ctx.state.jobs.values()]
          .filter((job) => fineTuneStatus(job, ctx.now(), ctx.options.stepMs) === 'completed')
          .map((job) => ({ id: job.outputName, object: 'model', created: seconds(job.outcome.atMs), type: 'chat', display_name: job.outputName, organization: ctx.options.namespace }));
        // Together answers a bare JSON array here, not a `{data:[…]}` list.
        return { json: [...base, ...tuned] };
      },
    },
  ];
}
