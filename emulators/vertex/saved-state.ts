// What the Vertex AI emulator keeps in its state folder (--state, see
// shared/state-folder.ts): Cloud Storage objects with their bytes, and tuning
// jobs with their planned timeline, checkpoints and endpoints (and the pairs
// the tuned model answers from), read off the clock after a restart too. The
// jobs' resource names carry the project number, so a folder written for one
// project is refused by an emulator serving another.
import { z } from 'zod';
import { UserError } from '../../lib/foundation/errors.ts';
import { Base64Schema, TrainingPairSchema, type StateCodec } from '../shared/state-folder.ts';
import type { ResolvedVertexOptions } from './options.ts';
import type { StoredObject, TuningJobRecord, VertexEmulatorState } from './state.ts';

const ms = z.number().finite();

const ObjectSchema = z
  .object({ bucket: z.string(), name: z.string(), content: Base64Schema, contentType: z.string(), generation: z.string(), createdAtMs: ms })
  .strict();

const StatsSchema = z
  .object({
    examples: z.number().int(),
    characters: z.number().int(),
    inputTokens: z.array(z.number()),
    outputTokens: z.array(z.number()),
    messagesPerExample: z.array(z.number()),
    firstExamples: z.array(z.unknown()),
  })
  .strict();

const JobSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    location: z.string(),
    createdAtMs: ms,
    baseModel: z.string().nullable(),
    preTunedModel: z.string().nullable(),
    tunedModelDisplayName: z.string(),
    description: z.string().nullable(),
    labels: z.record(z.string(), z.string()).nullable(),
    trainingDatasetUri: z.string(),
    validationDatasetUri: z.string().nullable(),
    requested: z.object({ epochCount: z.string().optional(), learningRateMultiplier: z.number().optional(), adapterSize: z.string().optional() }).strict(),
    epochs: z.number().int().min(1),
    totalSteps: z.number().int().min(1),
    stats: StatsSchema.nullable(),
    pairs: z.array(TrainingPairSchema),
    startedAtMs: ms,
    trainedAtMs: ms,
    outcome: z.union([
      z.object({ state: z.literal('JOB_STATE_SUCCEEDED'), atMs: ms }).strict(),
      z.object({ state: z.literal('JOB_STATE_FAILED'), atMs: ms, error: z.object({ code: z.number().int(), message: z.string() }).strict() }).strict(),
    ]),
    cancelledAtMs: ms.nullable(),
    modelId: z.string(),
    endpointId: z.string(),
    checkpoints: z.array(z.object({ epoch: z.number().int(), step: z.number().int(), endpointId: z.string() }).strict()),
    exportLastCheckpointOnly: z.boolean(),
  })
  .strict();

const BodySchema = z.object({ project: z.string(), projectNumber: z.string(), objects: z.array(ObjectSchema), jobs: z.array(JobSchema) }).strict();

export function vertexState(options: Pick<ResolvedVertexOptions, 'project' | 'projectNumber'>): StateCodec<VertexEmulatorState, z.output<typeof BodySchema>> {
  return {
    emulator: 'vertex',
    version: 1,
    schema: BodySchema,
    dump: (state) => ({
      project: options.project,
      projectNumber: options.projectNumber,
      objects: [...state.objects.values()].map((o) => ({ ...o, content: o.content.toString('base64') })),
      jobs: [...state.jobs.values()],
    }),
    restore(body, state) {
      if (body.project !== options.project || body.projectNumber !== options.projectNumber) {
        throw new UserError(
          `its tuning jobs and objects belong to project ${body.project} (number ${body.projectNumber}), not ${options.project}: start the emulator with --project ${body.project}, or give another --state folder`,
        );
      }
      for (const o of body.objects) state.objects.set(`${o.bucket}/${o.name}`, { ...o, content: Buffer.from(o.content, 'base64') } satisfies StoredObject);
      for (const job of body.jobs) state.jobs.set(job.id, job satisfies TuningJobRecord);
    },
  };
}
