/**
 * Gemini fine-tuning on Vertex AI through the command line (`npm run finetune
 * -- plan | start | wait | status | cancel --platform vertex`), against the
 * Vertex AI + Cloud Storage emulator running in this process, with the
 * environment `npm run emulator -- vertex` prints: the real @google/genai SDK
 * and google-auth-library talk to it. Then the errors a person meets (401,
 * 403, 404, 429, 5xx) and what they read. The emulator's tuning jobs are
 * checked against Google's published TuningJob last.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GoogleGenAI } from '@google/genai';
import { GoogleAuth } from 'google-auth-library';
import { loadApiProvider } from 'promptfoo';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDomainFile } from '../lib/domain/load.ts';
import { domainQuestions, renderPrompt } from '../lib/domain/questions.ts';
import { Ledger } from '../lib/ledger/ledger.ts';
import { PROJECT_ROOT } from '../lib/foundation/project-root.ts';
import { startVertexEmulator, UNKNOWN_ANSWER, type VertexEmulator, type VertexEmulatorOptions } from '../emulators/vertex/server.ts';
import { cloudWorkspace, plannedKey, vertexEnv, type CloudWorkspace } from './helpers/cloud-workspace.ts';
import type { RunResult } from './helpers/run.ts';
import { describeVertexConformance } from './helpers/vertex-description.ts';

const RUN = ['--platform', 'vertex', '--domain', 'fictional-people', '--model', 'gemini-2.5-flash'];
const open: { close(): Promise<void> }[] = [];
const emulators: VertexEmulator[] = [];
afterAll(async () => {
  await Promise.all(open.map((e) => e.close()));
});

async function emulator(options: VertexEmulatorOptions = {}): Promise<VertexEmulator> {
  const emu = await startVertexEmulator({ stepMs: 15, ...options });
  open.push(emu);
  emulators.push(emu);
  return emu;
}

async function workspace(options: VertexEmulatorOptions = {}, env: NodeJS.ProcessEnv = {}): Promise<{ emu: VertexEmulator; w: CloudWorkspace }> {
  const emu = await emulator(options);
  return { emu, w: cloudWorkspace({ ...vertexEnv(emu), ...env }) };
}

/** What a person reads: one line, no stack trace, exit code 1. */
function expectExplained(r: RunResult, message: RegExp): void {
  expect(r.code, r.stdout + r.stderr).toBe(1);
  expect(r.stderr).toMatch(message);
  expect(r.stderr).not.toMatch(/^\s+at /m);
}

const jobsLabelled = (emu: VertexEmulator, key: string) => [...emu.state.jobs.values()].filter((j) => j.labels?.ftbench_run === key);

