/**
 * `npm run bench:eval [-- --tests N --latency-ms MS --concurrency N --repeats N]`:
 * the whole `promptfoo eval` of one generated suite (default 2,000 tests,
 * graded by answer-match, caching off, 16 at a time) against the OpenAI
 * emulator answering every request MS late (default 100), with
 *   (a) providers/openai.ts,
 *   (b) promptfoo's built-in openai:chat: provider on the same model, and
 *   (c) promptfoo's echo provider (no model: the floor),
 * run in alternation (a b c a b c …) so that the machine's load falls on all
 * three alike. Prints each run's wall time and the CPU time promptfoo's
 * process used (steadier than wall time on a shared machine), the medians,
 * the ratios a/b and a/c, and the latency-bound ideal (tests × latency ÷
 * concurrency). Nothing is asserted.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import type { CommandIO } from '../../lib/foundation/command-io.ts';
import { promptfooEnv } from '../../lib/eval/promptfoo-env.ts';
import { renderDomainYaml } from '../../lib/generators/domain-yaml.ts';
import { generateFictionalPeople } from '../../lib/generators/fictional-people.ts';
import { PROJECT_ROOT } from '../../lib/foundation/project-root.ts';
import { writeSuites } from '../../lib/suites/write-suites.ts';
import { startOpenAIEmulator } from '../../emulators/openai/server.ts';
import { defineCommand } from '../../lib/cli/command-spec.ts';
import { timePromptfooEval, type EvalTime } from './timed-promptfoo-eval.ts';
import { declaredCommand, writer } from '../run-command.ts';

const MODEL = 'gpt-4o-mini';
const KEY = 'emulator-key';

interface Variant {
  name: string;
  label: string;
  provider: (baseUrl: string) => Record<string, unknown>;
}

const VARIANTS: Variant[] = [
  {
    name: 'a',
    label: 'providers/openai.ts',
    provider: (baseURL) => ({ id: `file://${path.join(PROJECT_ROOT, 'providers', 'openai.ts')}`, label: 'a', config: { model: MODEL, baseURL, cache: false } }),
  },
  {
    name: 'b',
    label: `openai:chat:${MODEL} (promptfoo's)`,
    provider: (apiBaseUrl) => ({ id: `openai:chat:${MODEL}`, label: 'b', config: { apiBaseUrl, temperature: 0, seed: 42 } }),
  },
  { name: 'c', label: 'echo (no model)', provider: () => ({ id: 'echo', label: 'c' }) },
];

/** A suite of exactly `tests` tests, built by the project's suite builder from a generated domain. */
async function writeSuite(dir: string, tests: number, env: NodeJS.ProcessEnv): Promise<{ tests: unknown[] }> {
  const people = Math.ceil(tests / 20) + 1; // about 20 questions a person
  mkdirSync(path.join(dir, 'domains'));
  writeFileSync(path.join(dir, 'domains', 'people.yaml'), renderDomainYaml(generateFictionalPeople(7, people, people * 2), 'npm run bench:eval'));
  const [suite] = await writeSuites({ domainsDir: path.join(dir, 'domains'), outDir: dir, env: { ...env, FTBENCH_RUNS_DIR: path.join(dir, 'runs') } });
  const parsed = parse(readFileSync(suite!.file, 'utf8')) as { tests: unknown[] };
  if (parsed.tests.length < tests) throw new Error(`the generated suite has ${parsed.tests.length} tests, fewer than ${tests}`);
  parsed.tests = parsed.tests.slice(0, tests);
  return parsed;
}


const median = (xs: number[]) => [...xs].sort((p, q) => p - q)[Math.floor(xs.length / 2)]!;

