/**
 * The cost column of `npm run finetune -- wait`, `status` and `list`
 * (lib/finetune/render-runs.ts): the estimate, said to be one, until the
 * platform reports the tokens it trained; then the cost of those tokens at
 * the estimate's price, with no "estimate" beside it.
 */
import { describe, expect, it } from 'vitest';
import { renderRuns, runCost } from '../lib/finetune/render-runs.ts';
import type { RunRecord } from '../lib/ledger/run-record.ts';

const at = '2026-12-06T12:00:00.000Z';
/** A run whose estimate was 16,140 trained tokens for $0.04842 (gpt-4o-mini, $3 per 1M), with the job as given. */
function run(job: Partial<NonNullable<RunRecord['job']>> | null, estimate: RunRecord['estimate'] | undefined = undefined): RunRecord {
  return {
    key: '0123456789abcdef',
    name: 'people.gpt-4o-mini.e3',
    state: job?.state ?? 'uploaded',
    estimate: estimate === undefined ? { examples: 150, tokensPerEpoch: 5380, trainedTokens: 16_140, costUsd: 0.04842, pricesReadOn: '2026-01-01' } : estimate,
    job: job && { id: 'ftjob-1', state: 'running', rawStatus: 'running', tunedModel: null, trainedTokens: null, createdAt: at, finishedAt: null, estimatedFinish: null, error: null, ...job },
  } as unknown as RunRecord;
}

describe('a run\'s cost', () => {
  it.each([
    ['no job yet', run(null), '$0.0484 estimate'],
    ['running, no tokens reported', run({ state: 'running' }), '$0.0484 estimate'],
    ['tokens reported as 0 (nothing said yet)', run({ state: 'running', trainedTokens: 0 }), '$0.0484 estimate'],
    ['succeeded with 14,808 trained tokens', run({ state: 'succeeded', trainedTokens: 14_808 }), '$0.0444'],
    ['succeeded with more tokens than estimated', run({ state: 'succeeded', trainedTokens: 400_000 }), '$1.20'],
    ['a model registered from elsewhere (no estimate)', run({ state: 'succeeded', trainedTokens: 14_808 }, null), ''],
  ])('%s: %s', (_, record, cost) => {
    expect(runCost(record)).toBe(cost);
  });

  it('the ledger table heads the column "cost" and shows the trained tokens beside the cost made of them', () => {
    const text = renderRuns([run({ state: 'succeeded', trainedTokens: 14_808 }), run({ state: 'running' })]);
    expect(text).toMatch(/│ trained tokens │ cost\s+│/);
    expect(text).toMatch(/│ 14,808\s+│ \$0\.0444\s+│/);
    expect(text).toMatch(/│\s+│ \$0\.0484 estimate │/);
    expect(text).not.toContain('est. cost');
  });
});
