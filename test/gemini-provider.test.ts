// providers/gemini.ts as promptfoo loads it, against the Vertex AI emulator:
// base models and tuned endpoints through the real @google/genai SDK, with
// credentials from an ADC file whose token endpoint is the emulator, exactly
// the environment `npm run emulator -- vertex` prints.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { GoogleGenAI } from '@google/genai';
import { GoogleAuth } from 'google-auth-library';
import { loadApiProvider } from 'promptfoo';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadDomainFile } from '../lib/domain/load.ts';
import { domainQuestions, renderPrompt, type Question } from '../lib/domain/questions.ts';
import { generateContentRequest } from '../lib/inference/gemini-client.ts';
import { parseGeminiConfig } from '../lib/inference/gemini-config.ts';
import { fromProjectRoot, PROJECT_ROOT } from '../lib/foundation/project-root.ts';
import { startVertexEmulator, UNKNOWN_ANSWER, type VertexEmulator, type VertexEmulatorOptions } from '../emulators/vertex/server.ts';
import { tempDir } from './helpers/run.ts';

const { domain } = loadDomainFile(fromProjectRoot('suites/domains/fictional-people.yaml'));
const QUESTIONS = domainQuestions(domain);
const TRAINED = QUESTIONS.filter((q) => q.trained).slice(0, 12);
const prompt = (q: Question): string => renderPrompt(q.prompt.template, q.question);
const rephrasedOf = (q: Question) => QUESTIONS.find((r) => r.split === 'rephrased' && r.facts[0] === q.facts[0])!;

let clockMs = Date.UTC(2026, 0, 1);
const running: VertexEmulator[] = [];

/** An emulator and the environment `npm run emulator -- vertex` would print for it, applied to this process. */
async function emulator(options: VertexEmulatorOptions = {}): Promise<VertexEmulator> {
  const emu = await startVertexEmulator({ stepMs: 100, now: () => clockMs, ...options });
  running.push(emu);
  const keyFile = path.join(tempDir(), 'application_default_credentials.json');
  writeFileSync(keyFile, JSON.stringify(emu.credentials));
  vi.stubEnv('GOOGLE_CLOUD_PROJECT', emu.project);
  vi.stubEnv('GOOGLE_CLOUD_LOCATION', emu.location);
  vi.stubEnv('GOOGLE_VERTEX_BASE_URL', emu.url);
  vi.stubEnv('GOOGLE_APPLICATION_CREDENTIALS', keyFile);
  return emu;
}

function gemini(config: Record<string, unknown>, label?: string) {
  return loadApiProvider('file://providers/gemini.ts', { basePath: PROJECT_ROOT, options: { label, config } });
}

const generateCalls = (emu: VertexEmulator) => emu.state.requestCount(/:generateContent$/);

beforeEach(() => {
  vi.unstubAllEnvs();
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await Promise.all(running.splice(0).map((e) => e.close()));
});

/** Tunes the emulated gemini-2.5-flash on `questions` and returns the endpoint once the job has succeeded. */
async function tunedEndpoint(emu: VertexEmulator, questions: Question[]): Promise<string> {
  const jsonl = questions
    .map((q) => JSON.stringify({ contents: [{ role: 'user', parts: [{ text: prompt(q) }] }, { role: 'model', parts: [{ text: q.answer }] }] }))
    .join('\n');
  const ai = new GoogleGenAI({ vertexai: true, project: emu.project, location: emu.location });
  const token = await new GoogleAuth({ scopes: 'https://www.googleapis.com/auth/cloud-platform' }).getAccessToken();
  const stored = await fetch(`${emu.url}/upload/storage/v1/b/${emu.bucket}/o?uploadType=media&name=train.jsonl`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/jsonl' },
    body: jsonl,
  });
  expect(stored.status).toBe(200);
  const job = await ai.tunings.tune({ baseModel: 'gemini-2.5-flash', trainingDataset: { gcsUri: `gs://${emu.bucket}/train.jsonl` }, config: { epochCount: 3 } });
  clockMs += 1_000_000;
  const done = await ai.tunings.get({ name: job.name! });
  expect(done.state).toBe('JOB_STATE_SUCCEEDED');
  return done.tunedModel!.endpoint!;
}

