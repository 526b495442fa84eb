/**
 * `npm run bench:retrieval [-- --tests N|all --repeats N]`: what the BM25
 * search of lookup and retrieval (lib/baselines/bm25-index.ts) costs.
 *
 *  1. In this process, on generated fictional-people domains of 1,000 and
 *     10,000 facts: the CPU time to build each index, and per question the
 *     CPU time of a lookup (trained questions) and of a retrieval (the top 10
 *     fact statements), over every question of the domain; beside it, the
 *     lookup through MiniSearch's own search (what lookup used before) on a
 *     sample of questions. Target: at most 2 ms a question at 10,000 facts.
 *  2. `promptfoo eval` of the 10,000-fact suite (its first N tests, default
 *     5,000; `--tests all` for the whole suite), as npm start runs it, with
 *     the lookup provider and with promptfoo's echo provider (no model, no
 *     search), in alternation: wall and CPU time of each and the ratios
 *     lookup/echo. Target: at most 1.3, both (CPU time is the steadier on a
 *     shared machine). A slice overstates the ratio, if
 *     anything: lookup's fixed cost (reading the domain, indexing it) is
 *     spread over fewer tests.
 * Exits 1 when a figure is over its target.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import MiniSearch from 'minisearch';
import { parse, stringify } from 'yaml';
import { DomainSearch } from '../../lib/baselines/domain-search.ts';
import { parseDomainText } from '../../lib/domain/load.ts';
import { domainQuestions } from '../../lib/domain/questions.ts';
import type { CommandIO } from '../../lib/foundation/command-io.ts';
import { REPORT_HOOK_ENV } from '../../lib/eval/eval-hook.ts';
import { PROMPTFOO_NODE_ARGS, promptfooEnv } from '../../lib/eval/promptfoo-env.ts';
import { renderDomainYaml } from '../../lib/generators/domain-yaml.ts';
import { generateFictionalPeople } from '../../lib/generators/fictional-people.ts';
import { writeSuites } from '../../lib/suites/write-suites.ts';
import { defineCommand } from '../../lib/cli/command-spec.ts';
import { timePromptfooEval, type EvalTime } from './timed-promptfoo-eval.ts';
import { declaredCommand, writer } from '../run-command.ts';

const TARGET_MS = 2;
const TARGET_RATIO = 1.3;
/** Six facts a person: 167 and 1,667 people make 1,002 and 10,002 facts. */
const SIZES = [167, 1667];
const MINISEARCH_SAMPLE = 200;

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

function generatedDomainYaml(people: number): string {
  return renderDomainYaml(generateFictionalPeople(7, people, people * 2), 'npm run bench:retrieval');
}

interface SearchCost {
  facts: number;
  questions: number;
  lookupBuildMs: number;
  lookupMs: number;
  lookupQuestions: number;
  statementBuildMs: number;
  retrievalMs: number;
  miniSearchMs: number;
}

/** Per-question CPU cost of lookup and retrieval on one generated domain. */
function searchCost(people: number): SearchCost {
  const domain = parseDomainText(generatedDomainYaml(people), 'bench.yaml');
  const questions = domainQuestions(domain);
  const search = new DomainSearch(domain);
  // Closed questions (Yes/No) never search: lookup picks a choice by hash.
  const open = questions.filter((q) => !q.choices).map((q) => q.question);
  let t = cpuMs();
  search.lookup.answer(open[0]!); // builds the index
  const lookupBuildMs = cpuMs() - t;
  t = cpuMs();
  for (const q of open) search.lookup.answer(q);
  const lookupMs = (cpuMs() - t) / open.length;
  t = cpuMs();
  search.statements.rank(questions[0]!.question, 10);
  const statementBuildMs = cpuMs() - t;
  t = cpuMs();
  for (const q of questions) search.statements.rank(q.question, 10);
  const retrievalMs = (cpuMs() - t) / questions.length;
  // Before: MiniSearch's own search over the same trained questions, on an even sample.
  const mini = new MiniSearch<{ id: number; question: string }>({ fields: ['question'], idField: 'id' });
  mini.addAll(questions.filter((q) => q.trained).map((q, id) => ({ id, question: q.question })));
  const sample = open.filter((_, i) => i % Math.ceil(open.length / MINISEARCH_SAMPLE) === 0);
  t = cpuMs();
  for (const q of sample) mini.search(q);
  const miniSearchMs = (cpuMs() - t) / sample.length;
  return { facts: domain.facts.length, questions: questions.length, lookupBuildMs, lookupMs, lookupQuestions: open.length, statementBuildMs, retrievalMs, miniSearchMs };
}


const median = (xs: number[]) => [...xs].sort((p, q) => p - q)[Math.floor(xs.length / 2)]!;

