/**
 * The `endpoint` plugin: a model tuned elsewhere, served behind an
 * OpenAI-compatible API, recorded with `npm run finetune -- register` and then
 * evaluated by `npm start` like any tuned run. "Elsewhere" is the Together AI
 * emulator, driven directly over its API as another tool would (no
 * TOGETHER_* variable is given to the project: the registered run carries its
 * own base URL and the NAME of its key's variable).
 */
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { loadApiProvider } from 'promptfoo';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDomainFile } from '../lib/domain/load.ts';
import { buildTrainingFile, trainingJsonl } from '../lib/training/training-file.ts';
import { DEFAULT_RECIPE } from '../lib/training/recipe.ts';
import { Ledger } from '../lib/ledger/ledger.ts';
import { PROJECT_ROOT } from '../lib/foundation/project-root.ts';
import type { Comparison } from '../lib/report/comparison.ts';
import type { Summary } from '../lib/report/summary.ts';
import { startTogetherEmulator, type TogetherEmulator } from '../emulators/together/server.ts';
import { cloudWorkspace, type CloudWorkspace } from './helpers/cloud-workspace.ts';
import type { RunResult } from './helpers/run.ts';

const BASE = 'meta-llama/Meta-Llama-3.1-8B-Instruct-Reference';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

/** Fine-tunes on the emulator as another tool would: upload, create, and (the clock moved on) the output model. */
async function tuneElsewhere(emu: TogetherEmulator, key: string, jsonl: string, advance: () => void): Promise<string> {
  const auth = { authorization: `Bearer ${key}` };
  const form = new FormData();
  form.set('purpose', 'fine-tune');
  form.set('file_name', 'people.jsonl');
  form.set('file', new Blob([jsonl]), 'people.jsonl');
  const file = (await (await fetch(`${emu.url}/files/upload`, { method: 'POST', headers: auth, body: form })).json()) as { id: string };
  const created = await fetch(`${emu.url}/fine-tunes`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify({ model: BASE, training_file: file.id, n_epochs: 3, suffix: 'people' }),
  });
  const job = (await created.json()) as { id: string };
  advance();
  const done = (await (await fetch(`${emu.url}/fine-tunes/${job.id}`, { headers: auth })).json()) as { status: string; model_output_name: string };
  expect(done.status).toBe('completed');
  return done.model_output_name;
}

