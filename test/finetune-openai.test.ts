/**
 * The fine-tuning flow end to end, offline, through the commands the README
 * gives: `npm run finetune -- plan | start | wait` and `npm start` (their
 * `main(argv, io)` in this process; the kill test runs the real bin), with the
 * OpenAI emulator running in this process and the commands pointed at it by
 * OPENAI_BASE_URL / OPENAI_API_KEY. The emulated tuned model knows exactly its
 * training file, so its memorization score is known in advance (1.0).
 */
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import OpenAI, { toFile } from 'openai';
import { loadApiProvider } from 'promptfoo';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { Ledger } from '../lib/ledger/ledger.ts';
import { PROJECT_ROOT } from '../lib/foundation/project-root.ts';
import type { Summary } from '../lib/report/summary.ts';
import { startOpenAIEmulator, type OpenAIEmulator, type OpenAIEmulatorOptions } from '../emulators/openai/server.ts';
import { main as buildSuitesMain } from '../scripts/commands/build-suites.ts';
import { main as finetuneMain } from '../scripts/commands/finetune.ts';
import { main as startMain } from '../scripts/commands/main.ts';
import { runMain } from './helpers/command.ts';
import { startScript, tempDir, type RunResult } from './helpers/run.ts';
import { tinyDomain } from './helpers/tiny-domain.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Workspace {
  emu: OpenAIEmulator;
  domains: string;
  runs: string;
  suites: string;
  out: string;
  promptfoo: string;
  env: NodeJS.ProcessEnv;
  outputs: RunResult[];
  finetune(...args: string[]): Promise<RunResult>;
  npmStart(...extra: string[]): Promise<RunResult>;
}

const open: OpenAIEmulator[] = [];
afterAll(async () => {
  await Promise.all(open.map((e) => e.close()));
});

async function workspace(options: OpenAIEmulatorOptions, apiKey = 'test-key'): Promise<Workspace> {
  const emu = await startOpenAIEmulator(options);
  open.push(emu);
  const w: Workspace = {
    emu,
    domains: tempDir('ftbench-domains-'),
    runs: tempDir('ftbench-runs-'),
    suites: tempDir('ftbench-suites-'),
    out: tempDir('ftbench-out-'),
    promptfoo: tempDir('ftbench-pfdb-'),
    env: {},
    outputs: [],
    async finetune(...args) {
      const r = await runMain(finetuneMain, [...args, '--domains', w.domains], { env: w.env });
      w.outputs.push(r);
      return r;
    },
    async npmStart(...extra) {
      const r = await runMain(startMain, ['--domains', w.domains, '--suites', w.suites, '--out', w.out, '--retrieval', '0', ...extra], { env: w.env });
      w.outputs.push(r);
      return r;
    },
  };
  w.env = { OPENAI_BASE_URL: emu.url, OPENAI_API_KEY: apiKey, FTBENCH_RUNS_DIR: w.runs, PROMPTFOO_CONFIG_DIR: w.promptfoo };
  writeFileSync(path.join(w.domains, 'tiny-people.yaml'), tinyDomain(FACTS));
  return w;
}

