/** `npm run suites`: every domain under suites/domains → suites/generated/<id>.yaml (and its other suites: suite-columns.ts). */
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { writeFilesAtomic } from '../foundation/atomic-write.ts';
import { loadDomains, type LoadedDomain } from '../domain/load.ts';
import { checkOutputFolder } from '../foundation/output-folder.ts';
import { PROJECT_ROOT } from '../foundation/project-root.ts';
import { defaultRunsDir, Ledger } from '../ledger/ledger.ts';
import { availableProviders } from './available-providers.ts';
import { buildSuite, GENERATED_DIR, renderSuiteYaml, suiteFileOf } from './build-suite.ts';
import { probeEmulators, type EmulatorProbe } from './emulator-probe.ts';
import { DEFAULT_MAX_COLUMNS, splitColumns } from './suite-columns.ts';
import { fineTuningMinimumWarning } from './fine-tuning-minimum.ts';

export const DOMAINS_DIR = path.join(PROJECT_ROOT, 'suites', 'domains');

export interface WrittenSuite {
  domain: string;
  /** The file's name without .yaml: the domain id, or `<domain>.checkpoints.<run key>`, `<domain>.2`, …. */
  name: string;
  file: string;
  tests: number;
  providers: string[];
  /** Some column is answered by an emulator. */
  emulated: boolean;
  /** One line to print as a warning: the domain has too few facts to fine-tune (fine-tuning-minimum.ts). */
  warning?: string;
}

export interface SuiteOptions {
  /** Add every served checkpoint of each run, a suite per run (npm run suites -- --checkpoints). */
  checkpoints?: boolean;
  /** The most provider columns one suite holds (default DEFAULT_MAX_COLUMNS). */
  maxColumns?: number;
  /** K of the retrieval references (lib/suites/tuned-providers.ts; 0 leaves them out; default 3). */
  retrieval?: number;
  /** Which base URLs an emulator answers at (default: asked over loopback, once per URL). */
  probe?: EmulatorProbe;
}

/**
 * Checks the output folder, loads all domains and the ledger of fine-tuning
 * runs first, so a bad folder or file stops the build before any suite is
 * written; then writes all suites at once (all or none: lib/foundation/atomic-write.ts)
 * and removes suites whose domain is gone.
 */
export async function writeSuites(options: { domainsDir?: string; outDir?: string; env?: NodeJS.ProcessEnv } & SuiteOptions = {}): Promise<WrittenSuite[]> {
  const outDir = options.outDir ?? GENERATED_DIR;
  checkOutputFolder(outDir, 'suites folder');
  return writeDomainSuites(loadDomains(options.domainsDir ?? DOMAINS_DIR), outDir, options.env, options);
}

/** A probe that asks each URL once, however many domains name it. */
function askingOnce(probe: EmulatorProbe): EmulatorProbe {
  const known = new Map<string, Promise<boolean>>();
  return async (urls) => {
    const fresh = urls.filter((u) => !known.has(u));
    const asked = probe(fresh);
    for (const u of fresh) known.set(u, asked.then((s) => s.has(u)));
    const answers = await Promise.all(urls.map((u) => known.get(u)!));
    return new Set(urls.filter((_, i) => answers[i]));
  };
}

/** Writes the suites of domains already loaded (all or none), and removes suites whose domain is gone. */
export async function writeDomainSuites(
  domains: readonly LoadedDomain[],
  outDir: string,
  env: NodeJS.ProcessEnv = process.env,
  options: SuiteOptions = {},
): Promise<WrittenSuite[]> {
  checkOutputFolder(outDir, 'suites folder');
  for (const loaded of domains) suiteFileOf(outDir, loaded.domain.id); // a domain id that cannot name a file stops the build now
  const runs = new Ledger(defaultRunsDir(env)).list(); // read (and checked) once, before any suite is written
  const probe = askingOnce(options.probe ?? probeEmulators);
  // Every domain's providers are settled before the first suite is written, so a failure leaves nothing half-done.
  const columnsOf = await Promise.all(
    domains.map((loaded) => availableProviders(loaded, outDir, runs, env, { checkpoints: options.checkpoints, probe, ...(options.retrieval !== undefined && { retrieval: options.retrieval }) })),
  );
  const written: WrittenSuite[] = [];
  const contents: { file: string; content: string }[] = [];
  for (const [i, loaded] of domains.entries()) {
    const warning = fineTuningMinimumWarning(loaded);
    for (const part of splitColumns(columnsOf[i]!, options.maxColumns ?? DEFAULT_MAX_COLUMNS)) {
      const file = suiteFileOf(outDir, loaded.domain.id, part.suffix);
      const name = path.basename(file, '.yaml');
      const providers = part.columns.map((c) => c.provider);
      const suite = buildSuite(loaded, providers, outDir, { name, ...(part.about && { about: part.about }) });
      contents.push({ file, content: renderSuiteYaml(loaded, suite, file) });
      // The domain's warning once, with its first suite.
      const warn = warning && part.suffix === '' ? { warning } : {};
      written.push({ domain: loaded.domain.id, name, file, tests: suite.tests.length, providers: providers.map((p) => p.label), emulated: part.columns.some((c) => c.emulated), ...warn });
    }
  }
  writeFilesAtomic(contents);
  mkdirSync(outDir, { recursive: true });
  const keep = new Set(written.map((w) => path.basename(w.file)));
  for (const name of readdirSync(outDir)) if (name.endsWith('.yaml') && !keep.has(name)) rmSync(path.join(outDir, name));
  return written;
}
