/**
 * `npm run bench:suites`: builds the suite of a generated 10,000-fact domain
 * and prints facts per second and peak memory, beside the same measure on a
 * bundled-size (150-fact) domain, and the ratio of each to its target
 * (under 2 s and 300 MiB). Each build runs in a fresh child process, so the
 * peak memory is the build's own, not the generator's. Beside them, in the
 * same run, the 10k file parsed alone by the domain reader (lib/domain/yaml-text.ts,
 * the `yaml` library): the floor under any build of that file.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CommandIO } from '../../lib/foundation/command-io.ts';
import { parseYamlText } from '../../lib/domain/yaml-text.ts';
import { renderDomainYaml } from '../../lib/generators/domain-yaml.ts';
import { generateFictionalPeople } from '../../lib/generators/fictional-people.ts';
import { PROJECT_ROOT } from '../../lib/foundation/project-root.ts';
import { writeSuites } from '../../lib/suites/write-suites.ts';
import { defineCommand } from '../../lib/cli/command-spec.ts';
import { declaredCommand, writer } from '../run-command.ts';

const TARGET_SECONDS = 2;
const TARGET_MIB = 300;
const BIN = path.join(PROJECT_ROOT, 'scripts', 'bench-suites.ts');

interface Measure {
  facts: number;
  tests: number;
  seconds: number;
  peakMiB: number;
}

type Mode = '--child' | '--parse-only';

/** In the child: time `work` on the folder and print its tests, seconds and this process's peak memory as JSON. */
async function timed(work: () => Promise<number> | number, io: CommandIO): Promise<void> {
  const started = process.hrtime.bigint();
  const tests = await work();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  writer(io.stdout)(JSON.stringify({ tests, seconds, peakMiB: process.resourceUsage().maxRSS / 1024 }));
}

/** Builds the suites of the folder (--child), or only parses its domain file (--parse-only). */
function child(mode: Mode, dir: string, io: CommandIO): Promise<void> {
  if (mode === '--child')
    return timed(async () => (await writeSuites({ domainsDir: path.join(dir, 'domains'), outDir: path.join(dir, 'out'), env: io.env }))[0]!.tests, io);
  const file = path.join(dir, 'domains', 'big.yaml');
  const text = readFileSync(file, 'utf8');
  return timed(() => (parseYamlText(text, file), 0), io);
}

/** Generates one domain of `people` and measures each mode on it, each in a fresh child process. */
function measure(people: number, io: CommandIO, modes: readonly Mode[]): Measure[] {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ftbench-bench-'));
  try {
    const domain = generateFictionalPeople(7, people, people * 2);
    mkdirSync(path.join(dir, 'domains'));
    writeFileSync(path.join(dir, 'domains', 'big.yaml'), renderDomainYaml(domain, 'bench'));
    const tsx = path.join(PROJECT_ROOT, 'node_modules', '.bin', 'tsx');
    return modes.map((mode) => {
      rmSync(path.join(dir, 'out'), { recursive: true, force: true });
      const out = execFileSync(tsx, [BIN, mode, dir], { encoding: 'utf8', env: io.env });
      return { facts: domain.facts.length, ...(JSON.parse(out.trim().split('\n').pop()!) as Omit<Measure, 'facts'>) };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const spec = defineCommand({
  script: 'bench:suites',
  summary:
    "Builds the suite of a generated 10,000-fact domain and prints facts per second and peak memory, beside the same measure on a bundled-size (150-fact) domain, and each one's ratio to its target (under 2 s and 300 MiB); exits 1 over target. Each build runs in a fresh child process, so the peak memory is the build's own.",
  options: {
    child: { type: 'text', value: 'DIR', hidden: true, description: 'in the child: build the suites of DIR and print time and memory as JSON' },
    'parse-only': { type: 'text', value: 'DIR', hidden: true, description: "in the child: parse DIR's domain file only and print time and memory as JSON" },
  },
});

export const main = declaredCommand(spec, async ({ values }, io) => {
  const out = writer(io.stdout);
  if (values.child !== undefined) return child('--child', values.child, io);
  if (values['parse-only'] !== undefined) return child('--parse-only', values['parse-only'], io);
  const [small] = measure(25, io, ['--child']);
  const [big, parsed] = measure(1667, io, ['--child', '--parse-only']);
  const row = (label: string, m: Measure) =>
    `${label.padEnd(14)} ${String(m.facts).padStart(6)} facts ${String(m.tests).padStart(6)} tests ${m.seconds.toFixed(3).padStart(7)} s ` +
    `${Math.round(m.facts / m.seconds).toString().padStart(7)} facts/s ${m.peakMiB.toFixed(0).padStart(5)} MiB peak`;
  out(row('bundled-size', small));
  out(row('10k facts', big));
  out(`10k vs target: time ${(big.seconds / TARGET_SECONDS).toFixed(2)} of ${TARGET_SECONDS} s, memory ${(big.peakMiB / TARGET_MIB).toFixed(2)} of ${TARGET_MIB} MiB`);
  out(`10k parse alone (yaml, the domain reader): ${parsed.seconds.toFixed(3)} s, ${parsed.peakMiB.toFixed(0)} MiB peak: ${(parsed.seconds / TARGET_SECONDS).toFixed(2)} of the time target before any check or suite`);
  out(`10k vs bundled-size: throughput ×${(big.facts / big.seconds / (small.facts / small.seconds)).toFixed(2)}, memory ×${(big.peakMiB / small.peakMiB).toFixed(2)}`);
  if (big.seconds > TARGET_SECONDS || big.peakMiB > TARGET_MIB) {
    out('over target');
    return 1;
  }
  return 0;
});
