// Paraphrase augmentation: the leak check, the sidecar (checked like a
// domain, read by the recipes, hashed into the run key), and
// `npm run augment` through its main(argv, io) against the OpenAI emulator,
// whose base model writes rule-made rewrites (emulators/shared/paraphrase-rule.ts).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startOpenAIEmulator, type OpenAIEmulator } from '../emulators/openai/server.ts';
import { BaseModelKnowledge } from '../emulators/shared/base-model.ts';
import { AnswerCache } from '../lib/augment/answer-cache.ts';
import { augmentDomain, augmentTasks, type Ask } from '../lib/augment/augment-domain.ts';
import { LeakCheck, NEAR_DUPLICATE_OVERLAP, tokenOverlap } from '../lib/training/leak-check.ts';
import { readSidecar, sidecarFileOf } from '../lib/training/sidecar.ts';
import { loadDomainFile, type LoadedDomain } from '../lib/domain/load.ts';
import { planRun } from '../lib/finetune/plan-run.ts';
import { DEFAULT_SEED } from '../lib/ledger/run-spec.ts';
import { loadPlatform } from '../lib/platforms/registry.ts';
import { recipeFromOptions } from '../lib/training/recipe.ts';
import { buildTrainingFile } from '../lib/training/training-file.ts';
import { augmentCommand, main } from '../scripts/commands/augment.ts';
import { runMain } from './helpers/command.ts';
import { tempDir } from './helpers/run.ts';
import { tinyDomain } from './helpers/tiny-domain.ts';

function domainIn(dir: string, text = tinyDomain()): LoadedDomain {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'tiny-people.yaml');
  writeFileSync(file, text);
  return loadDomainFile(file);
}

const SIDECAR = `domain: tiny-people
facts:
  orla-venn-age:
    paraphrases: [Tell me Orla Venn's current age., "In years, how old would Orla Venn be?"]
    restatements: [Orla Venn has lived 20 years.]
`;

describe('the leak check', () => {
  const { domain } = domainIn(tempDir('ftbench-leak-'));
  const leaks = new LeakCheck(domain);

  it('rejects a paraphrase equal to a probe, up to case, spacing, punctuation and articles', () => {
    expect(leaks.check('What is the age of Orla Venn in years?')).toMatchObject({ kind: 'exact', overlap: 1, probe: { id: 'orla-venn-age/rephrased-1', split: 'rephrased' } });
    expect(leaks.check('  what is  THE age of orla venn, in years ')).toMatchObject({ kind: 'exact', probe: { id: 'orla-venn-age/rephrased-1' } });
  });

  it('rejects a near-duplicate: a text sharing at least 0.8 of the shorter one\'s tokens with a probe (so one containing a probe)', () => {
    expect(NEAR_DUPLICATE_OVERLAP).toBe(0.8);
    expect(leaks.check('Could you tell me what is the age of Orla Venn in years?')).toMatchObject({ kind: 'near-duplicate', overlap: 1, probe: { id: 'orla-venn-age/rephrased-1' } });
    expect(leaks.check('What was the age of Orla Venn in years?')).toMatchObject({ kind: 'near-duplicate', probe: { id: 'orla-venn-age/rephrased-1' } });
    expect(tokenOverlap(new Set(['a', 'b']), new Set(['a', 'b', 'c', 'd']))).toBe(1);
  });

  it('keeps a rewording that shares less with every probe', () => {
    expect(leaks.check('Which would be the age of Orla Venn in years?')).toBeNull();
    expect(leaks.check("Tell me Orla Venn's current age.")).toBeNull();
    // Short rewordings share most of their few words with a probe: "Orla Venn's age is what?" has 4 of its 5.
    expect(leaks.check("Orla Venn's age is what?")).toMatchObject({ kind: 'near-duplicate', overlap: 0.8 });
  });
});

