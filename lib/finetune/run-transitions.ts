/**
 * How a ledger record changes: a new record from a plan, a new local state,
 * a fresh view of the job, an error. Pure functions; the ledger writes them.
 */
import { sha256 } from '../foundation/content-hash.ts';
import type { JobInfo, RunRecord, RunState } from '../ledger/run-record.ts';
import type { PlannedRun } from './plan-run.ts';

const now = (): string => new Date().toISOString();

/** Kept in a record: the last errors, enough to tell what went wrong. */
const MAX_ERRORS = 20;

export function newRecord(planned: PlannedRun): RunRecord {
  const at = now();
  return {
    version: 1,
    key: planned.key,
    name: planned.name,
    spec: planned.spec,
    estimate: planned.estimate,
    trainingFile: { sha256: sha256(planned.upload.content), bytes: Buffer.byteLength(planned.upload.content), examples: planned.stats.examples },
    state: 'planned',
    attempt: 1,
    upload: null,
    job: null,
    previousJobs: [],
    statusHistory: [{ state: 'planned', rawStatus: null, at }],
    progress: null,
    checkpoints: [],
    errors: [],
    createdAt: at,
    updatedAt: at,
  };
}

export function withState(record: RunRecord, state: RunState, rawStatus: string | null = null): RunRecord {
  if (record.state === state && (record.statusHistory.at(-1)?.rawStatus ?? null) === rawStatus) return record;
  return { ...record, state, statusHistory: [...record.statusHistory, { state, rawStatus, at: now() }] };
}

export function withJob(record: RunRecord, job: JobInfo): RunRecord {
  return { ...withState(record, job.state, job.rawStatus), job };
}

export function withError(record: RunRecord, message: string): RunRecord {
  return { ...record, errors: [...record.errors, { at: now(), message }].slice(-MAX_ERRORS) };
}

/** --force: the current job is set aside and the next attempt starts from the same uploaded file. */
export function nextAttempt(record: RunRecord): RunRecord {
  if (!record.job) return record;
  const replaced = { id: record.job.id, state: record.job.state, replacedAt: now() };
  return withState({ ...record, attempt: record.attempt + 1, job: null, previousJobs: [...record.previousJobs, replaced], progress: null, checkpoints: [] }, 'planned');
}
