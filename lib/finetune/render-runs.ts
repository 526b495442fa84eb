/** Tables of runs for people: a plan (before anything is paid) and the ledger's view of runs. */
import Table from 'cli-table3';
import type { RunRecord } from '../ledger/run-record.ts';
import type { PlannedRun } from './plan-run.ts';

const table = (head: string[]) => new Table({ head, style: { head: [], border: [] } });
export const usd = (x: number): string => `$${x < 1 ? x.toFixed(4) : x.toFixed(2)}`;
const int = (n: number): string => n.toLocaleString('en-US');

export function renderPlan(runs: PlannedRun[]): string {
  const t = table(['run', 'key', 'examples', 'tokens/epoch', 'epochs', 'trained tokens', 'est. cost']);
  for (const r of runs) {
    t.push([r.name, r.key, int(r.estimate.examples), int(r.estimate.tokensPerEpoch), String(r.spec.hyperparameters.epochs ?? '?'), int(r.estimate.trainedTokens), usd(r.estimate.costUsd)]);
  }
  const total = runs.reduce((s, r) => s + r.estimate.costUsd, 0);
  const tokens = runs.reduce((s, r) => s + r.estimate.trainedTokens, 0);
  if (runs.length > 1) t.push(['total', '', '', '', '', int(tokens), usd(total)]);
  const readOn = [...new Set(runs.map((r) => r.estimate.pricesReadOn))].join(', ');
  const models = [
    ...new Set(
      runs.map((r) => {
        const tokens = r.model.tokenCount === 'approximate' ? `tokens approximated with ${r.model.tokenizer}: the model's own tokenizer is not available offline` : `tokenizer ${r.model.tokenizer}`;
        return `${r.model.snapshot} ${usd(r.price.usdPerMillion)}/1M training tokens${r.price.variant ? ` (${r.price.variant})` : ''} (${tokens})`;
      }),
    ),
  ];
  const kept = [...new Map(runs.map((r) => [r.spec.platform, r.checkpointsKept])).entries()].map(([p, k]) => `\ncheckpoints: ${p} keeps ${k}`);
  const notices = planNotices(runs).map((n) => `\n${n}`);
  return `${t.toString()}\nprices read on ${readOn} (lib/models/prices.json): ${models.join('; ')}${kept.join('')}${notices.join('')}`;
}

/** The platforms' dated notices in force for these runs, once each: `notice: …` lines. */
export function planNotices(runs: readonly PlannedRun[]): string[] {
  return [...new Set(runs.flatMap((r) => (r.notice ? [`notice: ${r.notice}`] : [])))];
}

/**
 * A run's cost: from the tokens the platform says it trained once it says
 * so (at the estimate's price per token), else the estimate, marked so; ''
 * for a model registered from elsewhere (no estimate, nothing trained here).
 */
export function runCost(r: RunRecord): string {
  if (!r.estimate) return '';
  const trained = r.job?.trainedTokens;
  if (trained && r.estimate.trainedTokens > 0) return usd((r.estimate.costUsd / r.estimate.trainedTokens) * trained);
  return `${usd(r.estimate.costUsd)} estimate`;
}

export function renderRuns(records: RunRecord[]): string {
  const t = table(['run', 'key', 'state', 'step', 'loss', 'tuned model', 'trained tokens', 'cost']);
  for (const r of records) {
    const step = r.progress?.totalSteps ? `${r.progress.step ?? 0}/${r.progress.totalSteps}` : '';
    const loss = r.progress?.trainLoss === null || r.progress?.trainLoss === undefined ? '' : r.progress.trainLoss.toFixed(3);
    const state = r.job?.state === 'unknown' ? `${r.job.rawStatus}?` : r.state;
    t.push([r.name, r.key, state, step, loss, r.job?.tunedModel ?? '', r.job?.trainedTokens ? int(r.job.trainedTokens) : '', runCost(r)]);
  }
  return t.toString();
}
