/** Provider identities (lib/ledger/provider-identity.ts) for tests, as the suite builder writes them. */
import { sha256 } from '../../lib/foundation/content-hash.ts';
import type { CheckpointIdentity, ProviderIdentity, RunIdentity, TunedIdentity } from '../../lib/ledger/provider-identity.ts';

/** A run's identity: defaults of a plain OpenAI run of `people`, 3 epochs, with what `over` changes. */
export function runOf(over: Partial<RunIdentity> & { name: string }): RunIdentity {
  return {
    key: sha256(over.name).slice(0, 16),
    platform: 'openai',
    domain: 'people',
    domainVersion: 'abc123abc123',
    epochs: 3,
    batchSize: 'auto',
    learningRateMultiplier: 'auto',
    seed: 42,
    recipe: 'default',
    platformOptions: {},
    ...over,
  };
}

export const tunedId = (baseModel: string, run?: RunIdentity, checkpoint?: CheckpointIdentity): TunedIdentity => ({
  role: 'tuned',
  baseModel,
  ...(run && { run }),
  ...(checkpoint && { checkpoint }),
});

/** Checkpoint `k` of a run (epoch k, step 10·k). */
export const atEpoch = (baseModel: string, run: RunIdentity, epoch: number): TunedIdentity => tunedId(baseModel, run, { id: `ck${epoch}`, epoch, step: epoch * 10 });

export const baseId = (baseModel: string): ProviderIdentity => ({ role: 'base', baseModel });
export const inContextId = (baseModel: string, variant?: string): ProviderIdentity => ({ role: 'in-context', baseModel, ...(variant && { variant }) });
export const LOOKUP: ProviderIdentity = { role: 'lookup' };