/** Jobs the emulator holds for a run key (what the account would be billed for). */
function jobsOf(emu: OpenAIEmulator, key: string) {
  return [...emu.state.jobs.values()].filter((j) => j.metadata?.ftbench_run === key);
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

function summaryOf(w: Workspace): Summary {
  return JSON.parse(readFileSync(path.join(w.out, 'summary.json'), 'utf8')) as Summary;
}

const RUN = ['--domain', 'tiny-people', '--model', 'gpt-4o-mini'];
/** Facts of the tiny domain: the fewest a training file may hold, since every eval's cost grows with its questions. */
const FACTS = 10;
/** Injected faults: 20% 429 with Retry-After, 5% 500. */
const FAULTS = { rate429: 0.2, rate500: 0.05, retryAfterSeconds: 0.05, seed: 1 };

// This flow's emulator also injects faults (FAULTS): the eval below is the one that shows every test is
// graded through 429s and 500s, so that this file runs promptfoo once, not twice.
describe('plan → start → wait → npm start against the OpenAI emulator (canary key, injected faults: 20% 429 with Retry-After, 5% 500)', () => {
  const canary = `sk-canary-${randomUUID()}`;
  let w: Workspace;
  const batch = [...RUN, '--epochs', '1,2', '--seed', '42,7'];

  beforeAll(async () => {
    w = await workspace({ stepMs: 15, faults: FAULTS }, canary);
  });

  it('plan contacts nothing and writes nothing', async () => {
    const r = await w.finetune('plan', ...batch);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/tiny-people\.gpt-4o-mini\.e2\.seed7/);
    expect(w.emu.state.requests).toHaveLength(0);
    expect(readdirSync(w.runs)).toEqual([]);
  });

  it('start without --yes and without a terminal refuses, and starts nothing', async () => {
    const r = await w.finetune('start', ...batch);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/error: not starting 4 job\(s\) \(about \$0\.\d+\): there is no terminal to ask on; pass --yes to confirm/);
    expect(w.emu.state.jobs.size).toBe(0);
  });

  it('start --yes makes one job per run of the batch; a second start attaches to them', async () => {
    const first = await w.finetune('start', '--yes', ...batch);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout.match(/created job ftjob-/g)).toHaveLength(4);
    const second = await w.finetune('start', ...batch); // no --yes needed: nothing new would be paid for
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout.match(/attached to job ftjob-/g)).toHaveLength(4);
    expect(w.emu.state.jobs.size).toBe(4);
    for (const record of new Ledger(w.runs).list()) expect(jobsOf(w.emu, record.key)).toHaveLength(1);
  });

  it('wait follows every job to the end and records it in the ledger', async () => {
    const r = await w.finetune('wait', '--interval', '0.05');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/tiny-people\.gpt-4o-mini\.e2: succeeded step \d+\/\d+ loss \d\.\d{3} elapsed \d+s ETA done → ft:gpt-4o-mini-2024-07-18:emulator:ftb-/);
    const records = new Ledger(w.runs).list();
    expect(records).toHaveLength(4);
    for (const rec of records) {
      const job = w.emu.state.jobs.get(rec.job!.id)!;
      expect(rec.state).toBe('succeeded');
      expect(rec.job!.tunedModel).toBe(job.fineTunedModel);
      expect(rec.job!.trainedTokens).toBe(job.trainedTokens);
      expect(rec.progress).toMatchObject({ step: job.totalSteps, totalSteps: job.totalSteps });
      expect(rec.checkpoints.length).toBeGreaterThan(0);
      expect(rec.upload!.fileId).toBe(job.trainingFile);
      expect(rec.statusHistory.map((h) => h.state)).toEqual(expect.arrayContaining(['planned', 'uploading', 'starting', 'succeeded']));
      expect(job.resolved.n_epochs).toBe(rec.spec.hyperparameters.epochs);
      expect(job.seed).toBe(rec.spec.seed);
    }
    const status = await w.finetune('status', '--run', records.map((x) => x.name).join(','));
    expect(status.code, status.stderr).toBe(0);
    for (const rec of records) expect(status.stdout).toContain(rec.job!.tunedModel!);
  });

  it('npm start evaluates every tuned model beside lookup and the base model, every test graded despite the faults; tuned memorization is 1.0', async () => {
    // All seven columns in one eval (one promptfoo process, not two): a domain's columns split over
    // several evals run end to end in finetune-platforms-report.test.ts (eleven columns).
    const r = await w.npmStart('--max-columns', '7');
    expect(r.code, r.stderr).toBe(0);
    const rows = summaryOf(w).rows;
    for (const row of rows) expect(row, `${row.provider} ${row.split}`).toMatchObject({ n: FACTS, errors: 0 });
    const labels = [...new Set(rows.map((row) => row.provider))].sort();
    expect(labels).toEqual([
      // Short labels (what tells the runs apart: epochs and seed), each column the emulator answers marked.
      '4o-mini base (emulation)',
      '4o-mini ft1 s42 (emulation)',
      '4o-mini ft1 s7 (emulation)',
      '4o-mini ft2 s42 (emulation)',
      '4o-mini ft2 s7 (emulation)',
      '4o-mini in-context (emulation)',
      'lookup',
    ]);
    const row = (provider: string, split: string) => rows.find((x) => x.provider === provider && x.split === split)!;
    for (const label of labels.filter((l) => l.includes(' ft'))) {
      expect(row(label, 'memorization')).toMatchObject({ n: FACTS, correct: FACTS, accuracy: 1, errors: 0 });
      expect(row(label, 'rephrased')).toMatchObject({ n: FACTS, accuracy: 0, errors: 0 }); // a perfect memorizer, nothing more
    }
    expect(row('4o-mini base (emulation)', 'memorization')).toMatchObject({ n: FACTS, accuracy: 0, errors: 0 });
    // The OpenAI emulator's base models answer nothing, facts in the prompt or not (unlike the Vertex and Together emulators').
    expect(row('4o-mini in-context (emulation)', 'memorization')).toMatchObject({ n: FACTS, accuracy: 0, errors: 0 });
    expect(row('lookup', 'memorization').accuracy).toBe(1);
    const faults = w.emu.state.faults;
    console.log(`faults injected: ${faults.filter((f) => f.kind === '429').length} × 429, ${faults.filter((f) => f.kind === '500').length} × 500 in ${w.emu.state.requests.length} requests`);
    expect(new Set(faults.map((f) => f.kind))).toEqual(new Set(['429', '500']));
    for (const rec of new Ledger(w.runs).list()) expect(jobsOf(w.emu, rec.key)).toHaveLength(1);
  });

  it('the canary API key is in no file the project wrote, nor in any output', () => {
    const written = [w.runs, w.suites, w.out, w.promptfoo, w.domains].flatMap(filesUnder);
    expect(written.some((f) => f.endsWith('.json') && f.startsWith(w.runs))).toBe(true);
    expect(written.some((f) => f.startsWith(w.promptfoo))).toBe(true);
    for (const file of written) expect(readFileSync(file).includes(canary), file).toBe(false);
    for (const o of w.outputs) expect(`${o.stdout}${o.stderr}`.includes(canary)).toBe(false);
  });
});

