/**
 * Fine-tuning on Together AI through the command line (`npm run finetune --
 * plan | start | wait | status | cancel --platform together`), against the
 * Together AI emulator running in this process with the environment `npm run
 * emulator -- together` prints; the tuned model asked through
 * providers/openai.ts on Together's OpenAI-compatible API. Then the errors a
 * person meets (401, 403, 404, 429, 5xx, no server) and what they read. The
 * emulator's traffic is checked against Together's OpenAPI description last.
 */
import { loadApiProvider } from 'promptfoo';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDomainFile } from '../lib/domain/load.ts';
import { domainQuestions, renderPrompt } from '../lib/domain/questions.ts';
import { Ledger } from '../lib/ledger/ledger.ts';
import { PROJECT_ROOT } from '../lib/foundation/project-root.ts';
import { priceTokens, type InferencePrice } from '../lib/models/inference-price.ts';
import { startTogetherEmulator, UNKNOWN_ANSWER, type TogetherEmulator, type TogetherEmulatorOptions } from '../emulators/together/server.ts';
import { cloudWorkspace, plannedKey, togetherEnv, type CloudWorkspace } from './helpers/cloud-workspace.ts';
import type { RunResult } from './helpers/run.ts';
import { describeTogetherConformance } from './helpers/together-description.ts';

const BASE = 'meta-llama/Meta-Llama-3.1-8B-Instruct-Reference';
const NAME = `together.fictional-people.${BASE}.e3`;
const RUN = ['--platform', 'together', '--domain', 'fictional-people', '--model', BASE];
const open: TogetherEmulator[] = [];
afterAll(async () => {
  await Promise.all(open.map((e) => e.close()));
});

async function workspace(options: TogetherEmulatorOptions = {}, key?: string): Promise<{ emu: TogetherEmulator; w: CloudWorkspace }> {
  const emu = await startTogetherEmulator({ stepMs: 15, ...options });
  open.push(emu);
  return { emu, w: cloudWorkspace(togetherEnv(emu, key)) };
}

function expectExplained(r: RunResult, message: RegExp): void {
  expect(r.code, r.stdout + r.stderr).toBe(1);
  expect(r.stderr).toMatch(message);
  expect(r.stderr).not.toMatch(/^\s+at /m);
}

const jobsOf = (emu: TogetherEmulator, key: string) => [...emu.state.jobs.values()].filter((j) => j.suffix?.startsWith(`ftb-${key}-`));

async function chat(w: CloudWorkspace, config: Record<string, unknown>) {
  return loadApiProvider('file://providers/openai.ts', { basePath: PROJECT_ROOT, options: { config: { runsDir: w.runs, cache: false, ...config } } });
}

