/**
 * A provider's identity (lib/ledger/provider-identity.ts), not its label,
 * decides how the report reads it: relabelling providers (even swapping
 * labels between them) changes neither the tuned vs base comparison, nor the
 * learning curves, the recipe comparisons or the provider order, in process
 * and through `npm run report`; the provider files return the identity their
 * config declares, failed answers too; a malformed identity is one clear
 * error naming the provider and the field; answers without one (a
 * hand-written suite, an older results file) are plain providers with a
 * note, never guessed from their labels.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sha256 } from '../lib/foundation/content-hash.ts';
import { meanMemorization } from '../lib/finetunebench/published-section.ts';
import { identityOf, identityOfRun, parseIdentity, runIdentity, type ProviderIdentity } from '../lib/ledger/provider-identity.ts';
import type { RunRecord } from '../lib/ledger/run-record.ts';
import { runKey, type RunSpec } from '../lib/ledger/run-spec.ts';
import { compareProviders, identityNote } from '../lib/report/comparison.ts';
import { orderProviders } from '../lib/report/provider-order.ts';
import { analyzeRuns } from '../lib/report/run-analysis.ts';
import { summarizeResults, type PromptfooResultLike, type SummaryRow } from '../lib/report/summary.ts';
import { DEFAULT_RECIPE } from '../lib/training/recipe.ts';
import GeminiProvider from '../providers/gemini.ts';
import InContextProvider from '../providers/in-context.ts';
import LookupProvider from '../providers/lookup.ts';
import OpenAIChatProvider from '../providers/openai.ts';
import ReplayProvider from '../providers/replay.ts';
import { main as report } from '../scripts/commands/report.ts';
import { runMain } from './helpers/command.ts';
import { atEpoch, baseId, inContextId, LOOKUP, runOf, tunedId } from './helpers/identity.ts';
import { tempDir } from './helpers/run.ts';
import { tinyDomain } from './helpers/tiny-domain.ts';

const M = 'gpt-4o-mini';
const G = 'gemini-2.5-flash';
const e3 = runOf({ name: 'people.e3' });
const variants = runOf({ name: 'people.e3.variants', recipe: 'variants+aug-1e4482' });
const e6 = runOf({ name: 'people.e6', epochs: 6 });
const vertex = runOf({ name: 'vertex.people.e3', platform: 'vertex', platformOptions: { adapterSize: 4 } });

/** Each provider as the suites write it: its label, its identity, and how many of 8 questions per split it gets right. */
const PEOPLE: [string, ProviderIdentity, Record<string, number>][] = [
  [`${M} base`, baseId(M), { memorization: 0, rephrased: 1 }],
  [`${M} in-context`, inContextId(M), { memorization: 8, rephrased: 7 }],
  [`${M} in-context top-1`, inContextId(M, 'top-1'), { memorization: 5, rephrased: 4 }],
  ['lookup', LOOKUP, { memorization: 8, rephrased: 3 }],
  [`${M} tuned 3 epochs, recipe default`, tunedId(M, e3), { memorization: 8, rephrased: 1 }],
  [`${M} tuned 3 epochs, recipe default @ epoch 1`, atEpoch(M, e3, 1), { memorization: 3, rephrased: 0 }],
  [`${M} tuned 3 epochs, recipe default @ epoch 2`, atEpoch(M, e3, 2), { memorization: 6, rephrased: 1 }],
  [`${M} tuned 3 epochs, recipe variants`, tunedId(M, variants), { memorization: 8, rephrased: 6 }],
  [`${M} tuned 3 epochs, recipe variants @ epoch 1`, atEpoch(M, variants, 1), { memorization: 4, rephrased: 2 }],
  [`${M} tuned 6 epochs`, tunedId(M, e6), { memorization: 8, rephrased: 2 }],
  [`${G} base`, baseId(G), { memorization: 0, rephrased: 0 }],
  [`${G} tuned 3 epochs`, tunedId(G, vertex), { memorization: 7, rephrased: 1 }],
];
const CONTROL: [string, ProviderIdentity, Record<string, number>][] = [
  [`${M} base`, baseId(M), { locality: 8 }],
  [`${M} tuned 3 epochs, recipe default`, tunedId(M, e3), { locality: 6 }],
];