describe('finetune killed at random points (a start once, then wait three times), then run again', () => {
  it('ends with exactly one job per run key and a valid ledger', async () => {
    const w = await workspace({ stepMs: 250 });
    const run = [...RUN, '--epochs', '1,2', '--domains', w.domains];
    const start = ['start', '--yes', '--wait', '--interval', '0.05', ...run];
    const wait = ['wait', '--interval', '0.05'];
    const kills: string[] = [];
    // Each kill lands at a random moment inside the phase it interrupts: the start
    // (upload, job creation, first polls) once its ledger record exists, each wait
    // once it has printed progress.
    const killAtRandom = async (args: string[], started: (stderr: string) => boolean, spread: number) => {
      const script = startScript('finetune.ts', args, w.env);
      let stderr = '';
      script.child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
      const t0 = Date.now();
      while (!started(stderr) && Date.now() - t0 < 15_000 && script.child.exitCode === null) await sleep(10);
      const delay = Math.round(Math.random() * spread);
      await sleep(delay);
      script.kill('SIGKILL');
      const r = await script.result;
      const states = new Ledger(w.runs).list().map((x) => x.state);
      kills.push(`${args[0]} ${r.code === null ? 'killed' : `had exited ${r.code}`} ${delay} ms into its phase: ${states.join(', ')}`);
    };
    await killAtRandom(start, () => readdirSync(w.runs).some((f) => f.endsWith('.json')), 1500);
    const started = await w.finetune('start', '--yes', ...run);
    expect(started.code, started.stderr).toBe(0);
    for (let i = 0; i < 3; i++) await killAtRandom(wait, (err) => /: (validating|queued|running|succeeded)/.test(err), 1200);
    console.log(`finetune kills: ${kills.join(' | ')}`);
    const again = await w.finetune(...wait);
    expect(again.code, `${kills.join('\n')}\n${again.stderr}`).toBe(0);

    const records = new Ledger(w.runs).list(); // parses and validates every record
    expect(records).toHaveLength(2);
    for (const r of records) {
      expect(jobsOf(w.emu, r.key), kills.join('\n')).toHaveLength(1);
      expect(r.state).toBe('succeeded');
      expect(r.job!.id).toBe(jobsOf(w.emu, r.key)[0]!.id);
    }
    expect(readdirSync(w.runs).filter((f) => f.endsWith('.lock'))).toEqual([]);
    const list = await w.finetune('list');
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout.match(/succeeded/g)).toHaveLength(2);
  });

  it('two starts of the same run at the same moment make one job: the second waits, then attaches', async () => {
    const w = await workspace({ stepMs: 15 });
    const [a, b] = await Promise.all([w.finetune('start', '--yes', ...RUN, '--epochs', '3'), w.finetune('start', '--yes', ...RUN, '--epochs', '3')]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    const outcomes = [a, b].map((r) => /: (created|attached to) job/.exec(r.stdout)?.[1]).sort();
    expect(outcomes).toEqual(['attached to', 'created']);
    const [record] = new Ledger(w.runs).list();
    expect(jobsOf(w.emu, record!.key)).toHaveLength(1);
  });

  it('a job created by a process that died before writing the ledger is found, not made again', async () => {
    const w = await workspace({ stepMs: 15 });
    const plan = await w.finetune('plan', ...RUN, '--epochs', '3');
    const key = /│ ([0-9a-f]{16}) │/.exec(plan.stdout)![1]!;
    // What the dead process had done: uploaded the file and created the job, tagged with the run key.
    const client = new OpenAI({ baseURL: w.emu.url, apiKey: 'test-key' });
    const lines = Array.from({ length: 10 }, (_, i) => JSON.stringify({ messages: [{ role: 'user', content: `q${i}` }, { role: 'assistant', content: `a${i}` }] }));
    const file = await client.files.create({ file: await toFile(Buffer.from(lines.join('\n')), 'x.jsonl'), purpose: 'fine-tune' });
    await sleep(50);
    const orphan = await client.fineTuning.jobs.create({ model: 'gpt-4o-mini', training_file: file.id, metadata: { ftbench_run: key, ftbench_attempt: '1' } });
    const r = await w.finetune('start', '--yes', ...RUN, '--epochs', '3');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`found its job ${orphan.id}`);
    expect(jobsOf(w.emu, key)).toHaveLength(1);
  });
});

