/**
 * Records are what they say (issue 16): a ledger record whose key is not its
 * file name, or that is a symlink, is refused with a message that names the
 * file and quotes nothing from it; a damaged record's message quotes nothing
 * either; a sidecar that is a symlink (inside the domains folder or outside
 * it, or dangling) gets one message, the same from every command, and no
 * warning before it.
 */
import { copyFileSync, mkdirSync, readFileSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSidecar, sidecarFileOf } from '../lib/training/sidecar.ts';
import { loadDomainFile, loadDomains } from '../lib/domain/load.ts';
import { Ledger } from '../lib/ledger/ledger.ts';
import { augmentCommand } from '../scripts/commands/augment.ts';
import { main as finetune } from '../scripts/commands/finetune.ts';
import { runMain } from './helpers/command.ts';
import { tempDir } from './helpers/run.ts';
import { tinyDomain } from './helpers/tiny-domain.ts';

const CANARY = 'CANARY-TEXT-OF-ANOTHER-FILE';

/** A workspace with one registered run (name `lora`) in its ledger. */
async function workspace() {
  const root = tempDir('ftbench-records-');
  const domains = path.join(root, 'domains');
  const runs = path.join(root, 'runs');
  mkdirSync(domains);
  mkdirSync(runs);
  writeFileSync(path.join(domains, 'tiny-people.yaml'), tinyDomain());
  writeFileSync(path.join(root, 'outside.txt'), `${CANARY}\n`);
  const env = { FTBENCH_RUNS_DIR: runs, PROMPTFOO_CONFIG_DIR: path.join(root, 'promptfoo') };
  const run = (command: typeof finetune, ...argv: string[]) => runMain(command, argv, { env, cwd: root });
  const r = await run(finetune, 'register', '--name', 'lora', '--base-url', 'http://127.0.0.1:9/v1', '--model', 'm', '--domain', 'tiny-people', '--domains', domains);
  expect(r.code, r.stderr).toBe(0);
  const key = new Ledger(runs).list()[0]!.key;
  return { root, domains, runs, env, run, key, record: path.join(runs, `${key}.json`) };
}

/** Runs each reading command; each must end with exactly `error` and repeat nothing of `quoted`. */
async function refusedEverywhere(w: Awaited<ReturnType<typeof workspace>>, error: RegExp, quoted: string[]) {
  for (const argv of [['list'], ['status'], ['status', '--run', 'lora'], ['status', '--run', w.key]]) {
    const r = await w.run(finetune, ...argv);
    expect(r.code, `${argv.join(' ')}: ${r.stdout}`).toBe(1);
    expect(r.stderr.trimEnd(), argv.join(' ')).toMatch(error);
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    for (const q of quoted) expect(r.stderr, argv.join(' ')).not.toContain(q);
  }
}

describe('a ledger record', () => {
  it('copied under another key is refused, naming the file, not listed under the forged key', async () => {
    const w = await workspace();
    const forged = 'fedcba9876543210';
    copyFileSync(w.record, path.join(w.runs, `${forged}.json`));
    await refusedEverywhere(w, new RegExp(`^error: .*${forged}\\.json: the record in it is not run ${forged} \\(its key is another run's: a record copied or renamed by hand\\); move it out of the ledger$`), [`"${w.key}"`, 'tiny-people', 'lora"']);
  });

  it('renamed (its own file gone) is refused the same way', async () => {
    const w = await workspace();
    renameSync(w.record, path.join(w.runs, '0000000000000000.json'));
    await refusedEverywhere(w, /0000000000000000\.json: the record in it is not run 0000000000000000 /, []);
  });

  it('edited to hold another key is refused', async () => {
    const w = await workspace();
    writeFileSync(w.record, readFileSync(w.record, 'utf8').replace(`"key": "${w.key}"`, '"key": "0123456789abcdef"'));
    await refusedEverywhere(w, new RegExp(`${w.key}\\.json: the record in it is not run ${w.key} `), ['0123456789abcdef']);
  });

  it.each([
    ['a file outside the ledger', (w: Awaited<ReturnType<typeof workspace>>) => path.join(w.root, 'outside.txt')],
    ['another record of the ledger', (w: Awaited<ReturnType<typeof workspace>>) => w.record],
    ['a missing file', (w: Awaited<ReturnType<typeof workspace>>) => path.join(w.root, 'nowhere.json')],
    ['itself', (w: Awaited<ReturnType<typeof workspace>>) => path.join(w.runs, '1111111111111111.json')],
  ])('that is a symlink to %s is refused, naming the link, quoting nothing', async (_to, target) => {
    const w = await workspace();
    symlinkSync(target(w), path.join(w.runs, '1111111111111111.json'));
    await refusedEverywhere(w, /^error: .*1111111111111111\.json: a symlink where a ledger record should be; a record is a plain file the ledger wrote: move the link out of the ledger$/, [CANARY, 'CANARY']);
  });

  it('that is damaged is refused at a line and column, quoting nothing of it', async () => {
    const w = await workspace();
    for (const [text, place] of [
      [`${CANARY}\n`, 'at line 1, column 1'],
      [`{"version": 1,\n  ${CANARY}`, 'at line 2, column 3'],
      ['{"version": 1,', 'at line 1, column 15'],
      ['{"a": "', 'at line 1, column 8'],
      ['', 'it ends too early'],
    ] as const) {
      writeFileSync(w.record, text);
      await refusedEverywhere(w, new RegExp(`${w.key}\\.json: not valid JSON \\(${place}\\); the ledger file is damaged$`), [CANARY, 'CANARY', '"a"']);
    }
  });

  it('with a field the ledger does not know is refused without repeating the field', async () => {
    const w = await workspace();
    writeFileSync(w.record, readFileSync(w.record, 'utf8').replace('{', `{"${CANARY}": 1,`));
    const r = await w.run(finetune, 'list');
    expect(r.stderr).toMatch(/not a valid ledger record:\n {2}\(top level\): 1 unknown field\(s\)/);
    expect(r.stderr).not.toContain(CANARY);
  });

  it('read by the Ledger itself: the same refusals', async () => {
    const w = await workspace();
    symlinkSync(path.join(w.root, 'outside.txt'), path.join(w.runs, '2222222222222222.json'));
    expect(() => new Ledger(w.runs).read('2222222222222222')).toThrow(/2222222222222222\.json: a symlink where a ledger record should be/);
    copyFileSync(w.record, path.join(w.runs, '3333333333333333.json'));
    expect(() => new Ledger(w.runs).read('3333333333333333')).toThrow(/3333333333333333\.json: the record in it is not run 3333333333333333/);
  });
});

