/**
 * Suites promptfoo merges (`-c a.yaml -c b.yaml`) ask each question of its
 * own suite's providers only (lib/suites/suite-scope.ts): the providers'
 * `config.suite`, checked; the ids it makes; the per-test filter the
 * extension's beforeAll gives a merged eval's tests (and a suite run alone,
 * or with providers of no suite, does not get); what it leaves out, as the
 * report names it; the suite files the hook names; and an eval of no test,
 * which writes no report. The real two-suite promptfoo eval is in
 * main-offline.test.ts; `-r` with a provider of no suite in suite-verbatim.test.ts.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { afterAll, beforeAll, configArguments } from '../lib/eval/eval-hook.ts';
import { leftOutLine } from '../lib/report/render.ts';
import { DOMAINS_DIR } from '../lib/suites/write-suites.ts';
import { leftOutPairs, providerSuite, scopedProviderId, scopeTests, suiteOfId } from '../lib/suites/suite-scope.ts';
import LookupProvider from '../providers/lookup.ts';
import OpenAIChatProvider from '../providers/openai.ts';
import { tempDir } from './helpers/run.ts';

const provider = (id: string, label?: string) => ({ id: () => id, ...(label ? { label } : {}) });
const test = (domain: string, providers?: string[]) => ({ metadata: { domain }, ...(providers ? { providers } : {}) });

describe("a provider's config.suite", () => {
  it.each(['velmora', 'python-renames', 'a', 'a1-b2'])('%j names a suite', (suite) => {
    expect(providerSuite({ suite }, 'who')).toBe(suite);
    expect(scopedProviderId(suite, 'lookup:x')).toBe(`${suite}/lookup:x`);
    expect(suiteOfId(scopedProviderId(suite, 'lookup:x'))).toBe(suite);
  });

  it('absent: the id is the provider\'s own (a suite written by hand)', () => {
    expect(providerSuite({}, 'who')).toBeUndefined();
    expect(providerSuite(undefined, 'who')).toBeUndefined();
    expect(scopedProviderId(undefined, 'openai:gpt-4o-mini')).toBe('openai:gpt-4o-mini');
    for (const id of ['openai:gpt-4o-mini', 'file:///x/providers/lookup.ts', 'echo', 'http://h/a', '/abs/path']) expect(suiteOfId(id), id).toBeUndefined();
  });

  it.each([[''], ['Velmora'], ['a/b'], ['../x'], ['*'], ['a b'], ['{{x}}'], [3], [null], [['a']], ['-a'], ['x'.repeat(200)], ['a..b'], ['.a'], ['a.'], ['a.B']])('%j is one clear error naming the field', (suite) => {
    expect(() => providerSuite({ suite }, 'suites/generated/x.yaml, provider "lookup"')).toThrow(
      /^suites\/generated\/x\.yaml, provider "lookup": config\.suite must name the suite that declares this provider/,
    );
  });

  it("a domain's other suites (its checkpoints, its columns beyond six) are scopes of their own", () => {
    for (const suite of ['python-renames.2', 'python-renames.checkpoints.1a2b3c4d', 'python-renames.checkpoints.1a2b3c4d.2']) {
      expect(providerSuite({ suite }, 'who')).toBe(suite);
      expect(suiteOfId(scopedProviderId(suite, 'openai:gpt-4o-mini'))).toBe(suite);
      // promptfoo's prefix filter: the domain's first suite's tests (`python-renames/*`) never reach them.
      expect(scopedProviderId(suite, 'openai:gpt-4o-mini').startsWith('python-renames/')).toBe(false);
    }
  });

  it('puts the id of the providers as promptfoo loads them under their suite, and refuses a bad one at load', () => {
    const domainFile = path.join(DOMAINS_DIR, 'python-renames.yaml');
    expect(new LookupProvider({ config: { domainFile, suite: 'python-renames' } }).id()).toBe('python-renames/lookup:python-renames');
    expect(new LookupProvider({ config: { domainFile } }).id()).toBe('lookup:python-renames');
    expect(new OpenAIChatProvider({ config: { model: 'gpt-4o-mini', suite: 'velmora' } }).id()).toBe('velmora/openai:gpt-4o-mini');
    expect(() => new OpenAIChatProvider({ label: 'base', config: { model: 'gpt-4o-mini', suite: 'Velmora/x' } })).toThrow(/provider "base".*config\.suite must name the suite/);
  });
});

describe('merged suites: who answers which question', () => {
  const people = [provider('people/lookup:people', 'lookup'), provider('people/openai:run:r1', 'ft3')];
  const people2 = [provider('people-2/lookup:people-2', 'lookup')];
  const tests = () => [...Array.from({ length: 4 }, () => test('people')), ...Array.from({ length: 3 }, () => test('people-2'))];

  it('each test names the providers of its own suite and of none; a domain id that begins another\'s is its own suite', () => {
    const gpt = provider('openai:gpt-4.1');
    const scoped = scopeTests({ providers: [...people, gpt, ...people2], tests: tests() });
    expect(scoped.map((t) => t.providers)).toEqual([
      ...Array.from({ length: 4 }, () => ['people/lookup:people', 'people/openai:run:r1', 'openai:gpt-4.1']),
      ...Array.from({ length: 3 }, () => ['openai:gpt-4.1', 'people-2/lookup:people-2']),
    ]);
    expect(scoped.map((t) => t.metadata)).toEqual(tests().map((t) => t.metadata));
  });

  it("a domain's other suite (its tests name it) keeps its providers apart from the first suite's, on the same questions", () => {
    const first = [provider('people/lookup:people', 'lookup')];
    const second = [provider('people.2/openai:run:r1', 'ft3'), provider('people.checkpoints.r1/openai:run:r1@1', 'ft3 @e1')];
    const of = (suite?: string): { providers?: unknown; metadata: Record<string, unknown> } => ({ metadata: { domain: 'people', ...(suite ? { suite } : {}) } });
    const scoped = scopeTests({ providers: [...first, ...second, provider('echo')], tests: [of(), of('people.2'), of('people.checkpoints.r1')] });
    expect(scoped.map((t) => t.providers)).toEqual([
      ['people/lookup:people', 'echo'],
      ['people.2/openai:run:r1', 'echo'],
      ['people.checkpoints.r1/openai:run:r1@1', 'echo'],
    ]);
    expect(leftOutPairs({ providers: second, tests: [of(), of('people.2')] }).providers).toEqual([
      { provider: 'ft3', suite: 'people.2', questions: 1, domains: ['people'] },
      { provider: 'ft3 @e1', suite: 'people.checkpoints.r1', questions: 2, domains: ['people', 'people.2'] },
    ]);
  });

  it('a suite run alone, with -r, or with providers added by hand is left exactly as written', () => {
    for (const providers of [people, [provider('openai:gpt-4.1')], [provider('file:///x/my-provider.cjs'), provider('echo', 'echo')], [...people, provider('echo', 'echo')], []]) {
      const suite = { providers, tests: tests().slice(0, 4) };
      const scoped = scopeTests(suite);
      scoped.forEach((t, i) => expect(t).toBe(suite.tests[i]));
      expect(beforeAll({ suite }), JSON.stringify(providers.map((p) => p.id()))).toBeUndefined();
    }
    // -r over two merged suites: nothing is bound, every provider answers every question.
    expect(beforeAll({ suite: { providers: [provider('openai:gpt-4.1')], tests: tests() } })).toBeUndefined();
    // A test written by hand (no domain) is asked of every provider.
    expect(scopeTests({ providers: [...people, ...people2], tests: [{ vars: { q: 'x' } } as { providers?: unknown }] })[0]!.providers).toBeUndefined();
  });

  it("the hook hands promptfoo the suite with the scoped tests, and keeps a test's own filter", () => {
    const suite = { description: 'd', providers: [...people, provider('echo', 'echo'), ...people2], tests: [test('people', ['echo', 'ft3']), test('people-2')] };
    const out = beforeAll({ suite });
    expect(out?.suite.description).toBe('d');
    expect(out?.suite.providers).toBe(suite.providers);
    expect(out?.suite.tests.map((t) => t.providers)).toEqual([['people/openai:run:r1', 'echo'], ['echo', 'people-2/lookup:people-2']]);
    // Idempotent: promptfoo calls the hook once per suite that declares it.
    expect(beforeAll({ suite: out!.suite })).toBeUndefined();
  });

  it('refuses providers it cannot tell apart by id (one labelled with another\'s id)', () => {
    expect(() => scopeTests({ providers: [provider('people/lookup:people', 'echo'), provider('echo')], tests: [test('people-2')] })).toThrow(
      /provider "echo" \(suite people\) is named like another provider of this eval \(echo\), so it cannot be kept off the questions of people-2: give the providers distinct labels/,
    );
  });
});

describe('what the scoping leaves out', () => {
  it('two merged suites: each bound provider is left out of the other domain\'s questions, named with its suite', () => {
    const a = [provider('people/lookup:people', 'lookup'), provider('people/openai:run:r1', 'ft3')];
    const b = [provider('people-2/lookup:people-2', 'lookup')];
    const tests = [...Array.from({ length: 4 }, () => test('people')), ...Array.from({ length: 3 }, () => test('people-2'))];
    const left = leftOutPairs({ providers: [...a, provider('echo'), ...b], tests });
    expect(left).toEqual({
      pairs: 3 + 3 + 4,
      of: 7 * 4,
      providers: [
        { provider: 'lookup', suite: 'people', questions: 3, domains: ['people-2'] },
        { provider: 'ft3', suite: 'people', questions: 3, domains: ['people-2'] },
        { provider: 'lookup', suite: 'people-2', questions: 4, domains: ['people'] },
      ],
    });
    const line = leftOutLine({ partial: true, domains: ['people', 'people-2'], leftOut: { ...left, reason: 'why' } });
    expect(line).toBe(
      'Left out 10 of 28 question × provider pairs: why. lookup (suite people) not asked 3 question(s) of people-2; ft3 (suite people) not asked 3 question(s) of people-2; lookup (suite people-2) not asked 4 question(s) of people.',
    );
  });

  it('nothing left out: one suite, providers of no suite, tests of no domain, an eval of nothing', () => {
    expect(leftOutPairs({ providers: [provider('h/lookup:h')], tests: [test('h')] })).toEqual({ pairs: 0, of: 1, providers: [] });
    expect(leftOutPairs({ providers: [provider('echo'), provider('openai:gpt-4.1', 'h/x')], tests: [test('h'), test('i')] })).toEqual({ pairs: 0, of: 4, providers: [] });
    expect(leftOutPairs({ providers: [provider('h/lookup:h')], tests: [{}, {}] })).toEqual({ pairs: 0, of: 2, providers: [] });
    expect(leftOutPairs({ providers: [provider('echo')], tests: [] })).toEqual({ pairs: 0, of: 0, providers: [] });
    expect(leftOutPairs(undefined)).toEqual({ pairs: 0, of: 0, providers: [] });
    expect(leftOutLine({ partial: true, domains: ['h'] })).toBe('');
  });
});

describe('the report hook of a plain promptfoo eval', () => {
  it.each<[string[], string[]]>([
    [['eval', '-c', 'a.yaml'], ['a.yaml']],
    [['eval', '-c', 'a.yaml', '-c', 'b.yaml', '-o', 'r.json'], ['a.yaml', 'b.yaml']],
    [['eval', '--config', 'a.yaml', 'b.yaml', '--no-table'], ['a.yaml', 'b.yaml']],
    [['eval', '--config=a.yaml', '-c', 'b.yaml'], ['a.yaml', 'b.yaml']],
    [['eval', '-o', 'r.json'], []],
  ])('%j names the suites %j', (argv, files) => {
    expect(configArguments(argv)).toEqual(files);
  });

  it('an eval that ran no test writes no report and says so', async () => {
    const reports = tempDir('ftbench-reports-');
    const printed: string[] = [];
    await afterAll({ results: [], evalId: 'eval-empty-unit', suite: { providers: [provider('h/lookup:h')], tests: [] } }, { env: { FTBENCH_REPORTS_DIR: reports }, argv: ['eval', '-c', 'a.yaml'], print: (t) => printed.push(t) });
    expect(printed.join('')).toBe(`\nftbench: promptfoo ran no test (did a filter match none?): no report written, ${path.join(reports, 'latest')} left as it was\n`);
    expect(readdirSync(reports)).toEqual([]);
    expect(existsSync(path.join(reports, 'latest'))).toBe(false);
  });
});