describe('finetune --platform together: plan, start, wait, status, cancel', () => {
  let emu: TogetherEmulator;
  let w: CloudWorkspace;
  let key: string;

  beforeAll(async () => {
    ({ emu, w } = await workspace());
  });

  it('start uploads the training file, creates one LoRA job whose suffix carries the run key; a second start attaches', async () => {
    const plan = await w.finetune('plan', ...RUN, '--epochs', '3');
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout).toMatch(/meta-llama\/Meta-Llama-3\.1-8B-Instruct-Reference \$0\.4800\/1M training tokens \(LoRA\) \(tokens approximated with cl100k_base/);
    expect(emu.state.requests).toHaveLength(0);
    key = plannedKey(plan);

    const start = await w.finetune('start', ...RUN, '--epochs', '3', '--yes');
    expect(start.code, start.stderr).toBe(0);
    expect(start.stdout).toMatch(new RegExp(`${NAME.replace(/[./]/g, '\\$&')} \\(${key}\\): created job ft-[0-9a-f-]+, (pending|queued|running)`));
    const [file] = [...emu.state.files.values()];
    expect(file).toMatchObject({ filename: `ftbench-${key}.jsonl`, purpose: 'fine-tune', dataset: { format: 'conversation', examples: 24 } });
    const [job] = jobsOf(emu, key);
    // LoRA at the model's highest rank (from its limits), alpha twice that: what Together's own clients ask.
    expect(job).toMatchObject({ model: BASE, trainingFile: file!.id, suffix: `ftb-${key}-a1`, nEpochs: 3, nCheckpoints: 3, randomSeed: 42, trainingType: { type: 'Lora', lora_r: 64, lora_alpha: 128 } });

    const again = await w.finetune('start', ...RUN, '--epochs', '3');
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain(`attached to job ${job!.id}`);
    expect(jobsOf(emu, key)).toHaveLength(1);
    expect(emu.state.requestCount(/^POST \/v1\/files\/upload$/)).toBe(1);
  });

  it('wait follows the job through its statuses to completed; the events give the steps', async () => {
    const r = await w.finetune('wait', '--interval', '0.05');
    expect(r.code, r.stderr).toBe(0);
    const job = jobsOf(emu, key)[0]!;
    expect(r.stderr).toContain(`${NAME}: succeeded step ${job.totalSteps}/${job.totalSteps}`);
    const record = new Ledger(w.runs).read(key)!;
    expect(record).toMatchObject({ state: 'succeeded', job: { id: job.id, rawStatus: 'completed', tunedModel: job.outputName, trainedTokens: job.tokenCount } });
    expect(record.progress).toMatchObject({ step: job.totalSteps, totalSteps: job.totalSteps });
    expect(record.checkpoints.at(-1)).toMatchObject({ step: job.totalSteps, id: `s3://together-emulator/finetune/${job.id}/final` });
    const list = await w.finetune('list', '--platform', 'together');
    expect(list.stdout).toContain(job.outputName);
    expect((await w.finetune('list', '--platform', 'vertex')).stdout).toMatch(/no runs in .* on vertex/);
  });

  it("providers/openai.ts asks the run on Together's OpenAI-compatible API, and the base model with platform: together", async () => {
    const questions = domainQuestions(loadDomainFile(`${w.domains}/fictional-people.yaml`).domain);
    const trained = questions.find((q) => q.trained)!;
    const prompt = renderPrompt(trained.prompt.template, trained.question);
    process.env.TOGETHER_BASE_URL = w.env.TOGETHER_BASE_URL;
    process.env.TOGETHER_API_KEY = w.env.TOGETHER_API_KEY;
    try {
      const tuned = await chat(w, { run: NAME });
      const answer = await tuned.callApi(prompt);
      expect(answer).toMatchObject({ output: trained.answer, metadata: { model: jobsOf(emu, key)[0]!.outputName } });
      // The emulator answered, so promptfoo is told it cost nothing; what it would have cost is kept apart, at the tuned (LoRA serverless) price.
      expect(answer.cost).toBe(0);
      expect(answer.metadata).toMatchObject({ emulated: true, costIfReal: expect.any(Number), inferencePrice: { platform: 'together', tuned: true } });
      const { costIfReal, inferencePrice } = answer.metadata as { costIfReal: number; inferencePrice: InferencePrice };
      expect(costIfReal).toBeGreaterThan(0);
      expect(costIfReal).toBeCloseTo(priceTokens(inferencePrice, answer.tokenUsage!.prompt!, answer.tokenUsage!.completion!), 12);
      expect((await (await chat(w, { model: BASE, platform: 'together' })).callApi(prompt)).output).toBe(UNKNOWN_ANSWER);
    } finally {
      delete process.env.TOGETHER_BASE_URL;
      delete process.env.TOGETHER_API_KEY;
    }
  });

  it('--training-type full, --warmup-ratio, --lr-multiplier and --batch-size reach the job; a job made by a killed process is found by its suffix', async () => {
    const full = await w.finetune('start', ...RUN, '--epochs', '2', '--training-type', 'full', '--warmup-ratio', '0.1', '--lr-multiplier', '2', '--batch-size', '8', '--yes');
    expect(full.code, full.stderr).toBe(0);
    expect(full.stdout).toMatch(/e2\.bs8\.lr2\.full\.warmup0\.1 \([0-9a-f]{16}\): created job/);
    const job = [...emu.state.jobs.values()].find((j) => j.nEpochs === 2)!;
    expect(job).toMatchObject({ trainingType: { type: 'Full' }, warmupRatio: 0.1, learningRate: 0.00002, batchSize: 8 });

    const key4 = plannedKey(await w.finetune('plan', ...RUN, '--epochs', '4'));
    const orphan = (await (
      await fetch(`${emu.url}/fine-tunes`, {
        method: 'POST',
        headers: { authorization: 'Bearer emulator-key', 'content-type': 'application/json' },
        body: JSON.stringify({ model: BASE, training_file: job.trainingFile, n_epochs: 4, suffix: `ftb-${key4}-a1` }),
      })
    ).json()) as { id: string };
    const r = await w.finetune('start', ...RUN, '--epochs', '4', '--yes');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`found its job ${orphan.id}`);
    expect(jobsOf(emu, key4)).toHaveLength(1);
  });

  it('cancel stops a running job: cancel_requested, then cancelled', async () => {
    const slow = await workspace({ stepMs: 400 });
    expect((await slow.w.finetune('start', ...RUN, '--epochs', '3', '--yes')).code).toBe(0);
    const cancel = await slow.w.finetune('cancel', '--platform', 'together', '--yes');
    expect(cancel.code, cancel.stderr).toBe(0);
    expect(cancel.stdout).toContain(`${NAME}: cancelling`);
    const wait = await slow.w.finetune('wait', '--interval', '0.1');
    expect(wait.code).toBe(1);
    const [record] = new Ledger(slow.w.runs).list();
    expect(record).toMatchObject({ state: 'cancelled', job: { rawStatus: 'cancelled' } });
  });

  it('refuses what Together AI does not take, and a missing key, before contacting anything', async () => {
    const before = emu.state.requests.length;
    expectExplained(await w.finetune('start', ...RUN, '--epochs', '3', '--adapter-size', '8', '--yes'), /--adapter-size is a Vertex AI setting \(--platform vertex\); Together AI's own are --training-type/);
    expectExplained(await w.finetune('start', ...RUN, '--epochs', '3', '--training-type', 'qlora', '--yes'), /--training-type "qlora": expected one of lora, full/);
    expectExplained(await w.finetune('start', ...RUN, '--epochs', '3', '--warmup-ratio', '1.5', '--yes'), /--warmup-ratio "1\.5": expected a number from 0 to 1/);
    const saved = w.env;
    w.env = { ...saved, TOGETHER_API_KEY: '' };
    expectExplained(await w.finetune('start', ...RUN, '--epochs', '5', '--yes'), /TOGETHER_API_KEY is not set: export your Together AI key/);
    w.env = saved;
    expect(emu.state.requests.length).toBe(before);
  });
});