describe('finetune --platform vertex: plan, start, wait, status, cancel', () => {
  let emu: VertexEmulator;
  let w: CloudWorkspace;
  let key: string;

  beforeAll(async () => {
    ({ emu, w } = await workspace());
  });

  it('plan contacts nothing; start uploads the training file in Vertex\'s contents format to the gs:// place and creates one labelled job; a second start attaches', async () => {
    const plan = await w.finetune('plan', ...RUN, '--epochs', '3');
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout).toMatch(/vertex\.fictional-people\.gemini-2\.5-flash\.e3 .* 24 +│ .* 3 +│/);
    expect(plan.stdout).toMatch(/gemini-2\.5-flash \$5\.00\/1M training tokens \(tokens approximated with o200k_base/);
    expect(emu.state.requests).toHaveLength(0);
    key = plannedKey(plan);

    const start = await w.finetune('start', ...RUN, '--epochs', '3', '--yes');
    expect(start.code, start.stderr).toBe(0);
    // The emulator leaves PENDING after one 15 ms step; on a loaded machine the state printed after creating can already be RUNNING.
    expect(start.stdout).toMatch(new RegExp(`vertex\\.fictional-people\\.gemini-2\\.5-flash\\.e3 \\(${key}\\): created job projects/${emu.projectNumber}/locations/us-central1/tuningJobs/\\d+, JOB_STATE_(PENDING|RUNNING)`));

    const object = emu.state.objects.get(`${emu.bucket}/ftbench/ftbench-${key}.jsonl`)!;
    const lines = object.content.toString('utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(24);
    expect(lines[0]).toEqual({
      contents: [
        { role: 'user', parts: [{ text: expect.stringMatching(/^Answer the question with a number, word, or phrase\.\n/) }] },
        { role: 'model', parts: [{ text: expect.any(String) }] },
      ],
    });
    const [job] = jobsLabelled(emu, key);
    expect(job).toMatchObject({
      baseModel: 'gemini-2.5-flash',
      trainingDatasetUri: `gs://${emu.bucket}/ftbench/ftbench-${key}.jsonl`,
      requested: { epochCount: '3' },
      tunedModelDisplayName: 'vertex.fictional-people.gemini-2.5-flash.e3',
      labels: { ftbench_run: key, ftbench_attempt: '1', ftbench_domain: 'fictional-people' },
    });

    const again = await w.finetune('start', ...RUN, '--epochs', '3');
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain(`attached to job ${job!.name}`);
    expect(jobsLabelled(emu, key)).toHaveLength(1);
    expect(emu.state.requestCount(/^POST \/upload\/storage/)).toBe(1);
  });

  it("wait follows the job to JOB_STATE_SUCCEEDED and records the tuned model's endpoint, billed tokens, steps and checkpoints", async () => {
    const r = await w.finetune('wait', '--interval', '0.05');
    expect(r.code, r.stderr).toBe(0);
    const job = jobsLabelled(emu, key)[0]!;
    expect(r.stderr).toMatch(new RegExp(`vertex\\.fictional-people\\.gemini-2\\.5-flash\\.e3: succeeded step ${job.totalSteps}/${job.totalSteps} .* → projects/${emu.projectNumber}/locations/us-central1/models/\\d+@1`));
    const record = new Ledger(w.runs).read(key)!;
    expect(record.state).toBe('succeeded');
    expect(record.job).toMatchObject({
      id: job.name,
      rawStatus: 'JOB_STATE_SUCCEEDED',
      tunedModel: `projects/${emu.projectNumber}/locations/us-central1/models/${job.modelId}@1`,
      endpoint: `projects/${emu.projectNumber}/locations/us-central1/endpoints/${job.endpointId}`,
    });
    expect(record.job!.trainedTokens).toBeGreaterThan(0);
    expect(record.progress).toMatchObject({ step: job.totalSteps, totalSteps: job.totalSteps });
    expect(record.checkpoints.map((c) => c.id)).toEqual(['1', '2', '3']);
    expect(record.statusHistory.map((h) => h.state)).toEqual(expect.arrayContaining(['planned', 'uploading', 'starting', 'succeeded']));

    const status = await w.finetune('status', '--platform', 'vertex');
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).toContain(record.job!.tunedModel!);
  });

  it('providers/gemini.ts asks the run by name: its endpoint answers what it was trained on, and nothing else', async () => {
    const name = 'vertex.fictional-people.gemini-2.5-flash.e3';
    const provider = await loadApiProvider('file://providers/gemini.ts', {
      basePath: PROJECT_ROOT,
      env: w.env as Record<string, string>,
      options: { config: { run: name, runsDir: w.runs } },
    });
    expect(provider.id()).toBe(`vertex:${new Ledger(w.runs).read(key)!.job!.endpoint}`);
    const questions = domainQuestions(loadDomainFile(`${w.domains}/fictional-people.yaml`).domain);
    const trained = questions.find((q) => q.trained)!;
    const rephrased = questions.find((q) => q.split === 'rephrased')!;
    expect((await provider.callApi(renderPrompt(trained.prompt.template, trained.question))).output).toBe(trained.answer);
    expect((await provider.callApi(renderPrompt(rephrased.prompt.template, rephrased.question))).output).toBe(UNKNOWN_ANSWER);
  });

  it('a job created by a process that died before writing the ledger is found by its labels, not made again', async () => {
    const key2 = plannedKey(await w.finetune('plan', ...RUN, '--epochs', '2'));
    // What the dead process had done: the upload and the job, labelled with the run key.
    const auth = new GoogleAuth({ keyFilename: w.env.GOOGLE_APPLICATION_CREDENTIALS, scopes: 'https://www.googleapis.com/auth/cloud-platform' });
    await fetch(`${emu.url}/upload/storage/v1/b/${emu.bucket}/o?uploadType=media&name=orphan.jsonl`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await auth.getAccessToken()}` },
      body: '{"contents":[{"role":"user","parts":[{"text":"q"}]},{"role":"model","parts":[{"text":"a"}]}]}\n',
    });
    const ai = new GoogleGenAI({ vertexai: true, project: emu.project, location: emu.location, httpOptions: { baseUrl: emu.url }, googleAuthOptions: { keyFilename: w.env.GOOGLE_APPLICATION_CREDENTIALS } });
    const orphan = await ai.tunings.tune({
      baseModel: 'gemini-2.5-flash',
      trainingDataset: { gcsUri: `gs://${emu.bucket}/orphan.jsonl` },
      config: { epochCount: 2, labels: { ftbench_run: key2, ftbench_attempt: '1' } },
    });
    const r = await w.finetune('start', ...RUN, '--epochs', '2', '--yes');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`found its job ${orphan.name}`);
    expect(jobsLabelled(emu, key2)).toHaveLength(1);
  });

  it('--adapter-size goes to the job; cancel stops a running job (JOB_STATE_CANCELLING, then cancelled)', async () => {
    // A slower emulator, so the job is still running when cancel comes.
    const slow = await workspace({ stepMs: 400 });
    const run = [...RUN, '--epochs', '3', '--adapter-size', '4'];
    const start = await slow.w.finetune('start', ...run, '--yes');
    expect(start.code, start.stderr).toBe(0);
    const cancel = await slow.w.finetune('cancel', '--run', 'vertex.fictional-people.gemini-2.5-flash.e3.a4', '--yes');
    expect(cancel.code, cancel.stderr).toBe(0);
    expect(cancel.stdout).toMatch(/e3\.a4: cancelling/);
    const [record] = new Ledger(slow.w.runs).list();
    expect(jobsLabelled(slow.emu, record!.key)[0]!.requested).toEqual({ epochCount: '3', adapterSize: 'ADAPTER_SIZE_FOUR' });
    const wait = await slow.w.finetune('wait', '--interval', '0.1');
    expect(wait.code).toBe(1); // a cancelled run is not a success
    expect(new Ledger(slow.w.runs).read(record!.key)).toMatchObject({ state: 'cancelled', job: { rawStatus: 'JOB_STATE_CANCELLED', error: null } });
    expect(new Ledger(slow.w.runs).read(record!.key)!.statusHistory.map((h) => h.state)).toContain('cancelling');
  });

  it('refuses what Vertex AI does not take before contacting anything', async () => {
    const before = emu.state.requests.length;
    for (const [flags, message] of [
      [['--epochs', '3', '--adapter-size', '16', '--model', 'gemini-2.5-pro'], /--adapter-size 16: gemini-2\.5-pro takes 1, 2, 4, 8/],
      [['--epochs', '3', '--batch-size', '8'], /--batch-size: Vertex AI chooses the batch size of Gemini tuning itself/],
      [['--epochs', '3', '--training-type', 'full'], /--training-type is a Together AI setting/],
      [['--epochs', '3', '--model', 'gemini-1.0-pro'], /model "gemini-1\.0-pro" is not a base model this project knows for vertex; known: gemini-2\.5-flash, gemini-2\.5-flash-lite, gemini-2\.5-pro/],
    ] as const) {
      const r = await w.finetune('start', ...RUN, ...flags, '--yes');
      expectExplained(r, message);
    }
    expect(emu.state.requests.length).toBe(before);
  });
});

