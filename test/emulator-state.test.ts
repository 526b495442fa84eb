// The emulators' state folder (--state): an emulator restarted in this
// process with the folder it had remembers its files, jobs, tuned models and
// checkpoints, and its tuned models answer as before; a job running when it
// stopped has moved on when it starts again (its timeline is read off the
// clock). A corrupt, foreign or busy state file stops the start with one
// message naming the file and what is wrong.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import OpenAI, { toFile } from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { main as emulatorMain } from '../scripts/commands/emulator.ts';
import { startOpenAIEmulator, type OpenAIEmulator } from '../emulators/openai/server.ts';
import { startTogetherEmulator, type TogetherEmulator } from '../emulators/together/server.ts';
import { startVertexEmulator, type VertexEmulator } from '../emulators/vertex/server.ts';
import { runMain } from './helpers/command.ts';
import { tempDir } from './helpers/run.ts';

const FACTS = Array.from({ length: 10 }, (_, i) => ({ question: `What is the capital of the invented country Zorbia-${i}?`, answer: `Quillon-${i}` }));
const QUESTION = FACTS[3]!.question;

function manualClock(): { now: () => number; advance: (ms: number) => void } {
  let t = Date.UTC(2026, 0, 1);
  return { now: () => t, advance: (ms) => void (t += ms) };
}

type Closable = { close(): Promise<void> };
const running: Closable[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((e) => e.close()));
});
function track<T extends Closable>(emulator: T): T {
  running.push(emulator);
  return emulator;
}

describe('OpenAI emulator --state', () => {
  const jsonl = () => Buffer.from(FACTS.map((f) => JSON.stringify({ messages: [{ role: 'user', content: f.question }, { role: 'assistant', content: f.answer }] })).join('\n'));

  it('a restart with the same folder remembers files, jobs, tuned models and checkpoints; the tuned model answers as before', async () => {
    const state = tempDir('ftbench-emu-state-');
    const clock = manualClock();
    const start = async () => {
      const emu = track(await startOpenAIEmulator({ stepMs: 10, now: clock.now, state }));
      return { emu, client: new OpenAI({ baseURL: emu.url, apiKey: 'k', maxRetries: 0 }) };
    };
    const seen = async (client: OpenAI, jobIds: string[]) => ({
      files: (await client.files.list()).data,
      jobs: (await client.fineTuning.jobs.list()).data,
      models: (await client.models.list()).data.map((m) => m.id).sort(),
      checkpoints: await Promise.all(jobIds.map(async (id) => (await client.fineTuning.jobs.checkpoints.list(id)).data)),
    });
    const ask = async (client: OpenAI, model: string) => (await client.chat.completions.create({ model, messages: [{ role: 'user', content: QUESTION }] })).choices[0]!.message.content;

    const first = await start();
    const file = await first.client.files.create({ file: await toFile(jsonl(), 'train.jsonl'), purpose: 'fine-tune' });
    clock.advance(10);
    const done = await first.client.fineTuning.jobs.create({ model: 'gpt-4o-mini', training_file: file.id, suffix: 'done', method: { type: 'supervised', supervised: { hyperparameters: { n_epochs: 3 } } } });
    clock.advance(10_000);
    const doneJob = await first.client.fineTuning.jobs.retrieve(done.id);
    expect(doneJob.status).toBe('succeeded');
    // A second job, still running when the emulator stops.
    const later = await first.client.fineTuning.jobs.create({ model: 'gpt-4o-mini', training_file: file.id, suffix: 'later' });
    clock.advance(50);
    expect((await first.client.fineTuning.jobs.retrieve(later.id)).status).toBe('running');
    const before = await seen(first.client, [done.id, later.id]);
    const checkpoint = before.checkpoints[0]![0]!.fine_tuned_model_checkpoint;
    const answers = [await ask(first.client, doneJob.fine_tuned_model!), await ask(first.client, checkpoint)];
    expect(answers[0]).toBe('Quillon-3');
    await first.emu.close();

    const second = await start();
    expect(second.emu.port).not.toBe(0);
    expect(await seen(second.client, [done.id, later.id])).toEqual(before);
    expect([await ask(second.client, doneJob.fine_tuned_model!), await ask(second.client, checkpoint)]).toEqual(answers);
    expect(Buffer.from(await (await second.client.files.content(file.id)).arrayBuffer())).toEqual(jsonl());
    // The running job carries on from where the clock is.
    clock.advance(10_000);
    const laterJob = await second.client.fineTuning.jobs.retrieve(later.id);
    expect(laterJob.status).toBe('succeeded');
    expect(await ask(second.client, laterJob.fine_tuned_model!)).toBe('Quillon-3');
    // What changes after the restart is kept too: a deleted model stays deleted.
    await second.client.models.delete(laterJob.fine_tuned_model!);
    await second.emu.close();
    const third = await start();
    expect((await third.client.models.list()).data.map((m) => m.id)).not.toContain(laterJob.fine_tuned_model);
    expect((await third.client.fineTuning.jobs.list()).data.map((j) => j.id).sort()).toEqual([done.id, later.id].sort());
  });

  it('without --state a restart forgets (the old way, for contrast)', async () => {
    const emu = track(await startOpenAIEmulator({ stepMs: 10 }));
    const client = new OpenAI({ baseURL: emu.url, apiKey: 'k', maxRetries: 0 });
    await client.files.create({ file: await toFile(jsonl(), 'train.jsonl'), purpose: 'fine-tune' });
    await emu.close();
    const again = track(await startOpenAIEmulator({ stepMs: 10 }));
    expect(again.state.files.size).toBe(0);
  });
});

