/**
 * One run's entry in the ledger (runs/<key>.json): its definition, the
 * estimate shown before it started, and everything learned since: file and
 * job ids, status history, progress, checkpoints, the tuned model, trained
 * tokens, timings and errors. Never a secret: nothing here comes from the
 * environment, only from the run's definition and the platform's answers.
 */
import { z } from 'zod';
import { RunSpecSchema } from './run-spec.ts';

export const JOB_STATES = ['validating', 'queued', 'running', 'cancelling', 'succeeded', 'failed', 'cancelled', 'unknown'] as const;
export type JobState = (typeof JOB_STATES)[number];
export const TERMINAL_STATES: readonly JobState[] = ['succeeded', 'failed', 'cancelled'];

/** Where the run is, locally: before a job exists, then the job's own state. */
export const RUN_STATES = ['planned', 'uploading', 'starting', ...JOB_STATES] as const;
export type RunState = (typeof RUN_STATES)[number];

const iso = z.string();

export const JobInfoSchema = z
  .object({
    id: z.string(),
    state: z.enum(JOB_STATES),
    /** The platform's own word for the state (an unknown one is kept as is). */
    rawStatus: z.string(),
    tunedModel: z.string().nullable(),
    /** Where the tuned model answers when its name alone does not say (a Vertex AI endpoint resource name). */
    endpoint: z.string().nullable().optional(),
    trainedTokens: z.number().nullable(),
    createdAt: iso.nullable(),
    finishedAt: iso.nullable(),
    estimatedFinish: iso.nullable(),
    error: z.string().nullable(),
  })
  .strict();

export type JobInfo = z.output<typeof JobInfoSchema>;

/**
 * A checkpoint the platform keeps: its id, step, the model id (or endpoint)
 * it answers at ('' when the platform does not serve it), and the epoch it
 * closes when the platform says (absent: derived from the step, see
 * lib/ledger/checkpoints.ts).
 */
export const CheckpointSchema = z
  .object({ id: z.string(), step: z.number(), model: z.string(), trainLoss: z.number().nullable(), epoch: z.number().int().min(0).nullable().optional() })
  .strict();

export type Checkpoint = z.output<typeof CheckpointSchema>;

export const RunRecordSchema = z
  .object({
    version: z.literal(1),
    key: z.string().regex(/^[0-9a-f]{16}$/),
    name: z.string(),
    spec: RunSpecSchema,
    /** What was shown before paying; null for a model registered from elsewhere (nothing was trained here). */
    estimate: z
      .object({
        examples: z.number().int(),
        tokensPerEpoch: z.number().int(),
        trainedTokens: z.number().int(),
        costUsd: z.number(),
        pricesReadOn: z.string(),
      })
      .strict()
      .nullable(),
    trainingFile: z.object({ sha256: z.string(), bytes: z.number().int(), examples: z.number().int() }).strict(),
    state: z.enum(RUN_STATES),
    /** 1 for the first job; --force makes the next job attempt 2, and so on. */
    attempt: z.number().int().min(1),
    upload: z.object({ fileId: z.string(), uploadedAt: iso }).strict().nullable(),
    job: JobInfoSchema.nullable(),
    /** Jobs of earlier attempts (replaced with --force). */
    previousJobs: z.array(z.object({ id: z.string(), state: z.enum(JOB_STATES), replacedAt: iso }).strict()),
    statusHistory: z.array(z.object({ state: z.enum(RUN_STATES), rawStatus: z.string().nullable(), at: iso }).strict()),
    progress: z
      .object({ step: z.number().nullable(), totalSteps: z.number().nullable(), trainLoss: z.number().nullable(), at: iso })
      .strict()
      .nullable(),
    checkpoints: z.array(CheckpointSchema),
    errors: z.array(z.object({ at: iso, message: z.string() }).strict()),
    createdAt: iso,
    updatedAt: iso,
  })
  .strict();

export type RunRecord = z.output<typeof RunRecordSchema>;

export function isTerminal(state: RunState): boolean {
  return (TERMINAL_STATES as readonly string[]).includes(state);
}