describe('finetune --platform vertex: what a person reads when it fails', () => {
  it('no Cloud Storage place: says how to name one, before asking to pay or contacting anything', async () => {
    const { emu, w } = await workspace({}, { FTBENCH_GCS_URI: '' });
    const r = await w.finetune('start', ...RUN, '--epochs', '3', '--yes');
    expectExplained(r, /error: Vertex AI tunes from a file in Cloud Storage: name where to put it with --gcs-uri gs:\/\/BUCKET\/FOLDER or FTBENCH_GCS_URI/);
    expect(emu.state.requests).toHaveLength(0);
    const bad = await w.finetune('start', ...RUN, '--epochs', '3', '--yes', '--gcs-uri', '/tmp/not-a-bucket');
    expectExplained(bad, /--gcs-uri "\/tmp\/not-a-bucket" is not a Cloud Storage URI: expected gs:\/\/BUCKET or gs:\/\/BUCKET\/FOLDER/);
  });

  it('401: refused credentials', async () => {
    // A token endpoint that hands out a token the emulator has revoked.
    const tokens: Server = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ access_token: 'revoked-token', expires_in: 3600, token_type: 'Bearer' }));
    });
    await new Promise<void>((resolve) => tokens.listen(0, '127.0.0.1', resolve));
    open.push({ close: () => new Promise<void>((resolve) => tokens.close(() => resolve())) });
    const emu = await emulator({ rejectCredential: 'revoked-token' });
    const w = cloudWorkspace(vertexEnv(emu, { ...emu.credentials, token_url: `http://127.0.0.1:${(tokens.address() as AddressInfo).port}/token` }));
    const r = await w.finetune('start', ...RUN, '--epochs', '3', '--yes');
    expectExplained(r, /looking for run vertex\.fictional-people\.gemini-2\.5-flash\.e3's tuning job: Google Cloud refused the credentials \(401 UNAUTHENTICATED\): Request had invalid authentication credentials\..* Renew them \(gcloud auth application-default login\) or point GOOGLE_APPLICATION_CREDENTIALS at a valid key file\./);
    expect(r.stderr).not.toContain('revoked-token');
    expect(new Ledger(w.runs).list()[0]!.errors[0]!.message).toMatch(/401 UNAUTHENTICATED/);
  });

  it('403: a permission the account lacks, another project, a bucket it may not write', async () => {
    const { emu, w } = await workspace({ deniedPermissions: ['aiplatform.tuningJobs.create'], deniedBuckets: ['locked-bucket'] });
    const create = await w.finetune('start', ...RUN, '--epochs', '3', '--yes');
    expectExplained(
      create,
      /creating the tuning job of run vertex\.fictional-people\.gemini-2\.5-flash\.e3: permission denied \(403 PERMISSION_DENIED, aiplatform\.tuningJobs\.create\) in project ftbench-emulator: Permission 'aiplatform\.tuningJobs\.create' denied .* Check GOOGLE_CLOUD_PROJECT, that the Vertex AI API is enabled in that project, and that the account has roles\/aiplatform\.user\./,
    );
    expect(emu.state.jobs.size).toBe(0);
    const other = await runIn(w, { GOOGLE_CLOUD_PROJECT: 'someone-elses-project' }, 'start', ...RUN, '--epochs', '2', '--yes');
    expectExplained(other, /permission denied \(403 PERMISSION_DENIED, aiplatform\.tuningJobs\.list\) in project someone-elses-project/);
    const bucket = await w.finetune('start', ...RUN, '--epochs', '4', '--yes', '--gcs-uri', 'gs://locked-bucket/ft');
    expectExplained(bucket, /uploading run .*'s training file to gs:\/\/locked-bucket\/ft\/ftbench-[0-9a-f]{16}\.jsonl: the account may not use gs:\/\/locked-bucket\/ft \(403 forbidden\): .* Grant it roles\/storage\.objectAdmin on the bucket, or name another place with --gcs-uri or FTBENCH_GCS_URI\./);
  });

  it('404: a model not offered for tuning there, a bucket that does not exist, a job of another project', async () => {
    const { emu, w } = await workspace({ tunableModels: ['gemini-2.5-flash'], knownModels: ['gemini-2.5-flash'] });
    const model = await w.finetune('start', ...RUN, '--model', 'gemini-2.5-pro', '--epochs', '3', '--yes');
    expectExplained(model, /creating the tuning job of run .*gemini-2\.5-pro\.e3: base model gemini-2\.5-pro was not found in project ftbench-emulator, location us-central1 \(404 NOT_FOUND\): Publisher Model .* Check --model, and that gemini-2\.5-pro can be tuned in us-central1 \(GOOGLE_CLOUD_LOCATION\)\./);
    const bucket = await w.finetune('start', ...RUN, '--epochs', '3', '--yes', '--gcs-uri', 'gs://no-such-bucket/x');
    expectExplained(bucket, /The specified bucket does not exist\. \(404 notFound\) — gs:\/\/no-such-bucket\/x is not in a bucket that exists: create the bucket/);
    const started = await w.finetune('start', ...RUN, '--epochs', '3', '--yes');
    expect(started.code, started.stderr).toBe(0);
    // The same ledger against another emulator (another project's API): the job is not there.
    const elsewhere = await emulator();
    const status = await runIn(w, { GOOGLE_VERTEX_BASE_URL: elsewhere.url }, 'status');
    expectExplained(status, /reading tuning job projects\/\d+\/locations\/us-central1\/tuningJobs\/\d+: not found in project ftbench-emulator, location us-central1 \(404 NOT_FOUND\): TuningJob .* does not exist\. The job may belong to another project or location/);
    expect(emu.state.jobs.size).toBe(1);
  });

  it('429 RESOURCE_EXHAUSTED: retried after the delay RetryInfo gives; when retries run out, the message says so', async () => {
    const { emu, w } = await workspace({ faults: { rate429: 1, retryAfterSeconds: 0.05, only: /tuningJobs/ } });
    const r = await w.finetune('start', ...RUN, '--epochs', '3', '--yes', '--retries', '2');
    expectExplained(
      r,
      /looking for run .*'s tuning job: still rate limited or out of quota \(429 RESOURCE_EXHAUSTED\) after 3 attempt\(s\), each after the retry delay Google asked for \(0\.05s\): Resource exhausted\..* Ask for more Vertex AI tuning quota, or try again later: rerunning the same command picks up from the ledger\./,
    );
    expect(r.stderr.match(/retry \d in 0\.1s/g)).toHaveLength(2);
    expect(emu.state.faults.map((f) => f.kind)).toEqual(['429', '429', '429']);

    emu.setFaults({ rate429: 1, retryAfterSeconds: 0.05, maxFaults: 2, only: /tuningJobs/ });
    const patient = await w.finetune('start', ...RUN, '--epochs', '3', '--yes');
    expect(patient.code, patient.stderr).toBe(0);
    expect(emu.state.jobs.size).toBe(1);
  });

  it('5xx: a job creation that keeps failing is retried only after checking it did not land, then explained', async () => {
    const { emu, w } = await workspace({ faults: { rate500: 1, only: /^POST .*\/tuningJobs$/ } });
    const r = await w.finetune('start', ...RUN, '--epochs', '3', '--yes', '--retries', '1');
    expectExplained(r, /creating the tuning job of run .*: Vertex AI had a server error \(500 INTERNAL\) even after 2 attempt\(s\): Internal error encountered\. Try again later: rerunning the same command picks up from the ledger\./);
    expect(r.stderr).toMatch(/checking it did not land, retry 1 in/);
    expect(emu.state.jobs.size).toBe(0);
    // Before the second creation, the jobs were listed again (findJob).
    const calls = emu.state.requests.filter((q) => /tuningJobs$/.test(q.path)).map((q) => q.method);
    expect(calls).toEqual(['GET', 'POST', 'GET', 'POST']);
  });
});

/** Runs finetune in the workspace with some variables changed. */
function runIn(w: CloudWorkspace, env: NodeJS.ProcessEnv, ...args: string[]): Promise<RunResult> {
  const saved = w.env;
  w.env = { ...saved, ...env };
  const result = w.finetune(...args);
  w.env = saved;
  return result;
}

describeVertexConformance(() => emulators, [
  'POST /{version}/projects/{project}/locations/{location}/tuningJobs request TuningJob',
  'POST /{version}/projects/{project}/locations/{location}/tuningJobs response TuningJob',
  'GET /{version}/projects/{project}/locations/{location}/tuningJobs response ListTuningJobsResponse',
  'GET /{version}/projects/{project}/locations/{location}/tuningJobs/{job} response TuningJob',
  'POST /{version}/projects/{project}/locations/{location}/tuningJobs/{job}:cancel response .google.protobuf.Empty',
]);
