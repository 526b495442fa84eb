/**
 * Issue 19.3: `npm run suites` puts at most six provider columns in a suite
 * (one eval in promptfoo's viewer) unless asked (`--max-columns N`): the
 * references (base, in-context, lookup) first, the rest in `<domain>.2.yaml`,
 * …; each column labelled short and distinct, its whole description in its
 * config and in the eval's description; a run's checkpoints are a suite of
 * their own (lib/suites/suite-columns.ts).
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { ProviderIdentity } from '../lib/ledger/provider-identity.ts';
import { LABEL_MAX } from '../lib/suites/column-labels.ts';
import { splitColumns, type LabelledColumn } from '../lib/suites/suite-columns.ts';
import { SUITE_TAG } from '../lib/suites/suite-tag.ts';
import { main as buildSuites } from '../scripts/commands/build-suites.ts';
import { main as finetune } from '../scripts/commands/finetune.ts';
import { runMain } from './helpers/command.ts';
import { tempDir } from './helpers/run.ts';
import { tinyDomain } from './helpers/tiny-domain.ts';

interface Suite {
  description: string;
  tags?: Record<string, string>;
  providers: { id: string; label: string; config: { description: string; identity: ProviderIdentity } }[];
}

describe('npm run suites: six columns a suite unless asked', () => {
  it('three registered runs (ten columns) make two suites, references first; --max-columns 12 makes one and removes the other', async () => {
    const root = tempDir('ftbench-suite-columns-');
    const domains = path.join(root, 'domains');
    const out = path.join(root, 'generated');
    mkdirSync(domains);
    mkdirSync(path.join(root, 'runs'));
    writeFileSync(path.join(domains, 'tiny-people.yaml'), tinyDomain());
    const env = { FTBENCH_RUNS_DIR: path.join(root, 'runs'), PROMPTFOO_CONFIG_DIR: path.join(root, 'promptfoo') };
    const run = (command: typeof finetune, ...argv: string[]) => runMain(command, argv, { env, cwd: root });
    // Nothing listens on port 9 (discard): the emulator probe finds no emulator, and nothing is asked beyond loopback.
    for (const [name, base] of [['lora-a', 'llama3.1:8b'], ['lora-b', 'qwen2.5:7b'], ['lora-c', 'mistral:7b']]) {
      const r = await run(finetune, 'register', '--name', name, '--base-url', 'http://127.0.0.1:9/v1', '--model', `${name}-model`, '--base-model', base!, '--domain', 'tiny-people', '--domains', domains);
      expect(r.code, r.stderr).toBe(0);
    }
    const suites = () => Object.fromEntries(readdirSync(out).map((f) => [f, parse(readFileSync(path.join(out, f), 'utf8')) as Suite]));

    // Without retrieval (its references are columns like any other: --retrieval 0 keeps this count at ten).
    const r = await run(buildSuites, '--domains', domains, '--out', out, '--retrieval', '0');
    expect(r.code, r.stderr).toBe(0);
    const two = suites();
    expect(Object.keys(two).sort()).toEqual(['tiny-people.2.yaml', 'tiny-people.yaml']);
    const first = two['tiny-people.yaml']!;
    const second = two['tiny-people.2.yaml']!;
    expect(first.providers).toHaveLength(6);
    expect(first.providers.map((p) => p.config.identity.role).sort()).toEqual(['base', 'base', 'base', 'in-context', 'in-context', 'in-context']);
    expect(second.providers.map((p) => p.config.identity.role)).toEqual(['tuned', 'tuned', 'tuned', 'lookup']);
    const all = [...first.providers, ...second.providers];
    expect(new Set(all.map((p) => p.label)).size).toBe(10);
    for (const p of all) {
      expect(p.label.length, p.label).toBeLessThanOrEqual(LABEL_MAX);
      // The whole story is in the config, and in the eval's description beside the label.
      expect(p.config.description.length, p.label).toBeGreaterThan(p.label.length);
      const suite = first.providers.includes(p) ? first : second;
      expect(suite.description).toContain(`[${p.label}] ${p.config.description}`);
    }
    expect(second.providers[0]).toMatchObject({
      label: 'llama3.1:8b ft',
      config: { description: expect.stringMatching(/^llama3\.1:8b tuned: run lora-a on endpoint, trained on tiny-people \(version [0-9a-f]{12}\), recipe default, batch auto, lr auto, seed 42$/) },
    });
    expect(first.description).toMatch(/; part 1 of 2\. Columns: /);
    expect(second.description).toMatch(/; part 2 of 2\. Columns: /);
    expect([first.tags, second.tags]).toEqual([{ [SUITE_TAG]: 'tiny-people' }, { [SUITE_TAG]: 'tiny-people.2' }]);
    expect(r.stdout).toMatch(/tiny-people\.2\.yaml {2}24 tests {2}providers: /);

    const wide = await run(buildSuites, '--domains', domains, '--out', out, '--max-columns', '12', '--retrieval', '0');
    expect(wide.code, wide.stderr).toBe(0);
    const one = suites();
    expect(Object.keys(one)).toEqual(['tiny-people.yaml']);
    expect(one['tiny-people.yaml']!.providers).toHaveLength(10);
    expect(one['tiny-people.yaml']!.description).not.toMatch(/part \d of/);

    const refused = await run(buildSuites, '--domains', domains, '--out', out, '--max-columns', '0');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/--max-columns/);
  });

  it("a run's checkpoints are a suite of their own, six columns at most, named by the run", () => {
    const column = (role: 'tuned' | 'base' | 'lookup', i: number, checkpointOf?: string): LabelledColumn => {
      const identity = (role === 'lookup' ? { role } : role === 'base' ? { role, baseModel: 'm' } : { role, baseModel: 'm' }) as ProviderIdentity;
      return { provider: { id: 'file://p.ts', label: `${role} ${i}`, config: { identity, description: `${role} ${i}` } }, emulated: false, ...(checkpointOf && { checkpointOf }) };
    };
    const runA = 'aaaaaaaa11111111';
    const runB = 'aaaaaaaa22222222';
    const columns = [
      column('tuned', 1),
      ...Array.from({ length: 8 }, (_, i) => column('tuned', 10 + i, runA)),
      column('tuned', 2),
      column('tuned', 20, runB),
      column('base', 1),
      column('lookup', 1),
    ];
    const parts = splitColumns(columns);
    expect(parts.map((p) => [p.suffix, p.columns.map((c) => c.provider.label), p.about])).toEqual([
      ['', ['tuned 1', 'tuned 2', 'base 1', 'lookup 1'], undefined],
      [`.checkpoints.${runA}`, ['tuned 10', 'tuned 11', 'tuned 12', 'tuned 13', 'tuned 14', 'tuned 15'], `checkpoints of run ${runA}, part 1 of 2`],
      [`.checkpoints.${runA}.2`, ['tuned 16', 'tuned 17'], `checkpoints of run ${runA}, part 2 of 2`],
      [`.checkpoints.${runB}`, ['tuned 20'], `checkpoints of run ${runB}`],
    ]);
    for (const p of parts) expect(p.columns.length).toBeLessThanOrEqual(6);
    // Eight hex digits name a run unless another run of the domain shares them.
    expect(splitColumns([column('tuned', 10, runA)]).map((p) => p.suffix)).toEqual(['.checkpoints.aaaaaaaa']);
    expect(() => splitColumns(columns, 0)).toThrow(/maxColumns/);
  });
});
