// End to end, as a person runs it against the Vertex AI emulator: `npm run
// emulator -- vertex` (its main, in this process), a Gemini tuning job created and
// awaited with @google/genai, a suite whose providers are the base model
// (providers/gemini.ts), the in-context reference (providers/in-context.ts)
// and the tuned endpoint, `promptfoo eval` on it and on the control domain,
// then `npm run report` on both results: the report sets tuned, base and
// in-context side by side, and shows locality on the control domain.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { GoogleGenAI } from '@google/genai';
import { GoogleAuth } from 'google-auth-library';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { loadDomainFile, type LoadedDomain } from '../lib/domain/load.ts';
import { domainQuestions, renderPrompt } from '../lib/domain/questions.ts';
import { baseLabel, inContextLabel, tunedLabel } from '../lib/foundation/provider-labels.ts';
import type { Comparison } from '../lib/report/comparison.ts';
import { buildSuite, renderSuiteYaml, suiteRelative, type SuiteProvider } from '../lib/suites/build-suite.ts';
import { DOMAINS_DIR } from '../lib/suites/write-suites.ts';
import { main as emulatorMain } from '../scripts/commands/emulator.ts';
import { main as report } from '../scripts/commands/report.ts';
import { runMain } from './helpers/command.ts';
import { startEmulatorCli, type RunningEmulatorCli } from './helpers/emulator-cli.ts';
import { runPromptfooAsync, tempDir, type RunResult } from './helpers/run.ts';

const BASE = 'gemini-2.5-flash';

/** fictional-people cut to the people of its first two comparisons (a fast suite), and 10 control questions. */
function writeDomains(dir: string): { people: LoadedDomain; control: LoadedDomain } {
  const people = parse(readFileSync(path.join(DOMAINS_DIR, 'fictional-people.yaml'), 'utf8')) as {
    facts: { id: string }[];
    probes: { facts: string[] }[];
  };
  const personOf = (factId: string) => factId.split('-')[0]!;
  const probes = people.probes.slice(0, 2);
  const persons = new Set(probes.flatMap((p) => p.facts.map(personOf)));
  people.facts = people.facts.filter((f) => persons.has(personOf(f.id)));
  people.probes = probes;
  writeFileSync(path.join(dir, 'fictional-people.yaml'), stringify(people));
  const control = parse(readFileSync(path.join(DOMAINS_DIR, 'general-knowledge-control.yaml'), 'utf8')) as { facts: unknown[] };
  control.facts = control.facts.slice(0, 10);
  writeFileSync(path.join(dir, 'general-knowledge-control.yaml'), stringify(control));
  return { people: loadDomainFile(path.join(dir, 'fictional-people.yaml')), control: loadDomainFile(path.join(dir, 'general-knowledge-control.yaml')) };
}

/** Starts `npm run emulator -- vertex` and reads the export lines it prints first. */
async function startEmulator(domainsDir: string): Promise<{ cli: RunningEmulatorCli; env: Record<string, string> }> {
  const cli = await startEmulatorCli(emulatorMain, ['vertex', '--port', '0', '--step-ms', '5', '--domains', domainsDir], 6);
  const env = Object.fromEntries(cli.exportLines.map((l) => l.replace(/^export /, '').split('=', 2) as [string, string]));
  return { cli, env };
}

/** Tunes the emulated base model on the domain's trained questions, as the Vertex plugin will; returns the endpoint. */
async function tune(env: Record<string, string>, people: LoadedDomain): Promise<string> {
  const trained = domainQuestions(people.domain).filter((q) => q.trained);
  const jsonl = trained
    .map((q) => JSON.stringify({ contents: [{ role: 'user', parts: [{ text: renderPrompt(q.prompt.template, q.question) }] }, { role: 'model', parts: [{ text: q.answer }] }] }))
    .join('\n');
  const auth = new GoogleAuth({ keyFilename: env.GOOGLE_APPLICATION_CREDENTIALS, scopes: 'https://www.googleapis.com/auth/cloud-platform' });
  const [, bucket, prefix] = /^gs:\/\/([^/]+)\/(.+)$/.exec(env.FTBENCH_GCS_URI!)!;
  const stored = await fetch(`${env.STORAGE_EMULATOR_HOST}/upload/storage/v1/b/${bucket}/o?uploadType=media&name=${encodeURIComponent(`${prefix}/people.jsonl`)}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await auth.getAccessToken()}`, 'content-type': 'application/jsonl' },
    body: jsonl,
  });
  expect(stored.status).toBe(200);
  const ai = new GoogleGenAI({
    vertexai: true,
    project: env.GOOGLE_CLOUD_PROJECT,
    location: env.GOOGLE_CLOUD_LOCATION,
    httpOptions: { baseUrl: env.GOOGLE_VERTEX_BASE_URL },
    googleAuthOptions: { keyFilename: env.GOOGLE_APPLICATION_CREDENTIALS },
  });
  let job = await ai.tunings.tune({ baseModel: BASE, trainingDataset: { gcsUri: `${env.FTBENCH_GCS_URI}/people.jsonl` }, config: { epochCount: 3, tunedModelDisplayName: 'people-3ep' } });
  for (let i = 0; i < 200 && job.state !== 'JOB_STATE_SUCCEEDED'; i++) {
    expect(job.state).toMatch(/^JOB_STATE_(PENDING|RUNNING)$/);
    await new Promise((r) => setTimeout(r, 25));
    job = await ai.tunings.get({ name: job.name! });
  }
  expect(job.state).toBe('JOB_STATE_SUCCEEDED');
  return job.tunedModel!.endpoint!;
}

