/**
 * A domain with fewer facts than fine-tuning takes (10, MIN_EXAMPLES in
 * lib/training/validate-training-file.ts) is built and evaluated, and
 * `npm run suites` says in one warning line, naming the file, that it cannot
 * be fine-tuned (docs/domains.md). `npm start` prints the same line
 * (test/main-offline.test.ts checks it on its run).
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main as buildSuites } from '../scripts/commands/build-suites.ts';
import { MIN_EXAMPLES } from '../lib/training/validate-training-file.ts';
import { runMain } from './helpers/command.ts';
import { tempDir } from './helpers/run.ts';

/** A domain of `n` facts; the first `unasked` have no trained question (asked through a probe only). */
function domainYaml(id: string, kind: 'new' | 'update' | 'control', n: number, unasked = 0): string {
  const facts = Array.from({ length: n }, (_, i) => {
    const lines = [`  - id: f${i}`, `    statement: Person ${i} lives in town ${i}.`];
    if (i >= unasked) lines.push(`    question: Where does person ${i} live?`);
    lines.push(`    answer: town ${i}`);
    if (kind === 'update') lines.push(`    previous: village ${i}`);
    if (i < unasked) lines.push(`    probes:`, `      - { split: rephrased, question: "In which town is person ${i}'s home?" }`);
    return lines.join('\n');
  });
  return `id: ${id}\ntitle: ${id}\nkind: ${kind}\nprompt: "Answer with a place.\\n{{question}}"\nfacts:\n${facts.join('\n')}\n`;
}

async function build(files: Record<string, string>) {
  const root = tempDir();
  const domains = path.join(root, 'domains');
  mkdirSync(path.join(domains, 'team'), { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(domains, name), text);
  const out = path.join(root, 'suites');
  const runs = path.join(root, 'runs');
  mkdirSync(runs);
  const r = await runMain(buildSuites, ['--domains', domains, '--out', out], { env: { FTBENCH_RUNS_DIR: runs } });
  return { ...r, domains, out, warnings: r.stderr.split('\n').filter((l) => l.startsWith('warning: ')) };
}

describe('npm run suites warns about a domain too small to fine-tune', () => {
  it('is 10 facts, the minimum the training-file check enforces', () => expect(MIN_EXAMPLES).toBe(10));

  it('names the file and the count, in one line on stderr, and still builds the suite', async () => {
    const r = await build({ 'team/my-team.yaml': domainYaml('my-team', 'new', 2) });
    expect(r.code, r.stderr).toBe(0);
    expect(r.warnings).toEqual([
      `warning: ${path.join(r.domains, 'team', 'my-team.yaml')}: domain "my-team" has 2 facts; fine-tuning needs at least 10, so it can be evaluated but not fine-tuned (add facts, or train more examples per fact with --recipe variants)`,
    ]);
    expect(r.stdout).not.toMatch(/warning/);
    expect(existsSync(path.join(r.out, 'my-team.yaml'))).toBe(true);
  });

  it('says "1 fact" for one, and warns about every small domain, each once', async () => {
    const r = await build({ 'one.yaml': domainYaml('one', 'new', 1), 'nine.yaml': domainYaml('nine', 'update', 9) });
    expect(r.code, r.stderr).toBe(0);
    expect(r.warnings).toHaveLength(2);
    expect(r.warnings.find((w) => w.includes('"one"'))).toMatch(/one\.yaml: domain "one" has 1 fact; fine-tuning needs at least 10,/);
    expect(r.warnings.find((w) => w.includes('"nine"'))).toMatch(/nine\.yaml: domain "nine" has 9 facts; /);
  });

  it('counts only the facts the study\'s recipe trains (a fact without a question is not trained)', async () => {
    const r = await build({ 'imported.yaml': domainYaml('imported', 'new', 12, 4) });
    expect(r.code, r.stderr).toBe(0);
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toMatch(/imported\.yaml: domain "imported" has 8 of its 12 facts with a trained question; fine-tuning needs at least 10/);
  });

  it('is silent for 10 facts and more, and for a control domain (never trained) of any size', async () => {
    const r = await build({ 'ten.yaml': domainYaml('ten', 'new', 10), 'many.yaml': domainYaml('many', 'update', 25), 'control.yaml': domainYaml('control', 'control', 2) });
    expect(r.code, r.stderr).toBe(0);
    expect(r.warnings).toEqual([]);
    expect(r.stdout.split('\n').filter(Boolean)).toHaveLength(3);
  });
});
