/**
 * Suites promptfoo merges (`-c a.yaml -c b.yaml`) ask each question of its
 * own suite's providers only (lib/suites/suite-scope.ts): the providers'
 * `config.suite`, checked; the ids it makes; what the per-test filter leaves
 * out, as the report names it; the suite files the hook names; and an eval
 * of no test, which writes no report. The real two-suite promptfoo eval is in
 * main-offline.test.ts.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { afterAll, configArguments } from '../lib/eval/eval-hook.ts';
import { leftOutLine } from '../lib/report/render.ts';
import { DOMAINS_DIR } from '../lib/suites/write-suites.ts';
import { leftOutPairs, providerSuite, scopedProviderId, suiteOfId, suiteProviderRef, withProviders } from '../lib/suites/suite-scope.ts';
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

describe('what the per-test filter leaves out', () => {
  it('two merged suites: each provider is left out of the other domain\'s questions, named with its suite', () => {
    const a = [provider('people/lookup:people', 'lookup'), provider('people/openai:run:r1', 'ft3')];
    const b = [provider('people-2/lookup:people-2', 'lookup')];
    const tests = [...Array.from({ length: 4 }, () => test('people', [suiteProviderRef('people')])), ...Array.from({ length: 3 }, () => test('people-2', [suiteProviderRef('people-2')]))];
    const left = leftOutPairs({ providers: [...a, ...b], tests });
    // A domain id that begins another's (people, people-2) is still its own suite.
    expect(left).toEqual({
      pairs: 3 + 3 + 4,
      of: 7 * 3,
      providers: [
        { provider: 'lookup', suite: 'people', questions: 3, domains: ['people-2'] },
        { provider: 'ft3', suite: 'people', questions: 3, domains: ['people-2'] },
        { provider: 'lookup', suite: 'people-2', questions: 4, domains: ['people'] },
      ],
    });
    const line = leftOutLine({ partial: true, domains: ['people', 'people-2'], leftOut: { ...left, reason: 'why' } });
    expect(line).toBe(
      'Left out 10 of 21 question × provider pairs: why. lookup (suite people) not asked 3 question(s) of people-2; ft3 (suite people) not asked 3 question(s) of people-2; lookup (suite people-2) not asked 4 question(s) of people.',
    );
  });

  it('a provider added by hand to a generated suite is named as in no suite, with how to join one', () => {
    const left = leftOutPairs({ providers: [provider('echo', 'echo'), provider('h/lookup:h', 'lookup'), provider('echo', 'h/echo')], tests: [test('h', ['h/*']), test('h', ['h/*'])] });
    expect(left).toEqual({ pairs: 2, of: 6, providers: [{ provider: 'echo', questions: 2, domains: ['h'] }] });
    expect(leftOutLine({ partial: true, domains: ['h'], leftOut: { ...left, reason: 'why' } })).toContain('echo (in no suite: label it "<domain id>/…" to ask it a suite\'s questions) not asked 2 question(s) of h');
  });

  it('nothing left out: one suite, tests without a filter, an eval of nothing', () => {
    expect(leftOutPairs({ providers: [provider('h/lookup:h')], tests: [test('h', ['h/*'])] })).toEqual({ pairs: 0, of: 1, providers: [] });
    expect(leftOutPairs({ providers: [provider('echo'), provider('x')], tests: [test('h'), test('i')] })).toEqual({ pairs: 0, of: 4, providers: [] });
    expect(leftOutPairs({ providers: [provider('echo')], tests: [] })).toEqual({ pairs: 0, of: 0, providers: [] });
    expect(leftOutPairs(undefined)).toEqual({ pairs: 0, of: 0, providers: [] });
    expect(leftOutLine({ partial: true, domains: ['h'] })).toBe('');
  });

  it('a suite whose providers are replaced asks them every question (the filter goes with the old providers)', () => {
    const suite = { description: 'd', providers: [{ id: 'old' }], tests: [{ vars: { q: '1' }, providers: ['h/*'] }, { vars: { q: '2' }, providers: ['h/*'] }] };
    const replaced = withProviders(suite, [{ id: 'echo' }]);
    expect(replaced).toEqual({ description: 'd', providers: [{ id: 'echo' }], tests: [{ vars: { q: '1' } }, { vars: { q: '2' } }] });
    expect(suite.tests[0]!.providers).toEqual(['h/*']); // the original is left as it was
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
