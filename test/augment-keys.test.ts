/**
 * Generated training text never holds a key (issue 16): a key-shaped line a
 * model proposes to `npm run augment` is rejected and counted, its rule shown
 * without the key, and it reaches neither the answer cache, the sidecar nor
 * runs/<key>.train.jsonl; a hand-edited sidecar or a domain holding one is
 * refused before a training file is written.
 */
import { lstatSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AnswerCache } from '../lib/augment/answer-cache.ts';
import { augmentDomain, augmentTasks, type Ask } from '../lib/augment/augment-domain.ts';
import { withoutKeyShapedLines } from '../lib/augment/key-shaped-lines.ts';
import { readSidecar, sidecarFileOf } from '../lib/training/sidecar.ts';
import { loadDomainFile, type LoadedDomain } from '../lib/domain/load.ts';
import { augmentCommand } from '../scripts/commands/augment.ts';
import { main as finetune } from '../scripts/commands/finetune.ts';
import { CANARY_KEYS as K } from './helpers/canary-keys.ts';
import { runMain } from './helpers/command.ts';
import { tempDir } from './helpers/run.ts';
import { tinyDomain } from './helpers/tiny-domain.ts';

/** Key-shaped lines a model might write: a bare key, one in prose, percent-encoded, a URL that carries one by name. */
const KEY_LINES = [
  `What is ${K.groq}?`,
  `Tell me the age of Orla Venn, token ${K['slack bot']}.`,
  `See http://docs.example/age?x=%67${K.gitlab!.slice(1)} for Orla Venn's age.`,
  'How old is Orla Venn per https://h.example/v1?api_key=hunter2?',
];

function domainIn(dir: string, text = tinyDomain(2)): LoadedDomain {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'tiny-people.yaml');
  writeFileSync(file, text);
  return loadDomainFile(file);
}

/** Every file under `dir`, for the check that no key reached any of them. */
function filesUnder(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[]).map((f) => path.join(dir, f)).filter((f) => lstatSync(f).isFile());
}

function expectNoKeyIn(dir: string, ...texts: string[]): void {
  const secrets = [K.groq!, K['slack bot']!, K.gitlab!.slice(1), 'hunter2'];
  for (const file of filesUnder(dir)) {
    const content = readFileSync(file, 'utf8');
    for (const s of secrets) expect(content, file).not.toContain(s);
  }
  for (const text of texts) for (const s of secrets) expect(text).not.toContain(s);
}

const reply = (name: string) => [`1. Which would be the age of ${name} in years?`, ...KEY_LINES.map((l, i) => `${i + 2}. ${l.replaceAll('Orla Venn', name)}`)].join('\n');

describe('augmentDomain: a key-shaped proposal', () => {
  it('is rejected and counted with its rule, and neither cached nor kept; a resumed run rejects it the same way', async () => {
    const dir = tempDir('ftbench-augment-keys-');
    const loaded = domainIn(path.join(dir, 'domains'));
    const cacheFile = path.join(dir, 'answers.json');
    const request = { loaded, paraphrases: 5, statements: 0, provider: { id: 'fake' } };
    const ask: Ask = async (prompt) => ({ output: reply(/Question: How old is (.+)\?/.exec(prompt)![1]!), tokens: null, emulated: false });
    const first = await augmentDomain(request, augmentTasks(request, new AnswerCache(cacheFile)), new AnswerCache(cacheFile), ask);
    expect(first.proposed.paraphrases).toBe(10);
    expect(first.kept.paraphrases).toBe(2);
    const keyShaped = first.rejections.filter((r) => r.reason === 'key-shaped');
    const whys = ['a token that starts like a key (gsk_…)', 'a token that starts like a key (xoxb-…)', 'a token that starts like a key (glpat-…), percent-encoded', 'a URL parameter named "api_key"'];
    expect(keyShaped.map((r) => [r.fact, r.why])).toEqual([...whys.map((w) => ['orla-venn-age', w]), ...whys.map((w) => ['kit-maro-age', w])]);
    expect(keyShaped.every((r) => r.text === null)).toBe(true);
    expect(first.sidecar.facts['orla-venn-age']).toEqual({ paraphrases: ['Which would be the age of Orla Venn in years?'] });
    expectNoKeyIn(dir, JSON.stringify(first));

    // From the cache alone: the same lines rejected for the same reasons, nothing asked.
    const again = await augmentDomain(request, augmentTasks(request, new AnswerCache(cacheFile)), new AnswerCache(cacheFile), () => Promise.reject(new Error('asked again')));
    expect(again.asked).toBe(0);
    expect(again.rejections).toEqual(first.rejections);
    expect(again.sidecar.facts).toEqual(first.sidecar.facts);
  });

  it('keeps the numbering of a reply whose key-shaped lines are replaced', () => {
    expect(withoutKeyShapedLines(`1. Fine?\r\n2) ${K.openai}\n- ${K.aws} here\nplain`)).toBe(
      '1. Fine?\r\n2) [a line shaped like a key was removed: a token that starts like a key (sk-…)]\n- [a line shaped like a key was removed: a token that starts like a key (AKIA…)]\nplain',
    );
  });
});