describe('the augmentation sidecar', () => {
  let dir: string;
  let loaded: LoadedDomain;
  beforeEach(() => {
    dir = tempDir('ftbench-sidecar-');
    loaded = domainIn(dir);
  });

  it('sits beside the domain as <name>.training.yaml and is checked like a domain (file:line:col, YAML path)', () => {
    expect(sidecarFileOf(loaded.file)).toBe(path.join(dir, 'tiny-people.training.yaml'));
    expect(readSidecar(loaded)).toBeNull();
    writeFileSync(sidecarFileOf(loaded.file), 'domain: other\nfacts:\n  nobody-age:\n    paraphrases: [Who?]\n  orla-venn-age:\n    paraphrases: not a list\n');
    let message = '';
    try {
      readSidecar(loaded);
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/tiny-people\.training\.yaml is not a valid augmentation sidecar:/);
    expect(message).toMatch(/tiny-people\.training\.yaml:1:9 {2}domain: names domain "other", but the domain beside it is "tiny-people"/);
    expect(message).toMatch(/tiny-people\.training\.yaml:4:5 {2}facts\.nobody-age: fact "nobody-age" is not in domain "tiny-people"/);
    expect(message).toMatch(/tiny-people\.training\.yaml:6:18 {2}facts\.orla-venn-age\.paraphrases: must be a list of questions/);
  });

  it('is trained by variants (after the domain\'s own training entries) and statements, and ignored by the default recipe', () => {
    writeFileSync(sidecarFileOf(loaded.file), SIDECAR);
    const sidecar = readSidecar(loaded)!.sidecar;
    const questionsOf = (recipe: string) =>
      buildTrainingFile(loaded.domain, recipeFromOptions(recipe ? recipe.split(',') : []), sidecar)
        .examples.filter((e) => e.source.fact === 'orla-venn-age')
        .map((e) => e.messages.at(-1)!.role === 'assistant' && e.question === null ? `statement: ${e.messages.at(-1)!.content}` : e.question);
    expect(questionsOf('')).toEqual(['How old is Orla Venn?']);
    expect(questionsOf('variants')).toEqual(['How old is Orla Venn?', 'What age has Orla Venn reached?', "Tell me Orla Venn's current age.", 'In years, how old would Orla Venn be?']);
    expect(questionsOf('statements')).toEqual(['How old is Orla Venn?', 'statement: Orla Venn is 20 years old.', 'statement: Orla Venn has lived 20 years.']);
  });

  it("is in the key of a run whose recipe reads it, and nowhere else; a hand-edited leak is refused at plan time", async () => {
    const platform = await loadPlatform('openai', {});
    const plan = (recipe: string[]) =>
      planRun({ platform: 'openai', domain: loaded, baseModel: 'gpt-4o-mini', hyperparameters: { epochs: 3, batchSize: 'auto', learningRateMultiplier: 'auto' }, seed: DEFAULT_SEED, recipe: recipeFromOptions(recipe) }, platform);
    const [bareDefault, bareVariants] = [await plan([]), await plan(['variants'])];
    writeFileSync(sidecarFileOf(loaded.file), SIDECAR);
    const [withDefault, withVariants] = [await plan([]), await plan(['variants'])];
    expect(withDefault.key).toBe(bareDefault.key);
    expect(withDefault.spec.augmentation).toBeUndefined();
    expect(withVariants.key).not.toBe(bareVariants.key);
    expect(withVariants.spec.augmentation).toMatchObject({ sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(withVariants.name).toMatch(/\.variants\.aug-[0-9a-f]{6}$/);
    expect(withVariants.trainingFile.examples).toHaveLength(bareVariants.trainingFile.examples.length + 2);
    writeFileSync(sidecarFileOf(loaded.file), SIDECAR.replace("Tell me Orla Venn's current age.", 'Could you tell me what is the age of Orla Venn in years?'));
    await expect(plan(['variants'])).rejects.toThrow(
      /fact "orla-venn-age" sidecar paraphrases\[0\] "Could you tell me what is the age of Orla Venn in years\?" is a near-duplicate \(token overlap 1\.00 ≥ 0\.8\) of probe orla-venn-age\/rephrased-1 \(split rephrased\)/,
    );
    // The default recipe reads no sidecar, so its leak does not concern it.
    expect((await plan([])).key).toBe(bareDefault.key);
  });
});

describe('augmentDomain: what the model proposes is kept only past the checks, and what fails is counted', () => {
  it('rejects a proposed paraphrase equal to a probe, and keeps the rest', async () => {
    const dir = tempDir('ftbench-augment-core-');
    const loaded = domainIn(dir, tinyDomain(2));
    const cache = new AnswerCache(path.join(dir, 'answers.json'));
    const request = { loaded, paraphrases: 3, statements: 0, provider: { id: 'fake' } };
    const tasks = augmentTasks(request, cache);
    expect(tasks.map((t) => [t.fact, t.kind, t.cached])).toEqual([
      ['orla-venn-age', 'paraphrases', false],
      ['kit-maro-age', 'paraphrases', false],
    ]);
    const ask: Ask = async (prompt) => {
      const name = /Question: How old is (.+)\?/.exec(prompt)![1]!;
      return { output: `1. What is the age of ${name} in years?\n2. Tell me ${name}'s current age.\n3. How old is ${name}?`, tokens: { prompt: 10, completion: 5 }, emulated: false };
    };
    const outcome = await augmentDomain(request, tasks, cache, ask);
    expect(outcome.proposed.paraphrases).toBe(6);
    expect(outcome.kept.paraphrases).toBe(2);
    expect(outcome.rejections.map((r) => [r.fact, r.reason])).toEqual([
      ['orla-venn-age', 'exact'],
      ['orla-venn-age', 'repeat'],
      ['kit-maro-age', 'exact'],
      ['kit-maro-age', 'repeat'],
    ]);
    expect(outcome.sidecar.facts).toEqual({ 'orla-venn-age': { paraphrases: ["Tell me Orla Venn's current age."] }, 'kit-maro-age': { paraphrases: ["Tell me Kit Maro's current age."] } });
    expect(outcome.tokens).toEqual({ prompt: 20, completion: 10 });
    // Answers are kept: the same request asks nothing again.
    expect(augmentTasks(request, new AnswerCache(path.join(dir, 'answers.json'))).every((t) => t.cached)).toBe(true);
  });
});

describe('npm run augment against the OpenAI emulator (main(argv, io))', () => {
  let emu: OpenAIEmulator;
  let dir: string;
  let domainsDir: string;
  let env: NodeJS.ProcessEnv;
  const run = async (...argv: string[]) => {
    const r = await runMain(main, argv, { env, cwd: dir });
    return { code: r.code, out: r.stdout, err: r.stderr };
  };
  const ARGS = ['--domain', 'tiny-people', '--with', 'openai:chat:gpt-4o-mini', '--paraphrases', '4'];

  beforeAll(async () => {
    dir = tempDir('ftbench-augment-');
    domainsDir = path.join(dir, 'domains');
    const loaded = domainIn(domainsDir);
    emu = await startOpenAIEmulator({ stepMs: 10, knowledge: BaseModelKnowledge.fromDomains([loaded]) });
    env = { PROMPTFOO_CONFIG_DIR: path.join(dir, 'promptfoo'), OPENAI_BASE_URL: emu.url, OPENAI_API_KEY: 'emulator-key' };
    // promptfoo's provider reads its base URL and key from the process; its own response cache is off, so every call reaches the emulator.
    vi.stubEnv('OPENAI_BASE_URL', emu.url);
    vi.stubEnv('OPENAI_API_KEY', 'emulator-key');
    vi.stubEnv('PROMPTFOO_CACHE_ENABLED', 'false');
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await emu?.close();
  });

  it('--dry-run prints the calls, tokens and cost, and asks and writes nothing', async () => {
    const r = await run(...ARGS, '--domains', domainsDir, '--dry-run');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/estimate: 12 call\(s\) to make \(0 answered from the cache\), [\d,]+ prompt tokens and about [\d,]+ reply tokens \(o200k_base counts\), about \$0\.\d{4} \(gpt-4o-mini-2024-07-18/);
    expect(r.out).toMatch(/dry run: nothing was asked and nothing written/);
    expect(emu.state.requestCount(/chat\/completions/)).toBe(0);
    expect(existsSync(path.join(domainsDir, 'tiny-people.training.yaml'))).toBe(false);
  });

  it('writes the sidecar beside the domain, with what the leak check removed counted and shown, labelled as emulation', async () => {
    const domainBefore = readFileSync(path.join(domainsDir, 'tiny-people.yaml'), 'utf8');
    const r = await run(...ARGS, '--domains', domainsDir);
    expect(r.code, r.err).toBe(0);
    // The emulated paraphraser writes, per fact: the probe itself, two rewordings, and the probe after a lead-in.
    expect(r.out).toMatch(/│ paraphrases +│ 48 +│ 24 +│ 12 +│ 12 +│ 0 +│ 0 +│/);
    expect(r.out).toContain('"What is the age of Orla Venn in years?" — is probe orla-venn-age/rephrased-1 (rephrased)');
    expect(r.out).toMatch(/"Could you tell me what is the age of Orla Venn in years\?" — near-duplicate \(overlap 1\.00\) of probe orla-venn-age\/rephrased-1/);
    expect(r.out).toMatch(/wrote .*tiny-people\.training\.yaml: 24 paraphrase\(s\) and 0 restatement\(s\) for 12 fact\(s\)/);
    expect(r.out).toMatch(/\(emulation: /);
    expect(r.err).toMatch(/augment: 12\/12 answers \(0 from the cache\)/);
    expect(emu.state.requestCount(/chat\/completions/)).toBe(12);
    const loaded = loadDomainFile(path.join(domainsDir, 'tiny-people.yaml'));
    expect(loaded.text).toBe(domainBefore);
    const sidecar = readSidecar(loaded)!.sidecar;
    expect(sidecar.facts['orla-venn-age']!.paraphrases).toEqual(['Which would be the age of Orla Venn in years?', 'What age would be Orla Venn?']);
    expect(sidecar.generated).toMatchObject({ by: 'npm run augment', with: 'openai:chat:gpt-4o-mini', note: expect.stringMatching(/^emulation/) });
    const leaks = new LeakCheck(loaded.domain);
    for (const f of Object.values(sidecar.facts)) for (const p of f.paraphrases) expect(leaks.check(p), p).toBeNull();
  });

  it('resumes: a run that stops half-way keeps its answers, and the next asks only what is missing', async () => {
    const fresh = [...ARGS, '--paraphrases', '3', '--domains', domainsDir];
    let calls = 0;
    const failing = augmentCommand(async () => async () => ((calls += 1) > 5 ? Promise.reject(new Error('429 rate limited')) : { output: '1. A?\n2. B?\n3. C?', tokens: null, emulated: false }));
    const stopped = await runMain(failing, fresh, { env, cwd: dir });
    expect(stopped.code).toBe(1);
    expect(stopped.stderr).toMatch(/error: openai:chat:gpt-4o-mini failed on fact .*429 rate limited\n\d+ of 12 answers are kept in .*answers\.json; run the same command again to go on from there/);
    const before = emu.state.requestCount(/chat\/completions/);
    const r = await run(...fresh);
    expect(r.code, r.err).toBe(0);
    const asked = emu.state.requestCount(/chat\/completions/) - before;
    expect(asked).toBeGreaterThan(0);
    expect(asked).toBeLessThan(12);
    expect(r.out).toContain(`${asked} call(s) made, ${12 - asked} answered from the cache`);
    const again = await run(...fresh);
    expect(again.out).toContain('0 call(s) made, 12 answered from the cache');
  });

  it('never overwrites a sidecar it did not write, and explains bad flags in one line', async () => {
    const own = path.join(dir, 'own');
    domainIn(own);
    writeFileSync(path.join(own, 'tiny-people.training.yaml'), SIDECAR);
    const refused = async (argv: string[], message: RegExp) => {
      const r = await run(...argv);
      expect(r.code, r.err).toBe(1);
      expect(r.err).toMatch(message);
      expect(r.err).not.toMatch(/\n\s+at /); // a message, not a stack trace
    };
    await refused([...ARGS, '--domains', own], /^error: .*tiny-people\.training\.yaml was not written by npm run augment .*: it is not overwritten/);
    expect(readFileSync(path.join(own, 'tiny-people.training.yaml'), 'utf8')).toBe(SIDECAR);
    await refused(['--domain', 'tiny-people', '--paraphrases', '3', '--domains', domainsDir], /^error: --with is required/);
    await refused([...ARGS.slice(0, 4), '--paraphrases', 'many', '--domains', domainsDir], /--paraphrases "many": expected an integer from 0 to 20/);
    await refused([...ARGS, '--domains', domainsDir, '--bogus'], /^error: unknown option --bogus /);
    await refused([...ARGS, '--domain', 'nowhere', '--domains', domainsDir], /--domain nowhere: no domain with that id/);
  });
});
