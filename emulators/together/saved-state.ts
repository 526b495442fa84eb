// What the Together AI emulator keeps in its state folder (--state, see
// shared/state-folder.ts): files with their bytes and parsed dataset, and
// fine-tunes with their planned timeline (events, checkpoints, the pairs the
// output model answers from), read off the clock after a restart too.
import { z } from 'zod';
import { Base64Schema, TrainingPairSchema, type StateCodec } from '../shared/state-folder.ts';
import type { FileRecord, FineTuneRecord, TogetherEmulatorState } from './state.ts';

const ms = z.number().finite();

const FileSchema = z
  .object({
    id: z.string(),
    filename: z.string(),
    purpose: z.string(),
    fileType: z.string(),
    bytes: z.number().int().min(0),
    lines: z.number().int().min(0),
    createdAtMs: ms,
    content: Base64Schema,
    dataset: z
      .object({ format: z.enum(['conversation', 'instruction', 'general']), examples: z.number().int(), tokens: z.number(), pairs: z.array(TrainingPairSchema) })
      .strict()
      .nullable(),
  })
  .strict();

const EventSchema = z
  .object({ atMs: ms, type: z.string(), message: z.string(), level: z.enum(['info', 'warning', 'error']), step: z.number().int(), checkpointPath: z.string() })
  .strict();

const FineTuneSchema = z
  .object({
    id: z.string(),
    createdAtMs: ms,
    model: z.string(),
    trainingFile: z.string(),
    validationFile: z.string().nullable(),
    suffix: z.string().nullable(),
    nEpochs: z.number().int().min(1),
    nCheckpoints: z.number().int().min(1),
    nEvals: z.number().int().min(0),
    batchSize: z.number().int().min(1),
    learningRate: z.number(),
    warmupRatio: z.number(),
    maxGradNorm: z.number(),
    weightDecay: z.number(),
    trainOnInputs: z.union([z.boolean(), z.literal('auto')]),
    trainingType: z.union([
      z.object({ type: z.literal('Full') }).strict(),
      z.object({ type: z.literal('Lora'), lora_r: z.number(), lora_alpha: z.number(), lora_dropout: z.number(), lora_trainable_modules: z.string() }).strict(),
    ]),
    randomSeed: z.number().int().nullable(),
    fromCheckpoint: z.string().nullable(),
    wandbProjectName: z.string().nullable(),
    outputName: z.string(),
    totalSteps: z.number().int().min(1),
    tokenCount: z.number().min(0),
    trainingFileLines: z.number().int().min(0),
    trainingFileBytes: z.number().int().min(0),
    pairs: z.array(TrainingPairSchema),
    queuedAtMs: ms,
    startedAtMs: ms,
    trainedAtMs: ms,
    outcome: z.object({ status: z.enum(['completed', 'error']), atMs: ms }).strict(),
    cancelledAtMs: ms.nullable(),
    events: z.array(EventSchema),
  })
  .strict();

const BodySchema = z.object({ files: z.array(FileSchema), jobs: z.array(FineTuneSchema) }).strict();

export const TOGETHER_STATE: StateCodec<TogetherEmulatorState, z.output<typeof BodySchema>> = {
  emulator: 'together',
  version: 1,
  schema: BodySchema,
  dump: (state) => ({
    files: [...state.files.values()].map((f) => ({ ...f, content: f.content.toString('base64') })),
    jobs: [...state.jobs.values()],
  }),
  restore(body, state) {
    for (const f of body.files) state.files.set(f.id, { ...f, content: Buffer.from(f.content, 'base64') } satisfies FileRecord);
    for (const job of body.jobs) state.jobs.set(job.id, job satisfies FineTuneRecord);
  },
};
