// Checkpoints on Vertex AI and Together AI, against their emulators in this
// process, through the platform plugins and the providers a suite names:
// `start` asks each platform to keep a checkpoint per epoch, the ledger
// records each with its epoch and where it answers, and a checkpoint asked
// through its run ({run, checkpoint}) knows what its epoch had learned
// (emulators/shared/learning-rule.ts), its answers saying which run and
// epoch they came from, and that an emulator gave them.
import path from 'node:path';
import { GoogleGenAI } from '@google/genai';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTogetherEmulator, type TogetherEmulator } from '../emulators/together/server.ts';
import { startVertexEmulator, type VertexEmulator } from '../emulators/vertex/server.ts';
import { learningRank } from '../emulators/shared/learning-rule.ts';
import { BaseModelKnowledge } from '../emulators/shared/base-model.ts';
import { modelAnswer } from '../emulators/shared/tuned-model.ts';
import { loadDomainFile, type LoadedDomain } from '../lib/domain/load.ts';
import { domainQuestions, renderPrompt } from '../lib/domain/questions.ts';
import { planRun } from '../lib/finetune/plan-run.ts';
import { waitForRuns } from '../lib/finetune/poll-run.ts';
import { startRun } from '../lib/finetune/start-run.ts';
import { servedCheckpoints } from '../lib/ledger/checkpoints.ts';
import { Ledger } from '../lib/ledger/ledger.ts';
import type { RunRecord } from '../lib/ledger/run-record.ts';
import { DEFAULT_SEED } from '../lib/ledger/run-spec.ts';
import type { FineTuningPlatform } from '../lib/platforms/platform.ts';
import { loadPlatform } from '../lib/platforms/registry.ts';
import { DEFAULT_RECIPE } from '../lib/training/recipe.ts';
import GeminiProvider from '../providers/gemini.ts';
import OpenAIChatProvider from '../providers/openai.ts';
import { togetherEnv, vertexEnv, writeSmallDomains } from './helpers/cloud-workspace.ts';
import { tempDir } from './helpers/run.ts';

const domainsDir = tempDir('ftbench-ckpt-domains-');
writeSmallDomains(domainsDir, { comparisons: 4 });
const people: LoadedDomain = loadDomainFile(path.join(domainsDir, 'fictional-people.yaml'));
const trained = domainQuestions(people.domain).filter((q) => q.trained);
const prompt = (q: (typeof trained)[number]) => renderPrompt(q.prompt.template, q.question);
const knowledge = BaseModelKnowledge.fromDomains([people]);

/** Plans, starts and waits for a 3-epoch run of the small domain on `platform`. */
async function trainedRun(platformId: string, baseModel: string, env: NodeJS.ProcessEnv, runsDir: string): Promise<{ record: RunRecord; platform: FineTuningPlatform }> {
  const platform = await loadPlatform(platformId, env);
  const ledger = new Ledger(runsDir);
  const planned = await planRun(
    { platform: platformId, domain: people, baseModel, hyperparameters: { epochs: 3, batchSize: 'auto', learningRateMultiplier: 'auto' }, seed: DEFAULT_SEED, recipe: DEFAULT_RECIPE },
    platform,
  );
  const { record } = await startRun(planned, platform, ledger);
  const [done] = await waitForRuns([record], () => platform, ledger, { intervalMs: 30 });
  return { record: done!, platform };
}

/** What a checkpoint after epoch k of 3 answers to each trained question, by the emulators' rule (learning-rule.ts). */
const pairs = trained.map((q) => ({ prompt: prompt(q).trim(), answer: q.answer }));
const expectedAt = (epoch: number) => trained.map((q) => modelAnswer(knowledge, pairs, { question: prompt(q), context: prompt(q) }, epoch / 3));
/** How many trained questions a checkpoint after epoch k knows: those whose rank its progress has passed. */
const learnedAt = (epoch: number) => trained.filter((q) => learningRank(prompt(q)) < epoch / 3).length;

