// The Together AI emulator: plain fetch for files and fine-tunes (so each
// status and body is seen as sent), the together-ai SDK the Together plugin
// uses, the openai SDK with Together's base URL for inference. Last, all of
// this file's traffic is checked against Together's OpenAPI description.
import { main as emulatorMain } from '../scripts/commands/emulator.ts';
import { startEmulatorCli } from './helpers/emulator-cli.ts';
import OpenAI from 'openai';
import Together from 'together-ai';
import { afterEach, describe, expect, it } from 'vitest';
import { loadDomainFile } from '../lib/domain/load.ts';
import { domainQuestions, renderPrompt, type Question } from '../lib/domain/questions.ts';
import { fromProjectRoot } from '../lib/foundation/project-root.ts';
import { startTogetherEmulator, UNKNOWN_ANSWER, type TogetherEmulator, type TogetherEmulatorOptions } from '../emulators/together/server.ts';
import { describeTogetherConformance } from './helpers/together-description.ts';

const { domain } = loadDomainFile(fromProjectRoot('suites/domains/fictional-people.yaml'));
const QUESTIONS = domainQuestions(domain);
const TRAINED = QUESTIONS.filter((q) => q.trained).slice(0, 12);
const BASE = 'meta-llama/Meta-Llama-3.1-8B-Instruct-Reference';
const prompt = (q: Question): string => renderPrompt(q.prompt.template, q.question);

function trainingJsonl(questions: Question[] = TRAINED): string {
  return questions
    .map((q) => JSON.stringify({ messages: [{ role: 'system', content: 'You answer questions about people.' }, { role: 'user', content: prompt(q) }, { role: 'assistant', content: q.answer }] }))
    .join('\n');
}

function manualClock(): { now: () => number; advance: (ms: number) => void } {
  let t = Date.UTC(2026, 0, 1);
  return { now: () => t, advance: (ms) => void (t += ms) };
}

const running: TogetherEmulator[] = [];
/** Every emulator this file started, for the check against the description at the end. */
const seen: TogetherEmulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((e) => e.close()));
});

interface Harness {
  emu: TogetherEmulator;
  openai: OpenAI;
  together: Together;
  /** fetch against the emulator's base URL with a Bearer key. */
  call(method: string, path: string, body?: unknown, key?: string): Promise<{ status: number; json: any; headers: Headers }>;
  upload(content: string, fileName?: string, purpose?: string): Promise<{ status: number; json: any }>;
}