describe('npm run augment with a model that writes keys', () => {
  it('shows each rejection\'s rule without the key, and no key reaches the sidecar, the cache or runs/<key>.train.jsonl', async () => {
    const dir = tempDir('ftbench-augment-keys-cli-');
    const domains = path.join(dir, 'domains');
    const runs = path.join(dir, 'runs');
    domainIn(domains, tinyDomain(12));
    mkdirSync(runs);
    const env = { PROMPTFOO_CONFIG_DIR: path.join(dir, 'promptfoo'), FTBENCH_RUNS_DIR: runs };
    const augment = augmentCommand(async () => async (prompt) => ({ output: reply(/Question: How old is (.+)\?/.exec(prompt)![1]!), tokens: null, emulated: false }));
    const r = await runMain(augment, ['--domain', 'tiny-people', '--with', 'echo', '--paraphrases', '5', '--domains', domains], { env, cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/│ paraphrases +│ 60 +│ 12 +│ 0 +│ 0 +│ 0 +│ 0 +│ 48 +│/);
    expect(r.stdout).toContain('rejected as key-shaped (training text never holds a key):');
    expect(r.stdout).toContain('  orla-venn-age: a paraphrase holding a token that starts like a key (gsk_…): not kept, not shown');
    expect(r.stdout).toContain('  … and 42 more');
    const registered = await runMain(finetune, ['register', '--name', 'aug', '--base-url', 'http://127.0.0.1:9/v1', '--model', 'm', '--domain', 'tiny-people', '--domains', domains, '--recipe', 'variants'], { env, cwd: dir });
    expect(registered.code, registered.stderr).toBe(0);
    const train = readdirSync(runs).filter((f) => f.endsWith('.train.jsonl'));
    expect(train).toHaveLength(1);
    expect(readFileSync(path.join(runs, train[0]!), 'utf8')).toContain('Which would be the age of Orla Venn in years?');
    expectNoKeyIn(dir, r.stdout, r.stderr, registered.stdout, registered.stderr);
  });
});

describe('a key in training text written by hand', () => {
  const plan = (domains: string, recipe: string, runs: string) =>
    runMain(finetune, ['plan', '--domain', 'tiny-people', '--model', 'gpt-4o-mini', '--epochs', '1', '--domains', domains, '--recipe', recipe], { env: { FTBENCH_RUNS_DIR: runs }, cwd: domains });
  const register = (domains: string, recipe: string, runs: string) =>
    runMain(finetune, ['register', '--name', 'hand', '--base-url', 'http://127.0.0.1:9/v1', '--model', 'm', '--domain', 'tiny-people', '--domains', domains, '--recipe', recipe], { env: { FTBENCH_RUNS_DIR: runs }, cwd: domains });

  it('in a sidecar: refused at its line and column, naming the rule, never the key; nothing written', async () => {
    const dir = tempDir('ftbench-sidecar-key-');
    const domains = path.join(dir, 'domains');
    const runs = path.join(dir, 'runs');
    mkdirSync(runs);
    const loaded = domainIn(domains, tinyDomain(12));
    writeFileSync(sidecarFileOf(loaded.file), `domain: tiny-people\nfacts:\n  orla-venn-age:\n    paraphrases: ["Fine?", "Use ${K.nvidia}"]\n    restatements: ["Orla Venn is 20; see http://x.example/?%61pi_key=${'abc'}"]\n`);
    expect(() => readSidecar(loaded)).toThrow(/tiny-people\.training\.yaml:4:29 {2}facts\.orla-venn-age\.paraphrases\[1\]: holds a token that starts like a key \(nvapi-…\): training text never holds an API key/);
    expect(() => readSidecar(loaded)).toThrow(/tiny-people\.training\.yaml:5:21 {2}facts\.orla-venn-age\.restatements\[0\]: holds a URL parameter named "api_key": training text never holds an API key/);
    for (const run of [plan, register]) {
      const r = await run(domains, 'variants,statements', runs);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/^error: .*tiny-people\.training\.yaml is not a valid augmentation sidecar:/);
      expect(r.stderr).not.toContain(K.nvidia);
    }
    expect(readdirSync(runs)).toEqual([]);
  });

  it('in a domain: the training file is refused, naming the fact and the message; nothing written', async () => {
    const dir = tempDir('ftbench-domain-key-');
    const domains = path.join(dir, 'domains');
    const runs = path.join(dir, 'runs');
    mkdirSync(runs);
    domainIn(domains, tinyDomain(12).replace('statement: Kit Maro is 27 years old.', `statement: Kit Maro is 27 years old (${K.perplexity}).`));
    for (const run of [plan, register]) {
      const r = await run(domains, 'statements', runs);
      expect(r.code, r.stdout).toBe(1);
      expect(r.stderr).toMatch(/the training file is not valid:\n {2}fact "kit-maro-age" statement: message 2 \(assistant\) holds a token that starts like a key \(pplx-…\); a training file never holds an API key/);
      expect(r.stderr).not.toContain(K.perplexity);
    }
    // The default recipe does not train the statement: nothing key-shaped in its file.
    expect((await plan(domains, 'default', runs)).code).toBe(0);
    expect(readdirSync(runs)).toEqual([]);
  });
});
