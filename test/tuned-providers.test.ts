/**
 * What the suite builder offers per domain from the ledger: for each base
 * model one base and one in-context provider (however many runs share it),
 * each run's tuned model through the provider its platform needs, and on a
 * control domain every run of any domain with its base model (locality),
 * each with the identity the report pairs each tuned model with its base by.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../lib/foundation/content-hash.ts';
import { parseDomainText } from '../lib/domain/load.ts';
import type { RunRecord } from '../lib/ledger/run-record.ts';
import { runKey, type RunSpec } from '../lib/ledger/run-spec.ts';
import { runIdentity } from '../lib/ledger/provider-identity.ts';
import { compareProviders } from '../lib/report/comparison.ts';
import { loadPlatforms, PLATFORMS } from '../lib/platforms/registry.ts';
import { suiteProviders, withoutDescription } from './helpers/suite-providers.ts';
import { DEFAULT_RECIPE } from '../lib/training/recipe.ts';
import { tinyDomain } from './helpers/tiny-domain.ts';

// The suite builder loads the plugins of the platforms its ledger names (lib/suites/available-providers.ts); these tests name all of them.
beforeAll(() => loadPlatforms(PLATFORMS));

const loadedOf = (text: string, file: string) => ({ domain: parseDomainText(text, file), file, text });
const people = loadedOf(tinyDomain(12), 'tiny.yaml');
const CONTROL_TEXT = `id: control\ntitle: Control\nkind: control\nprompt: "{{question}}"\nfacts:\n  - { id: paris, statement: Paris is the capital of France., question: What is the capital of France?, answer: Paris }\n`;
const control = loadedOf(CONTROL_TEXT, 'control.yaml');

function run(over: Partial<RunSpec> & { epochs?: number; domainId?: string; endpoint?: string; tuned?: string } = {}): RunRecord {
  const spec: RunSpec = {
    platform: over.platform ?? 'vertex',
    // The domain's content as it is now (a run of another domain has another content).
    domain: { id: over.domainId ?? 'tiny-people', file: 'tiny.yaml', sha256: over.domainId ? sha256(over.domainId) : sha256(people.text) },
    baseModel: over.baseModel ?? 'gemini-2.5-flash',
    hyperparameters: { epochs: over.epochs ?? 3, batchSize: 'auto', learningRateMultiplier: 'auto' },
    seed: 42,
    recipe: DEFAULT_RECIPE,
    ...(over.target && { target: over.target }),
  };
  const key = runKey(spec);
  return {
    key,
    name: key,
    spec,
    state: 'succeeded',
    job: { tunedModel: over.tuned ?? `tuned-${key}`, endpoint: over.endpoint ?? `projects/1/locations/us-central1/endpoints/${key.slice(0, 6)}` },
  } as unknown as RunRecord;
}

const byLabel = (providers: Awaited<ReturnType<typeof suiteProviders>>) => Object.fromEntries(providers.map((p) => [p.label, p]));

describe('tuned providers in the suites', () => {
  const gemini3 = run();
  const gemini10 = run({ epochs: 10 });
  const llama = run({ platform: 'together', baseModel: 'meta-llama/Meta-Llama-3.1-8B-Instruct-Reference' });
  const renamesRun = run({ domainId: 'python-renames' });
  const registered = run({ platform: 'endpoint', baseModel: 'llama3.1:8b', target: { baseUrl: 'http://localhost:11434/v1', model: 'people-lora', apiKeyEnv: null } });
  const noBase = run({ platform: 'endpoint', baseModel: 'my-lora', target: { baseUrl: 'http://localhost:8000/v1', model: 'my-lora', apiKeyEnv: 'VLLM_KEY' } });
  const all = [gemini3, gemini10, llama, renamesRun, registered, noBase];

  it("a knowledge domain: its own runs, one base and one in-context per base model, each through its platform's provider", async () => {
    const providers = await suiteProviders(people, all, '/tmp/suites');
    const p = byLabel(providers);
    expect(Object.keys(p).sort()).toEqual([
      'gem2.5-flash base',
      'gem2.5-flash in-context',
      'gem2.5-flash ret k3',
      'gem2.5-flash ft10',
      'gem2.5-flash ft10 +ret3',
      'gem2.5-flash ft3',
      'gem2.5-flash ft3 +ret3',
      'llama3.1:8b base',
      'llama3.1:8b in-context',
      'llama3.1:8b retrieval k3',
      'llama3.1:8b ft3',
      'llama3.1:8b ft3 +ret3',
      'Llama-3.1-8B base',
      'Llama-3.1-8B in-context',
      'Llama-3.1-8B ret k3',
      'Llama-3.1-8B ft3',
      'Llama-3.1-8B ft3 +ret3',
      'my-lora ft3',
      'my-lora ft3 +ret3',
    ].sort());
    expect(p['gem2.5-flash base']).toMatchObject({ id: expect.stringMatching(/providers\/gemini\.ts$/), config: { model: 'gemini-2.5-flash', identity: { role: 'base', baseModel: 'gemini-2.5-flash' } } });
    expect(p['gem2.5-flash ft3']).toMatchObject({ id: expect.stringMatching(/providers\/gemini\.ts$/), config: { run: gemini3.key, identity: runIdentity(gemini3) } });
    // The inner base model carries no identity: the in-context provider answers as itself.
    expect(withoutDescription(p['gem2.5-flash in-context']!.config)).toEqual({
      domainFile: 'tiny.yaml',
      provider: { id: 'file://providers/gemini.ts', config: { model: 'gemini-2.5-flash' } },
      identity: { role: 'in-context', baseModel: 'gemini-2.5-flash' },
    });
    // The label is short; the whole story is in the config's description (and the eval's).
    expect(p['gem2.5-flash ft3']!.config.description).toMatch(/^gemini-2\.5-flash tuned 3 epochs: run \S+ on vertex, trained on tiny-people \(version [0-9a-f]{12}\), recipe default, batch auto, lr auto, seed 42$/);
    expect(p['gem2.5-flash ft10']!.config.description).toMatch(/^gemini-2\.5-flash tuned 10 epochs: /);
    // Every provider says what it is; a model registered without its base model is compared with none.
    for (const [label, provider] of Object.entries(p)) expect(provider.config?.identity, label).toBeDefined();
    expect(p['my-lora ft3']!.config?.identity).toMatchObject({ role: 'tuned', baseModel: 'my-lora', run: { key: noBase.key, platform: 'endpoint', epochs: 3 } });
    expect(p['Llama-3.1-8B base']).toMatchObject({
      id: expect.stringMatching(/providers\/openai\.ts$/),
      config: { model: 'meta-llama/Meta-Llama-3.1-8B-Instruct-Reference', platform: 'together' },
    });
    // A registered model's base is asked at its own server, with its own key variable (none here).
    expect(withoutDescription(p['llama3.1:8b base']!.config)).toEqual({ model: 'llama3.1:8b', baseURL: 'http://localhost:11434/v1', apiKeyEnv: null, identity: { role: 'base', baseModel: 'llama3.1:8b' } });
    expect(p['llama3.1:8b ft3']).toMatchObject({ id: expect.stringMatching(/providers\/openai\.ts$/), config: { run: registered.key } });
  });

  it('retrieval (default k = 3): the base model and each tuned run given the top-k statements, through the in-context provider around the same provider', async () => {
    const p = byLabel(await suiteProviders(people, all, '/tmp/suites'));
    expect({ ...p['gem2.5-flash ret k3']!, config: withoutDescription(p['gem2.5-flash ret k3']!.config) }).toEqual({
      id: expect.stringMatching(/providers\/in-context\.ts$/),
      label: 'gem2.5-flash ret k3',
      config: {
        domainFile: 'tiny.yaml',
        k: 3,
        provider: { id: 'file://providers/gemini.ts', config: { model: 'gemini-2.5-flash' } },
        identity: { role: 'retrieval', baseModel: 'gemini-2.5-flash', k: 3 },
      },
    });
    expect(p['gem2.5-flash ret k3']!.config.description).toBe('gemini-2.5-flash retrieval k=3: the base model given the 3 fact statements a BM25 search ranks best for the question');
    // Around a tuned run: the run's own provider asks it; the identity names the run (never read from the label), the label reads as the run's.
    expect(withoutDescription(p['llama3.1:8b ft3 +ret3']!.config)).toEqual({
      domainFile: 'tiny.yaml',
      k: 3,
      provider: { id: expect.stringMatching(/providers\/openai\.ts$/), config: { run: registered.key } },
      identity: { role: 'retrieval', baseModel: 'llama3.1:8b', k: 3, run: runIdentity(registered).run },
    });
    // Base, in-context, then retrieval over the base model, then over each tuned run: the viewer's column order.
    const labels = (await suiteProviders(people, all, '/tmp/suites', process.env, { retrieval: 5 })).map((x) => x.label);
    expect(labels.filter((l) => l.startsWith('gem2.5-flash'))).toEqual([
      'gem2.5-flash ft3',
      'gem2.5-flash ft10',
      'gem2.5-flash base',
      'gem2.5-flash in-context',
      'gem2.5-flash ret k5',
      'gem2.5-flash ft3 +ret5',
      'gem2.5-flash ft10 +ret5',
    ]);
    // --retrieval 0 leaves it out; a control domain has no trained facts to retrieve.
    const retrievalOf = async (loaded: typeof people, retrieval?: number) =>
      (await suiteProviders(loaded, all, '/tmp/suites', process.env, retrieval === undefined ? {} : { retrieval })).filter((x) => x.config.identity.role === 'retrieval');
    expect(await retrievalOf(people, 0)).toEqual([]);
    expect(await retrievalOf(control)).toEqual([]);
    await expect(retrievalOf(people, 1.5)).rejects.toThrow(/retrieval must be a whole number from 0, got 1.5/);
  });

  it('a control domain: every run of any domain with its base model, no in-context; runs alike but for their domain say what they were trained on', async () => {
    const providers = await suiteProviders(control, all, '/tmp/suites');
    const labels = providers.map((p) => p.label);
    expect(labels.filter((l) => l.includes('in-context'))).toEqual([]);
    expect(labels).toEqual(
      expect.arrayContaining([
        'gem2.5-flash base',
        'gem2.5-flash ft3 tiny',
        'gem2.5-flash ft3 python',
        'gem2.5-flash ft10',
        'Llama-3.1-8B base',
        'Llama-3.1-8B ft3',
      ]),
    );
    expect(labels.filter((l) => l === 'gem2.5-flash base')).toHaveLength(1);
    // Every provider's identity names its base model, so the locality table pairs it with that base.
    const rows = providers.map((p) => ({ provider: p.label, identity: p.config!.identity!, domain: 'control', split: 'locality', n: 1, correct: 1, accuracy: 1, ci95: [0, 1] as [number, number], errors: 0 }));
    const locality = compareProviders(rows);
    const geminiRuns = locality.filter((c) => c.baseModel === 'gemini-2.5-flash');
    expect(geminiRuns).toHaveLength(3);
    for (const c of geminiRuns) expect(c.base?.provider).toBe('gem2.5-flash base');
  });
});
