/**
 * Brings a run's ledger record up to date with its job (status, progress,
 * checkpoints, tuned model, trained tokens), and waits for runs to finish.
 * Waiting holds no state of its own: everything is in the ledger, so a wait
 * that is killed and started again carries on where the last one stopped.
 */
import type { FineTuningPlatform } from '../platforms/platform.ts';
import { sleep } from '../platforms/transient-retry.ts';
import type { Ledger } from '../ledger/ledger.ts';
import { lacksFinalProgress } from '../ledger/checkpoints.ts';
import { isTerminal, type RunRecord } from '../ledger/run-record.ts';
import { withError, withJob } from './run-transitions.ts';

/** True when `status` or `wait` should ask the platform about a run: its job moves, or stopped before its final progress was read. */
export function needsRefresh(record: RunRecord): boolean {
  return record.job !== null && (!isTerminal(record.state) || lacksFinalProgress(record));
}

export async function refreshRun(record: RunRecord, platform: FineTuningPlatform, ledger: Ledger): Promise<RunRecord> {
  if (!record.job) return record;
  const job = await platform.getJob(record.job.id);
  // Progress is read while the job moves, and once more when it has just stopped (final loss, checkpoints).
  const wasMoving = !isTerminal(record.job.state);
  const progress = wasMoving || !record.progress ? await platform.getProgress(job.id) : null;
  return ledger.update(record.key, (current) =>
    withJob(
      progress
        ? {
            ...current,
            progress: { step: progress.step, totalSteps: progress.totalSteps, trainLoss: progress.trainLoss, at: new Date().toISOString() },
            checkpoints: progress.checkpoints,
          }
        : current,
      job,
    ),
  );
}

export interface WaitOptions {
  intervalMs: number;
  onUpdate?(record: RunRecord): void;
  /** A passing error (after the SDK's own retries); waiting continues. */
  onTransientError?(record: RunRecord, message: string): void;
  signal?: AbortSignal;
  /** How to wait between polls (default a timer); a command passes its io's, so tests can move time. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/**
 * Polls until every run's job has stopped; returns the final records. Runs
 * without a job are returned as they are. Each run is asked through its own
 * platform, so one wait follows jobs on several platforms.
 */
export async function waitForRuns(
  records: RunRecord[],
  platformOf: (record: RunRecord) => FineTuningPlatform,
  ledger: Ledger,
  options: WaitOptions,
): Promise<RunRecord[]> {
  const current = new Map(records.map((r) => [r.key, r]));
  for (const r of records) options.onUpdate?.(r);
  for (;;) {
    // A job found already finished (recovered, or attached to) is read once, for its final progress.
    const moving = [...current.values()].filter((r) => r.job && (!isTerminal(r.state) || lacksFinalProgress(r)));
    if (moving.length === 0 || options.signal?.aborted) return [...current.values()];
    for (const record of moving) {
      try {
        const next = await refreshRun(record, platformOf(record), ledger);
        current.set(next.key, next);
        options.onUpdate?.(next);
      } catch (err) {
        if (!platformOf(record).isTransient(err)) throw err;
        const message = (err as Error).message;
        current.set(record.key, ledger.update(record.key, (r) => withError(r, message)));
        options.onTransientError?.(record, message);
      }
    }
    if ([...current.values()].every((r) => !r.job || (isTerminal(r.state) && !lacksFinalProgress(r)))) return [...current.values()];
    await (options.sleep ?? sleep)(options.intervalMs, options.signal);
  }
}

export async function cancelRun(record: RunRecord, platform: FineTuningPlatform, ledger: Ledger): Promise<RunRecord> {
  if (!record.job || isTerminal(record.state)) return record;
  const job = await platform.cancelJob(record.job.id);
  return ledger.update(record.key, (current) => withJob(current, job));
}
