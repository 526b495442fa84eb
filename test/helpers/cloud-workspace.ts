/**
 * A workspace for driving `npm run finetune` and `npm start` (their
 * `main(argv, io)`, in-process) against the Vertex AI and Together AI
 * emulators running in the test's own process: the
 * environment `npm run emulator -- vertex|together` prints (an ADC file whose
 * token endpoint is the emulator, a gs:// place in a bucket that exists),
 * temporary ledger, suites, report and promptfoo folders, and a copy of the
 * bundled domains cut small so that evaluations stay fast.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { DOMAINS_DIR } from '../../lib/suites/write-suites.ts';
import type { TogetherEmulator } from '../../emulators/together/server.ts';
import type { VertexEmulator } from '../../emulators/vertex/server.ts';
import { main as finetuneMain } from '../../scripts/commands/finetune.ts';
import { main as startMain } from '../../scripts/commands/main.ts';
import { runMain } from './command.ts';
import { tempDir, type RunResult } from './run.ts';

/** The environment `npm run emulator -- vertex` prints, for an emulator started in this process. */
export function vertexEnv(emu: VertexEmulator, credentials: Record<string, string> = emu.credentials): NodeJS.ProcessEnv {
  const keyFile = path.join(tempDir('ftbench-adc-'), 'application_default_credentials.json');
  writeFileSync(keyFile, JSON.stringify(credentials));
  return {
    GOOGLE_CLOUD_PROJECT: emu.project,
    GOOGLE_CLOUD_LOCATION: emu.location,
    GOOGLE_VERTEX_BASE_URL: emu.url,
    GOOGLE_APPLICATION_CREDENTIALS: keyFile,
    STORAGE_EMULATOR_HOST: emu.url,
    FTBENCH_GCS_URI: `gs://${emu.bucket}/ftbench`,
  };
}

/** The environment `npm run emulator -- together` prints. */
export function togetherEnv(emu: TogetherEmulator, key = 'emulator-key'): NodeJS.ProcessEnv {
  return { TOGETHER_BASE_URL: emu.url, TOGETHER_API_KEY: key };
}

/**
 * The bundled fictional-people cut to the people of its first `comparisons`
 * comparison probes (every split still present), and the first `control`
 * questions of general-knowledge-control, written to `dir`.
 */
export function writeSmallDomains(dir: string, { comparisons = 2, control = 10 } = {}): void {
  const people = parse(readFileSync(path.join(DOMAINS_DIR, 'fictional-people.yaml'), 'utf8')) as { facts: { id: string }[]; probes: { facts: string[] }[] };
  const personOf = (factId: string) => factId.split('-')[0]!;
  people.probes = people.probes.slice(0, comparisons);
  const persons = new Set(people.probes.flatMap((p) => p.facts.map(personOf)));
  people.facts = people.facts.filter((f) => persons.has(personOf(f.id)));
  writeFileSync(path.join(dir, 'fictional-people.yaml'), stringify(people));
  const general = parse(readFileSync(path.join(DOMAINS_DIR, 'general-knowledge-control.yaml'), 'utf8')) as { facts: unknown[] };
  general.facts = general.facts.slice(0, control);
  writeFileSync(path.join(dir, 'general-knowledge-control.yaml'), stringify(general));
}

export interface CloudWorkspace {
  domains: string;
  runs: string;
  suites: string;
  out: string;
  promptfoo: string;
  env: NodeJS.ProcessEnv;
  finetune(...args: string[]): Promise<RunResult>;
  npmStart(...args: string[]): Promise<RunResult>;
}

export function cloudWorkspace(env: NodeJS.ProcessEnv, domains: Parameters<typeof writeSmallDomains>[1] = {}): CloudWorkspace {
  const w: CloudWorkspace = {
    domains: tempDir('ftbench-domains-'),
    runs: tempDir('ftbench-runs-'),
    suites: tempDir('ftbench-suites-'),
    out: tempDir('ftbench-out-'),
    promptfoo: tempDir('ftbench-pfdb-'),
    env: {},
    finetune: (...args) => runMain(finetuneMain, [...args, '--domains', w.domains], { env: w.env }),
    npmStart: (...args) => runMain(startMain, ['--domains', w.domains, '--suites', w.suites, '--out', w.out, ...args], { env: w.env }),
  };
  w.env = { ...env, FTBENCH_RUNS_DIR: w.runs, PROMPTFOO_CONFIG_DIR: w.promptfoo };
  writeSmallDomains(w.domains, domains);
  return w;
}

/** The run key a `plan` printed (first table row). */
export function plannedKey(plan: RunResult): string {
  const key = /│ ([0-9a-f]{16}) │/.exec(plan.stdout)?.[1];
  if (!key) throw new Error(`no run key in the plan:\n${plan.stdout}\n${plan.stderr}`);
  return key;
}