describe('finetune --platform together: what a person reads when it fails', () => {
  it('no server at TOGETHER_BASE_URL: says it cannot be reached, and why', async () => {
    const gone = await startTogetherEmulator();
    const url = gone.url;
    await gone.close();
    const { w } = await workspace();
    w.env = { ...w.env, TOGETHER_BASE_URL: url };
    const r = await w.finetune('start', ...RUN, '--epochs', '3', '--yes', '--retries', '1');
    expectExplained(r, new RegExp(`cannot reach Together AI at ${url.replace(/[./]/g, '\\$&')} \\(Connection error\\. \\(fetch failed: connect ECONNREFUSED [^)]+\\)\\) even after 2 attempt\\(s\\); check the network and TOGETHER_BASE_URL`));
    expect(r.stderr).toMatch(/Connection error\. \(fetch failed: connect ECONNREFUSED [^)]+\); retry 1 in/);
  });

  it('a model Together cannot tune: its limits answer 404, read before any job is made', async () => {
    const { emu, w } = await workspace({ tunableModels: ['Qwen/Qwen2.5-7B-Instruct'] });
    const r = await w.finetune('start', ...RUN, '--epochs', '3', '--yes');
    expectExplained(r, new RegExp(`reading the fine-tuning limits of ${BASE.replace(/[./]/g, '\\$&')}: model ${BASE.replace(/[./]/g, '\\$&')} is not available \\(404\\): Model ${BASE.replace(/[./]/g, '\\$&')} not found or not supported for fine-tuning\\. Check the model name`));
    expect(emu.state.jobs.size).toBe(0);
  });

  it('401: a refused key (never printed)', async () => {
    const { w } = await workspace({ rejectKey: 'revoked-key' }, 'revoked-key');
    const r = await w.finetune('start', ...RUN, '--epochs', '3', '--yes');
    expectExplained(r, new RegExp(`looking for run ${NAME.replace(/[./]/g, '\\$&')}'s fine-tuning job: Together AI refused the key in TOGETHER_API_KEY \\(401 invalid_api_key\\); set a valid key in the environment`));
    expect(r.stderr + r.stdout).not.toContain('revoked-key');
  });

  it('403: a key without access to fine-tuning', async () => {
    const { emu, w } = await workspace({ forbidden: /^POST \/v1\/fine-tunes$/ });
    const r = await w.finetune('start', ...RUN, '--epochs', '3', '--yes');
    expectExplained(r, /creating the fine-tuning job of run .*: permission denied \(403 forbidden\): Your API key does not have access to POST \/v1\/fine-tunes\. The key's account may not use this/);
    expect(emu.state.jobs.size).toBe(0);
  });

  it('404: a job the account cannot see (another server, another key)', async () => {
    const { w } = await workspace();
    expect((await w.finetune('start', ...RUN, '--epochs', '3', '--yes')).code).toBe(0);
    const elsewhere = await startTogetherEmulator({ stepMs: 15 });
    open.push(elsewhere);
    w.env = { ...w.env, TOGETHER_BASE_URL: elsewhere.url };
    const r = await w.finetune('status');
    expectExplained(r, new RegExp(`reading fine-tuning job ft-[0-9a-f-]+: not found \\(404 not_found\\): Fine-tune job ft-[0-9a-f-]+ not found\\. The job may belong to another account \\(TOGETHER_API_KEY\\) or another server \\(TOGETHER_BASE_URL is ${elsewhere.url.replace(/[./]/g, '\\$&')}\\)`));
  });

  it('429: waits what Retry-After asks; when retries run out, the message says so', async () => {
    const { emu, w } = await workspace({ faults: { rate429: 1, retryAfterSeconds: 0.05, only: /fine-tunes/ } });
    const r = await w.finetune('start', ...RUN, '--epochs', '3', '--yes', '--retries', '2');
    expectExplained(r, /still rate limited \(429 rate_limit_exceeded\) after 3 attempt\(s\), each after the wait Together asked for \(Retry-After 0\.05s\): You have been rate limited\..* Try again later: rerunning the same command picks up from the ledger\./);
    expect(r.stderr.match(/: 429 rate_limit_exceeded: You have been rate limited\. [^\n]*; retry \d in 0\.1s/g)).toHaveLength(2);
    expect(emu.state.faults).toHaveLength(3);
    emu.setFaults({ rate429: 1, retryAfterSeconds: 0.05, maxFaults: 2, only: /fine-tunes/ });
    const patient = await w.finetune('start', ...RUN, '--epochs', '3', '--yes');
    expect(patient.code, patient.stderr).toBe(0);
    expect(emu.state.jobs.size).toBe(1);
  });

  it('5xx: a job creation that keeps failing is retried only after checking it did not land, then explained', async () => {
    const { emu, w } = await workspace({ faults: { rate500: 1, only: /^POST \/v1\/fine-tunes$/ } });
    const r = await w.finetune('start', ...RUN, '--epochs', '3', '--yes', '--retries', '1');
    expectExplained(r, /creating the fine-tuning job of run .*: Together AI had a server error \(500\) even after 2 attempt\(s\): Internal server error\. Please try again later\. Try again later/);
    expect(emu.state.jobs.size).toBe(0);
    const calls = emu.state.requests.filter((q) => q.path === '/v1/fine-tunes').map((q) => q.method);
    expect(calls).toEqual(['GET', 'POST', 'GET', 'POST']);
  });
});

describeTogetherConformance(() => open, {
  requests: ['POST /files/upload', 'POST /fine-tunes', 'POST /chat/completions'],
  responses: [
    'GET /files',
    'POST /files/upload',
    'GET /fine-tunes/models/limits',
    'GET /fine-tunes',
    'POST /fine-tunes',
    'GET /fine-tunes/{id}',
    'GET /fine-tunes/{id}/events',
    'GET /fine-tunes/{id}/checkpoints',
    'POST /fine-tunes/{id}/cancel',
    'POST /chat/completions',
  ],
});