describe('with injected faults (20% 429 with Retry-After, 5% 500)', () => {
  // The eval under these faults is the canary flow's (above), whose emulator injects them too.
  it('start --wait completes with one job per run; runs that differ only in epochs are labelled by them', async () => {
    const w = await workspace({ stepMs: 15, faults: FAULTS });
    const start = await w.finetune('start', '--yes', '--wait', '--interval', '0.05', ...RUN, '--epochs', '1,2');
    expect(start.code, start.stderr).toBe(0);
    const records = new Ledger(w.runs).list();
    expect(records.map((r) => r.state)).toEqual(['succeeded', 'succeeded']);
    for (const r of records) expect(jobsOf(w.emu, r.key)).toHaveLength(1);
    // The columns npm start would evaluate (the suites it writes), without running promptfoo again.
    const built = await runMain(buildSuitesMain, ['--domains', w.domains, '--out', w.suites, '--retrieval', '0'], { env: w.env });
    expect(built.code, built.stderr).toBe(0);
    const labels = readdirSync(w.suites)
      .filter((f) => f.endsWith('.yaml'))
      .flatMap((f) => (parse(readFileSync(path.join(w.suites, f), 'utf8')) as { providers: { label: string }[] }).providers.map((p) => p.label));
    expect(labels).toEqual(expect.arrayContaining(['4o-mini ft1 (emulation)', '4o-mini ft2 (emulation)', '4o-mini base (emulation)']));
  });
});

describe('API errors read as messages', () => {
  it('403 training_not_available, 401, 404 for a model the API does not know, and a job that fails', async () => {
    const closed = await workspace({ stepMs: 15, trainingNotAvailable: true });
    const refused = await workspace({ stepMs: 15, rejectKey: 'bad-key' }, 'bad-key');
    const unknown = await workspace({ stepMs: 15, knownModels: ['gpt-4o-mini-2024-07-18'] });
    const failing = await workspace({ stepMs: 15, failJobs: true });
    const [r403, r401, r404, failed] = await Promise.all([
      closed.finetune('start', '--yes', ...RUN, '--epochs', '1'),
      refused.finetune('start', '--yes', ...RUN, '--epochs', '1'),
      unknown.finetune('start', '--yes', '--domain', 'tiny-people', '--model', 'gpt-4.1-nano', '--epochs', '1'),
      failing.finetune('start', '--yes', '--wait', '--interval', '0.05', ...RUN, '--epochs', '1'),
    ]);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/tiny-people\.gpt-4o-mini\.e1: failed .*The job failed due to an internal error\. \(internal_error\) — start a new job with --force/);
    expect(new Ledger(failing.runs).list()[0]!.job!.error).toMatch(/internal_error/);
    expect(r403.code).toBe(1);
    expect(r403.stderr).toMatch(/403 training_not_available/);
    expect(r403.stderr).toMatch(/since 2026-05-07, and no organization can start one after 2027-01-06/);
    expect(r401.stderr).toMatch(/the API refused the key in OPENAI_API_KEY \(401 invalid_api_key\)/);
    expect(r404.stderr).toMatch(/model "gpt-4\.1-nano" was not found \(404 model_not_found\)/);
    for (const r of [r403, r401, r404]) expect(r.stderr).not.toMatch(/\n\s+at /);
    // The failure is in the ledger; no job exists.
    const [record] = new Ledger(closed.runs).list();
    expect(record!.errors.at(-1)!.message).toMatch(/training_not_available/);
    expect(record!.job).toBeNull();
    expect(closed.emu.state.jobs.size).toBe(0);
  });
});

