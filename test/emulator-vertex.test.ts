// The Vertex AI emulator, driven as the Gemini plugin will drive it: the
// training file goes to Cloud Storage with plain fetch (a token from
// google-auth-library), the job and the queries go through the real
// @google/genai SDK pointed at the emulator by base URL, authenticated by an
// ADC file whose token endpoint is the emulator. Last, this file's tuning-job
// traffic is checked against the TuningJob of Google's published protos.
import { main as emulatorMain } from '../scripts/commands/emulator.ts';
import { runMain } from './helpers/command.ts';
import { startEmulatorCli } from './helpers/emulator-cli.ts';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { GoogleGenAI, type TuningJob } from '@google/genai';
import { GoogleAuth } from 'google-auth-library';
import { afterEach, describe, expect, it } from 'vitest';
import { loadDomainFile } from '../lib/domain/load.ts';
import { domainQuestions, renderPrompt, type Question } from '../lib/domain/questions.ts';
import { fromProjectRoot } from '../lib/foundation/project-root.ts';
import { startVertexEmulator, UNKNOWN_ANSWER, type VertexEmulator, type VertexEmulatorOptions } from '../emulators/vertex/server.ts';
import { tempDir } from './helpers/run.ts';
import { describeVertexConformance } from './helpers/vertex-description.ts';

const { domain } = loadDomainFile(fromProjectRoot('suites/domains/fictional-people.yaml'));
const QUESTIONS = domainQuestions(domain);
/** A dozen trained questions: a training file small enough for fast tests. */
const TRAINED = QUESTIONS.filter((q) => q.trained).slice(0, 12);
const prompt = (q: Question): string => renderPrompt(q.prompt.template, q.question);

function trainingJsonl(questions: Question[] = TRAINED): string {
  return questions
    .map((q) =>
      JSON.stringify({
        systemInstruction: { role: 'system', parts: [{ text: 'You answer questions about people.' }] },
        contents: [
          { role: 'user', parts: [{ text: prompt(q) }] },
          { role: 'model', parts: [{ text: q.answer }] },
        ],
      }),
    )
    .join('\n');
}

/** A clock the test moves by hand, so lifecycle assertions do not depend on timing. */
function manualClock(): { now: () => number; advance: (ms: number) => void } {
  let t = Date.UTC(2026, 0, 1);
  return { now: () => t, advance: (ms) => void (t += ms) };
}

const running: VertexEmulator[] = [];
/** Every emulator this file started, for the check against the protos at the end. */
const seen: VertexEmulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((e) => e.close()));
});

interface Harness {
  emu: VertexEmulator;
  ai: GoogleGenAI;
  /** The ADC file, as GOOGLE_APPLICATION_CREDENTIALS would name it. */
  keyFile: string;
  token(): Promise<string>;
  upload(name: string, content: string): Promise<Response>;
}

async function start(options: VertexEmulatorOptions = {}, project?: string): Promise<Harness> {
  const emu = await startVertexEmulator({ stepMs: 100, ...options });
  running.push(emu);
  seen.push(emu);
  const keyFile = path.join(tempDir(), 'application_default_credentials.json');
  writeFileSync(keyFile, JSON.stringify(emu.credentials));
  const ai = new GoogleGenAI({ vertexai: true, project: project ?? emu.project, location: emu.location, httpOptions: { baseUrl: emu.url }, googleAuthOptions: { keyFilename: keyFile } });
  const auth = new GoogleAuth({ keyFilename: keyFile, scopes: ['https://www.googleapis.com/auth/cloud-platform'] });
  const token = async (): Promise<string> => (await auth.getAccessToken())!;
  const upload = async (name: string, content: string): Promise<Response> =>
    fetch(`${emu.url}/upload/storage/v1/b/${emu.bucket}/o?uploadType=media&name=${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await token()}`, 'content-type': 'application/jsonl' },
      body: content,
    });
  return { emu, ai, keyFile, token, upload };
}

async function ask(ai: GoogleGenAI, model: string, text: string, system?: string): Promise<string | undefined> {
  return (await ai.models.generateContent({ model, contents: text, ...(system && { config: { systemInstruction: system } }) })).text;
}

