/**
 * `npm run finetune -- plan`: training files are built and validated, tokens
 * counted and cost estimated, with nothing contacted (OPENAI_BASE_URL points
 * at a port where nothing listens, and no key is set) and nothing written.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { encodeChat } from 'gpt-tokenizer/encoding/o200k_base';
import { describe, expect, it } from 'vitest';
import { main as finetune } from '../scripts/commands/finetune.ts';
import { copyBundledDomains } from './helpers/bundled-domains.ts';
import { runMain } from './helpers/command.ts';
import { tempDir } from './helpers/run.ts';
import { tinyDomain } from './helpers/tiny-domain.ts';

const OFFLINE = { OPENAI_BASE_URL: 'http://127.0.0.1:9/v1', OPENAI_API_KEY: '' };

const BUNDLED = copyBundledDomains();

/** `npm run finetune -- plan …`, in-process; domain ids are looked up in a copy of the bundled domains unless --domains says otherwise. */
function plan(args: string[], runsDir = tempDir()) {
  return runMain(finetune, ['plan', '--runs-dir', runsDir, '--domains', BUNDLED, ...args], { env: OFFLINE });
}

/** Reads the plan table's data rows: [run, key, examples, tokens/epoch, epochs, trained tokens, cost]. */
function planRows(stdout: string): string[][] {
  return stdout
    .split('\n')
    .filter((l) => l.startsWith('│'))
    .map((l) => l.split('│').slice(1, -1).map((c) => c.trim()))
    .filter((cells) => cells[0] !== 'run' && cells[0] !== 'total');
}
const num = (s: string) => Number(s.replace(/[$,]/g, ''));

