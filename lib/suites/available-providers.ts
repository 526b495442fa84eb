/**
 * The providers that can answer a domain's suite, labelled (suite-columns.ts).
 * Offline baselines are always available; tuned models (and their base
 * models) join them as the ledger gains finished runs. Where they will ask
 * is probed for an emulator (emulator-probe.ts), so the columns it answers
 * say so.
 */
import type { LoadedDomain } from '../domain/load.ts';
import { sha256 } from '../foundation/content-hash.ts';
import type { RunRecord } from '../ledger/run-record.ts';
import { projectRelative } from '../foundation/project-root.ts';
import { suiteRelative } from './build-suite.ts';
import { probeEmulators, type EmulatorProbe } from './emulator-probe.ts';
import { labelColumns, type LabelledColumn, type ProviderColumn } from './suite-columns.ts';

export interface AvailableProviderOptions {
  /** Add each run's served checkpoints (npm run suites -- --checkpoints). */
  checkpoints?: boolean;
  /** K of the retrieval references (0 leaves them out). */
  retrieval?: number;
  /** Which base URLs an emulator answers at (default: asked over loopback). */
  probe?: EmulatorProbe;
}

export async function availableProviders(
  loaded: LoadedDomain,
  suiteDir: string | undefined,
  runs: readonly RunRecord[],
  env: NodeJS.ProcessEnv = process.env,
  options: AvailableProviderOptions = {},
): Promise<LabelledColumn[]> {
  const lookup: ProviderColumn = {
    id: `file://${suiteRelative('providers/lookup.ts', suiteDir)}`,
    config: { domainFile: projectRelative(loaded.file), identity: { role: 'lookup' } },
  };
  const context = { currentDomainVersion: loaded.domain.kind === 'control' ? null : sha256(loaded.text).slice(0, 12) };
  if (runs.length === 0) return labelColumns([lookup], new Set(), context);
  // Loaded only when there are runs: the platform plugins bring their SDKs (~50 MiB), which a build without runs never needs.
  const [{ tunedModelColumns }, { loadPlatforms }] = await Promise.all([import('./tuned-providers.ts'), import('../platforms/registry.ts')]);
  await loadPlatforms(runs.map((r) => r.spec.platform));
  // Column order in the viewer: tuned runs (and their checkpoints), base, in-context, retrieval, then the lookup baseline.
  const columns = [...tunedModelColumns(loaded, runs, suiteDir, env, options), lookup];
  const emulators = await (options.probe ?? probeEmulators)(columns.flatMap((c) => (c.asks ? [c.asks] : [])));
  return labelColumns(columns, emulators, context);
}