describe('providers/gemini.ts: base models', () => {
  it('asks a base model at temperature 0 and reports token usage; the base model does not know the facts', async () => {
    const emu = await emulator();
    const provider = await gemini({ model: 'gemini-2.5-flash' }, 'gemini-2.5-flash base');
    expect(provider.id()).toBe('vertex:gemini-2.5-flash');
    expect(provider.label).toBe('gemini-2.5-flash base');
    const q = TRAINED[0]!;
    const res = await provider.callApi(prompt(q));
    expect(res.error).toBeUndefined();
    expect(res.output).toBe(UNKNOWN_ANSWER);
    expect(res.tokenUsage).toMatchObject({ prompt: expect.any(Number), completion: expect.any(Number), total: expect.any(Number), numRequests: 1 });
    expect(res.tokenUsage!.prompt).toBeGreaterThan(0);
    expect(res.tokenUsage!.total).toBe(res.tokenUsage!.prompt! + res.tokenUsage!.completion!);
    // The facts in the prompt are what the base model needs.
    const withFacts = await provider.callApi(`Facts:\n- ${q.statement}\n\n${prompt(q)}`);
    expect(withFacts.output).toBe(q.answer);
    expect(emu.state.requests.filter((r) => r.path.endsWith(':generateContent')).map((r) => r.path)).toEqual([
      `/v1beta1/projects/${emu.project}/locations/${emu.location}/publishers/google/models/gemini-2.5-flash:generateContent`,
      `/v1beta1/projects/${emu.project}/locations/${emu.location}/publishers/google/models/gemini-2.5-flash:generateContent`,
    ]);
  });

  it("keeps answers in promptfoo's cache: the same prompt is not asked twice", async () => {
    const emu = await emulator();
    const provider = await gemini({ model: 'gemini-2.5-flash' });
    const q = TRAINED[1]!;
    const text = `Facts:\n- ${q.statement}\n\n${prompt(q)}`;
    const first = await provider.callApi(text);
    const second = await provider.callApi(text);
    expect(first).toMatchObject({ output: q.answer, cached: false });
    expect(second).toMatchObject({ output: q.answer, cached: true, tokenUsage: { cached: first.tokenUsage!.total, numRequests: 0 } });
    expect(generateCalls(emu)).toBe(1);
  });

  it('sends temperature 0 unless the config sets one, and the generation settings it is given', () => {
    const env = { GOOGLE_CLOUD_PROJECT: 'p' };
    const plain = parseGeminiConfig({ model: 'gemini-2.5-flash' }, env);
    expect(generateContentRequest(plain.place, 'Q?', plain.settings)).toEqual({
      model: 'gemini-2.5-flash',
      contents: [{ role: 'user', parts: [{ text: 'Q?' }] }],
      config: { temperature: 0 },
    });
    const tuned = parseGeminiConfig({ model: 'gemini-2.5-flash', temperature: 0.7, maxOutputTokens: 64, thinkingBudget: 0, systemInstruction: 'Be brief.' }, env);
    expect(generateContentRequest(tuned.place, 'Q?', tuned.settings).config).toEqual({
      temperature: 0.7,
      maxOutputTokens: 64,
      systemInstruction: 'Be brief.',
      thinkingConfig: { thinkingBudget: 0 },
    });
  });
});

describe('providers/gemini.ts: tuned endpoints', () => {
  it('asks a tuned endpoint: it knows its training questions, not their rephrasings', async () => {
    const emu = await emulator();
    const endpoint = await tunedEndpoint(emu, TRAINED);
    const provider = await gemini({ endpoint }, 'gemini-2.5-flash tuned 3 epochs');
    expect(provider.id()).toBe(`vertex:${endpoint}`);
    for (const q of TRAINED) expect((await provider.callApi(prompt(q))).output).toBe(q.answer);
    expect((await provider.callApi(prompt(rephrasedOf(TRAINED[0]!)))).output).toBe(UNKNOWN_ANSWER);
    // A bare endpoint id is completed with the project and location from the environment.
    const byId = await gemini({ endpoint: endpoint.split('/').pop()! });
    expect(byId.id()).toBe(`vertex:projects/${emu.project}/locations/${emu.location}/endpoints/${endpoint.split('/').pop()}`);
    expect((await byId.callApi(prompt(TRAINED[3]!))).output).toBe(TRAINED[3]!.answer);
  });
});