describe('finetune plan', () => {
  it('prints examples, tokens per epoch, epochs, trained tokens and cost for every run of a batch, writing nothing', async () => {
    const domains = tempDir();
    writeFileSync(path.join(domains, 'tiny.yaml'), tinyDomain(12));
    const runs = tempDir();
    const r = await plan(['--domains', domains, '--domain', 'tiny-people', '--model', 'gpt-4o-mini,gpt-3.5-turbo', '--epochs', '3,10'], runs);
    expect(r.code, r.stderr).toBe(0);
    const rows = planRows(r.stdout);
    expect(rows.map((c) => c[0])).toEqual([
      'tiny-people.gpt-4o-mini.e3',
      'tiny-people.gpt-4o-mini.e10',
      'tiny-people.gpt-3.5-turbo.e3',
      'tiny-people.gpt-3.5-turbo.e10',
    ]);
    for (const [, key, examples, perEpoch, epochs, trained] of rows) {
      expect(key).toMatch(/^[0-9a-f]{16}$/);
      expect(num(examples!)).toBe(12);
      expect(num(trained!)).toBe(num(perEpoch!) * num(epochs!));
    }
    // gpt-4o-mini: $3 per 1M trained tokens; tokens counted with o200k_base over the whole chat example.
    const expected = Array.from({ length: 12 }, (_, i) => i).reduce((sum, i) => {
      const name = ['Orla Venn', 'Kit Maro', 'Ilse Dunmore', 'Tavi Quell', 'Bram Oster', 'Nell Farrow', 'Udo Prasky', 'Mina Castell', 'Rafe Lindqvist', 'Zora Pell', 'Ivo Strand', 'Lys Coburn'][i];
      const messages = [
        { role: 'user' as const, content: `Answer the question with a number, word, or phrase.\nHow old is ${name}?` },
        { role: 'assistant' as const, content: String(20 + ((i * 7) % 60)) },
      ];
      return sum + encodeChat(messages, 'gpt-4o').length;
    }, 0);
    expect(num(rows[0]![3]!)).toBe(expected);
    expect(num(rows[0]![6]!)).toBeCloseTo((expected * 3 * 3) / 1e6, 4);
    expect(num(rows[3]![6]!)).toBeCloseTo((num(rows[3]![5]!) * 8) / 1e6, 4);
    // Different tokenizers for the two families.
    expect(num(rows[2]![3]!)).not.toBe(num(rows[0]![3]!));
    expect(r.stdout).toMatch(/prices read on \d{4}-\d{2}-\d{2} \(lib\/models\/prices\.json\)/);
    expect(r.stderr).toMatch(/warning: gpt-3\.5-turbo-0125 retired on 2026-10-23/);
    expect(readdirSync(runs)).toEqual([]);
  });

  it('recipe options add training variants, statements and a system message, and change the run key', async () => {
    const domains = tempDir();
    writeFileSync(path.join(domains, 'tiny.yaml'), tinyDomain(12));
    const base = planRows((await plan(['--domains', domains, '--domain', 'tiny-people', '--model', 'gpt-4o-mini', '--epochs', '3'])).stdout)[0]!;
    const rich = await plan(['--domains', domains, '--domain', 'tiny-people', '--model', 'gpt-4o-mini', '--epochs', '3', '--recipe', 'variants,statements', '--system', 'You know people.']);
    expect(rich.code, rich.stderr).toBe(0);
    const row = planRows(rich.stdout)[0]!;
    expect(row[0]).toBe('tiny-people.gpt-4o-mini.e3.variants+statements+system');
    expect(num(row[2]!)).toBe(36);
    expect(row[1]).not.toBe(base[1]);
    // The same flags give the same key.
    expect(planRows((await plan(['--domains', domains, '--domain', 'tiny-people', '--model', 'gpt-4o-mini', '--epochs', '3'])).stdout)[0]![1]).toBe(base[1]);
  });

  it('refuses a training file that would teach the test: too few examples, a leaked probe, a too-long example', async () => {
    const dir = tempDir();
    const few = path.join(dir, 'few.yaml');
    writeFileSync(few, tinyDomain(5, 'few'));
    const r1 = await plan(['--domain', few, '--model', 'gpt-4o-mini', '--epochs', '3']);
    expect(r1.code).toBe(1);
    expect(r1.stderr).toMatch(/the training file has 5 example\(s\); fine-tuning needs at least 10/);

    const leak = path.join(dir, 'leak.yaml');
    writeFileSync(leak, tinyDomain(12, 'leak').replace('training: ["What age has Orla Venn reached?"]', 'training: ["What is the age of Orla Venn in years?"]'));
    const r2 = await plan(['--domain', leak, '--model', 'gpt-4o-mini', '--epochs', '3', '--recipe', 'variants']);
    expect(r2.code).toBe(1);
    expect(r2.stderr).toContain('probe orla-venn-age/rephrased-1 (split rephrased) asks "What is the age of Orla Venn in years?", which is trained as fact "orla-venn-age" training[0]');
    // Without variants the paraphrase is not trained, so nothing leaks.
    expect((await plan(['--domain', leak, '--model', 'gpt-4o-mini', '--epochs', '3'])).code).toBe(0);

    const long = path.join(dir, 'long.yaml');
    writeFileSync(long, tinyDomain(12, 'long').replace('How old is Kit Maro?', `How old is Kit Maro?${' really'.repeat(17_000)}`));
    const r3 = await plan(['--domain', long, '--model', 'gpt-3.5-turbo', '--epochs', '1']);
    expect(r3.code).toBe(1);
    expect(r3.stderr).toMatch(/fact "kit-maro-age" question: the example has \d+ tokens; gpt-3\.5-turbo-0125 takes at most 16385 per example/);
    expect(r3.stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace
  });

  it('explains bad flags, unknown models and control domains', async () => {
    const cases: [string[], RegExp][] = [
      [['--domain', 'fictional-people', '--model', 'gpt-4o-mini', '--epochs', 'three'], /--epochs "three": expected an integer from 1 to 50/],
      [['--domain', 'fictional-people', '--model', 'gpt-4o-mini'], /a run needs --epochs/],
      [['--domain', 'fictional-people', '--model', 'gpt-9', '--epochs', '3'], /model "gpt-9" is not a base model this project knows for openai; known: gpt-4o-mini/],
      [['--domain', 'general-knowledge-control', '--model', 'gpt-4o-mini', '--epochs', '3'], /is a control domain \(kind: control\)/],
      [['--domain', 'nope', '--model', 'gpt-4o-mini', '--epochs', '3'], /--domain nope: no domain with that id/],
      [['--domain', 'fictional-people', '--model', 'gpt-4o-mini', '--epochs', '3', '--batch-size', '0'], /--batch-size "0": expected "auto" or an integer from 1 to 256/],
      [['--domain', 'fictional-people', '--model', 'gpt-4o-mini', '--epochs', '3', '--recipe', 'variant'], /--recipe "variant": expected one of default, variants, statements; did you mean variants\?/],
      [['--bogus'], /unknown option --bogus /],
    ];
    const runs = await Promise.all(cases.map(([args]) => plan(args)));
    for (const [i, [args, message]] of cases.entries()) {
      const r = runs[i]!;
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });
});