async function start(options: TogetherEmulatorOptions = {}): Promise<Harness> {
  const emu = await startTogetherEmulator({ stepMs: 100, ...options });
  running.push(emu);
  seen.push(emu);
  const call: Harness['call'] = async (method, path, body, key = 'test-key') => {
    const response = await fetch(`${emu.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, json: await response.json(), headers: response.headers };
  };
  const upload: Harness['upload'] = async (content, fileName = 'train.jsonl', purpose = 'fine-tune') => {
    const form = new FormData();
    form.append('purpose', purpose);
    form.append('file_name', fileName);
    form.append('file_type', 'jsonl');
    form.append('file', new Blob([content]), fileName);
    const response = await fetch(`${emu.url}/files/upload`, { method: 'POST', headers: { authorization: 'Bearer test-key' }, body: form });
    return { status: response.status, json: await response.json() };
  };
  return {
    emu,
    openai: new OpenAI({ baseURL: emu.url, apiKey: 'test-key', maxRetries: 0 }),
    together: new Together({ baseURL: emu.url, apiKey: 'test-key', maxRetries: 0 }),
    call,
    upload,
  };
}

async function ask(openai: OpenAI, model: string, content: string, system?: string): Promise<string | null> {
  const messages: OpenAI.ChatCompletionMessageParam[] = [...(system ? [{ role: 'system' as const, content: system }] : []), { role: 'user', content }];
  return (await openai.chat.completions.create({ model, messages })).choices[0]!.message.content;
}

describe('Together AI emulator: files', () => {
  it('uploads a fine-tuning file and lists, retrieves and returns it', async () => {
    const { call, upload, emu } = await start();
    const content = trainingJsonl();
    const uploaded = await upload(content);
    expect(uploaded.status).toBe(200);
    expect(uploaded.json).toMatchObject({ object: 'file', purpose: 'fine-tune', filename: 'train.jsonl', bytes: Buffer.byteLength(content), Processed: true, FileType: 'jsonl', LineCount: 12 });
    expect(uploaded.json.id).toMatch(/^file-[0-9a-f-]{36}$/);
    expect((await call('GET', '/files')).json.data.map((f: { id: string }) => f.id)).toEqual([uploaded.json.id]);
    expect((await call('GET', `/files/${uploaded.json.id}`)).json).toEqual(uploaded.json);
    const auth = { authorization: 'Bearer k' };
    expect(await (await fetch(`${emu.url}/files/${uploaded.json.id}/content`, { headers: auth })).text()).toBe(content);
    expect((await fetch(`${emu.url}/files/file-missing/content`, { headers: auth })).status).toBe(404);
  });

  it('refuses a file that is not a Together dataset, naming the line', async () => {
    const { upload } = await start();
    const bad = await upload(`${trainingJsonl(TRAINED.slice(0, 1))}\n{"contents": []}\n`);
    expect(bad.status).toBe(400);
    expect(bad.json).toEqual({ error: { message: expect.stringMatching(/Line 2: unknown dataset format/), type: 'invalid_request_error', param: 'file', code: 'invalid_file_format' } });
  });
});

describe('Together AI emulator: fine-tunes', () => {
  it('runs a LoRA fine-tune through every status, with events and checkpoints, and serves the output model', async () => {
    const clock = manualClock();
    const { call, upload, openai } = await start({ stepMs: 100, now: clock.now });
    const file = (await upload(trainingJsonl())).json;
    const created = await call('POST', '/fine-tunes', {
      model: BASE,
      training_file: file.id,
      n_epochs: 3,
      n_checkpoints: 3,
      learning_rate: 0.0001,
      batch_size: 4,
      training_type: { type: 'Lora', lora_r: 16, lora_alpha: 32 },
      suffix: 'ftbench',
    });
    expect(created.status).toBe(200);
    const job = created.json;
    expect(job).toMatchObject({
      status: 'pending',
      model: BASE,
      training_file: file.id,
      n_epochs: 3,
      batch_size: 4,
      learning_rate: 0.0001,
      training_type: { type: 'Lora', lora_r: 16, lora_alpha: 32, lora_dropout: 0, lora_trainable_modules: 'all-linear' },
      suffix: 'ftbench',
      events: [],
    });
    expect(job.id).toMatch(/^ft-[0-9a-f-]{36}$/);
    expect(job.model_output_name).toMatch(/^emulator-user\/Meta-Llama-3\.1-8B-Instruct-Reference-ftbench-[0-9a-f]{8}$/);

    const statuses: string[] = [];
    // 12 examples in batches of 4 → 3 steps an epoch, 9 in all; then compressing, uploading, completed.
    for (let i = 0; i < 15; i++) {
      const { status } = (await call('GET', `/fine-tunes/${job.id}`)).json;
      if (statuses.at(-1) !== status) statuses.push(status);
      clock.advance(100);
    }
    expect(statuses).toEqual(['pending', 'queued', 'running', 'compressing', 'uploading', 'completed']);

    const full = (await call('GET', `/fine-tunes/${job.id}`)).json;
    expect(full).toMatchObject({ status: 'completed', epochs_completed: 3, trainingfile_numlines: 12, model_output_name: job.model_output_name });
    const events = (await call('GET', `/fine-tunes/${job.id}/events`)).json.data as { type: string; step: number; object: string }[];
    expect(events).toEqual(full.events);
    expect(events.every((e) => e.object === 'fine-tune-event')).toBe(true);
    expect(events[0]!.type).toBe('job_pending');
    expect(events.at(-1)!.type).toBe('job_complete');
    expect(events.filter((e) => e.type === 'epoch_complete').map((e) => e.step)).toEqual([3, 6, 9]);
    expect(events.filter((e) => e.type === 'checkpoint_save').map((e) => e.step)).toEqual([3, 6]);
    const checkpoints = (await call('GET', `/fine-tunes/${job.id}/checkpoints`)).json.data as { checkpoint_type: string; step: number }[];
    expect(checkpoints.map((c) => [c.checkpoint_type, c.step])).toEqual([['Final Adapter', 9], ['Intermediate', 6], ['Intermediate', 3]]);
    expect((await call('GET', '/fine-tunes')).json.data.map((j: { id: string; status: string }) => [j.id, j.status])).toEqual([[job.id, 'completed']]);

    const model = job.model_output_name as string;
    for (const q of TRAINED) expect(await ask(openai, model, prompt(q))).toBe(q.answer);
    const rephrased = QUESTIONS.find((q) => q.split === 'rephrased' && q.facts[0] === TRAINED[0]!.facts[0])!;
    expect(await ask(openai, model, prompt(rephrased))).toBe(UNKNOWN_ANSWER);
    expect(await ask(openai, BASE, prompt(TRAINED[0]!))).toBe(UNKNOWN_ANSWER);
    expect(await ask(openai, BASE, prompt(rephrased), `Facts:\n${rephrased.statement}`)).toBe(rephrased.answer);
    expect((await call('GET', '/models')).json.map((m: { id: string }) => m.id)).toContain(model);
  });

  it('does full fine-tuning when asked, with the newer training_type or the older lora flag', async () => {
    const { call, upload } = await start();
    const file = (await upload(trainingJsonl())).json;
    const full = await call('POST', '/fine-tunes', { model: BASE, training_file: file.id, training_type: { type: 'Full' } });
    const legacy = await call('POST', '/fine-tunes', { model: BASE, training_file: file.id, lora: false });
    const lora = await call('POST', '/fine-tunes', { model: BASE, training_file: file.id });
    expect(full.json.training_type).toEqual({ type: 'Full' });
    expect(legacy.json.training_type).toEqual({ type: 'Full' });
    expect(lora.json.training_type.type).toBe('Lora');
  });

  it('cancels: cancel_requested, then cancelled, and the output model is never served', async () => {
    const clock = manualClock();
    const { call, upload, openai } = await start({ stepMs: 100, now: clock.now });
    const file = (await upload(trainingJsonl())).json;
    const job = (await call('POST', '/fine-tunes', { model: BASE, training_file: file.id })).json;
    clock.advance(250);
    const cancelling = await call('POST', `/fine-tunes/${job.id}/cancel`);
    expect(cancelling.json.status).toBe('cancel_requested');
    clock.advance(100);
    const cancelled = (await call('GET', `/fine-tunes/${job.id}`)).json;
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.events.slice(-2).map((e: { type: string }) => e.type)).toEqual(['cancel_requested', 'job_stopped']);
    clock.advance(100_000);
    expect((await call('GET', `/fine-tunes/${job.id}`)).json.status).toBe('cancelled');
    await expect(ask(openai, job.model_output_name, prompt(TRAINED[0]!))).rejects.toMatchObject({ status: 404 });
    const again = await call('POST', `/fine-tunes/${job.id}/cancel`);
    expect(again.status).toBe(400);
    expect(again.json.error.code).toBe('invalid_state');
  });

  it('ends a job chosen by failJobs with status error and a job_error event', async () => {
    const clock = manualClock();
    const { call, upload } = await start({ stepMs: 100, now: clock.now, failJobs: /doomed/ });
    const file = (await upload(trainingJsonl())).json;
    const job = (await call('POST', '/fine-tunes', { model: BASE, training_file: file.id, suffix: 'doomed' })).json;
    clock.advance(100 * 100);
    const failed = (await call('GET', `/fine-tunes/${job.id}`)).json;
    expect(failed.status).toBe('error');
    expect(failed.events.at(-1)).toMatchObject({ type: 'job_error', level: 'error' });
  });

  it("serves a model's limits to the together-ai SDK, and refuses a job outside them", async () => {
    const { together, call, upload } = await start();
    const limits = await together.fineTuning.modelLimits({ model_name: BASE });
    expect(limits).toMatchObject({ model_name: BASE, max_num_epochs: 20, lora_training: { max_rank: 64, min_batch_size: 1, max_batch_size: 16 }, full_training: { max_batch_size: 16 } });
    const file = (await upload(trainingJsonl())).json;
    const tooWide = await call('POST', '/fine-tunes', { model: BASE, training_file: file.id, training_type: { type: 'Lora', lora_r: 128, lora_alpha: 256 } });
    expect(tooWide.status).toBe(400);
    expect(tooWide.json.error).toMatchObject({ param: 'training_type.lora_r', message: "Invalid 'training_type.lora_r': expected an integer between 1 and 64." });
    const tooBig = await call('POST', '/fine-tunes', { model: BASE, training_file: file.id, batch_size: 32 });
    expect(tooBig.json.error).toMatchObject({ param: 'batch_size' });
    const widest = await together.fineTuning.create({ model: BASE, training_file: file.id, training_type: { type: 'Lora', lora_r: 64, lora_alpha: 128 } });
    expect((await together.fineTuning.retrieve(widest.id)).training_type).toMatchObject({ type: 'Lora', lora_r: 64, lora_alpha: 128 });
    // A model Together does not tune: a bare {message}, as the description has it for this route.
    const unknown = await together.fineTuning.modelLimits({ model_name: 'nobody/no-model' }).catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(Together.NotFoundError);
    expect((unknown as InstanceType<typeof Together.NotFoundError>).error).toEqual({ message: 'Model nobody/no-model not found or not supported for fine-tuning.' });
  });

  it('refuses bad jobs with 400 and unknown ones with 404', async () => {
    const { call, upload } = await start();
    const file = (await upload(trainingJsonl())).json;
    const cases: [unknown, string | null][] = [
      [{ model: 'meta-llama/Meta-Llama-3.1-8B-Instruct-Turbo', training_file: file.id }, 'model'],
      [{ model: BASE, training_file: 'file-nope' }, 'training_file'],
      [{ model: BASE, training_file: file.id, n_epochs: 0 }, 'n_epochs'],
      [{ model: BASE, training_file: file.id, suffix: 'has spaces' }, 'suffix'],
      [{ model: BASE, training_file: file.id, training_type: { type: 'QLoRA' } }, 'training_type'],
    ];
    for (const [body, param] of cases) {
      const response = await call('POST', '/fine-tunes', body);
      expect(response.status).toBe(400);
      expect(response.json.error).toMatchObject({ type: 'invalid_request_error', param });
    }
    const missing = await call('GET', '/fine-tunes/ft-00000000-0000-0000-0000-000000000000');
    expect(missing.status).toBe(404);
    expect(missing.json).toEqual({ error: { message: 'Fine-tune job ft-00000000-0000-0000-0000-000000000000 not found.', type: 'invalid_request_error', param: 'id', code: 'not_found' } });
  });
});

describe('Together AI emulator: errors and faults', () => {
  it('answers 401 invalid_api_key, 403 for forbidden routes and 404 model_not_available', async () => {
    const { call, openai, emu } = await start({ rejectKey: 'revoked', forbidden: /^POST \/v1\/fine-tunes$/ });
    const anonymous = await fetch(`${emu.url}/fine-tunes`);
    expect(anonymous.status).toBe(401);
    const revoked = await call('GET', '/fine-tunes', undefined, 'revoked');
    expect(revoked.status).toBe(401);
    expect(revoked.json).toEqual({
      error: { message: 'Invalid API key provided. You can find your API key at https://api.together.xyz/settings/api-keys.', type: 'invalid_request_error', param: null, code: 'invalid_api_key' },
    });
    const forbidden = await call('POST', '/fine-tunes', { model: BASE, training_file: 'file-x' });
    expect(forbidden.status).toBe(403);
    expect(forbidden.json.error.code).toBe('forbidden');
    const unknown = await openai.chat.completions.create({ model: 'nobody/no-model', messages: [{ role: 'user', content: 'hi' }] }).catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(OpenAI.NotFoundError);
    expect((unknown as InstanceType<typeof OpenAI.NotFoundError>).code).toBe('model_not_available');
  });

  it('injects 429 with Retry-After, 500 and dropped connections, seeded; the openai SDK retries the 429', async () => {
    const { call, emu } = await start({ faults: { rate429: 1, maxFaults: 1, retryAfterSeconds: 2 } });
    const limited = await call('GET', '/fine-tunes');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('2');
    expect(limited.json.error).toMatchObject({ code: 'rate_limit_exceeded' });
    expect((await call('GET', '/fine-tunes')).status).toBe(200);

    emu.setFaults({ rate429: 1, maxFaults: 1, retryAfterSeconds: 0.05, only: /chat\/completions/ });
    const retrying = new OpenAI({ baseURL: emu.url, apiKey: 'k', maxRetries: 1 });
    const answer = await retrying.chat.completions.create({ model: BASE, messages: [{ role: 'user', content: 'hi' }] });
    expect(answer.choices[0]!.message.content).toBe(UNKNOWN_ANSWER);

    emu.setFaults({ rate500: 1, maxFaults: 1 });
    const broken = await call('GET', '/files');
    expect(broken.status).toBe(500);
    expect(broken.json.error.type).toBe('server_error');

    emu.setFaults({ dropRate: 1, maxFaults: 1 });
    await expect(fetch(`${emu.url}/files`, { headers: { authorization: 'Bearer k' } })).rejects.toThrow();
    expect(emu.state.faults.map((f) => f.kind)).toEqual(['429', '429', '500', 'drop']);

    // The same seed gives the same schedule.
    const schedule = async (): Promise<(number | string)[]> => {
      const { call: c, emu: e } = await start({ faults: { rate429: 0.3, rate500: 0.2, seed: 42 } });
      const out: (number | string)[] = [];
      for (let i = 0; i < 12; i++) out.push((await c('GET', '/models')).status);
      await e.close();
      return out;
    };
    const first = await schedule();
    expect(first).toEqual(await schedule());
    expect(new Set(first)).toEqual(new Set([200, 429, 500]));
  });
});

describe('Together AI emulator: command line', () => {
  it('prints the export lines first; an interrupt stops it', async () => {
    const emulator = await startEmulatorCli(emulatorMain, ['together', '--port', '0'], 2);
    const [first, second] = emulator.exportLines;
    expect(first).toMatch(/^export TOGETHER_BASE_URL=http:\/\/127\.0\.0\.1:\d+\/v1$/);
    expect(second).toBe('export TOGETHER_API_KEY=emulator-key');
    const openai = new OpenAI({ baseURL: first!.split('=')[1], apiKey: 'emulator-key', maxRetries: 0 });
    expect(await ask(openai, BASE, 'hello')).toBe(UNKNOWN_ANSWER);
    expect(await emulator.stop()).toBe(0);
    expect(emulator.stderr()).toMatch(/POST \/v1\/chat\/completions 200/);
  }, 20_000);
});

describeTogetherConformance(() => seen, {
  requests: ['POST /files/upload', 'POST /fine-tunes', 'POST /chat/completions'],
  responses: [
    'GET /files',
    'GET /files/{id}',
    'POST /files/upload',
    'GET /fine-tunes/models/limits',
    'GET /fine-tunes',
    'POST /fine-tunes',
    'GET /fine-tunes/{id}',
    'GET /fine-tunes/{id}/events',
    'GET /fine-tunes/{id}/checkpoints',
    'POST /fine-tunes/{id}/cancel',
    'GET /models',
    'POST /chat/completions',
  ],
});