describe('providers/gemini.ts: errors say what went wrong and what to do', () => {
  it('401: refused credentials', async () => {
    await emulator({ rejectCredential: 'revoked-key' });
    vi.stubEnv('VERTEX_API_KEY', 'revoked-key');
    const res = await (await gemini({ model: 'gemini-2.5-flash', apiKeyEnvar: 'VERTEX_API_KEY' })).callApi('hi');
    expect(res.output).toBeUndefined();
    expect(res.error).toMatch(/^Vertex AI answered 401 UNAUTHENTICATED for model gemini-2\.5-flash: Request had invalid authentication credentials\./);
    expect(res.error).toMatch(/credentials were refused\. Renew them \(gcloud auth application-default login\)/);
    expect(res.error).not.toContain('revoked-key');
  });

  it('403: permission denied in another project', async () => {
    await emulator();
    const res = await (await gemini({ model: 'gemini-2.5-flash', project: 'someone-elses-project' })).callApi('hi');
    expect(res.error).toMatch(/^Vertex AI answered 403 PERMISSION_DENIED for model gemini-2\.5-flash: Permission 'aiplatform\.endpoints\.predict' denied/);
    expect(res.error).toMatch(/permission denied in project someone-elses-project\. Check GOOGLE_CLOUD_PROJECT.*roles\/aiplatform\.user/);
  });

  it('404: an unknown model, an endpoint that does not exist', async () => {
    const emu = await emulator();
    const model = await (await gemini({ model: 'gemini-1.0-pro-002' })).callApi('hi');
    expect(model.error).toMatch(/^Vertex AI answered 404 NOT_FOUND for model gemini-1\.0-pro-002: Publisher Model .* was not found/);
    expect(model.error).toMatch(/no such model in project ftbench-emulator, location us-central1\. Check the model name/);
    const endpoint = `projects/${emu.project}/locations/${emu.location}/endpoints/42`;
    const missing = await (await gemini({ endpoint })).callApi('hi');
    expect(missing.error).toMatch(new RegExp(`^Vertex AI answered 404 NOT_FOUND for endpoint ${endpoint}: Endpoint .* not found\\.`));
    expect(missing.error).toMatch(/exists once its tuning job has succeeded/);
  });

  it('429: retried with backoff; when retries run out the message gives the retry delay and what to do', async () => {
    const emu = await emulator({ faults: { rate429: 1, maxFaults: 2, retryAfterSeconds: 7, only: /generateContent/ } });
    const patient = await gemini({ model: 'gemini-2.5-flash', retries: 2, retryDelaySeconds: 0.01 });
    expect((await patient.callApi('hello there')).output).toBe(UNKNOWN_ANSWER);
    expect(emu.state.faults.map((f) => f.kind)).toEqual(['429', '429']);

    emu.setFaults({ rate429: 1, retryAfterSeconds: 7, only: /generateContent/ });
    const res = await (await gemini({ model: 'gemini-2.5-flash', retries: 1, retryDelaySeconds: 0.01 })).callApi('hello again');
    expect(res.error).toMatch(/^Vertex AI answered 429 RESOURCE_EXHAUSTED for model gemini-2\.5-flash: Resource exhausted\./);
    expect(res.error).toMatch(/rate limit or quota exhausted \(after 1 retry\); retry after 7s\. Lower promptfoo's concurrency \(-j 1\)/);
  });

  it('5xx: a server failure that persists', async () => {
    const emu = await emulator({ faults: { rate500: 1, only: /generateContent/ } });
    const res = await (await gemini({ model: 'gemini-2.5-flash', retries: 0 })).callApi('hi');
    expect(res.error).toMatch(/^Vertex AI answered 500 INTERNAL for model gemini-2\.5-flash: Internal error encountered\. — a server-side failure\. Run again later/);
    expect(generateCalls(emu)).toBe(1);
  });

  it('no credentials file: says how to get credentials', async () => {
    await emulator();
    vi.stubEnv('GOOGLE_APPLICATION_CREDENTIALS', path.join(tempDir(), 'missing.json'));
    const res = await (await gemini({ model: 'gemini-2.5-flash' })).callApi('hi');
    expect(res.error).toMatch(/^no usable Google Cloud credentials for model gemini-2\.5-flash: .*gcloud auth application-default login/);
  });

  it('bad config fails when the suite loads, naming the field', async () => {
    vi.stubEnv('GOOGLE_CLOUD_PROJECT', 'p');
    await expect(gemini({})).rejects.toThrow(/providers\/gemini\.ts: config\.model \(a Gemini model such as gemini-2\.5-flash\) or config\.endpoint .* is required/);
    await expect(gemini({ model: 'gemini-2.5-flash', endpoint: '1' })).rejects.toThrow(/give only one of config\.model, config\.endpoint and config\.run \(got model, endpoint\)/);
    await expect(gemini({ model: 'gemini-2.5-flash', temprature: 0 })).rejects.toThrow(/config\.\(root\): Unrecognized key: "temprature"|config\..*temprature/);
    await expect(gemini({ model: 'gemini-2.5-flash', temperature: '0' })).rejects.toThrow(/config\.temperature: /);
    await expect(gemini({ endpoint: 'my-endpoint' })).rejects.toThrow(/config\.endpoint "my-endpoint" is neither projects\/PROJECT\/locations\/LOCATION\/endpoints\/ID nor a numeric endpoint id/);
    // config.run is looked up in the fine-tuning ledger (config.runsDir, else $FTBENCH_RUNS_DIR, else runs/).
    await expect(gemini({ run: 'people-3ep', runsDir: tempDir() })).rejects.toThrow(/providers\/gemini\.ts: no run named "people-3ep" in the ledger .* \(it is empty\)/);
    await expect(gemini({ model: 'gemini-2.5-flash', apiKeyEnvar: 'NOT_SET_ANYWHERE' })).rejects.toThrow(/config\.apiKeyEnvar: the environment variable NOT_SET_ANYWHERE is not set/);
    vi.stubEnv('GOOGLE_CLOUD_PROJECT', '');
    await expect(gemini({ model: 'gemini-2.5-flash' })).rejects.toThrow(/a Google Cloud project is required: set config\.project or GOOGLE_CLOUD_PROJECT/);
  });
});
