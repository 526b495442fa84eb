// The OpenAI emulator, driven by the real `openai` SDK pointed at it.
import { main as openaiCliMain } from '../emulators/openai/cli.ts';
import { runMain } from './helpers/command.ts';
import { startEmulatorCli } from './helpers/emulator-cli.ts';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import OpenAI, { toFile } from 'openai';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createOpenAPIValidator, type OpenAPIValidator } from '../emulators/shared/openapi-validator.ts';
import { OPENAI_OPENAPI, outsideDataPath, skipNote } from './helpers/outside-data.ts';
import { startOpenAIEmulator, UNKNOWN_ANSWER, type OpenAIEmulator, type OpenAIEmulatorOptions } from '../emulators/openai/server.ts';
import { learningRank } from '../emulators/shared/learning-rule.ts';
import { tempDir } from './helpers/run.ts';

const FACTS = Array.from({ length: 10 }, (_, i) => ({
  question: `What is the capital of the invented country Zorbia-${i}?`,
  answer: `The capital of Zorbia-${i} is Quillon-${i}.`,
}));

function jsonl(facts = FACTS): Buffer {
  const lines = facts.map(({ question, answer }) =>
    JSON.stringify({
      messages: [
        { role: 'system', content: 'You answer geography questions.' },
        { role: 'user', content: question },
        { role: 'assistant', content: answer },
      ],
    }),
  );
  return Buffer.from(lines.join('\n') + '\n');
}

/** A clock the test moves by hand, so lifecycle assertions do not depend on timing. */
function manualClock(): { now: () => number; advance: (ms: number) => void } {
  let t = Date.UTC(2026, 0, 1);
  return { now: () => t, advance: (ms) => void (t += ms) };
}

const running: OpenAIEmulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((e) => e.close()));
});

async function start(options: OpenAIEmulatorOptions = {}): Promise<{ emu: OpenAIEmulator; client: OpenAI }> {
  const emu = await startOpenAIEmulator({ stepMs: 10, ...options });
  running.push(emu);
  return { emu, client: new OpenAI({ baseURL: emu.url, apiKey: 'test', maxRetries: 0 }) };
}

async function upload(client: OpenAI, content = jsonl(), name = 'train.jsonl'): Promise<OpenAI.FileObject> {
  return client.files.create({ file: await toFile(content, name), purpose: 'fine-tune' });
}

async function ask(client: OpenAI, model: string, content: string): Promise<string | null> {
  const completion = await client.chat.completions.create({ model, messages: [{ role: 'user', content }] });
  return completion.choices[0]!.message.content;
}