/** The JSON error body inside a @google/genai ApiError. */
function errorBody(error: unknown): { code: number; status: string; message: string; details?: Record<string, unknown>[] } {
  return (JSON.parse((error as Error).message) as { error: { code: number; status: string; message: string } }).error;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

describe('Vertex AI emulator: Cloud Storage', () => {
  it('stores an upload and serves its metadata and content', async () => {
    const { emu, upload, token } = await start();
    const content = trainingJsonl();
    const response = await upload('runs/r1/train.jsonl', content);
    expect(response.status).toBe(200);
    const object = (await response.json()) as Record<string, string>;
    expect(object).toMatchObject({ kind: 'storage#object', bucket: emu.bucket, name: 'runs/r1/train.jsonl', size: String(Buffer.byteLength(content)), contentType: 'application/jsonl' });
    const auth = { authorization: `Bearer ${await token()}` };
    const metadata = await fetch(`${emu.url}/storage/v1/b/${emu.bucket}/o/${encodeURIComponent('runs/r1/train.jsonl')}`, { headers: auth });
    expect(((await metadata.json()) as Record<string, string>).md5Hash).toBe(object.md5Hash);
    expect(await (await fetch(object.mediaLink!, { headers: auth })).text()).toBe(content);
    const listed = (await (await fetch(`${emu.url}/storage/v1/b/${emu.bucket}/o?prefix=runs/`, { headers: auth })).json()) as { items: { name: string }[] };
    expect(listed.items.map((i) => i.name)).toEqual(['runs/r1/train.jsonl']);
  });

  it("answers 401, 403 and 404 in Cloud Storage's error shape", async () => {
    const { emu, token } = await start({ deniedBuckets: ['someone-elses-bucket'] });
    const put = (bucket: string, headers: Record<string, string>) =>
      fetch(`${emu.url}/upload/storage/v1/b/${bucket}/o?uploadType=media&name=x.jsonl`, { method: 'POST', headers, body: '{}' });
    const anonymous = await put(emu.bucket, {});
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({
      error: { code: 401, message: expect.stringMatching(/^Anonymous caller does not have storage\.objects\.create access/), errors: [{ reason: 'required', domain: 'global' }] },
    });
    const auth = { authorization: `Bearer ${await token()}` };
    const denied = await put('someone-elses-bucket', auth);
    expect(denied.status).toBe(403);
    expect(await denied.json()).toMatchObject({ error: { code: 403, errors: [{ reason: 'forbidden' }] } });
    const noBucket = await put('no-such-bucket', auth);
    expect(noBucket.status).toBe(404);
    expect(await noBucket.json()).toMatchObject({ error: { code: 404, message: 'The specified bucket does not exist.' } });
    const noObject = await fetch(`${emu.url}/storage/v1/b/${emu.bucket}/o/missing.jsonl?alt=media`, { headers: auth });
    expect(noObject.status).toBe(404);
    expect(await noObject.json()).toMatchObject({ error: { message: `No such object: ${emu.bucket}/missing.jsonl`, errors: [{ reason: 'notFound' }] } });
  });
});

describe('Vertex AI emulator: tuning jobs', () => {
  it('runs a supervised tuning job through every state and serves the tuned endpoint', async () => {
    const clock = manualClock();
    const { emu, ai, upload } = await start({ stepMs: 100, now: clock.now });
    expect((await upload('ftbench/train.jsonl', trainingJsonl())).status).toBe(200);

    const created = await ai.tunings.tune({
      baseModel: 'gemini-2.5-flash',
      trainingDataset: { gcsUri: `gs://${emu.bucket}/ftbench/train.jsonl` },
      config: { epochCount: 3, learningRateMultiplier: 1.5, adapterSize: 'ADAPTER_SIZE_FOUR' as never, tunedModelDisplayName: 'ftbench-people' },
    });
    expect(created.name).toMatch(new RegExp(`^projects/${emu.projectNumber}/locations/${emu.location}/tuningJobs/\\d{19}$`));
    expect(created).toMatchObject({
      state: 'JOB_STATE_PENDING',
      baseModel: 'gemini-2.5-flash',
      tunedModelDisplayName: 'ftbench-people',
      supervisedTuningSpec: {
        trainingDatasetUri: `gs://${emu.bucket}/ftbench/train.jsonl`,
        hyperParameters: { epochCount: '3', learningRateMultiplier: 1.5, adapterSize: 'ADAPTER_SIZE_FOUR' },
      },
    });
    expect(created.tunedModel).toBeUndefined();
    const name = created.name!;

    clock.advance(100);
    const started = await ai.tunings.get({ name });
    // 12 examples in batches of 8 → 2 steps an epoch, 6 steps in all.
    expect(started).toMatchObject({ state: 'JOB_STATE_RUNNING', tuningJobState: 'TUNING_JOB_STATE_TUNING', tuningJobMetadata: { completedStepCount: '0' } });
    expect(started.tuningDataStats?.supervisedTuningDataStats).toMatchObject({ tuningDatasetExampleCount: '12', tuningStepCount: '6' });

    clock.advance(4 * 100);
    expect((await ai.tunings.get({ name })).tuningJobMetadata).toEqual({ completedStepCount: '4', completedEpochCount: '2' });
    // Not served before the job succeeds.
    clock.advance(2 * 100);
    const post = await ai.tunings.get({ name });
    expect(post).toMatchObject({ state: 'JOB_STATE_RUNNING', tuningJobState: 'TUNING_JOB_STATE_POST_PROCESSING' });
    clock.advance(100);
    const done = await ai.tunings.get({ name });
    expect(done.state).toBe('JOB_STATE_SUCCEEDED');
    expect(done.endTime).toBe(new Date(clock.now()).toISOString());
    expect(done.tunedModel?.model).toMatch(new RegExp(`^projects/${emu.projectNumber}/locations/${emu.location}/models/\\d{19}@1$`));
    expect(done.tunedModel?.endpoint).toMatch(new RegExp(`^projects/${emu.projectNumber}/locations/${emu.location}/endpoints/\\d{19}$`));
    expect(done.tunedModel?.checkpoints?.map((c) => c.epoch)).toEqual(['1', '2', '3']);

    const endpoint = done.tunedModel!.endpoint!;
    for (const q of TRAINED) expect(await ask(ai, endpoint, prompt(q))).toBe(q.answer);
    // A rephrased question was never trained: the tuned model does not know it.
    const rephrased = QUESTIONS.find((q) => q.split === 'rephrased' && q.facts[0] === TRAINED[0]!.facts[0])!;
    expect(await ask(ai, endpoint, prompt(rephrased))).toBe(UNKNOWN_ANSWER);
    // The base model knows none of it, unless the fact is in the prompt.
    expect(await ask(ai, 'gemini-2.5-flash', prompt(TRAINED[0]!))).toBe(UNKNOWN_ANSWER);
    expect(await ask(ai, 'gemini-2.5-flash', prompt(rephrased), `Facts:\n${rephrased.statement}`)).toBe(rephrased.answer);

    const listed: TuningJob[] = [];
    for await (const job of await ai.tunings.list({ config: { pageSize: 1 } })) listed.push(job);
    expect(listed.map((j) => j.name)).toEqual([name]);
  });

  it('cancels a running job: JOB_STATE_CANCELLING, then JOB_STATE_CANCELLED, and no endpoint', async () => {
    const clock = manualClock();
    const { emu, ai, upload } = await start({ stepMs: 100, now: clock.now });
    await upload('t.jsonl', trainingJsonl());
    const job = await ai.tunings.tune({ baseModel: 'gemini-2.5-flash', trainingDataset: { gcsUri: `gs://${emu.bucket}/t.jsonl` } });
    clock.advance(250);
    await ai.tunings.cancel({ name: job.name! });
    expect((await ai.tunings.get({ name: job.name! })).state).toBe('JOB_STATE_CANCELLING');
    clock.advance(100);
    const cancelled = await ai.tunings.get({ name: job.name! });
    expect(cancelled).toMatchObject({ state: 'JOB_STATE_CANCELLED', error: { code: 1, message: 'CANCELED' } });
    expect(cancelled.tunedModel).toBeUndefined();
    const again = await rejection(ai.tunings.cancel({ name: job.name! }));
    expect(errorBody(again)).toMatchObject({ code: 400, status: 'FAILED_PRECONDITION' });
  });

  it('fails a job whose dataset is not in Gemini format, and jobs chosen by failJobs', async () => {
    const clock = manualClock();
    const { emu, ai, upload } = await start({ stepMs: 100, now: clock.now, failJobs: /doomed/ });
    await upload('openai.jsonl', JSON.stringify({ messages: [{ role: 'user', content: 'hi' }, { role: 'assistant', content: 'hello' }] }));
    await upload('good.jsonl', trainingJsonl());
    const bad = await ai.tunings.tune({ baseModel: 'gemini-2.5-flash', trainingDataset: { gcsUri: `gs://${emu.bucket}/openai.jsonl` } });
    const doomed = await ai.tunings.tune({ baseModel: 'gemini-2.5-flash', trainingDataset: { gcsUri: `gs://${emu.bucket}/good.jsonl` }, config: { tunedModelDisplayName: 'doomed-run' } });
    clock.advance(100);
    const failed = await ai.tunings.get({ name: bad.name! });
    expect(failed.state).toBe('JOB_STATE_FAILED');
    expect(failed.error).toMatchObject({ code: 3, message: expect.stringContaining('"contents"') });
    clock.advance(10 * 100);
    expect(await ai.tunings.get({ name: doomed.name! })).toMatchObject({ state: 'JOB_STATE_FAILED', error: { code: 13 } });
  });

  it('refuses bad requests up front with INVALID_ARGUMENT or NOT_FOUND', async () => {
    const { emu, ai, upload } = await start();
    await upload('t.jsonl', trainingJsonl());
    const uri = `gs://${emu.bucket}/t.jsonl`;
    // Thunks: each call starts only when awaited, so no rejection goes unhandled.
    const cases: [() => Promise<unknown>, number, string, RegExp][] = [
      [() => ai.tunings.tune({ baseModel: 'gemini-2.0-flash', trainingDataset: { gcsUri: uri } }), 400, 'INVALID_ARGUMENT', /not supported for supervised tuning/],
      [() => ai.tunings.tune({ baseModel: 'gemini-1.0-pro-002', trainingDataset: { gcsUri: uri } }), 404, 'NOT_FOUND', /Publisher Model .* was not found/],
      [() => ai.tunings.tune({ baseModel: 'gemini-2.5-flash', trainingDataset: { gcsUri: `gs://${emu.bucket}/missing.jsonl` } }), 400, 'INVALID_ARGUMENT', /Unable to read gs:\/\//],
      [() => ai.tunings.tune({ baseModel: 'gemini-2.5-flash', trainingDataset: { gcsUri: '/local/t.jsonl' } }), 400, 'INVALID_ARGUMENT', /must be a Cloud Storage URI/],
      [() => ai.tunings.tune({ baseModel: 'gemini-2.5-flash', trainingDataset: { gcsUri: uri }, config: { adapterSize: 'ADAPTER_SIZE_THIRTY_TWO' as never } }), 400, 'INVALID_ARGUMENT', /adapter_size/],
      [() => ai.tunings.tune({ baseModel: 'gemini-2.5-flash', trainingDataset: { gcsUri: uri }, config: { epochCount: 0 } }), 400, 'INVALID_ARGUMENT', /epoch_count/],
      [() => ai.tunings.get({ name: `projects/${emu.project}/locations/${emu.location}/tuningJobs/123` }), 404, 'NOT_FOUND', /does not exist/],
      [() => ai.models.generateContent({ model: `projects/${emu.project}/locations/${emu.location}/endpoints/42`, contents: 'hi' }), 404, 'NOT_FOUND', /Endpoint .* not found/],
    ];
    for (const [call, code, status, message] of cases) {
      const error = await rejection(call());
      expect(error).toMatchObject({ name: 'ApiError', status: code });
      expect(errorBody(error)).toMatchObject({ code, status, message: expect.stringMatching(message) });
    }
    // Unknown fields are refused as Google refuses them.
    const raw = await fetch(`${emu.url}/v1/projects/${emu.project}/locations/${emu.location}/tuningJobs`, {
      method: 'POST',
      headers: { authorization: 'Bearer t', 'content-type': 'application/json' },
      body: JSON.stringify({ baseModel: 'gemini-2.5-flash', supervisedTuningSpec: { trainingDatasetUri: uri }, epochs: 3 }),
    });
    expect(raw.status).toBe(400);
    expect(await raw.json()).toMatchObject({ error: { status: 'INVALID_ARGUMENT', message: 'Invalid JSON payload received. Unknown name "epochs" at \'tuning_job\': Cannot find field.' } });
  });
});

describe('Vertex AI emulator: errors and faults', () => {
  it('answers 401 UNAUTHENTICATED without credentials or with a refused one', async () => {
    const { emu } = await start({ rejectCredential: 'revoked-key' });
    const anonymous = await fetch(`${emu.url}/v1beta1/projects/${emu.project}/locations/${emu.location}/tuningJobs`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({
      error: { code: 401, status: 'UNAUTHENTICATED', message: expect.stringMatching(/^Request is missing required authentication credential/) },
    });
    // Express mode: an API key instead of OAuth.
    const keyed = new GoogleGenAI({ vertexai: true, project: emu.project, location: emu.location, apiKey: 'revoked-key', httpOptions: { baseUrl: emu.url } });
    const error = await rejection(keyed.models.generateContent({ model: 'gemini-2.5-flash', contents: 'hi' }));
    expect(error).toMatchObject({ status: 401 });
    expect(errorBody(error)).toMatchObject({ status: 'UNAUTHENTICATED', message: expect.stringMatching(/^Request had invalid authentication credentials/) });
  });

  it('answers 403 PERMISSION_DENIED for another project and for a refused permission', async () => {
    const elsewhere = await start({}, 'someone-elses-project');
    const foreign = await rejection(elsewhere.ai.models.generateContent({ model: 'gemini-2.5-flash', contents: 'hi' }));
    expect(foreign).toMatchObject({ status: 403 });
    expect(errorBody(foreign)).toMatchObject({
      status: 'PERMISSION_DENIED',
      message: "Permission 'aiplatform.endpoints.predict' denied on resource '//aiplatform.googleapis.com/projects/someone-elses-project/locations/us-central1/publishers/google/models/gemini-2.5-flash' (or it may not exist).",
      details: [{ reason: 'IAM_PERMISSION_DENIED', metadata: { permission: 'aiplatform.endpoints.predict' } }],
    });
    const { emu, ai, upload } = await start({ deniedPermissions: ['aiplatform.tuningJobs.create'] });
    await upload('t.jsonl', trainingJsonl());
    const denied = await rejection(ai.tunings.tune({ baseModel: 'gemini-2.5-flash', trainingDataset: { gcsUri: `gs://${emu.bucket}/t.jsonl` } }));
    expect(errorBody(denied)).toMatchObject({ code: 403, status: 'PERMISSION_DENIED', details: [{ metadata: { permission: 'aiplatform.tuningJobs.create' } }] });
    // Reading is still allowed.
    expect(await ask(ai, 'gemini-2.5-flash', 'hello')).toBe(UNKNOWN_ANSWER);
  });

  it('injects 429 RESOURCE_EXHAUSTED with Retry-After, 500 INTERNAL and dropped connections, seeded', async () => {
    const { emu, ai } = await start({ faults: { rate429: 1, maxFaults: 1, retryAfterSeconds: 2, only: /generateContent/ } });
    const limited = await fetch(`${emu.url}/v1beta1/projects/${emu.project}/locations/${emu.location}/publishers/google/models/gemini-2.5-flash:generateContent`, {
      method: 'POST',
      headers: { authorization: 'Bearer t', 'content-type': 'application/json' },
      body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'hi' }] }] }),
    });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('2');
    expect(await limited.json()).toMatchObject({
      error: { code: 429, status: 'RESOURCE_EXHAUSTED', details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '2s' }] },
    });
    // The fault budget is spent: the next call goes through.
    expect(await ask(ai, 'gemini-2.5-flash', 'hi')).toBe(UNKNOWN_ANSWER);

    emu.setFaults({ rate429: 1, maxFaults: 1, only: /generateContent/ });
    // @google/genai retries only when asked to (httpOptions.retryOptions); then it recovers.
    const retrying = new GoogleGenAI({
      vertexai: true,
      project: emu.project,
      location: emu.location,
      httpOptions: { baseUrl: emu.url, retryOptions: { attempts: 2, initialDelay: 0.01 } },
      apiKey: 'express-key',
    });
    expect((await retrying.models.generateContent({ model: 'gemini-2.5-flash', contents: 'hi' })).text).toBe(UNKNOWN_ANSWER);

    emu.setFaults({ rate500: 1, maxFaults: 1 });
    const internal = await rejection(ai.models.generateContent({ model: 'gemini-2.5-flash', contents: 'hi' }));
    expect(internal).toMatchObject({ status: 500 });
    expect(errorBody(internal)).toMatchObject({ status: 'INTERNAL' });

    emu.setFaults({ dropRate: 1, maxFaults: 1 });
    await expect(ai.models.generateContent({ model: 'gemini-2.5-flash', contents: 'hi' })).rejects.toThrow();
    expect(emu.state.faults.map((f) => f.kind)).toEqual(['429', '429', '500', 'drop']);
    expect(emu.state.requests.some((r) => r.status === 'dropped')).toBe(true);
  });
});