/** promptfoo results for the providers of one domain; `relabel` renames providers (the identity stays). */
function results(domain: string, providers: typeof PEOPLE, relabel: (label: string) => string = (l) => l, withIdentity = true): PromptfooResultLike[] {
  return providers.flatMap(([label, identity, right], p) =>
    Object.entries(right).flatMap(([split, k]) =>
      Array.from({ length: 8 }, (_, i) => ({
        provider: { id: 'file://providers/x.ts', label: relabel(label) },
        testCase: { metadata: { domain, split, question_id: `${split}-${i}` } },
        metadata: { ...(withIdentity && { identity }), ...(p % 2 === 0 && { emulated: true }) },
        // Which questions are right differs by provider, so paired tests see discordant pairs.
        success: (i + p) % 8 < k,
      })),
    ),
  );
}

const LABELS = [...new Set([...PEOPLE, ...CONTROL].map(([l]) => l))];
/** Every label moves to another provider's label: base becomes "… tuned …", a tuned run "lookup", and so on. */
const swapped = (l: string) => LABELS[(LABELS.indexOf(l) + 5) % LABELS.length]!;
const original = (l: string) => LABELS[(LABELS.indexOf(l) - 5 + LABELS.length) % LABELS.length]!;

/** `value` with each provider name (under `provider`, `against`, `series`) mapped back through `back`. */
function labelsBack<T>(value: T, back: (label: string) => string): T {
  return JSON.parse(JSON.stringify(value), (key, v: unknown) => {
    if (typeof v === 'string' && ['provider', 'against', 'series'].includes(key) && LABELS.includes(v)) return back(v);
    if (Array.isArray(v) && key === 'series') return v.map((s) => (typeof s === 'string' && LABELS.includes(s) ? back(s) : s));
    return v;
  }) as T;
}

function analysis(res: PromptfooResultLike[]) {
  const rows = summarizeResults(res);
  return { rows, comparisons: compareProviders(rows), order: orderProviders(rows), ...analyzeRuns(res, rows) };
}

