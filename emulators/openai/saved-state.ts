// What the OpenAI emulator keeps in its state folder (--state, see
// shared/state-folder.ts): files with their bytes, jobs with their whole
// planned timeline (events, checkpoints, the pairs the tuned model answers
// from) and deleted model names. Jobs are read off the clock, so a job that
// was running when the emulator stopped has moved on when it starts again.
import { z } from 'zod';
import { Base64Schema, TrainingPairSchema, type StateCodec } from '../shared/state-folder.ts';
import type { EmulatorState, FileRecord, JobRecord } from './state.ts';

const ms = z.number().finite();
const auto = <T extends z.ZodType>(value: T) => z.union([value, z.literal('auto')]);
const scheduled = <T extends z.ZodType>(item: T) => z.object({ atMs: ms, item }).strict();

const FileSchema = z
  .object({ id: z.string(), filename: z.string(), purpose: z.string(), bytes: z.number().int().min(0), createdAtMs: ms, processedAtMs: ms, content: Base64Schema })
  .strict();

const EventSchema = z.looseObject({ object: z.literal('fine_tuning.job.event'), id: z.string(), created_at: z.number(), level: z.string(), message: z.string() });
const CheckpointSchema = z.looseObject({
  object: z.literal('fine_tuning.job.checkpoint'),
  id: z.string(),
  fine_tuned_model_checkpoint: z.string(),
  fine_tuning_job_id: z.string(),
  step_number: z.number().int(),
  created_at: z.number(),
  metrics: z.record(z.string(), z.unknown()),
});

const JobSchema = z
  .object({
    id: z.string(),
    createdAtMs: ms,
    model: z.string(),
    trainingFile: z.string(),
    validationFile: z.string().nullable(),
    suffix: z.string().nullable(),
    seed: z.number().int(),
    metadata: z.record(z.string(), z.string()).nullable(),
    integrations: z.array(z.looseObject({})).nullable().optional(),
    requested: z.object({ n_epochs: auto(z.number()), batch_size: auto(z.number()), learning_rate_multiplier: auto(z.number()) }).strict(),
    resolved: z.object({ n_epochs: z.number(), batch_size: z.number(), learning_rate_multiplier: z.number() }).strict(),
    totalSteps: z.number().int().min(1),
    trainedTokens: z.number().int().min(0),
    pairs: z.array(TrainingPairSchema),
    fineTunedModel: z.string(),
    validatedAtMs: ms,
    startedAtMs: ms,
    outcome: z.union([
      z.object({ status: z.literal('succeeded'), atMs: ms }).strict(),
      z.object({ status: z.literal('failed'), atMs: ms, error: z.object({ code: z.string(), message: z.string(), param: z.string().nullable() }).strict() }).strict(),
    ]),
    cancelledAtMs: ms.nullable(),
    events: z.array(scheduled(EventSchema)),
    checkpoints: z.array(scheduled(CheckpointSchema)),
    resultFileId: z.string().nullable(),
  })
  .strict();

const BodySchema = z.object({ files: z.array(FileSchema), jobs: z.array(JobSchema), deletedModels: z.array(z.string()) }).strict();

type Body = z.output<typeof BodySchema>;

export const OPENAI_STATE: StateCodec<EmulatorState, Body> = {
  emulator: 'openai',
  version: 1,
  schema: BodySchema,
  dump: (state) => ({
    files: [...state.files.values()].map((f) => ({ ...f, content: f.content.toString('base64') })),
    jobs: [...state.jobs.values()],
    deletedModels: [...state.deletedModels],
  }),
  restore(body, state) {
    for (const f of body.files) state.files.set(f.id, { ...f, purpose: f.purpose as FileRecord['purpose'], content: Buffer.from(f.content, 'base64') });
    // The schema checked every field the emulator reads; the API objects inside (events, checkpoints) keep their extra fields.
    for (const job of body.jobs) state.jobs.set(job.id, job as unknown as JobRecord);
    for (const model of body.deletedModels) state.deletedModels.add(model);
  },
};