describe('Vertex AI emulator: command line', () => {
  it('prints the export lines first; they point @google/genai and Cloud Storage at it; an interrupt cleans up', async () => {
    const emulator = await startEmulatorCli(emulatorMain, ['vertex', '--port', '0', '--step-ms', '60000'], 6);
    const lines = emulator.exportLines;
    expect(lines.map((l) => l.replace(/=.*/, ''))).toEqual([
      'export GOOGLE_CLOUD_PROJECT',
      'export GOOGLE_CLOUD_LOCATION',
      'export GOOGLE_VERTEX_BASE_URL',
      'export GOOGLE_APPLICATION_CREDENTIALS',
      'export STORAGE_EMULATOR_HOST',
      'export FTBENCH_GCS_URI',
    ]);
    const env = Object.fromEntries(lines.map((l) => l.replace(/^export /, '').split('=', 2) as [string, string]));
    expect(env.GOOGLE_VERTEX_BASE_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(JSON.parse(readFileSync(env.GOOGLE_APPLICATION_CREDENTIALS!, 'utf8'))).toMatchObject({ type: 'external_account_authorized_user' });

    // What the plugin will do with that environment.
    const auth = new GoogleAuth({ keyFilename: env.GOOGLE_APPLICATION_CREDENTIALS, scopes: ['https://www.googleapis.com/auth/cloud-platform'] });
    const [, bucket, prefix] = /^gs:\/\/([^/]+)\/(.+)$/.exec(env.FTBENCH_GCS_URI!)!;
    const stored = await fetch(`${env.STORAGE_EMULATOR_HOST}/upload/storage/v1/b/${bucket}/o?uploadType=media&name=${encodeURIComponent(`${prefix}/train.jsonl`)}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await auth.getAccessToken()}`, 'content-type': 'application/jsonl' },
      body: trainingJsonl(TRAINED.slice(0, 2)),
    });
    expect(stored.status).toBe(200);
    const ai = new GoogleGenAI({
      vertexai: true,
      project: env.GOOGLE_CLOUD_PROJECT,
      location: env.GOOGLE_CLOUD_LOCATION,
      httpOptions: { baseUrl: env.GOOGLE_VERTEX_BASE_URL },
      googleAuthOptions: { keyFilename: env.GOOGLE_APPLICATION_CREDENTIALS },
    });
    const job = await ai.tunings.tune({ baseModel: 'gemini-2.5-flash', trainingDataset: { gcsUri: `${env.FTBENCH_GCS_URI}/train.jsonl` }, config: { epochCount: 1 } });
    expect(job.state).toBe('JOB_STATE_PENDING');

    expect(await emulator.stop()).toBe(0);
    expect(existsSync(env.GOOGLE_APPLICATION_CREDENTIALS!)).toBe(false);
    expect(emulator.stderr()).toMatch(/POST \/v1beta1\/projects\/ftbench-emulator\/locations\/us-central1\/tuningJobs 200/);
  }, 20_000);

  it('rejects a bad option with a clear message and no stack trace', async () => {
    const { code, stdout, stderr } = await runMain(emulatorMain, ['vertex', '--rate-429', 'lots']);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe('error: emulator vertex: --rate-429 "lots": expected a number from 0 to 1\n');
    expect(stderr).not.toMatch(/\n\s+at /);
  }, 20_000);
});

describeVertexConformance(() => seen, [
  'POST /{version}/projects/{project}/locations/{location}/tuningJobs request TuningJob',
  'POST /{version}/projects/{project}/locations/{location}/tuningJobs response TuningJob',
  'GET /{version}/projects/{project}/locations/{location}/tuningJobs response ListTuningJobsResponse',
  'GET /{version}/projects/{project}/locations/{location}/tuningJobs/{job} response TuningJob',
  'POST /{version}/projects/{project}/locations/{location}/tuningJobs/{job}:cancel response .google.protobuf.Empty',
]);