describe('relabelling providers changes nothing the report reads', () => {
  const before = analysis([...results('people', PEOPLE), ...results('control', CONTROL)]);
  const after = analysis([...results('people', PEOPLE, swapped), ...results('control', CONTROL, swapped)]);

  it('the fixture has comparisons, curves, recipe comparisons and several roles to order', () => {
    expect(before.comparisons.filter((c) => c.tuned).length).toBe(9);
    expect(before.curves.map((c) => c.label)).toEqual(['gpt-4o-mini, recipe default', 'gpt-4o-mini, recipe variants+aug-1e4482']);
    expect(before.recipes.map((r) => r.setting).sort()).toEqual(['epochs', 'recipe']);
    expect(before.order).toEqual([
      `${G} tuned 3 epochs`,
      `${M} tuned 3 epochs, recipe default`,
      `${M} tuned 3 epochs, recipe default @ epoch 1`,
      `${M} tuned 3 epochs, recipe default @ epoch 2`,
      `${M} tuned 3 epochs, recipe variants`,
      `${M} tuned 3 epochs, recipe variants @ epoch 1`,
      `${M} tuned 6 epochs`,
      `${G} base`,
      `${M} base`,
      `${M} in-context`,
      `${M} in-context top-1`,
      'lookup',
    ]);
    // The plain in-context reference is compared, not its top-1 variant; locality pairs the run with its base model.
    expect(before.comparisons.find((c) => c.split === 'memorization' && c.baseModel === M)!.inContext!.provider).toBe(`${M} in-context`);
    expect(before.comparisons.filter((c) => c.domain === 'control')).toEqual([
      expect.objectContaining({ baseModel: M, tuned: expect.objectContaining({ provider: `${M} tuned 3 epochs, recipe default`, accuracy: 0.75 }), base: expect.objectContaining({ accuracy: 1 }) }),
    ]);
  });

  it('the same comparisons, curves, recipe comparisons and provider order, once the labels are mapped back', () => {
    expect(after.order).not.toEqual(before.order);
    expect(labelsBack(after.comparisons, original)).toEqual(before.comparisons);
    expect(labelsBack(after.curves, original)).toEqual(before.curves);
    expect(labelsBack(after.recipes, original)).toEqual(before.recipes);
    expect(after.order.map(original)).toEqual(before.order);
  });

  it('through npm run report on a results file: the same summary.json, charts in the same order', async () => {
    const dir = tempDir('ftbench-identity-');
    const write = (name: string, relabel?: (l: string) => string) => {
      const file = path.join(dir, `${name}.json`);
      // One domain and base model (fewer charts to draw; the full fixture is read in process above).
      const people = PEOPLE.filter(([, identity]) => !('baseModel' in identity) || identity.baseModel === M);
      writeFileSync(file, JSON.stringify({ evalId: `eval-${name}`, results: { results: results('people', people, relabel), stats: { durationMs: 1 } } }));
      return file;
    };
    const summaries = [];
    for (const [name, relabel] of [['labelled', undefined], ['relabelled', swapped]] as const) {
      const out = path.join(dir, `${name}-report`);
      const run = await runMain(report, [write(name, relabel), '--out', out]);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toContain('Tuned vs base vs in-context (accuracy)');
      expect(run.stdout).not.toContain('plain providers');
      summaries.push(JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8')) as Record<string, unknown> & { rows: SummaryRow[] });
    }
    const [labelled, relabelled] = summaries as [Record<string, unknown> & { rows: SummaryRow[] }, Record<string, unknown> & { rows: SummaryRow[] }];
    for (const key of ['comparisons', 'curves', 'recipes', 'charts']) expect(labelsBack(relabelled[key], original), key).toEqual(labelled[key]);
    const rowKey = (r: SummaryRow) => JSON.stringify([r.domain, r.provider, r.split]);
    expect(labelsBack(relabelled.rows, original).sort((a, b) => rowKey(a).localeCompare(rowKey(b)))).toEqual([...labelled.rows].sort((a, b) => rowKey(a).localeCompare(rowKey(b))));
  }, 30_000);
});

describe('answers without an identity are plain providers, never read from their labels', () => {
  it('an older results file (labels and ftbenchRun, no identity): no comparison, curve or recipe comparison, and a note naming them', () => {
    const old = results('people', PEOPLE, undefined, false).map((r) => ({ ...r, metadata: { ...r.metadata, ftbenchRun: { key: 'k', baseModel: M } } }));
    const { rows, comparisons, curves, recipes, order } = analysis(old);
    expect(rows.every((r) => r.identity === undefined)).toBe(true);
    expect([comparisons, curves, recipes]).toEqual([[], [], []]);
    // In the order first seen (the rows' order), as any provider promptfoo knows.
    expect(order).toEqual([...new Set(rows.map((r) => r.provider))]);
    expect(identityNote(rows)).toMatch(/^Shown as plain providers, not grouped as tuned, base or in-context: gemini-2\.5-flash base, .* and \d+ more\. Their answers carry no identity/);
  });

  it('a mix: identified providers are compared, the others are plain and named', () => {
    const mixed = [...results('people', PEOPLE.slice(0, 5)), ...results('people', [[`${M} tuned 9 epochs`, baseId(M), { memorization: 1 }]], undefined, false)];
    const { rows, comparisons } = analysis(mixed);
    expect(comparisons.map((c) => c.tuned?.provider ?? null)).toEqual([`${M} tuned 3 epochs, recipe default`, `${M} tuned 3 epochs, recipe default`]);
    expect(identityNote(rows)).toMatch(/: gpt-4o-mini tuned 9 epochs\. /);
  });

  it('npm run report prints the note, and writes it under the accuracy table of summary.md', async () => {
    const dir = tempDir('ftbench-identity-');
    const file = path.join(dir, 'hand-written.json');
    const res = results('people', [[`${M} base`, baseId(M), { memorization: 1 }], [`${M} tuned 3 epochs`, tunedId(M), { memorization: 7 }]], undefined, false);
    writeFileSync(file, JSON.stringify({ evalId: 'eval-hand', results: { results: res, stats: { durationMs: 1 } } }));
    const run = await runMain(report, [file, '--out', path.join(dir, 'report')]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`Shown as plain providers, not grouped as tuned, base or in-context: ${M} base, ${M} tuned 3 epochs.`);
    expect(run.stdout).not.toContain('Tuned vs base vs in-context');
    const md = readFileSync(path.join(dir, 'report', 'summary.md'), 'utf8');
    expect(md).toContain('Shown as plain providers');
    expect(md).not.toContain('## Tuned vs base vs in-context');
  }, 30_000);
});

describe('a malformed identity is one clear error naming the provider and the field', () => {
  const BAD: [unknown, RegExp][] = [
    [{ role: 'finetuned', baseModel: M }, /\.role: expected one of tuned, base, in-context, retrieval, lookup, replay, reference, got "finetuned"$/],
    [{ baseModel: M }, /\.role: expected one of .*, got nothing$/],
    [{ role: 'tuned' }, /\.baseModel: missing \(expected a string\)$/],
    [{ role: 'base', baseModel: '  ' }, /\.baseModel: expected a non-empty name$/],
    [{ role: 'base', baseModel: M, epochs: 3 }, /identity: Unrecognized key: "epochs"$/],
    [{ role: 'lookup', baseModel: M }, /identity: Unrecognized key: "baseModel"$/],
    [{ role: 'tuned', baseModel: M, checkpoint: { id: 'c1', epoch: 1, step: 10 } }, /\.checkpoint: a checkpoint belongs to a run: give `run` too$/],
    [{ role: 'tuned', baseModel: M, run: { ...e3, epochs: '3' } }, /\.run\.epochs: .*expected number, received string$/],
    [{ role: 'tuned', baseModel: M, run: { key: 'k' } }, /\.run\.name: missing \(expected a string\)$/],
    [{ role: 'tuned', baseModel: M, run: { ...e3, platformOptions: { adapterSize: { nested: true } } } }, /\.run\.platformOptions\.adapterSize: /],
    [{ role: 'in-context', baseModel: M, variant: '' }, /\.variant: expected a non-empty name$/],
    ['base', /identity: Invalid input: expected object, received string$/],
    [null, /identity: Invalid input: expected object, received null$/],
  ];

  it('in a results file: summarizing names the provider (its label) and the field', () => {
    for (const [identity, message] of BAD) {
      const bad = [{ provider: { label: 'my model' }, testCase: { metadata: { domain: 'd', split: 'memorization' } }, metadata: { identity }, success: true }];
      expect(() => summarizeResults(bad), JSON.stringify(identity)).toThrow(/^provider "my model": metadata\.identity[.:]/);
      expect(() => summarizeResults(bad), JSON.stringify(identity)).toThrow(message);
    }
  });

  it('npm run report: exit 1, one line, nothing written', async () => {
    const dir = tempDir('ftbench-identity-');
    const file = path.join(dir, 'bad.json');
    const res = results('people', PEOPLE.slice(0, 2));
    res[3] = { ...res[3]!, metadata: { identity: { role: 'in-context', baseModel: 7 } } };
    writeFileSync(file, JSON.stringify({ evalId: 'eval-bad', results: { results: res, stats: { durationMs: 1 } } }));
    const out = path.join(dir, 'report');
    const run = await runMain(report, [file, '--out', out]);
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe('error: provider "gpt-4o-mini base": metadata.identity.baseModel: Invalid input: expected string, received number');
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(() => readFileSync(path.join(out, 'summary.json'))).toThrow();
  });

  it('two providers sharing a label on one domain (an old and a new results file) are an error, not one merged row', () => {
    const a = results('people', [[`${M} tuned 3 epochs`, tunedId(M, e3), { memorization: 8 }]]);
    const b = results('people', [[`${M} tuned 3 epochs`, tunedId(M, e6), { memorization: 2 }]]);
    expect(() => summarizeResults([...a, ...b])).toThrow(/^provider "gpt-4o-mini tuned 3 epochs" on domain people: its answers carry two different identities \(tuned gpt-4o-mini, run people\.e3; tuned gpt-4o-mini, run people\.e6\); two providers share this label/);
    // One label on two domains may be two runs: each domain's rows keep their own.
    const rows = summarizeResults([...a, ...results('other', [[`${M} tuned 3 epochs`, tunedId(M, e6), { memorization: 2 }]])]);
    expect(rows.map((r) => [r.domain, r.identity?.role === 'tuned' && r.identity.run?.name])).toEqual([['other', 'people.e6'], ['people', 'people.e3']]);
  });

  it('in a suite: each provider file refuses it when the suite is loaded, naming itself, its label and the field', () => {
    const identity = { role: 'tuned', baseModel: M, checkpoint: { id: 'c1', epoch: 1, step: 10 } };
    const field = 'config\\.identity\\.checkpoint: a checkpoint belongs to a run';
    expect(() => new LookupProvider({ label: 'my lookup', config: { domainFile: 'x.yaml', identity } })).toThrow(new RegExp(`^providers/lookup\\.ts, provider "my lookup": ${field}`));
    expect(() => new OpenAIChatProvider({ label: 'my model', config: { model: M, identity } })).toThrow(new RegExp(`^providers/openai\\.ts, provider "my model": ${field}`));
    expect(() => new GeminiProvider({ label: 'my gemini', config: { model: G, project: 'p', identity } })).toThrow(new RegExp(`^providers/gemini\\.ts, provider "my gemini": ${field}`));
    expect(() => new ReplayProvider({ label: 'my replay', config: { results: 'x.json', identity } })).toThrow(new RegExp(`^providers/replay\\.ts, provider "my replay": ${field}`));
    expect(() => new InContextProvider({ label: 'my facts', config: { domainFile: 'x.yaml', provider: 'echo', identity } })).toThrow(new RegExp(`^providers/in-context\\.ts, provider "my facts": ${field}`));
    expect(() => parseIdentity({ role: 'reference' }, 'x')).not.toThrow();
  });
});

describe('the providers return the identity their config declares, whatever their label', () => {
  const dir = tempDir('ftbench-identity-');
  mkdirSync(dir, { recursive: true });
  const domainFile = path.join(dir, 'tiny.yaml');
  writeFileSync(domainFile, tinyDomain(4));
  const context = { vars: { question: 'How old is Orla Venn?' }, test: { metadata: {} } };

  it('lookup, with any label', async () => {
    for (const label of ['lookup', 'gpt-4o-mini tuned 3 epochs']) {
      const answer = await new LookupProvider({ label, config: { domainFile, identity: { role: 'lookup' } } }).callApi('How old is Orla Venn?', context);
      expect(answer.metadata).toMatchObject({ identity: { role: 'lookup' }, lookup: { how: expect.any(String) } });
    }
    expect((await new LookupProvider({ label: 'x', config: { domainFile } }).callApi('q', context)).metadata).not.toHaveProperty('identity');
  });

  it("in-context returns its own identity, never its inner provider's", async () => {
    const inContext = new InContextProvider({
      label: 'facts first',
      config: { domainFile, provider: { id: 'file://providers/lookup.ts', config: { domainFile, identity: { role: 'lookup' } } }, identity: { role: 'in-context', baseModel: M } },
    });
    const answer = await inContext.callApi('How old is Orla Venn?', context as never);
    expect(answer.metadata).toMatchObject({ identity: { role: 'in-context', baseModel: M }, inContext: { of: 4 } });
    const plain = new InContextProvider({ label: 'x', config: { domainFile, provider: { id: 'file://providers/lookup.ts', config: { domainFile, identity: { role: 'lookup' } } } } });
    expect((await plain.callApi('How old is Orla Venn?', context as never)).metadata).not.toHaveProperty('identity');
  });

  it('openai: a failed call carries the identity too, so a model whose every call failed is still compared (as no data)', async () => {
    // No model named: the call fails before any platform is loaded or asked.
    const provider = new OpenAIChatProvider({ label: 'whatever', config: { identity: { role: 'base', baseModel: M } } });
    const answer = await provider.callApi('How old is Orla Venn?');
    expect(answer).toMatchObject({ error: expect.stringMatching(/config needs exactly one of `run` .* or `model`/), metadata: { identity: { role: 'base', baseModel: M } } });
  });

  it('a provider asking a ledger run answers as that run; a declared identity must name the same run and checkpoint', () => {
    const spec: RunSpec = {
      platform: 'openai',
      domain: { id: 'people', file: 'people.yaml', sha256: sha256('people') },
      baseModel: M,
      hyperparameters: { epochs: 3, batchSize: 'auto', learningRateMultiplier: 'auto' },
      seed: 42,
      recipe: DEFAULT_RECIPE,
    };
    const record = { key: runKey(spec), name: 'people.e3', spec, state: 'succeeded', progress: { step: 30, totalSteps: 30 }, checkpoints: [{ id: 'c10', step: 10, model: 'm10', trainLoss: null }] } as unknown as RunRecord;
    const asked = runIdentity(record, record.checkpoints[0]);
    expect(asked).toEqual({
      role: 'tuned',
      baseModel: M,
      run: { key: record.key, name: 'people.e3', platform: 'openai', domain: 'people', domainVersion: sha256('people').slice(0, 12), epochs: 3, batchSize: 'auto', learningRateMultiplier: 'auto', seed: 42, recipe: 'default', platformOptions: {} },
      checkpoint: { id: 'c10', epoch: 1, step: 10 },
    });
    expect(identityOfRun(undefined, asked, 'p')).toBe(asked);
    expect(identityOfRun(asked, asked, 'p')).toBe(asked);
    expect(() => identityOfRun(runIdentity(record), asked, 'providers/openai.ts, provider "x"')).toThrow(
      /^providers\/openai\.ts, provider "x": config\.identity \(tuned gpt-4o-mini, run people\.e3\) is not what config\.run asks \(tuned gpt-4o-mini, run people\.e3, checkpoint c10\)$/,
    );
    expect(() => identityOfRun(baseId(M), asked, 'p')).toThrow(/config\.identity \(base gpt-4o-mini\) is not what config\.run asks/);
    // A platform's own settings travel opaque, as the run declared them.
    const together = { ...record, spec: { ...spec, platform: 'together', platformOptions: { trainingType: 'full' } } } as RunRecord;
    expect(runIdentity(together).run!.platformOptions).toEqual({ trainingType: 'full' });
    expect(identityOf({ identity: asked }, 'p')).toEqual(asked);
    expect(identityOf({ ftbenchRun: { key: 'k' } }, 'p')).toBeNull();
  });
});

describe("npm run reproduce finds the study's models by identity", () => {
  it('the mean memorization of a replayed model reads rows whose identity replays it, whatever their label', () => {
    const row = (provider: string, identity: ProviderIdentity | undefined, accuracy: number, domain = 'a'): SummaryRow => ({
      provider,
      domain,
      split: 'memorization',
      grader: 'exact',
      n: 10,
      correct: accuracy * 10,
      accuracy,
      ci95: [0, 1],
      errors: 0,
      ...(identity && { identity }),
    });
    const replay = (model: string): ProviderIdentity => ({ role: 'replay', baseModel: model, source: 'finetunebench' });
    const rows = [row('gpt-4o-mini-2024-07-18', undefined, 0.9), row('renamed', replay('gpt-4o-mini-2024-07-18'), 0.5), row('also renamed', replay('gpt-4o-mini-2024-07-18'), 0.7, 'b'), row('other', replay('gpt-4o'), 0.1)];
    expect(meanMemorization(rows, 'gpt-4o-mini-2024-07-18', 'exact')).toBeCloseTo(0.6, 12);
    expect(meanMemorization(rows, 'gpt-3.5-turbo', 'exact')).toBeNull();
  });
});
