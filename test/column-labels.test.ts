/**
 * The labels of a domain's columns (lib/suites/column-labels.ts): short
 * enough for six columns in promptfoo's viewer, made from each provider's
 * identity, and distinct among all the columns of a domain however many
 * runs, checkpoints, base models and settings it has: checked over
 * thousands of generated domains, among them the hard cases (two base
 * models that abbreviate alike, runs differing only in a seed or a platform
 * option, a run trained on an earlier version of the domain, two columns of
 * one identity).
 */
import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../lib/generators/random.ts';
import type { ProviderIdentity, RunIdentity } from '../lib/ledger/provider-identity.ts';
import { runOf } from './helpers/identity.ts';
import { columnLabels, describeColumn, EMULATED_MARK, LABEL_MAX, type ColumnToLabel } from '../lib/suites/column-labels.ts';

const CURRENT = 'aaaaaaaaaaaa';

let runs = 0;
/** A distinct run of fictional-people on its current version (each call a new key), with what `over` changes. */
const run = (over: Partial<RunIdentity> = {}): RunIdentity =>
  runOf({ name: `fictional-people.gpt-4o-mini.e3.${++runs}`, domain: 'fictional-people', domainVersion: CURRENT, ...over });

const tuned = (baseModel: string, r: RunIdentity, checkpoint?: { epoch: number | null; step: number }): ProviderIdentity => ({
  role: 'tuned',
  baseModel,
  run: r,
  ...(checkpoint && { checkpoint: { id: `ck-${checkpoint.step}`, ...checkpoint } }),
});
const col = (identity: ProviderIdentity, emulated = false): ColumnToLabel => ({ identity, emulated });
const labels = (cs: ColumnToLabel[], currentDomainVersion: string | null = CURRENT) => columnLabels(cs, { currentDomainVersion });

