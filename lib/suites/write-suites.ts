/** `npm run suites`: every domain under suites/domains → suites/generated/<id>.yaml. */
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { writeFilesAtomic } from '../foundation/atomic-write.ts';
import { loadDomains, type LoadedDomain } from '../domain/load.ts';
import { checkOutputFolder } from '../foundation/output-folder.ts';
import { PROJECT_ROOT } from '../foundation/project-root.ts';
import { defaultRunsDir, Ledger } from '../ledger/ledger.ts';
import { availableProviders } from './available-providers.ts';
import { buildSuite, GENERATED_DIR, renderSuiteYaml, suiteFileOf } from './build-suite.ts';
import { fineTuningMinimumWarning } from './fine-tuning-minimum.ts';

export const DOMAINS_DIR = path.join(PROJECT_ROOT, 'suites', 'domains');

export interface WrittenSuite {
  domain: string;
  file: string;
  tests: number;
  providers: string[];
  /** One line to print as a warning: the domain has too few facts to fine-tune (fine-tuning-minimum.ts). */
  warning?: string;
}

/**
 * Checks the output folder, loads all domains and the ledger of fine-tuning
 * runs first, so a bad folder or file stops the build before any suite is
 * written; then writes all suites at once (all or none: lib/foundation/atomic-write.ts)
 * and removes suites whose domain is gone.
 */
export async function writeSuites(
  options: { domainsDir?: string; outDir?: string; env?: NodeJS.ProcessEnv; checkpoints?: boolean; retrieval?: number } = {},
): Promise<WrittenSuite[]> {
  const outDir = options.outDir ?? GENERATED_DIR;
  checkOutputFolder(outDir, 'suites folder');
  return writeDomainSuites(loadDomains(options.domainsDir ?? DOMAINS_DIR), outDir, options.env, options.checkpoints, options.retrieval);
}

/** Writes the suites of domains already loaded (all or none), and removes suites whose domain is gone. */
export async function writeDomainSuites(
  domains: readonly LoadedDomain[],
  outDir: string,
  env: NodeJS.ProcessEnv = process.env,
  checkpoints = false,
  /** K of the retrieval references (lib/suites/tuned-providers.ts; 0 leaves them out; default 3). */
  retrieval?: number,
): Promise<WrittenSuite[]> {
  checkOutputFolder(outDir, 'suites folder');
  const files = domains.map((loaded) => suiteFileOf(outDir, loaded.domain.id));
  const runs = new Ledger(defaultRunsDir(env)).list(); // read (and checked) once, before any suite is written
  // Every domain's providers are settled before the first suite is written, so a failure leaves nothing half-done.
  const providersOf = await Promise.all(domains.map((loaded) => availableProviders(loaded, outDir, runs, env, { checkpoints, ...(retrieval !== undefined && { retrieval }) })));
  const written: WrittenSuite[] = [];
  const contents: { file: string; content: string }[] = [];
  for (const [i, loaded] of domains.entries()) {
    const providers = providersOf[i]!;
    const suite = buildSuite(loaded, providers, outDir);
    const file = files[i]!;
    contents.push({ file, content: renderSuiteYaml(loaded, suite, file) });
    const warning = fineTuningMinimumWarning(loaded);
    written.push({ domain: loaded.domain.id, file, tests: suite.tests.length, providers: providers.map((p) => p.label), ...(warning && { warning }) });
  }
  writeFilesAtomic(contents);
  mkdirSync(outDir, { recursive: true });
  const keep = new Set(written.map((w) => path.basename(w.file)));
  for (const name of readdirSync(outDir)) if (name.endsWith('.yaml') && !keep.has(name)) rmSync(path.join(outDir, name));
  return written;
}