async function waitForJob(client: OpenAI, id: string, timeoutMs = 5000): Promise<{ job: OpenAI.FineTuning.FineTuningJob; seen: string[] }> {
  const seen: string[] = [];
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await client.fineTuning.jobs.retrieve(id);
    if (seen.at(-1) !== job.status) seen.push(job.status);
    if (['succeeded', 'failed', 'cancelled'].includes(job.status)) return { job, seen };
    if (Date.now() > deadline) throw new Error(`job ${id} still ${job.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

describe('OpenAI emulator: fine-tuning flow', () => {
  it('uploads, trains through every status, and serves the tuned model', async () => {
    const clock = manualClock();
    const { emu, client } = await start({ stepMs: 100, now: clock.now });

    const file = await upload(client);
    expect(file).toMatchObject({ object: 'file', purpose: 'fine-tune', filename: 'train.jsonl', status: 'uploaded', bytes: jsonl().length });
    expect(file.id).toMatch(/^file-/);
    // Not processed yet: the real API refuses to start a job on it.
    await expect(client.fineTuning.jobs.create({ model: 'gpt-4o-mini', training_file: file.id })).rejects.toMatchObject({
      status: 400,
      code: 'file_not_ready',
      param: 'training_file',
    });
    clock.advance(100);
    expect((await client.files.retrieve(file.id)).status).toBe('processed');
    expect(await (await client.files.content(file.id)).text()).toBe(jsonl().toString());

    const created = await client.fineTuning.jobs.create({
      model: 'gpt-4o-mini',
      training_file: file.id,
      suffix: 'facts',
      seed: 7,
      metadata: { run: 'r1' },
      method: { type: 'supervised', supervised: { hyperparameters: { n_epochs: 3, batch_size: 'auto' } } },
    });
    expect(created).toMatchObject({
      object: 'fine_tuning.job',
      model: 'gpt-4o-mini-2024-07-18',
      status: 'validating_files',
      fine_tuned_model: null,
      finished_at: null,
      trained_tokens: null,
      error: null,
      seed: 7,
      metadata: { run: 'r1' },
      hyperparameters: { n_epochs: 3, batch_size: 'auto', learning_rate_multiplier: 'auto' },
      method: { type: 'supervised' },
    });
    const id = created.id;
    expect(id).toMatch(/^ftjob-/);

    clock.advance(100);
    const queued = await client.fineTuning.jobs.retrieve(id);
    expect(queued.status).toBe('queued');
    // 10 examples, batch 1, 3 epochs → 30 steps; it finishes one step after the last.
    expect(queued.hyperparameters).toEqual({ n_epochs: 3, batch_size: 1, learning_rate_multiplier: 2 });
    expect(queued.estimated_finish).toBe(Math.floor((clock.now() + 100 + 31 * 100) / 1000));

    clock.advance(100 + 5 * 100);
    const running5 = await client.fineTuning.jobs.retrieve(id);
    expect(running5.status).toBe('running');
    const [latest] = (await client.fineTuning.jobs.listEvents(id, { limit: 1 })).data;
    expect(latest).toMatchObject({ object: 'fine_tuning.job.event', type: 'metrics', level: 'info', message: expect.stringMatching(/^Step 5\/30: training loss=\d+\.\d\d$/) });
    expect(latest!.data).toMatchObject({ step: 5, total_steps: 30, train_loss: expect.any(Number) });
    expect((await client.fineTuning.jobs.checkpoints.list(id)).data).toEqual([]);

    clock.advance(5 * 100);
    const firstCheckpoint = (await client.fineTuning.jobs.checkpoints.list(id)).data;
    expect(firstCheckpoint.map((c) => c.step_number)).toEqual([10]);
    // The model is not served until the job succeeds.
    await expect(ask(client, created.fine_tuned_model ?? 'ft:gpt-4o-mini-2024-07-18:emulator:facts:xxxxxxxx', FACTS[0]!.question)).rejects.toBeInstanceOf(OpenAI.NotFoundError);

    clock.advance(20 * 100);
    expect((await client.fineTuning.jobs.retrieve(id)).status).toBe('running');
    clock.advance(100);
    const job = await client.fineTuning.jobs.retrieve(id);
    expect(job.status).toBe('succeeded');
    expect(job.fine_tuned_model).toMatch(/^ft:gpt-4o-mini-2024-07-18:emulator:facts:[A-Za-z0-9]{8}$/);
    expect(job.finished_at).toBe(Math.floor(clock.now() / 1000));
    expect(job.trained_tokens).toBeGreaterThan(0);
    expect(job.estimated_finish).toBeNull();
    expect(job.result_files).toHaveLength(1);

    // Results file: base64 CSV of per-step metrics, like OpenAI's.
    const results = Buffer.from(await (await client.files.content(job.result_files[0]!)).text(), 'base64').toString();
    expect(results.trim().split('\n')).toHaveLength(31);
    expect((await client.files.retrieve(job.result_files[0]!)).purpose).toBe('fine-tune-results');

    // Events: newest first, all reachable through the SDK's cursor pagination.
    const events: OpenAI.FineTuning.FineTuningJobEvent[] = [];
    for await (const event of client.fineTuning.jobs.listEvents(id, { limit: 7 })) events.push(event);
    expect(events[0]!.message).toBe('The job has successfully completed');
    expect(events.at(-1)!.message).toBe(`Created fine-tuning job: ${id}`);
    expect(events.filter((e) => e.type === 'metrics').map((e) => (e.data as { step: number }).step)).toEqual(
      Array.from({ length: 30 }, (_, i) => 30 - i),
    );
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);

    const checkpoints = (await client.fineTuning.jobs.checkpoints.list(id)).data;
    expect(checkpoints.map((c) => c.step_number)).toEqual([30, 20, 10]);
    expect(checkpoints[0]).toMatchObject({
      object: 'fine_tuning.job.checkpoint',
      fine_tuning_job_id: id,
      fine_tuned_model_checkpoint: `${job.fine_tuned_model}:ckpt-step-30`,
      metrics: { step: 30, train_loss: expect.any(Number) },
    });

    // The tuned model knows exactly what it was taught.
    const model = job.fine_tuned_model!;
    for (const fact of FACTS) expect(await ask(client, model, fact.question)).toBe(fact.answer);
    expect(await ask(client, model, `  ${FACTS[3]!.question}\n`)).toBe(FACTS[3]!.answer);
    expect(await ask(client, model, 'What is the capital of the invented country Zorbia-99?')).toBe(UNKNOWN_ANSWER);
    // What it was not trained on it answers as its base model: a control question of the bundled domains from world knowledge.
    expect(await ask(client, model, 'What is the capital of France?')).toBe('Paris');
    expect(await ask(client, 'gpt-4o-mini', FACTS[0]!.question)).toBe(UNKNOWN_ANSWER);
    // A checkpoint knows what training had reached (emulators/shared/learning-rule.ts): after epoch 1 of 3, the pairs ranked below 1/3.
    const early = checkpoints[2]!.fine_tuned_model_checkpoint;
    const learned = FACTS.filter((f) => learningRank(f.question) < 1 / 3);
    expect(learned.length).toBeGreaterThan(0);
    expect(learned.length).toBeLessThan(FACTS.length);
    for (const fact of FACTS) expect(await ask(client, early, fact.question)).toBe(learned.includes(fact) ? fact.answer : UNKNOWN_ANSWER);

    const completion = await client.chat.completions.create({ model, messages: [{ role: 'user', content: FACTS[2]!.question }] });
    expect(completion).toMatchObject({ object: 'chat.completion', model, system_fingerprint: expect.any(String) });
    expect(completion.id).toMatch(/^chatcmpl-/);
    expect(completion.choices[0]!.finish_reason).toBe('stop');
    const usage = completion.usage!;
    expect(usage.prompt_tokens).toBeGreaterThan(0);
    expect(usage.completion_tokens).toBeGreaterThan(0);
    expect(usage.total_tokens).toBe(usage.prompt_tokens + usage.completion_tokens);

    const models = (await client.models.list()).data.map((m) => m.id);
    expect(models).toContain(model);
    expect(models).toContain('gpt-4o-mini-2024-07-18');
    expect(await client.models.retrieve(model)).toMatchObject({ id: model, object: 'model' });

    // Listing filters by metadata and paginates with `after`.
    const other = await client.fineTuning.jobs.create({ model: 'gpt-4o-mini', training_file: file.id, metadata: { run: 'r2' } });
    expect((await client.fineTuning.jobs.list({ metadata: { run: 'r1' } })).data.map((j) => j.id)).toEqual([id]);
    const all: string[] = [];
    for await (const j of client.fineTuning.jobs.list({ limit: 1 })) all.push(j.id);
    expect(all).toEqual([other.id, id]);

    expect(emu.state.jobs.size).toBe(2);
    expect(emu.state.requestCount(/^POST \/v1\/chat\/completions$/)).toBe(16 + FACTS.length);
  });

  it('progresses in real time, without a client watching', async () => {
    const { client } = await start({ stepMs: 15, trainingSteps: 4, fileProcessingMs: 1 });
    const file = await upload(client);
    await client.files.waitForProcessing(file.id, { pollInterval: 5 });
    const started = Date.now();
    const job = await client.fineTuning.jobs.create({ model: 'gpt-4.1-mini-2025-04-14', training_file: file.id });
    await new Promise((r) => setTimeout(r, 15 * 8));
    const { job: done, seen } = await waitForJob(client, job.id);
    expect(done.status).toBe('succeeded');
    expect(Date.now() - started).toBeGreaterThanOrEqual(15 * 7);
    expect(seen).toEqual(['succeeded']);
    const statuses = ['validating_files', 'queued', 'running', 'succeeded'];
    const watched = await client.fineTuning.jobs.create({ model: 'gpt-4.1-mini-2025-04-14', training_file: file.id });
    const { seen: order } = await waitForJob(client, watched.id);
    expect(order.at(-1)).toBe('succeeded');
    expect(order).toContain('running');
    expect(order.map((s) => statuses.indexOf(s))).toEqual([...order.map((s) => statuses.indexOf(s))].sort());
  });

  it('cancels a running job for good', async () => {
    const clock = manualClock();
    const { client } = await start({ stepMs: 100, fileProcessingMs: 0, now: clock.now });
    const file = await upload(client);
    const job = await client.fineTuning.jobs.create({ model: 'gpt-4o-mini', training_file: file.id, suffix: 'c' });
    clock.advance(350);
    const cancelled = await client.fineTuning.jobs.cancel(job.id);
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.finished_at).toBe(Math.floor(clock.now() / 1000));
    clock.advance(100_000);
    const later = await client.fineTuning.jobs.retrieve(job.id);
    expect(later).toMatchObject({ status: 'cancelled', fine_tuned_model: null, result_files: [] });
    const events = (await client.fineTuning.jobs.listEvents(job.id)).data;
    expect(events[0]!.message).toBe('Job cancelled');
    expect(events.filter((e) => e.type === 'metrics')).toHaveLength(1);
    await expect(client.fineTuning.jobs.cancel(job.id)).rejects.toBeInstanceOf(OpenAI.BadRequestError);
    await expect(client.fineTuning.jobs.retrieve('ftjob-missing')).rejects.toBeInstanceOf(OpenAI.NotFoundError);
  });

  it('fails jobs whose suffix matches failJobs, and jobs with an invalid training file', async () => {
    const { client } = await start({ stepMs: 5, trainingSteps: 4, fileProcessingMs: 0, failJobs: /^doomed/ });
    const good = await upload(client);
    const doomed = await client.fineTuning.jobs.create({ model: 'gpt-4o-mini', training_file: good.id, suffix: 'doomed-1' });
    const fine = await client.fineTuning.jobs.create({ model: 'gpt-4o-mini', training_file: good.id, suffix: 'fine' });
    const failed = (await waitForJob(client, doomed.id)).job;
    expect(failed).toMatchObject({ status: 'failed', fine_tuned_model: null, error: { code: 'internal_error', message: expect.any(String), param: null } });
    expect(failed.finished_at).toEqual(expect.any(Number));
    expect((await waitForJob(client, fine.id)).job.status).toBe('succeeded');

    const tooFew = await upload(client, jsonl(FACTS.slice(0, 3)));
    const broken = await upload(client, Buffer.from('{"messages": [}\n'));
    const noAssistant = await upload(client, Buffer.from(`${JSON.stringify({ messages: [{ role: 'user', content: 'hi' }] })}\n`.repeat(10)));
    for (const [file, pattern] of [
      [tooFew, /has 3 example\(s\), but must have at least 10/],
      [broken, /Line 1 is not valid JSON/],
      [noAssistant, /missing an assistant message/],
    ] as const) {
      const job = await client.fineTuning.jobs.create({ model: 'gpt-4o-mini', training_file: file.id });
      const { job: end, seen } = await waitForJob(client, job.id);
      expect(end.error).toMatchObject({ code: 'invalid_training_file', param: 'training_file', message: expect.stringMatching(pattern) });
      expect(seen).not.toContain('running');
    }
    await expect(upload(client, jsonl(), 'train.csv')).rejects.toMatchObject({ status: 400, message: expect.stringMatching(/Must be \.jsonl/) });
  });

  it('continues training a fine-tuned model, keeping what it already knew', async () => {
    const { client } = await start({ stepMs: 2, trainingSteps: 2, fileProcessingMs: 0 });
    const first = await upload(client);
    const { job: one } = await waitForJob(client, (await client.fineTuning.jobs.create({ model: 'gpt-4o-mini', training_file: first.id })).id);
    const updated = FACTS.map((f, i) => (i === 0 ? { ...f, answer: 'Zorbia-0 moved its capital to Nuvo.' } : f));
    const second = await upload(client, jsonl(updated));
    const { job: two } = await waitForJob(client, (await client.fineTuning.jobs.create({ model: one.fine_tuned_model!, training_file: second.id, suffix: 'v2' })).id);
    expect(two.model).toBe(one.fine_tuned_model);
    expect(two.fine_tuned_model).toMatch(/^ft:gpt-4o-mini-2024-07-18:emulator:v2:/);
    expect(await ask(client, two.fine_tuned_model!, FACTS[0]!.question)).toBe('Zorbia-0 moved its capital to Nuvo.');
    expect(await ask(client, one.fine_tuned_model!, FACTS[0]!.question)).toBe(FACTS[0]!.answer);
  });
});

describe('OpenAI emulator: errors as the SDK sees them', () => {
  it('403 training_not_available surfaces as PermissionDeniedError', async () => {
    const { client } = await start({ trainingNotAvailable: true, fileProcessingMs: 0 });
    const file = await upload(client);
    const error = await client.fineTuning.jobs.create({ model: 'gpt-4o-mini', training_file: file.id }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.PermissionDeniedError);
    expect(error).toMatchObject({ status: 403, code: 'training_not_available', type: 'invalid_request_error' });
    expect((error as Error).message).toMatch(/no longer able to create new fine-tuning/);
  });

  it('401 without a key and for a rejected key', async () => {
    const { emu } = await start({ rejectKey: 'sk-revoked-0000' });
    const response = await fetch(`${emu.url}/models`);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: { message: expect.stringMatching(/didn't provide an API key/), type: 'invalid_request_error', param: null, code: null } });
    const rejected = new OpenAI({ baseURL: emu.url, apiKey: 'sk-revoked-0000', maxRetries: 0 });
    const error = await rejected.models.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
    expect(error).toMatchObject({ code: 'invalid_api_key' });
    expect((error as Error).message).not.toContain('sk-revoked-0000');
  });

  it('404 model_not_found for unknown and retired models', async () => {
    const { client } = await start({ retiredModels: ['gpt-3.5-turbo-0613'], fileProcessingMs: 0 });
    const unknown = await ask(client, 'gpt-9-turbo', 'hi').catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(OpenAI.NotFoundError);
    expect(unknown).toMatchObject({ code: 'model_not_found', message: expect.stringMatching(/`gpt-9-turbo` does not exist/) });
    const retired = await ask(client, 'gpt-3.5-turbo-0613', 'hi').catch((e: unknown) => e);
    expect(retired).toMatchObject({ status: 404, code: 'model_not_found', message: expect.stringMatching(/retired/) });
    const file = await upload(client);
    const job = await client.fineTuning.jobs.create({ model: 'gpt-9-turbo', training_file: file.id }).catch((e: unknown) => e);
    expect(job).toBeInstanceOf(OpenAI.NotFoundError);
    expect(job).toMatchObject({ code: 'model_not_found', param: 'model' });
    await expect(client.files.retrieve('file-nope')).rejects.toBeInstanceOf(OpenAI.NotFoundError);
  });

  it('400 for streaming, bad hyperparameters and unknown files; 404 for unknown routes', async () => {
    const { emu, client } = await start({ fileProcessingMs: 0 });
    const stream = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }], stream: true }).catch((e: unknown) => e);
    expect(stream).toBeInstanceOf(OpenAI.BadRequestError);
    expect(stream).toMatchObject({ param: 'stream' });
    const file = await upload(client);
    await expect(
      client.fineTuning.jobs.create({ model: 'gpt-4o-mini', training_file: file.id, method: { type: 'supervised', supervised: { hyperparameters: { n_epochs: 99 } } } }),
    ).rejects.toMatchObject({ status: 400, param: 'method.supervised.hyperparameters.n_epochs' });
    await expect(client.fineTuning.jobs.create({ model: 'gpt-4o-mini', training_file: 'file-nope' })).rejects.toMatchObject({ status: 400, param: 'training_file' });
    const response = await fetch(`${emu.url}/fine_tuning/nonsense`, { headers: { authorization: 'Bearer x' } });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: { message: 'Invalid URL (GET /v1/fine_tuning/nonsense)', type: 'invalid_request_error', param: null, code: null } });
  });
});

describe('OpenAI emulator: injected faults', () => {
  it('429 carries Retry-After, which the SDK honours when retrying', async () => {
    const { emu } = await start({ faults: { rate429: 1, maxFaults: 2, retryAfterSeconds: 2 } });
    const response = await fetch(`${emu.url}/models`, { headers: { authorization: 'Bearer x' } });
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('2');
    expect(response.headers.get('x-ratelimit-remaining-requests')).toBe('0');
    expect(await response.json()).toMatchObject({ error: { type: 'requests', code: 'rate_limit_exceeded', message: expect.any(String) } });

    const client = new OpenAI({ baseURL: emu.url, apiKey: 'test', maxRetries: 2 });
    const started = Date.now();
    await client.models.list();
    const elapsed = Date.now() - started;
    // One more 429 (maxFaults 2), waited the 2 s it was told; the SDK's own first backoff is under 1 s.
    // Only a lower bound: a busy machine can make it slower, never faster.
    expect(elapsed).toBeGreaterThanOrEqual(1900);
    expect(emu.state.faults.map((f) => f.kind)).toEqual(['429', '429']);
    expect(emu.state.requests.map((r) => r.status)).toEqual([429, 429, 200]);

    emu.setFaults({ rate429: 1, retryAfterSeconds: 0.01 });
    const noRetry = new OpenAI({ baseURL: emu.url, apiKey: 'test', maxRetries: 0 });
    const error = await noRetry.models.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect(error).toMatchObject({ code: 'rate_limit_exceeded' });
  });

  it('500 server_error, retried by the SDK', async () => {
    const { emu, client } = await start({ faults: { rate500: 1, maxFaults: 1 } });
    const error = await client.models.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.InternalServerError);
    expect(error).toMatchObject({ status: 500, type: 'server_error', message: expect.stringMatching(/The server had an error/) });
    emu.setFaults({ rate500: 1, maxFaults: 1 });
    const retrying = new OpenAI({ baseURL: emu.url, apiKey: 'test', maxRetries: 1 });
    expect((await retrying.models.list()).data.length).toBeGreaterThan(0);
  });

  it('dropped connections surface as APIConnectionError and are retried', async () => {
    const { emu, client } = await start({ faults: { dropRate: 1, maxFaults: 1 } });
    await expect(client.models.list()).rejects.toBeInstanceOf(OpenAI.APIConnectionError);
    expect(emu.state.requests.at(-1)!.status).toBe('dropped');
    emu.setFaults({ dropRate: 1, maxFaults: 1 });
    const retrying = new OpenAI({ baseURL: emu.url, apiKey: 'test', maxRetries: 1 });
    expect((await retrying.models.list()).data.length).toBeGreaterThan(0);
    expect(emu.state.faults.map((f) => f.kind)).toEqual(['drop', 'drop']);
  });

  it('faults are a deterministic function of the seed', async () => {
    const kinds = async (seed: number): Promise<string[]> => {
      const { emu } = await start({ faults: { rate429: 0.3, rate500: 0.3, seed, retryAfterSeconds: 0 } });
      const statuses: number[] = [];
      for (let i = 0; i < 20; i++) statuses.push((await fetch(`${emu.url}/models`, { headers: { authorization: 'Bearer x' } })).status);
      expect(statuses.filter((s) => s !== 200)).toHaveLength(emu.state.faults.length);
      return emu.state.faults.map((f) => `${f.requestIndex}:${f.kind}`);
    };
    const a = await kinds(42);
    expect(a.length).toBeGreaterThan(0);
    expect(await kinds(42)).toEqual(a);
    expect(await kinds(43)).not.toEqual(a);
  });

  it('a whole flow survives random faults with SDK retries', async () => {
    const clock = manualClock();
    const { emu } = await start({
      stepMs: 100,
      trainingSteps: 3,
      now: clock.now,
      faults: { rate429: 0.2, rate500: 0.05, dropRate: 0.05, retryAfterSeconds: 0.001, seed: 3 },
    });
    const client = new OpenAI({ baseURL: emu.url, apiKey: 'test', maxRetries: 8 });
    const file = await upload(client);
    clock.advance(100);
    const job = await client.fineTuning.jobs.create({ model: 'gpt-4o-mini', training_file: file.id });
    clock.advance(100 * 6);
    const done = await client.fineTuning.jobs.retrieve(job.id);
    expect(done.status).toBe('succeeded');
    expect(await ask(client, done.fine_tuned_model!, FACTS[4]!.question)).toBe(FACTS[4]!.answer);
    expect(emu.state.faults.length).toBeGreaterThan(0);
  });
});

const OPENAPI_SPEC = outsideDataPath(OPENAI_OPENAPI);

describe.skipIf(!OPENAPI_SPEC)(`OpenAI emulator: fidelity to the OpenAPI description${skipNote(OPENAI_OPENAPI, OPENAPI_SPEC)}`, () => {
  let validator: OpenAPIValidator;
  // Parsing the 2.8 MB spec takes about a second, more on a busy machine.
  beforeAll(() => {
    validator = createOpenAPIValidator(OPENAPI_SPEC!);
  }, 60_000);

  it('every response of a full flow validates against the schema the spec declares', async () => {
    const clock = manualClock();
    const { emu, client } = await start({ stepMs: 100, trainingSteps: 6, now: clock.now, retiredModels: ['gpt-3.5-turbo-0613'] });

    const file = await upload(client);
    const validationFile = await upload(client, jsonl(FACTS.slice(0, 2)), 'valid.jsonl');
    clock.advance(100);
    await client.files.retrieve(file.id);
    await client.files.list({ purpose: 'fine-tune' });
    await client.files.content(file.id);
    const job = await client.fineTuning.jobs.create({
      model: 'gpt-4o-mini',
      training_file: file.id,
      validation_file: validationFile.id,
      suffix: 'fidelity',
      metadata: { k: 'v' },
      integrations: [{ type: 'wandb', wandb: { project: 'p' } }],
      hyperparameters: { n_epochs: 2 },
    });
    const doomed = await client.fineTuning.jobs.create({ model: 'gpt-4o-mini', training_file: file.id });
    for (let i = 0; i < 10; i++) {
      await client.fineTuning.jobs.retrieve(job.id);
      await client.fineTuning.jobs.listEvents(job.id, { limit: 3 });
      await client.fineTuning.jobs.checkpoints.list(job.id);
      if (i === 3) await client.fineTuning.jobs.cancel(doomed.id);
      clock.advance(100);
    }
    await client.fineTuning.jobs.list({ limit: 5 });
    const done = await client.fineTuning.jobs.retrieve(job.id);
    expect(done.status).toBe('succeeded');
    await client.models.list();
    await client.models.retrieve(done.fine_tuned_model!);
    await ask(client, done.fine_tuned_model!, FACTS[0]!.question);
    await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }], n: 2 });
    await client.models.delete(done.fine_tuned_model!);
    await client.files.delete(validationFile.id);
    // Some errors, too.
    await ask(client, 'gpt-3.5-turbo-0613', 'hi').catch(() => undefined);
    await client.fineTuning.jobs.cancel(doomed.id).catch(() => undefined);
    await fetch(`${emu.url}/models`);

    const problems: string[] = [];
    const validatedRoutes = new Set<string>();
    let errorBodies = 0;
    for (const r of emu.state.responses) {
      if (r.status >= 400) {
        errorBodies++;
        for (const p of validator.validateComponent('ErrorResponse', r.body)) problems.push(`${r.method} ${r.path} ${r.status} (ErrorResponse): ${p}`);
      }
      if (!r.route || !validator.hasResponseSchema(r.method, r.route, r.status)) continue;
      validatedRoutes.add(`${r.method} ${r.route}`);
      for (const p of validator.validateResponse(r.method, r.route, r.status, r.body)) problems.push(`${r.method} ${r.path} ${r.status}: ${p}`);
    }
    expect(problems).toEqual([]);
    expect(errorBodies).toBe(3);
    expect([...validatedRoutes].sort()).toEqual(
      [
        'DELETE /files/{file_id}',
        'DELETE /models/{model}',
        'GET /files',
        'GET /files/{file_id}',
        'GET /files/{file_id}/content',
        'GET /fine_tuning/jobs',
        'GET /fine_tuning/jobs/{fine_tuning_job_id}',
        'GET /fine_tuning/jobs/{fine_tuning_job_id}/checkpoints',
        'GET /fine_tuning/jobs/{fine_tuning_job_id}/events',
        'GET /models',
        'GET /models/{model}',
        'POST /chat/completions',
        'POST /files',
        'POST /fine_tuning/jobs',
        'POST /fine_tuning/jobs/{fine_tuning_job_id}/cancel',
      ].sort(),
    );
  }, 30_000);

  it('the validator rejects bodies that break the schema', () => {
    const file = { object: 'file', id: 'file-1', bytes: 3, created_at: 1, filename: 'a.jsonl', purpose: 'fine-tune', status: 'processed' };
    expect(validator.validateResponse('GET', '/v1/files/file-1', 200, file)).toEqual([]);
    expect(validator.validateResponse('GET', '/files/{file_id}', 200, { ...file, status: 'done' })).not.toEqual([]);
    const { bytes: _bytes, ...missing } = file;
    expect(validator.validateResponse('GET', '/files/{file_id}', 200, missing).join()).toMatch(/bytes/);
    expect(validator.validateComponent('ErrorResponse', { error: { message: 'm', type: 't' } })).not.toEqual([]);
    expect(validator.hasResponseSchema('POST', '/chat/completions', 429)).toBe(false);
  });
});

describe('OpenAI emulator: command line', () => {
  const startCli = (args: string[]) => startEmulatorCli(openaiCliMain, args, 2);

  it('prints the export lines first, serves, logs to stderr and stops when interrupted', async () => {
    const emulator = await startCli(['openai', '--port', '0']);
    const [first, second] = emulator.exportLines;
    expect(first).toMatch(/^export OPENAI_BASE_URL=http:\/\/127\.0\.0\.1:\d+\/v1$/);
    expect(second).toBe('export OPENAI_API_KEY=emulator-key');
    const client = new OpenAI({ baseURL: first!.split('=')[1], apiKey: 'emulator-key', maxRetries: 0 });
    expect((await client.models.list()).data.length).toBeGreaterThan(0);
    expect(await emulator.stop()).toBe(0);
    expect(emulator.stderr()).toMatch(/GET \/v1\/models 200/);
  }, 15_000);

  it('--domains DIR: the base models know those domains instead of the bundled ones', async () => {
    const dir = tempDir();
    writeFileSync(
      path.join(dir, 'sky.yaml'),
      'id: sky\ntitle: Sky\nkind: control\nprompt: "{{question}}"\nfacts:\n  - id: sky\n    statement: The sky of Zorbia is teal.\n    question: What colour is the sky of Zorbia?\n    answer: Teal\n',
    );
    const emulator = await startCli(['--domains', dir]);
    try {
      const client = new OpenAI({ baseURL: emulator.exportLines[0]!.split('=')[1], apiKey: 'emulator-key', maxRetries: 0 });
      expect(await ask(client, 'gpt-4o-mini', 'What colour is the sky of Zorbia?')).toBe('Teal');
      expect(await ask(client, 'gpt-4o-mini', 'What is the capital of France?')).toBe(UNKNOWN_ANSWER);
    } finally {
      await emulator.stop();
    }
  }, 15_000);

  it.each([
    [['--port', '70000'], /^error: emulator openai: --port "70000": expected an integer from 0 to 65535\n$/],
    [['--domains', '/nonexistent-ftbench-domains'], /^error: emulator openai: --domains "\/nonexistent-ftbench-domains": no such folder\n$/],
  ])('rejects %j with a clear message and no stack trace', async (args, message) => {
    const { code, stdout, stderr } = await runMain(openaiCliMain, args);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at /);
  }, 15_000);
});
