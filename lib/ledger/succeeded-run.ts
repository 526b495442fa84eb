/**
 * The run a provider is asked to query (`config: { run }`): found in the
 * ledger by name or key, and only if it succeeded; otherwise a message that
 * says what became of it and what to do.
 */
import { UserError } from '../foundation/errors.ts';
import { defaultRunsDir, Ledger } from './ledger.ts';
import type { RunRecord } from './run-record.ts';

export function succeededRun(ref: string, runsDir?: string, env: NodeJS.ProcessEnv = process.env): RunRecord {
  const record = new Ledger(runsDir ?? defaultRunsDir(env)).find(ref);
  if (record.state === 'failed')
    throw new UserError(`run ${record.name} failed${record.job?.error ? ` (${record.job.error})` : ''}: it has no tuned model; start a new job with npm run finetune -- start … --force`);
  if (record.state === 'cancelled') throw new UserError(`run ${record.name} was cancelled: it has no tuned model`);
  if (record.state !== 'succeeded' || !record.job?.tunedModel)
    throw new UserError(
      `run ${record.name} is not finished (state ${record.job?.rawStatus ?? record.state}): it has no tuned model yet; wait for it: npm run finetune -- wait --run ${record.name}`,
    );
  return record;
}