describe('finetune register: a model tuned elsewhere, evaluated like the others', () => {
  const canary = `canary-${randomUUID()}`;
  let clock = Date.UTC(2026, 10, 1);
  let emu: TogetherEmulator;
  let w: CloudWorkspace;
  let model: string;
  let register: (...extra: string[]) => Promise<RunResult>;

  beforeAll(async () => {
    emu = await startTogetherEmulator({ now: () => clock });
    w = cloudWorkspace({ ELSEWHERE_KEY: canary });
    const people = loadDomainFile(path.join(w.domains, 'fictional-people.yaml'));
    model = await tuneElsewhere(emu, canary, trainingJsonl(buildTrainingFile(people.domain, DEFAULT_RECIPE)), () => (clock += 3_600_000));
    register = (...extra) =>
      w.finetune('register', '--name', 'people-lora', '--base-url', emu.url, '--model', model, '--domain', 'fictional-people', '--base-model', BASE, '--api-key-env', 'ELSEWHERE_KEY', '--epochs', '3', ...extra);
  });

  afterAll(async () => {
    await emu.close();
  });

  it('records a succeeded run holding the base URL, the model and the NAME of the key variable; registering again changes nothing', async () => {
    const before = emu.state.requests.length;
    const r = await register();
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`people-lora \\(([0-9a-f]{16})\\): registered ${model} at ${emu.url.replace(/[./]/g, '\\$&')} as a succeeded run of fictional-people`));
    expect(emu.state.requests.length).toBe(before); // registering contacts nothing
    const [record] = new Ledger(w.runs).list();
    expect(record).toMatchObject({
      name: 'people-lora',
      state: 'succeeded',
      estimate: null,
      spec: { platform: 'endpoint', baseModel: BASE, hyperparameters: { epochs: 3 }, target: { baseUrl: emu.url, model, apiKeyEnv: 'ELSEWHERE_KEY' } },
      job: { state: 'succeeded', rawStatus: 'registered', tunedModel: model },
      trainingFile: { examples: 24 },
    });
    const again = await register();
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain(`people-lora (${record!.key}): already registered`);
    expect(new Ledger(w.runs).list()).toHaveLength(1);
    const list = await w.finetune('list', '--platform', 'endpoint');
    expect(list.stdout).toContain(model);
  });

  it('refuses a secret in the URL, a key given as its variable name, a taken name, a control domain, and `start --platform endpoint`', async () => {
    const cases: [string[], RegExp][] = [
      [['register', '--name', 'x', '--base-url', 'http://user:secret@127.0.0.1:1/v1', '--model', 'm', '--domain', 'fictional-people'], /^error: argument 5 \(the value of --base-url\) holds a URL with credentials \(user:password@\): a key never goes on the command line/],
      [['register', '--name', 'x', '--base-url', 'http://127.0.0.1:1/v1?api-key=abc', '--model', 'm', '--domain', 'fictional-people'], /^error: argument 5 \(the value of --base-url\) holds a URL parameter named "api-key"/],
      [['register', '--name', 'x', '--base-url', 'http://127.0.0.1:1/v1', '--model', 'm', '--domain', 'fictional-people', '--api-key-env', 'a1B2c3D4e5F6a1B2c3D4e5F6a1B2c3D4e5'], /^error: argument 11 \(the value of --api-key-env\) holds a 34-character random-looking token/],
      [['register', '--name', 'people-lora', '--base-url', 'http://127.0.0.1:1/v1', '--model', 'other', '--domain', 'fictional-people'], /--name people-lora is taken by run [0-9a-f]{16} \(endpoint, succeeded\)/],
      [['register', '--name', 'x', '--base-url', 'http://127.0.0.1:1/v1', '--model', 'm', '--domain', 'general-knowledge-control'], /"general-knowledge-control" is a control domain/],
      [['register', '--name', 'x', '--model', 'm'], /register needs --base-url, --domain/],
      [['start', '--platform', 'endpoint', '--domain', 'fictional-people', '--model', 'm', '--epochs', '3', '--yes'], /platform endpoint trains nothing: record a model tuned elsewhere with npm run finetune -- register/],
    ];
    for (const [args, message] of cases) {
      const r = await w.finetune(...args);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr, args.join(' ')).toMatch(message);
    }
    expect(new Ledger(w.runs).list()).toHaveLength(1);
  });

  it('npm start asks it at its own server with its own key: tuned, base and in-context columns, and locality', async () => {
    const r = await w.npmStart('--retrieval', '0');
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(readFileSync(path.join(w.out, 'summary.json'), 'utf8')) as Summary & { comparisons: Comparison[] };
    const of = (domain: string, split: string) => summary.comparisons.find((c) => c.domain === domain && c.split === split)!;
    expect(of('fictional-people', 'memorization')).toMatchObject({
      baseModel: BASE,
      tuned: { provider: 'Llama-3.1-8B ft3 (emulation)', accuracy: 1, n: 24 },
      base: { provider: 'Llama-3.1-8B base (emulation)', accuracy: 0 },
      inContext: { provider: 'Llama-3.1-8B in-context (emulation)', accuracy: 1 },
    });
    expect(of('fictional-people', 'rephrased')).toMatchObject({ tuned: { accuracy: 0 }, inContext: { accuracy: 1 } });
    expect(of('general-knowledge-control', 'locality')).toMatchObject({ tuned: { accuracy: 1, n: 10 }, base: { accuracy: 1, n: 10 }, tunedMinusBase: 0 });
    // The calls reached the registered server with the key from ELSEWHERE_KEY.
    expect(emu.state.requestCount(/^POST \/v1\/chat\/completions$/)).toBeGreaterThan(0);
    expect(emu.state.requests.filter((q) => q.path === '/v1/chat/completions').every((q) => q.status === 200)).toBe(true);
  });

  it('the key is in no file the project wrote, nor in any output', async () => {
    const written = [w.runs, w.suites, w.out, w.promptfoo].flatMap(filesUnder);
    expect(written.length).toBeGreaterThan(3);
    for (const file of written) expect(readFileSync(file).includes(canary), file).toBe(false);
    const suite = readFileSync(path.join(w.suites, 'fictional-people.yaml'), 'utf8');
    expect(suite).toContain('apiKeyEnv: ELSEWHERE_KEY');
    expect(suite).toContain(`baseURL: ${emu.url}`);
  });

  it('asking a registered run that fails says what to do: 401 names its key variable, 404, 429 and 5xx after retries', async () => {
    const ask = async (config: Record<string, unknown>) => {
      const provider = await loadApiProvider('file://providers/openai.ts', { basePath: PROJECT_ROOT, options: { config: { runsDir: w.runs, cache: false, ...config } } });
      return provider.callApi('What is the capital of France?');
    };
    process.env.ELSEWHERE_KEY = 'a-key-the-server-refuses';
    const reject = await startTogetherEmulator({ rejectKey: 'a-key-the-server-refuses' });
    try {
      const other = cloudWorkspace({});
      await other.finetune('register', '--name', 'refused', '--base-url', reject.url, '--model', model, '--domain', 'fictional-people', '--api-key-env', 'ELSEWHERE_KEY');
      expect((await ask({ run: 'refused', runsDir: other.runs })).error).toMatch(/^asking run refused \(.*\): the API refused the key in ELSEWHERE_KEY \(401 invalid_api_key\); set a valid key in the environment$/);
    } finally {
      process.env.ELSEWHERE_KEY = canary;
      await reject.close();
    }
    const gone = cloudWorkspace({});
    await gone.finetune('register', '--name', 'gone', '--base-url', emu.url, '--model', 'emulator-user/no-such-model', '--domain', 'fictional-people', '--api-key-env', 'ELSEWHERE_KEY');
    // A run's model that does not answer: the run, where it was asked, and why, most likely first (the server answering is an emulator).
    expect((await ask({ run: 'gone', runsDir: gone.runs })).error).toMatch(
      /^asking run gone \(emulator-user\/no-such-model\): emulator-user\/no-such-model is not served at http:\/\/127\.0\.0\.1:\d+\/v1 \(404 model_not_available\)\. Most likely first: \(1\) the emulator at \S+ was restarted without its state: .*; \(2\) the server registered for run gone \(http:\S+\) no longer serves emulator-user\/no-such-model under that name/,
    );
    emu.setFaults({ rate429: 1, retryAfterSeconds: 0.01, only: /chat/ });
    expect((await ask({ run: 'people-lora', retries: 2 })).error).toMatch(/^asking run people-lora \(.*\): still rate limited \(429 rate_limit_exceeded\) after retrying with backoff/);
    emu.setFaults({ rate500: 1, only: /chat/ });
    expect((await ask({ run: 'people-lora', retries: 0 })).error).toMatch(/^asking run people-lora \(.*\): the API had a server error \(500\) even after retries/);
    emu.setFaults(undefined);
    delete process.env.ELSEWHERE_KEY;
  });
});