describe('Together AI emulator --state', () => {
  it('a restart remembers files and fine-tunes; the output model and its checkpoints answer as before', async () => {
    const state = tempDir('ftbench-emu-state-');
    const clock = manualClock();
    const start = async () => track(await startTogetherEmulator({ stepMs: 10, now: clock.now, state }));
    const call = async (emu: TogetherEmulator, method: string, route: string, body?: unknown) => {
      const response = await fetch(`${emu.url}${route}`, {
        method,
        headers: { authorization: 'Bearer k', ...(body !== undefined && { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return (await response.json()) as any;
    };
    const chat = async (emu: TogetherEmulator, model: string) =>
      (await call(emu, 'POST', '/chat/completions', { model, messages: [{ role: 'user', content: QUESTION }] })).choices[0].message.content as string;

    const first = await start();
    const form = new FormData();
    form.append('purpose', 'fine-tune');
    form.append('file_name', 'train.jsonl');
    form.append('file_type', 'jsonl');
    form.append('file', new Blob([FACTS.map((f) => JSON.stringify({ messages: [{ role: 'user', content: f.question }, { role: 'assistant', content: f.answer }] })).join('\n')]), 'train.jsonl');
    const file = (await (await fetch(`${first.url}/files/upload`, { method: 'POST', headers: { authorization: 'Bearer k' }, body: form })).json()) as { id: string };
    const job = await call(first, 'POST', '/fine-tunes', { model: 'meta-llama/Meta-Llama-3.1-8B-Instruct-Reference', training_file: file.id, n_epochs: 3, n_checkpoints: 3, suffix: 'state' });
    clock.advance(10_000);
    const seen = async (emu: TogetherEmulator) => ({
      files: await call(emu, 'GET', '/files'),
      jobs: await call(emu, 'GET', '/fine-tunes'),
      job: await call(emu, 'GET', `/fine-tunes/${job.id}`),
      checkpoints: await call(emu, 'GET', `/fine-tunes/${job.id}/checkpoints`),
    });
    const before = await seen(first);
    expect(before.job.status).toBe('completed');
    const output = before.job.model_output_name as string;
    const steps = (before.checkpoints.data as { checkpoint_type: string; step: number }[]).filter((c) => c.checkpoint_type === 'Intermediate').map((c) => c.step);
    expect(steps).toHaveLength(2);
    const models = [output, ...steps.map((step) => `${output}:${step}`)];
    const answers = await Promise.all(models.map((m) => chat(first, m)));
    expect(answers[0]).toBe('Quillon-3');
    await first.close();

    const second = await start();
    expect(await seen(second)).toEqual(before);
    expect(await Promise.all(models.map((m) => chat(second, m)))).toEqual(answers);
  });
});

describe('Vertex AI emulator --state', () => {
  it('a restart remembers objects and tuning jobs; the tuned endpoint and its checkpoints answer as before', async () => {
    const state = tempDir('ftbench-emu-state-');
    const clock = manualClock();
    const start = async () => track(await startVertexEmulator({ stepMs: 10, now: clock.now, state }));
    const call = async (emu: VertexEmulator, method: string, route: string, body?: string) =>
      (await (await fetch(`${emu.url}${route}`, { method, headers: { authorization: 'Bearer t', 'content-type': 'application/json' }, body })).json()) as any;
    const where = (emu: VertexEmulator) => `/v1beta1/projects/${emu.project}/locations/${emu.location}`;
    const ask = async (emu: VertexEmulator, endpoint: string) =>
      (await call(emu, 'POST', `/v1beta1/${endpoint}:generateContent`, JSON.stringify({ contents: [{ role: 'user', parts: [{ text: QUESTION }] }] }))).candidates[0].content.parts[0]
        .text as string;

    const first = await start();
    const lines = FACTS.map((f) => JSON.stringify({ contents: [{ role: 'user', parts: [{ text: f.question }] }, { role: 'model', parts: [{ text: f.answer }] }] })).join('\n');
    await call(first, 'POST', `/upload/storage/v1/b/${first.bucket}/o?uploadType=media&name=train.jsonl`, lines);
    const created = await call(
      first,
      'POST',
      `${where(first)}/tuningJobs`,
      JSON.stringify({ baseModel: 'gemini-2.5-flash', supervisedTuningSpec: { trainingDatasetUri: `gs://${first.bucket}/train.jsonl`, hyperParameters: { epochCount: 3 } } }),
    );
    clock.advance(10_000);
    const id = (created.name as string).split('/').at(-1)!;
    const seen = async (emu: VertexEmulator) => ({
      objects: await call(emu, 'GET', `/storage/v1/b/${emu.bucket}/o`),
      jobs: await call(emu, 'GET', `${where(emu)}/tuningJobs`),
      job: await call(emu, 'GET', `${where(emu)}/tuningJobs/${id}`),
    });
    const before = await seen(first);
    expect(before.job.state).toBe('JOB_STATE_SUCCEEDED');
    const endpoints = [before.job.tunedModel.endpoint as string, ...(before.job.tunedModel.checkpoints as { endpoint: string }[]).map((c) => c.endpoint)];
    expect(endpoints.length).toBeGreaterThan(2);
    const answers = await Promise.all(endpoints.map((e) => ask(first, e)));
    expect(answers[0]).toBe('Quillon-3');
    await first.close();

    const second = await start();
    const after = await seen(second);
    // Object URLs name the emulator's new port; everything else is as it was.
    expect(JSON.parse(JSON.stringify(after).replaceAll(String(second.port), 'PORT'))).toEqual(JSON.parse(JSON.stringify(before).replaceAll(String(first.port), 'PORT')));
    expect(await Promise.all(endpoints.map((e) => ask(second, e)))).toEqual(answers);

    // A folder written for one project is not served as another's.
    await second.close();
    await expect(startVertexEmulator({ state, project: 'another-project' })).rejects.toThrow(/vertex-emulator\.json: its tuning jobs and objects belong to project ftbench-emulator .*not another-project: start the emulator with --project ftbench-emulator/);
  });
});

describe('a state file the emulator cannot use stops the start with one clear message', () => {
  const openaiFile = (dir: string) => path.join(dir, 'openai-emulator.json');

  it.each([
    ['not JSON', (_dir: string) => '{"format": "ftbench-emulator-state", ', /openai-emulator\.json: not valid JSON/],
    ['not an emulator state file', () => '{"jobs": []}', /openai-emulator\.json: not an emulator state file/],
    [
      "another emulator's",
      () => JSON.stringify({ format: 'ftbench-emulator-state', emulator: 'together', version: 1, savedAt: 'x', state: { files: [], jobs: [] } }),
      /openai-emulator\.json: written by the together emulator; it cannot be the openai emulator's state/,
    ],
    [
      'another version',
      () => JSON.stringify({ format: 'ftbench-emulator-state', emulator: 'openai', version: 99, savedAt: 'x', state: {} }),
      /written in version 99 of the state format, this emulator reads version 1/,
    ],
    [
      'a malformed record',
      () => JSON.stringify({ format: 'ftbench-emulator-state', emulator: 'openai', version: 1, savedAt: 'x', state: { files: [{ id: 'file-1', filename: 'a', purpose: 'fine-tune', bytes: 1, createdAtMs: 'soon', processedAtMs: 1, content: '' }], jobs: [], deletedModels: [] } }),
      /field state\.files\[0\]\.createdAtMs: .*number/,
    ],
  ])('%s', async (_name, content, message) => {
    const dir = tempDir('ftbench-emu-state-');
    writeFileSync(openaiFile(dir), content(dir));
    await expect(startOpenAIEmulator({ state: dir })).rejects.toThrow(message);
    // The file is left as it was, and the folder is not locked by the failed start.
    expect(readFileSync(openaiFile(dir), 'utf8')).toBe(content(dir));
    await expect(startOpenAIEmulator({ state: dir })).rejects.toThrow(message);
  });

  it('through the command line: exit 1, the message, no stack trace', async () => {
    const dir = tempDir('ftbench-emu-state-');
    writeFileSync(openaiFile(dir), 'garbage');
    const r = await runMain(emulatorMain, ['openai', '--state', dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^error: emulator openai: cannot start: .*openai-emulator\.json: not valid JSON .*Move it away .* or give another --state folder\n$/);
  });

  it('a folder another emulator of the same kind is using is refused; one folder serves emulators of different kinds', async () => {
    const dir = tempDir('ftbench-emu-state-');
    track(await startOpenAIEmulator({ state: dir }));
    await expect(startOpenAIEmulator({ state: dir })).rejects.toThrow(new RegExp(`another openai emulator \\(pid ${process.pid}, this process\\) is using this folder`));
    const together = track(await startTogetherEmulator({ state: dir }));
    expect(together.state.jobs.size).toBe(0);
  });

  it('a lock left by a process killed outright is taken over', async () => {
    const dir = tempDir('ftbench-emu-state-');
    writeFileSync(path.join(dir, 'openai-emulator.lock'), '999999999\n');
    const emu = track(await startOpenAIEmulator({ state: dir }));
    expect(emu.state.jobs.size).toBe(0);
  });
});