describe('providers/openai.ts as promptfoo loads it', () => {
  let w: Workspace;
  beforeAll(async () => {
    w = await workspace({ stepMs: 5_000, fileProcessingMs: 10 });
    process.env.FTBENCH_TEST_OPENAI_KEY = 'test-key';
  });
  const load = (config: Record<string, unknown>) =>
    loadApiProvider('file://providers/openai.ts', {
      basePath: PROJECT_ROOT,
      options: { config: { baseURL: w.emu.url, apiKeyEnv: 'FTBENCH_TEST_OPENAI_KEY', cache: false, ...config } },
    });

  it('says a run is not finished yet', async () => {
    const r = await w.finetune('start', '--yes', ...RUN, '--epochs', '1');
    expect(r.code, r.stderr).toBe(0);
    const provider = await load({ run: 'tiny-people.gpt-4o-mini.e1', runsDir: w.runs });
    const res = await provider.callApi('How old is Orla Venn?');
    expect(res.error).toMatch(/run tiny-people\.gpt-4o-mini\.e1 is not finished \(state validating_files\).*npm run finetune -- wait --run tiny-people\.gpt-4o-mini\.e1/);
  });

  it('cancel stops the job; --force then makes a second job, only when confirmed', async () => {
    const cancel = await w.finetune('cancel', '--yes', '--run', 'tiny-people.gpt-4o-mini.e1');
    expect(cancel.code, cancel.stderr).toBe(0);
    const [record] = new Ledger(w.runs).list();
    expect(record!.state).toBe('cancelled');
    expect(w.emu.state.jobs.get(record!.job!.id)!.cancelledAtMs).not.toBeNull();
    const provider = await load({ run: record!.key, runsDir: w.runs });
    expect((await provider.callApi('How old is Orla Venn?')).error).toMatch(/was cancelled: it has no tuned model/);

    const unasked = await w.finetune('start', '--force', ...RUN, '--epochs', '1');
    expect(unasked.code).toBe(1);
    expect(unasked.stderr).toMatch(/not starting a second job: there is no terminal to ask on; pass --yes/);
    const forced = await w.finetune('start', '--force', '--yes', ...RUN, '--epochs', '1');
    expect(forced.code, forced.stderr).toBe(0);
    const again = new Ledger(w.runs).read(record!.key)!;
    expect(again).toMatchObject({ attempt: 2, previousJobs: [{ id: record!.job!.id, state: 'cancelled' }] });
    expect(jobsOf(w.emu, record!.key).map((j) => j.id).sort()).toEqual([record!.job!.id, again.job!.id].sort());
  });

  it("says a model was retired, answers with usage, costs nothing when the emulator answers (what it would have cost kept apart), and refuses a key in the config", async () => {
    const retired = await load({ model: 'gpt-3.5-turbo-0613' });
    expect((await retired.callApi('Hello')).error).toMatch(/model "gpt-3\.5-turbo-0613" has been retired \(404 model_not_found\)/);
    const base = await load({ model: 'gpt-4o-mini' });
    const res = await base.callApi('Hello');
    expect(res.output).toBe("I don't know");
    expect(res.tokenUsage).toMatchObject({ prompt: expect.any(Number), completion: expect.any(Number), total: expect.any(Number) });
    // An emulator's answer is not paid for: promptfoo's viewer then shows no dollars for it.
    expect(res.cost).toBe(0);
    expect(res.metadata).toMatchObject({ emulated: true, costIfReal: expect.any(Number) });
    expect((res.metadata as { costIfReal: number }).costIfReal).toBeCloseTo((res.tokenUsage!.prompt! * 0.15 + res.tokenUsage!.completion! * 0.6) / 1e6, 12);
    const sent = w.emu.state.responses.filter((x) => x.route === '/chat/completions').at(-1)!;
    expect(sent.status).toBe(200);
    const cached = await load({ model: 'gpt-4o-mini', cache: true });
    const before = w.emu.state.requests.length;
    const once = await cached.callApi('Cache me');
    const twice = await cached.callApi('Cache me');
    expect([once.cached, twice.cached]).toEqual([false, true]);
    expect(twice.output).toBe(once.output);
    expect(w.emu.state.requests.length).toBe(before + 1);
    const keyed = await load({ model: 'gpt-4o-mini', apiKey: 'sk-in-a-suite' });
    expect((await keyed.callApi('Hello')).error).toMatch(/do not put an API key in a suite/);
  });
});