describe('tuned vs base vs in-context, through promptfoo and npm run report (Vertex AI emulator)', () => {
  const domainsDir = tempDir('ftbench-domains-');
  const suitesDir = tempDir('ftbench-suites-');
  const reportDir = tempDir('ftbench-report-');
  const configDir = tempDir('ftbench-pfdb-');
  let emulator: RunningEmulatorCli | undefined;
  let reported: RunResult;

  beforeAll(async () => {
    const { people, control } = writeDomains(domainsDir);
    const started = await startEmulator(domainsDir);
    emulator = started.cli;
    const endpoint = await tune(started.env, people);
    const gemini = `file://${suiteRelative('providers/gemini.ts', suitesDir)}`;
    // A hand-written suite: each provider declares its identity (README: Tuned vs base); the labels are free text.
    const base: SuiteProvider = { id: gemini, label: baseLabel(BASE), config: { model: BASE, identity: { role: 'base', baseModel: BASE } } };
    const tuned: SuiteProvider = { id: gemini, label: tunedLabel(BASE, 3), config: { endpoint, identity: { role: 'tuned', baseModel: BASE } } };
    const inContext: SuiteProvider = {
      id: `file://${suiteRelative('providers/in-context.ts', suitesDir)}`,
      label: inContextLabel(BASE),
      config: { domainFile: people.file, provider: { id: 'file://providers/gemini.ts', config: { model: BASE } }, identity: { role: 'in-context', baseModel: BASE } },
    };
    const env = { ...started.env, PROMPTFOO_CONFIG_DIR: configDir };
    const outputs: string[] = [];
    for (const [loaded, providers] of [
      [people, [base, inContext, tuned]],
      [control, [base, tuned]],
    ] as const) {
      const suiteFile = path.join(suitesDir, `${loaded.domain.id}.yaml`);
      writeFileSync(suiteFile, renderSuiteYaml(loaded, buildSuite(loaded, [...providers], suitesDir), suiteFile));
      const out = path.join(suitesDir, `${loaded.domain.id}.results.json`);
      const run = await runPromptfooAsync(['eval', '-c', suiteFile, '-o', out, '--no-progress-bar', '--no-table'], env);
      // 100: some tests failed (the base model's), which is the point.
      expect([0, 100], run.stderr + run.stdout).toContain(run.code);
      outputs.push(out);
    }
    reported = await runMain(report, [...outputs, '--out', reportDir]);
  });

  afterAll(async () => {
    await emulator?.stop();
  });

  it('prints the comparison after the main table', () => {
    expect(reported.code, reported.stderr).toBe(0);
    const main = reported.stdout.indexOf('gemini-2.5-flash base');
    const comparison = reported.stdout.indexOf('Tuned vs base vs in-context (accuracy)');
    expect(main).toBeGreaterThan(-1);
    expect(comparison).toBeGreaterThan(main);
    expect(reported.stdout).toMatch(/│ fictional-people │ memorization │ gemini-2\.5-flash │ gemini-2\.5-flash tuned 3 epochs \(emulation\) │ 1\.000 │ 0\.000 │ 1\.000\s+│ \+1\.000\s+│ \+0\.000\s+│/);
    expect(reported.stdout).toContain('Locality: control domains on each tuned model and its base model');
  });

  it('writes the comparisons to summary.json: tuned 1.0 vs base 0 on memorization, in-context high everywhere', () => {
    const summary = JSON.parse(readFileSync(path.join(reportDir, 'summary.json'), 'utf8')) as { rows: unknown[]; comparisons: Comparison[] };
    const of = (domain: string, split: string) => summary.comparisons.find((c) => c.domain === domain && c.split === split)!;
    const memorization = of('fictional-people', 'memorization');
    expect(memorization).toMatchObject({
      baseModel: BASE,
      tuned: { provider: 'gemini-2.5-flash tuned 3 epochs', accuracy: 1 },
      base: { provider: 'gemini-2.5-flash base', accuracy: 0 },
      inContext: { provider: 'gemini-2.5-flash in-context', accuracy: 1 },
      tunedMinusBase: 1,
      inContextMinusTuned: 0,
    });
    expect(memorization.tuned!.n).toBe(24);
    // What tuning did not teach, the facts in the prompt give.
    for (const split of ['rephrased', 'derived', 'comparison']) {
      const c = of('fictional-people', split);
      expect(c.inContext!.accuracy, split).toBe(1);
      expect(c.tuned!.accuracy, split).toBeLessThan(0.1);
      expect(c.inContextMinusTuned!, split).toBeGreaterThan(0.9);
    }
    // The emulated tuned model answers what it was not trained on as its base model does: no damage.
    expect(of('general-knowledge-control', 'locality')).toMatchObject({ tuned: { accuracy: 1, n: 10 }, base: { accuracy: 1, n: 10 }, inContext: null, tunedMinusBase: 0 });
  });

  it('adds the "Tuned vs base vs in-context" section to summary.md', () => {
    const md = readFileSync(path.join(reportDir, 'summary.md'), 'utf8');
    expect(md).toContain('## Tuned vs base vs in-context');
    expect(md).toContain('| fictional-people | memorization | gemini-2.5-flash | gemini-2.5-flash tuned 3 epochs (emulation) | 1.000 | 0.000 | 1.000 | +1.000 | +0.000 |');
    expect(md).toContain('### Locality');
    expect(md).toContain('| general-knowledge-control | gemini-2.5-flash | gemini-2.5-flash tuned 3 epochs (emulation) | 1.000 | 1.000 | +0.000 |');
  });
});