describe('column labels', () => {
  it('name the base model abbreviated, the role, the epochs, the recipe and the checkpoint, in 24 characters', () => {
    const variants = run({ recipe: 'variants' });
    expect(labels([col(tuned('gpt-4o-mini', variants)), col(tuned('gpt-4o-mini', variants, { epoch: 1, step: 10 }))])).toEqual(['4o-mini ft3 variants', '4o-mini ft3 variants @e1']);
    const plain = run();
    expect(
      labels([
        col(tuned('gpt-4o-mini-2024-07-18', plain)),
        col(tuned('gpt-4o-mini-2024-07-18', plain, { epoch: null, step: 40 })),
        col({ role: 'base', baseModel: 'gpt-4o-mini-2024-07-18' }),
        col({ role: 'in-context', baseModel: 'gpt-4o-mini-2024-07-18' }),
        col({ role: 'in-context', baseModel: 'gpt-4o-mini-2024-07-18', variant: 'top-5' }),
        col({ role: 'lookup' }),
      ]),
    ).toEqual(['4o-mini ft3', '4o-mini ft3 @s40', '4o-mini base', '4o-mini in-context', '4o-mini in-context top-5', 'lookup']);
    expect(labels([col(tuned('meta-llama/Meta-Llama-3.1-8B-Instruct-Reference', run({ platform: 'together' }))), col({ role: 'base', baseModel: 'gemini-2.5-flash' })])).toEqual([
      'Llama-3.1-8B ft3',
      'gem2.5-flash base',
    ]);
  });

  it('add only what tells runs of one base model and epochs apart; a run on an earlier version of the domain says so', () => {
    const cs = [
      col(tuned('gpt-4o-mini', run({ learningRateMultiplier: 2 }))),
      col(tuned('gpt-4o-mini', run({ learningRateMultiplier: 0.5 }))),
      col(tuned('gpt-4o-mini', run({ epochs: 10 }))),
      col(tuned('gpt-4o-mini', run({ epochs: 1, domainVersion: 'bbbbbbbbbbbb' }))),
      col(tuned('gemini-2.5-flash', run({ platform: 'vertex', platformOptions: { adapterSize: 4 } }))),
      col(tuned('gemini-2.5-flash', run({ platform: 'vertex', platformOptions: { adapterSize: 8 } }))),
    ];
    expect(labels(cs)).toEqual(['4o-mini ft3 lr2', '4o-mini ft3 lr0.5', '4o-mini ft10', '4o-mini ft1 old-bbbb', 'gem2.5-flash ft3 aS4', 'gem2.5-flash ft3 aS8']);
  });

  it('shorten a run facet alike in every column: one recipe form beside another of the same recipe never differs', () => {
    // The six columns of test/browser-viewer-columns.test.ts: "4o-mini ft3 var+sta lr-auto" is over 24, so that column needs "v+s", and so do the others.
    const recipe = 'variants+statements';
    const a = run({ recipe });
    const cs = [
      col(tuned('gpt-4o-mini-2024-07-18', a), true),
      col(tuned('gpt-4o-mini-2024-07-18', run({ recipe, learningRateMultiplier: 2 })), true),
      col(tuned('gpt-4o-mini-2024-07-18', run({ recipe, epochs: 10 })), true),
      col({ role: 'base', baseModel: 'gpt-4o-mini-2024-07-18' }, true),
      col({ role: 'lookup' }),
    ];
    expect(labels(cs)).toEqual(['4o-mini ft3 v+s lr-auto', '4o-mini ft3 v+s lr2', '4o-mini ft10 v+s', '4o-mini base'].map((l) => `${l}${EMULATED_MARK}`).concat('lookup'));
    // A run's checkpoints share its segments: each column shortens its own copy, so a label rendered again (the tags pass) or a checkpoint is never cut twice.
    const withCheckpoints = labels([col(tuned('gpt-4o-mini', a)), col(tuned('gpt-4o-mini', a, { epoch: 1, step: 10 })), col(tuned('gpt-4o-mini', a, { epoch: 2, step: 20 })), col(tuned('gpt-4o-mini', run({ recipe: 'variants' })))]);
    expect(withCheckpoints).toEqual(['4o-mini ft3 var+sta', '4o-mini ft3 var+sta @e1', '4o-mini ft3 var+sta @e2', '4o-mini ft3 var']);
    // Neighbours: an earlier version of the domain says "old" alike in every column, as a recipe with aug reads as its plain sibling does.
    const old = run({ domainVersion: 'bbbbbbbbbbbb', epochs: 1 });
    const olds = labels([col(tuned('gpt-4o-mini', old)), col(tuned('gpt-4o-mini', old, { epoch: null, step: 12345 })), col(tuned('gpt-4o-mini', run({ domainVersion: 'cccccccccccc', epochs: 1, recipe })))]);
    expect(olds.map((l) => l.split(' ').filter((w) => w.startsWith('old')))).toEqual([['old'], ['old'], ['old']]);
    const aug = labels([col(tuned('gpt-4o-mini', run({ recipe: `${recipe}+aug-1a2b3c` }))), col(tuned('gpt-4o-mini', run({ recipe }))), col(tuned('gpt-4o-mini', run({ recipe, seed: 7 })))]);
    expect(aug).toEqual(['4o-mini ft3 v+s+a s42', '4o-mini ft3 v+s s42', '4o-mini ft3 v+s s7']);
  });

  it('on a control domain, say what each run was trained on', () => {
    const cs = [col(tuned('gpt-4o-mini', run({ domain: 'fictional-people' }))), col(tuned('gpt-4o-mini', run({ domain: 'python-renames' }))), col({ role: 'base', baseModel: 'gpt-4o-mini' })];
    expect(labels(cs, null)).toEqual(['4o-mini ft3 fictional-people', '4o-mini ft3 python-renames', '4o-mini base'].map((l) => (l.length > LABEL_MAX ? l.replace('fictional-people', 'fictional').replace('python-renames', 'python') : l)));
  });

  it('mark an emulated column beyond the budget, and say it in its description', () => {
    const r = run({ recipe: 'variants' });
    const [label] = labels([col(tuned('gpt-4o-mini', r, { epoch: 1, step: 10 }), true)]);
    expect(label).toBe(`4o-mini ft3 variants @e1${EMULATED_MARK}`);
    const description = describeColumn(tuned('gpt-4o-mini', r, { epoch: 1, step: 10 }), true, { currentDomainVersion: CURRENT });
    expect(description).toMatch(/^gpt-4o-mini tuned 3 epochs @ epoch 1: run fictional-people\.gpt-4o-mini\.e3\.\d+ on openai, trained on fictional-people \(version a{12}\), recipe variants, batch auto, lr auto, seed 42; checkpoint ck-10, step 10; .*emulation, not a real model$/);
    expect(describeColumn({ role: 'base', baseModel: 'gpt-4o-mini' }, false, { currentDomainVersion: CURRENT })).toBe('gpt-4o-mini base: the base model, untuned');
  });

  it('tell apart what reads alike: two base models of one abbreviation, runs alike but for their key, one identity twice', () => {
    const a = run();
    const b = run(); // the same settings, another run (a model registered twice under other names)
    const out = labels([
      col(tuned('gpt-4o-mini', a)),
      col(tuned('gpt-4o-mini', b)),
      col(tuned('gpt-4o-mini', b, { epoch: 1, step: 10 })),
      col({ role: 'base', baseModel: 'gpt-4o-mini' }),
      col({ role: 'base', baseModel: 'gpt-4o-mini-2024-07-18' }),
      col({ role: 'lookup' }),
      col({ role: 'lookup' }),
    ]);
    expect(new Set(out).size).toBe(out.length);
    for (const l of out) expect(l.length, l).toBeLessThanOrEqual(LABEL_MAX);
    // A run's tuned model and its checkpoints carry the same tag.
    expect(out[2]!.replace(/ @e1$/, '')).toBe(out[1]);
    // Each base model keeps one name in all its columns, cut to what its tagged columns leave room for.
    expect(out[3]).toMatch(/^gpt-4o-\S+ base$/);
    expect(out[4]).toMatch(/^gpt-4o-mini-2024\S* base$/);
    expect(out[0]!.split(' ')[0]).toBe(out[3]!.split(' ')[0]);
  });

  it('are distinct, within 24 characters, and name each model alike, over thousands of generated domains', () => {
    const random = new SeededRandom(19);
    const models = [
      'gpt-4o-mini',
      'gpt-4o-mini-2024-07-18',
      'gpt-4o-2024-08-06',
      'gpt-3.5-turbo-0125',
      'gemini-2.5-flash',
      'gemini-2.5-flash-001',
      'gemini-2.5-flash-lite',
      'meta-llama/Meta-Llama-3.1-8B-Instruct-Reference',
      'meta-llama/Meta-Llama-3.1-8B-Instruct',
      'Qwen/Qwen2.5-72B-Instruct-Turbo-with-a-very-long-name',
      'llama3.1:8b',
    ];
    const domains = ['fictional-people', 'python-renames', 'fictional-places', 'medical-guidelines', 'x'];
    const recipes = ['default', 'variants', 'statements', 'variants+statements+system', 'variants+aug-1a2b3c', 'variants+aug-4d5e6f'];
    let total = 0;
    for (let trial = 0; trial < 2000; trial++) {
      const control = random.next() < 0.3;
      const columns: ColumnToLabel[] = [];
      const runs = random.int(0, 7);
      const usedModels = new Set<string>();
      for (let i = 0; i < runs; i++) {
        const baseModel = random.pick(models);
        usedModels.add(baseModel);
        const r = run({
          platform: random.pick(['openai', 'vertex', 'together', 'endpoint']),
          domain: control ? random.pick(domains) : 'fictional-people',
          domainVersion: random.next() < 0.2 ? random.pick(['bbbbbbbbbbbb', 'cccccccccccc']) : CURRENT,
          epochs: random.next() < 0.1 ? null : random.int(1, 12),
          batchSize: random.pick(['auto', 8, 16] as const),
          learningRateMultiplier: random.pick(['auto', 0.5, 2] as const),
          seed: random.pick([42, 7]),
          recipe: random.pick(recipes),
          platformOptions: random.pick<RunIdentity['platformOptions']>([{}, { adapterSize: random.pick([4, 8, 16]) }, { trainingType: random.pick(['lora', 'full']) }, { flag: random.next() < 0.5, tier: null }]),
        });
        columns.push(col(tuned(baseModel, r), random.next() < 0.3));
        if (!control && random.next() < 0.5) columns.push(col({ role: 'retrieval', baseModel, k: random.pick([3, 10]), run: r }, random.next() < 0.3));
        for (let e = 1; e <= random.int(0, 4); e++) columns.push(col(tuned(baseModel, r, { epoch: random.next() < 0.2 ? null : e, step: e * 10 }), random.next() < 0.3));
      }
      for (const m of usedModels) {
        columns.push(col({ role: 'base', baseModel: m }));
        if (!control) columns.push(col({ role: 'in-context', baseModel: m, ...(random.next() < 0.2 && { variant: random.pick(['top-5', 'top-50-statements']) }) }));
        if (!control && random.next() < 0.5) columns.push(col({ role: 'retrieval', baseModel: m, k: 3 }));
      }
      columns.push(col({ role: 'lookup' }));
      if (random.next() < 0.05) columns.push(columns[random.int(0, columns.length - 1)]!); // one identity twice
      const out = labels(columns, control ? null : CURRENT);
      const where = `trial ${trial}:\n${out.join('\n')}`;
      expect(new Set(out).size, where).toBe(out.length);
      out.forEach((l, i) => {
        const c = columns[i]!;
        const core = c.emulated ? l.slice(0, -EMULATED_MARK.length) : l;
        expect(l.endsWith(EMULATED_MARK), `${where}\n${l}`).toBe(c.emulated);
        expect(core.length, `${where}\n${l}`).toBeLessThanOrEqual(LABEL_MAX);
        expect(core, where).toMatch(/^\S(.*\S)?$/);
        if (c.identity.role === 'tuned' && c.identity.checkpoint && !/^\d+\. /.test(core)) expect(core, where).toMatch(/ @(e|s)\d+$/);
      });
      // Every column of one base model names it the same way (its first word), and no two models share a name.
      const first = new Map<string, Set<string>>();
      out.forEach((l, i) => {
        const identity = columns[i]!.identity;
        if ('baseModel' in identity && identity.baseModel && !/^\d+\. /.test(l)) first.set(identity.baseModel, new Set([...(first.get(identity.baseModel) ?? []), l.split(' ')[0]!]));
      });
      for (const [m, names] of first) expect(names.size, `${where}\n${m}: ${[...names].join(', ')}`).toBe(1);
      const names = [...first.values()].map((s) => [...s][0]);
      expect(new Set(names).size, where).toBe(names.length);
      // The same columns always get the same labels.
      expect(labels(columns, control ? null : CURRENT)).toEqual(out);
      total += out.length;
    }
    expect(total).toBeGreaterThan(20_000);
  });
});