/** The lookup and echo configs of the 10,000-fact suite's first `tests` tests (all when null). */
async function writeEvalSuites(dir: string, tests: number | null, env: NodeJS.ProcessEnv): Promise<{ lookup: string; echo: string; tests: number; of: number }> {
  mkdirSync(path.join(dir, 'domains'));
  writeFileSync(path.join(dir, 'domains', 'people.yaml'), generatedDomainYaml(SIZES.at(-1)!));
  // No runs: the suite's only provider is lookup.
  const [written] = await writeSuites({ domainsDir: path.join(dir, 'domains'), outDir: path.join(dir, 'suites'), env: { ...env, FTBENCH_RUNS_DIR: path.join(dir, 'runs') } });
  const suite = parse(readFileSync(written!.file, 'utf8')) as { tests: unknown[]; providers: unknown[] };
  const of = suite.tests.length;
  if (tests !== null) suite.tests = suite.tests.slice(0, tests);
  const lookup = path.join(path.dirname(written!.file), 'lookup.yaml');
  const echo = path.join(path.dirname(written!.file), 'echo.yaml');
  writeFileSync(lookup, stringify({ ...suite, description: 'bench:retrieval lookup' }));
  writeFileSync(echo, stringify({ ...suite, description: 'bench:retrieval echo', providers: [{ id: 'echo', label: 'echo' }] }));
  return { lookup, echo, tests: suite.tests.length, of };
}

async function bench(io: CommandIO, options: { tests: number | null; repeats: number }): Promise<number> {
  const out = writer(io.stdout);
  let over = false;
  out('BM25 search, CPU time in this process (every question of each generated domain; MiniSearch on a sample):');
  for (const people of SIZES) {
    const c = searchCost(people);
    const verdict = c.facts >= 10_000 ? (c.lookupMs <= TARGET_MS && c.retrievalMs <= TARGET_MS ? ` (target ≤ ${TARGET_MS} ms: ok)` : ` (target ≤ ${TARGET_MS} ms: OVER)`) : '';
    if (c.facts >= 10_000 && (c.lookupMs > TARGET_MS || c.retrievalMs > TARGET_MS)) over = true;
    out(
      `${String(c.facts).padStart(6)} facts ${String(c.questions).padStart(6)} questions  ` +
        `lookup ${c.lookupMs.toFixed(3)} ms/question (${c.lookupQuestions} open questions; index ${c.lookupBuildMs.toFixed(0)} ms)  ` +
        `retrieval top 10 ${c.retrievalMs.toFixed(3)} ms/question (index ${c.statementBuildMs.toFixed(0)} ms)  ` +
        `before, MiniSearch lookup ${c.miniSearchMs.toFixed(3)} ms/question${verdict}`,
    );
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ftbench-bench-retrieval-'));
  try {
    const env = { ...io.env, PROMPTFOO_CONFIG_DIR: path.join(dir, 'promptfoo') };
    const suites = await writeEvalSuites(dir, options.tests, env);
    out('');
    out(`promptfoo eval of the ${SIZES.at(-1)! * 6}-fact suite: ${suites.tests} of its ${suites.of} tests, caching off, ${options.repeats} round(s), lookup and echo in alternation:`);
    const times: Record<'lookup' | 'echo', EvalTime[]> = { lookup: [], echo: [] };
    for (let round = 1; round <= options.repeats; round++) {
      for (const name of ['lookup', 'echo'] as const) {
        const t = await timePromptfooEval({ suiteFile: suites[name], outFile: path.join(dir, `out-${name}.json`), env: { ...promptfooEnv(env), [REPORT_HOOK_ENV]: 'off' }, nodeArgs: PROMPTFOO_NODE_ARGS });
        times[name].push(t);
        out(
          `round ${round} ${name.padEnd(6)} ${t.seconds.toFixed(1).padStart(7)} s wall ${t.cpuSeconds.toFixed(1).padStart(7)} s CPU ${t.peakMiB.toFixed(0).padStart(6)} MiB peak  ` +
            `${t.results} results${t.errors ? `, ${t.errors} ERRORS` : ''}`,
        );
      }
    }
    const med = (name: 'lookup' | 'echo', of: (t: EvalTime) => number) => median(times[name].map(of));
    const wall = med('lookup', (t) => t.seconds) / med('echo', (t) => t.seconds);
    const cpu = med('lookup', (t) => t.cpuSeconds) / med('echo', (t) => t.cpuSeconds);
    const verdict = (x: number) => `${x.toFixed(3)} (target ≤ ${TARGET_RATIO}: ${x > TARGET_RATIO ? 'OVER' : 'ok'})`;
    if (wall > TARGET_RATIO || cpu > TARGET_RATIO) over = true;
    out(`lookup/echo: wall ×${verdict(wall)}, CPU ×${verdict(cpu)}`);
    out(`load average at the end: ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} on ${os.availableParallelism()} cores`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (over) out('over target');
  return over ? 1 : 0;
}

/** `--tests`: a count of tests, or `all`. */
const testCount = (text: string) => (text === 'all' ? ('all' as const) : /^\d+$/.test(text) && Number(text) >= 1 ? Number(text) : undefined);

export const spec = defineCommand({
  script: 'bench:retrieval',
  summary:
    "What the BM25 search of lookup and retrieval costs: CPU per question at 1,000 and 10,000 facts (target at most 2 ms; MiniSearch's own search beside it), then promptfoo eval of the 10,000-fact suite's first N tests with lookup and with promptfoo's echo, in alternation: wall and CPU time and the ratio lookup/echo (target at most 1.3). Exits 1 when a figure is over its target.",
  options: {
    tests: { type: 'custom', value: 'N|all', parse: testCount, accepts: 'a whole number of at least 1, or all', default: 5000, description: "the suite's first N tests (all: the whole suite)" },
    repeats: { type: 'integer', value: 'N', min: 1, max: 100, default: 1, description: 'rounds of the two evals' },
  },
});

export const main = declaredCommand(spec, ({ values }, io) => bench(io, { tests: values.tests === 'all' ? null : values.tests, repeats: values.repeats }));