async function bench(io: CommandIO, options: { tests: number; latencyMs: number; concurrency: number; repeats: number }): Promise<number> {
  const out = writer(io.stdout);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ftbench-bench-eval-'));
  const emulator = await startOpenAIEmulator({ latencyMs: options.latencyMs });
  try {
    const env = promptfooEnv({ ...io.env, OPENAI_API_KEY: KEY, OPENAI_BASE_URL: emulator.url, PROMPTFOO_CONFIG_DIR: path.join(dir, 'promptfoo') });
    const suite = await writeSuite(dir, options.tests, env);
    const files = new Map(
      VARIANTS.map((v) => {
        const file = path.join(dir, `suite-${v.name}.yaml`);
        writeFileSync(file, stringify({ ...suite, description: `bench:eval ${v.label}`, providers: [v.provider(emulator.url)] }));
        return [v.name, file];
      }),
    );
    const ideal = (options.tests * options.latencyMs) / 1000 / options.concurrency;
    out(`promptfoo eval of one suite: ${options.tests} tests, answer-match, caching off, concurrency ${options.concurrency}, emulator latency ${options.latencyMs} ms, ${options.repeats} rounds`);
    const times = new Map<string, EvalTime[]>(VARIANTS.map((v) => [v.name, []]));
    for (let round = 1; round <= options.repeats; round++) {
      for (const v of VARIANTS) {
        const r = await timePromptfooEval({ suiteFile: files.get(v.name)!, outFile: path.join(dir, `out-${v.name}.json`), env, evalArgs: ['-j', String(options.concurrency)] });
        times.get(v.name)!.push(r);
        out(`round ${round} ${v.name} ${v.label.padEnd(36)} ${r.seconds.toFixed(2).padStart(7)} s wall ${r.cpuSeconds.toFixed(2).padStart(7)} s CPU  ${r.results} results${r.errors ? `, ${r.errors} ERRORS` : ''}`);
      }
    }
    const med = (name: string, of: (t: EvalTime) => number) => median(times.get(name)!.map(of));
    const wall = { a: med('a', (t) => t.seconds), b: med('b', (t) => t.seconds), c: med('c', (t) => t.seconds) };
    const cpu = { a: med('a', (t) => t.cpuSeconds), b: med('b', (t) => t.cpuSeconds), c: med('c', (t) => t.cpuSeconds) };
    out('');
    for (const v of VARIANTS) {
      const n = v.name as 'a' | 'b' | 'c';
      out(`median ${n} ${v.label.padEnd(36)} ${wall[n].toFixed(2).padStart(7)} s wall ${cpu[n].toFixed(2).padStart(7)} s CPU`);
    }
    out(`latency-bound ideal (tests × latency ÷ concurrency)   ${ideal.toFixed(2).padStart(7)} s`);
    out(`wall: a/b ${(wall.a / wall.b).toFixed(3)} (target ≤ 1.05)  a/c ${(wall.a / wall.c).toFixed(3)}  a/ideal ${(wall.a / ideal).toFixed(2)}  b/ideal ${(wall.b / ideal).toFixed(2)}`);
    out(`CPU:  a/b ${(cpu.a / cpu.b).toFixed(3)}  a/c ${(cpu.a / cpu.c).toFixed(3)}`);
    out(`load average at the end: ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} on ${os.availableParallelism()} cores`);
    return 0;
  } finally {
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export const spec = defineCommand({
  script: 'bench:eval',
  summary:
    "Times the whole promptfoo eval of one generated suite (answer-match, caching off) against the OpenAI emulator answering late, with providers/openai.ts, promptfoo's own openai:chat: provider, and promptfoo's echo (the floor), in alternation; prints each run's wall and CPU time, the medians, the ratios and the latency-bound ideal. Asserts nothing.",
  options: {
    tests: { type: 'integer', value: 'N', min: 1, max: 100_000, default: 2000, description: 'tests in the suite' },
    'latency-ms': { type: 'integer', value: 'MS', min: 0, max: 60_000, default: 100, description: 'how late the emulator answers each request' },
    concurrency: { type: 'integer', value: 'N', min: 1, max: 1000, default: 16, description: "promptfoo's -j" },
    repeats: { type: 'integer', value: 'N', min: 1, max: 100, default: 3, description: 'rounds of the three variants' },
  },
});

export const main = declaredCommand(spec, ({ values }, io) =>
  bench(io, { tests: values.tests, latencyMs: values['latency-ms'], concurrency: values.concurrency, repeats: values.repeats }),
);
