/**
 * The providers that can answer a domain's suite. Offline baselines are always
 * available; tuned models (and their base models) join them as the ledger
 * gains finished runs.
 */
import type { LoadedDomain } from '../domain/load.ts';
import type { RunRecord } from '../ledger/run-record.ts';
import { projectRelative } from '../foundation/project-root.ts';
import { suiteRelative, type SuiteProvider } from './build-suite.ts';

export async function availableProviders(
  loaded: LoadedDomain,
  suiteDir: string | undefined,
  runs: readonly RunRecord[],
  env: NodeJS.ProcessEnv = process.env,
  options: { checkpoints?: boolean; retrieval?: number } = {},
): Promise<SuiteProvider[]> {
  const lookup: SuiteProvider = {
    id: `file://${suiteRelative('providers/lookup.ts', suiteDir)}`,
    label: 'lookup',
    config: { domainFile: projectRelative(loaded.file), identity: { role: 'lookup' } },
  };
  if (runs.length === 0) return [lookup];
  // Loaded only when there are runs: the platform plugins bring their SDKs (~50 MiB), which a build without runs never needs.
  const [{ tunedModelProviders }, { loadPlatforms }] = await Promise.all([import('./tuned-providers.ts'), import('../platforms/registry.ts')]);
  await loadPlatforms(runs.map((r) => r.spec.platform));
  // Column order in the viewer: tuned runs (and their checkpoints), base, in-context, retrieval, then the lookup baseline.
  return [...tunedModelProviders(loaded, runs, suiteDir, env, options), lookup];
}