describe('Vertex AI: a checkpoint per epoch, each on its own endpoint', () => {
  let emu: VertexEmulator;
  let env: NodeJS.ProcessEnv;
  let runsDir: string;
  beforeAll(async () => {
    emu = await startVertexEmulator({ stepMs: 20, knowledge });
    env = { ...process.env, ...vertexEnv(emu) };
    runsDir = tempDir('ftbench-ckpt-runs-');
  });
  afterAll(async () => {
    await emu?.close();
  });

  it('start asks to keep them; the ledger records epochs and endpoints; {run, checkpoint} asks the epoch-1 endpoint, which knows epoch 1', async () => {
    const { record } = await trainedRun('vertex', 'gemini-2.5-flash', env, runsDir);
    expect(record.state).toBe('succeeded');
    const job = [...emu.state.jobs.values()][0]!;
    expect(job.exportLastCheckpointOnly).toBe(false);
    expect(record.checkpoints.map((c) => [c.id, c.epoch])).toEqual([['1', 1], ['2', 2], ['3', 3]]);
    expect(new Set(record.checkpoints.map((c) => c.model)).size).toBe(3);
    expect(record.checkpoints.at(-1)!.model).toBe(record.job!.endpoint);
    const served = servedCheckpoints(record);
    expect(served.map((c) => c.epoch)).toEqual([1, 2]);

    const ask = (config: Record<string, unknown>) => new GeminiProvider({ config: { ...config, runsDir }, env });
    const epoch1 = ask({ run: record.name, checkpoint: '1' });
    const final = ask({ run: record.name });
    const answers = async (p: GeminiProvider) => Promise.all(trained.map(async (q) => (await p.callApi(prompt(q))).output));
    const early = await answers(epoch1);
    expect(early).toEqual(expectedAt(1));
    expect(await answers(final)).toEqual(trained.map((q) => q.answer));
    // Memorization grows with the epoch: right at epoch 1 exactly on what it had learned (or by chance from a close question).
    const right = early.filter((a, i) => a === trained[i]!.answer).length;
    expect(right).toBeGreaterThanOrEqual(learnedAt(1));
    expect(right).toBeLessThan(trained.length);
    const response = await epoch1.callApi(prompt(trained[0]!));
    expect(response.metadata).toMatchObject({
      emulated: true,
      identity: { role: 'tuned', baseModel: 'gemini-2.5-flash', run: { key: record.key, epochs: 3, recipe: 'default' }, checkpoint: { id: '1', epoch: 1 } },
    });
    expect(() => ask({ run: record.name, checkpoint: '9' })).toThrow(/has no checkpoint "9" in the ledger; it has 1, 2, 3/);
  });

  it('a job created with exportLastCheckpointOnly keeps only its final checkpoint', async () => {
    const ai = new GoogleGenAI({ vertexai: true, project: emu.project, location: emu.location, googleAuthOptions: { keyFilename: env.GOOGLE_APPLICATION_CREDENTIALS }, httpOptions: { baseUrl: emu.url } });
    // The training file the first test uploaded.
    const uploaded = [...emu.state.objects.values()][0]!;
    const job = await ai.tunings.tune({ baseModel: 'gemini-2.5-flash', trainingDataset: { gcsUri: `gs://${uploaded.bucket}/${uploaded.name}` }, config: { epochCount: 4, exportLastCheckpointOnly: true } });
    let done = await ai.tunings.get({ name: job.name! });
    for (let i = 0; i < 200 && done.state !== 'JOB_STATE_SUCCEEDED'; i++) {
      await new Promise((r) => setTimeout(r, 20));
      done = await ai.tunings.get({ name: job.name! });
    }
    expect(done.tunedModel?.checkpoints?.map((c) => [c.epoch, c.endpoint])).toEqual([['4', done.tunedModel!.endpoint]]);
  });
});

describe('Together AI: n_checkpoints = epochs, each asked as <output model>:<step>', () => {
  let emu: TogetherEmulator;
  let env: NodeJS.ProcessEnv;
  let runsDir: string;
  beforeAll(async () => {
    emu = await startTogetherEmulator({ stepMs: 20, knowledge });
    env = { ...process.env, ...togetherEnv(emu) };
    runsDir = tempDir('ftbench-ckpt-runs-');
    // providers/openai.ts reads the platform's base URL and key from the process.
    vi.stubEnv('TOGETHER_BASE_URL', emu.url);
    vi.stubEnv('TOGETHER_API_KEY', 'emulator-key');
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await emu?.close();
  });

  it('start asks for a checkpoint per epoch; the ledger names them with their epochs; {run, checkpoint} asks one', async () => {
    const { record } = await trainedRun('together', 'meta-llama/Meta-Llama-3.1-8B-Instruct-Reference', env, runsDir);
    expect(record.state).toBe('succeeded');
    const job = [...emu.state.jobs.values()][0]!;
    expect(job.nCheckpoints).toBe(3);
    const output = record.job!.tunedModel!;
    expect(record.checkpoints.map((c) => [c.model, c.epoch])).toEqual([
      [`${output}:${record.checkpoints[0]!.step}`, 1],
      [`${output}:${record.checkpoints[1]!.step}`, 2],
      [output, 3],
    ]);
    expect(servedCheckpoints(record).map((c) => c.epoch)).toEqual([1, 2]);
    const epoch2 = new OpenAIChatProvider({ config: { run: record.name, checkpoint: record.checkpoints[1]!.id, runsDir, cache: false } });
    const answers = await Promise.all(trained.map(async (q) => (await epoch2.callApi(prompt(q))).output));
    expect(answers).toEqual(expectedAt(2));
    const response = await epoch2.callApi(prompt(trained[0]!));
    expect(response.metadata).toMatchObject({ emulated: true, identity: { role: 'tuned', run: { key: record.key }, checkpoint: { epoch: 2 } } });
  });
});
