/**
 * Starts a planned run, at most once per run key and attempt:
 * - a run whose ledger record has a job attaches to it (no second job);
 * - otherwise, under the run's lock, the platform is asked for a job that
 *   carries the run's key (one created by a process killed before it wrote
 *   the ledger), and only if there is none is the file uploaded and the job
 *   created. Each step is written to the ledger as it completes;
 * - a job found already succeeded (either way) is checked: its tuned model
 *   must answer one short prompt (a clear message if it does not, e.g. an
 *   emulator restarted without its state), and the job's progress and
 *   checkpoints are read into the ledger if it lacks them.
 */
import { writeFileAtomic } from '../foundation/atomic-write.ts';
import { UserError } from '../foundation/errors.ts';
import type { FineTuningPlatform, RunIdentity } from '../platforms/platform.ts';
import type { Ledger } from '../ledger/ledger.ts';
import { withRunLock } from '../ledger/run-lock.ts';
import { lacksFinalProgress } from '../ledger/checkpoints.ts';
import type { RunRecord } from '../ledger/run-record.ts';
import { checkTunedModelAnswers } from '../inference/tuned-model-check.ts';
import type { PlannedRun } from './plan-run.ts';
import { refreshRun } from './poll-run.ts';
import { newRecord, nextAttempt, withError, withJob, withState } from './run-transitions.ts';

export type StartOutcome = 'created' | 'attached' | 'recovered';

export interface StartResult {
  record: RunRecord;
  /** created: a new job; attached: the ledger had it; recovered: the platform had it, the ledger did not. */
  outcome: StartOutcome;
}

export function identityOf(record: RunRecord): RunIdentity {
  return { key: record.key, name: record.name, attempt: record.attempt, domain: record.spec.domain.id };
}

/** The runs of a batch that would create a job (and cost money) if started now. */
export function needsNewJob(planned: PlannedRun, ledger: Ledger, force: boolean): boolean {
  const record = ledger.read(planned.key);
  return force || !record?.job;
}

export interface StartOptions {
  /** Make a new job even if the run has one (the caller asked first). */
  force?: boolean;
  /** Where keys and base URLs are read to ask a job found already succeeded (default process.env). */
  env?: NodeJS.ProcessEnv;
}

/** A job found rather than created: if it succeeded, its model must answer, and its checkpoints are recorded. */
async function checkFound(record: RunRecord, platform: FineTuningPlatform, ledger: Ledger, env: NodeJS.ProcessEnv): Promise<RunRecord> {
  if (record.state !== 'succeeded') return record;
  await checkTunedModelAnswers(record, ledger.dir, env);
  return lacksFinalProgress(record) ? refreshRun(record, platform, ledger) : record;
}

export async function startRun(planned: PlannedRun, platform: FineTuningPlatform, ledger: Ledger, options: StartOptions = {}): Promise<StartResult> {
  const env = options.env ?? process.env;
  return withRunLock(ledger.dir, planned.key, 'started', async () => {
    let record = ledger.read(planned.key) ?? ledger.write(newRecord(planned));
    if (record.job && !options.force) return { record: await checkFound(record, platform, ledger, env), outcome: 'attached' };
    if (record.job) record = ledger.write(nextAttempt(record));
    const run = identityOf(record);
    try {
      const existing = await platform.findJob(run);
      if (existing) return { record: await checkFound(ledger.write(withJob(record, existing)), platform, ledger, env), outcome: 'recovered' };

      if (!record.upload) {
        writeFileAtomic(ledger.trainingFileOf(record.key), planned.upload.content);
        record = ledger.write(withState(record, 'uploading'));
        const uploaded = await platform.upload(run, planned.upload.content);
        record = ledger.write({
          ...record,
          upload: { fileId: uploaded.fileId, uploadedAt: new Date().toISOString() },
        });
      }
      // "starting" is on disk before the job exists: a crash from here on is recovered by findJob above.
      record = ledger.write(withState(record, 'starting'));
      const job = await platform.createJob(run, planned.spec, { fileId: record.upload!.fileId, bytes: record.trainingFile.bytes });
      return { record: ledger.write(withJob(record, job)), outcome: 'created' };
    } catch (err) {
      if (err instanceof UserError) ledger.write(withError(ledger.read(record.key) ?? record, err.message));
      throw err;
    }
  });
}