describe('a sidecar that is a symlink', () => {
  const SIDECAR = 'domain: tiny-people\nfacts:\n  orla-venn-age:\n    paraphrases: ["In years, how old would Orla Venn be?"]\n';
  const MESSAGE = /^error: .*tiny-people\.training\.yaml: a symlink; an augmentation sidecar must be a plain file beside its domain \(it is trained, and its content is part of a run's key\): replace the link with the file itself$/;

  it.each([
    ['outside the domains folder', (root: string) => { writeFileSync(path.join(root, 'elsewhere.yaml'), SIDECAR); return path.join(root, 'elsewhere.yaml'); }],
    ['outside, to a file that is not a sidecar', (root: string) => path.join(root, 'outside.txt')],
    ['inside the domains folder, to a valid sidecar', (root: string) => { writeFileSync(path.join(root, 'domains', 'kept.yml.bak'), SIDECAR); return path.join(root, 'domains', 'kept.yml.bak'); }],
    ['inside, to the domain itself', (root: string) => path.join(root, 'domains', 'tiny-people.yaml')],
    ['to nothing', (root: string) => path.join(root, 'gone.yaml')],
  ])('%s: one message from every command, no warning, nothing written', async (_where, target) => {
    const w = await workspace();
    const link = sidecarFileOf(path.join(w.domains, 'tiny-people.yaml'));
    symlinkSync(target(w.root), link);
    const augment = augmentCommand(async () => async () => ({ output: '1. A?', tokens: null, emulated: false }));
    for (const [command, argv] of [
      [finetune, ['plan', '--domain', 'tiny-people', '--model', 'gpt-4o-mini', '--epochs', '1', '--domains', w.domains, '--recipe', 'variants']],
      [finetune, ['register', '--name', 'aug', '--base-url', 'http://127.0.0.1:9/v1', '--model', 'm', '--domain', 'tiny-people', '--domains', w.domains, '--recipe', 'statements']],
      [augment, ['--domain', 'tiny-people', '--with', 'echo', '--paraphrases', '1', '--domains', w.domains]],
    ] as const) {
      const r = await w.run(command, ...argv);
      expect(r.code, r.stdout).toBe(1);
      expect(r.stderr.trimEnd(), argv[0]).toMatch(MESSAGE);
      expect(r.stderr.trimEnd().split('\n'), 'one line, no warning before it').toHaveLength(1);
      expect(r.stderr).not.toContain(CANARY);
    }
    expect(new Ledger(w.runs).list().map((r) => r.name)).toEqual(['lora']);
    // Loading the domains folder (npm run suites, npm start) says nothing about it: a sidecar is not a domain.
    const warnings: string[] = [];
    expect(loadDomains(w.domains, (m) => warnings.push(m)).map((d) => d.domain.id)).toEqual(['tiny-people']);
    expect(warnings).toEqual([]);
    expect(() => readSidecar(loadDomainFile(path.join(w.domains, 'tiny-people.yaml')))).toThrow(/a symlink; an augmentation sidecar must be a plain file/);
  });
});
