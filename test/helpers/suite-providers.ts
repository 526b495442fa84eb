/** The providers the suite builder writes for a domain (labelled, described), no emulator asked: the columns of its suites, lookup left out. */
import type { LoadedDomain } from '../../lib/domain/load.ts';
import type { RunRecord } from '../../lib/ledger/run-record.ts';
import { availableProviders } from '../../lib/suites/available-providers.ts';

export async function suiteProviders(loaded: LoadedDomain, runs: readonly RunRecord[], suiteDir: string, env: NodeJS.ProcessEnv = {}, options: { checkpoints?: boolean; retrieval?: number } = {}) {
  const columns = await availableProviders(loaded, suiteDir, runs, env, { ...options, probe: async () => new Set() });
  return columns.map((c) => c.provider).filter((p) => p.config.identity.role !== 'lookup');
}

/** A provider's config without the description the builder adds for people. */
export const withoutDescription = ({ description: _d, ...config }: Record<string, unknown>) => config;
