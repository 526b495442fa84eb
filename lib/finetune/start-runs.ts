/**
 * The rules for spending money on fine-tuning jobs, in one place:
 *
 * 1. plan first: every run is planned (examples, tokens, estimated cost)
 *    before anything is paid for;
 * 2. a run whose ledger key already has a job attaches to it (idempotent:
 *    running `start` twice never pays twice); only runs that need a new job
 *    are offered for payment, `--force` included, and a second job for a run
 *    is named as such;
 * 3. what starting needs (a key, a project, a bucket) is checked before
 *    anyone is asked to pay;
 * 4. the plan and its estimated cost are shown, then the person confirms
 *    (or `--yes`); a refusal starts nothing;
 * 5. only then are the jobs started, one by one, each recorded in the ledger.
 */
import type { CommandIO } from '../foundation/command-io.ts';
import type { Ledger } from '../ledger/ledger.ts';
import type { RunRecord } from '../ledger/run-record.ts';
import type { FineTuningPlatform } from '../platforms/platform.ts';
import { confirm } from './confirm.ts';
import type { PlannedRun } from './plan-run.ts';
import { planNotices, renderPlan, usd } from './render-runs.ts';
import { needsNewJob, startRun } from './start-run.ts';

export interface StartRunsOptions {
  ledger: Ledger;
  platformOf: (id: string) => FineTuningPlatform;
  /** A new job even for runs that have one. */
  force: boolean;
  /** Do not ask. */
  yes: boolean;
  io: CommandIO;
  /** A line for the person (stdout). */
  out: (line: string) => void;
  /** A side note (stderr). */
  note: (line: string) => void;
}

/** Starts the planned runs by the rules above; the records, each with its job. */
export async function startPlannedRuns(planned: readonly PlannedRun[], options: StartRunsOptions): Promise<RunRecord[]> {
  const { ledger, force, yes, io, out, note } = options;
  const fresh = planned.filter((p) => needsNewJob(p, ledger, force));
  // The plan shows the platforms' dated notices; with nothing to start, they are shown alone.
  if (!fresh.length) for (const notice of planNotices(planned)) out(notice);
  if (fresh.length) {
    for (const id of new Set(fresh.map((p) => p.spec.platform))) options.platformOf(id).preflight?.();
    out(renderPlan(fresh));
    const cost = fresh.reduce((s, p) => s + p.estimate.costUsd, 0);
    if (force) {
      const replaced = fresh.filter((p) => ledger.read(p.key)?.job);
      for (const p of replaced) note(`--force: run ${p.name} already has job ${ledger.read(p.key)!.job!.id}; a second job is paid again`);
      await confirm(`Start ${fresh.length} job(s), ${replaced.length} of them a SECOND job for its run, for about ${usd(cost)}?`, { yes, refusal: 'not starting a second job', io });
    } else {
      const platforms = [...new Set(fresh.map((p) => p.spec.platform))].join(', ');
      await confirm(`Start ${fresh.length} fine-tuning job(s) on ${platforms} for about ${usd(cost)}?`, { yes, refusal: `not starting ${fresh.length} job(s) (about ${usd(cost)})`, io });
    }
  }
  const records: RunRecord[] = [];
  for (const p of planned) {
    const { record, outcome } = await startRun(p, options.platformOf(p.spec.platform), ledger, { force: force && fresh.includes(p), env: io.env });
    const job = record.job!;
    const verb = { created: 'created job', attached: 'attached to job', recovered: 'found its job' }[outcome];
    out(`${record.name} (${record.key}): ${verb} ${job.id}, ${job.rawStatus}`);
    if (outcome === 'attached' && (record.state === 'failed' || record.state === 'cancelled'))
      note(`${record.name}: its job ended ${record.state}${job.error ? ` (${job.error})` : ''}; --force starts a new one`);
    records.push(record);
  }
  return records;
}
