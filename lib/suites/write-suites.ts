/** `npm run suites`: every domain under suites/domains → suites/generated/<id>.yaml. */
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../atomic-write.ts';
import { loadDomains, type LoadedDomain } from '../domain/load.ts';
import { PROJECT_ROOT } from '../project-root.ts';
import { defaultRunsDir, Ledger } from '../ledger/ledger.ts';
import { availableProviders } from './available-providers.ts';
import { buildSuite, GENERATED_DIR, renderSuiteYaml } from './build-suite.ts';

export const DOMAINS_DIR = path.join(PROJECT_ROOT, 'suites', 'domains');

export interface WrittenSuite {
  domain: string;
  file: string;
  tests: number;
  providers: string[];
}

/**
 * Loads all domains and the ledger of fine-tuning runs first, so a bad file
 * stops the build before any suite is written; then writes each suite
 * atomically and removes suites whose domain is gone.
 */
export async function writeSuites(options: { domainsDir?: string; outDir?: string; env?: NodeJS.ProcessEnv; checkpoints?: boolean } = {}): Promise<WrittenSuite[]> {
  const outDir = options.outDir ?? GENERATED_DIR;
  const domains: LoadedDomain[] = loadDomains(options.domainsDir ?? DOMAINS_DIR);
  const runs = new Ledger(defaultRunsDir(options.env)).list(); // read (and checked) once, before any suite is written
  // Every domain's providers are settled before the first suite is written, so a failure leaves nothing half-done.
  const providersOf = await Promise.all(domains.map((loaded) => availableProviders(loaded, outDir, runs, options.env, { checkpoints: options.checkpoints })));
  const written: WrittenSuite[] = [];
  for (const [i, loaded] of domains.entries()) {
    const providers = providersOf[i]!;
    const suite = buildSuite(loaded, providers, outDir);
    const file = path.join(outDir, `${loaded.domain.id}.yaml`);
    writeFileAtomic(file, renderSuiteYaml(loaded, suite, file));
    written.push({ domain: loaded.domain.id, file, tests: suite.tests.length, providers: providers.map((p) => p.label) });
  }
  mkdirSync(outDir, { recursive: true });
  const keep = new Set(written.map((w) => path.basename(w.file)));
  for (const name of readdirSync(outDir)) if (name.endsWith('.yaml') && !keep.has(name)) rmSync(path.join(outDir, name));
  return written;
}
