/**
 * Provider ids promptfoo knows (lib/promptfoo-provider-id.ts): valid ones of
 * every form pass, mistyped ones are one "unknown provider" line with the
 * nearest known form, and the lists stay those of the installed promptfoo
 * (read from its registry module: an upgrade that adds or drops a provider
 * fails here until the lists are reviewed).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../lib/foundation/project-root.ts';
import { checkProviderId, PROMPTFOO_EXACT_IDS, PROMPTFOO_PREFIXES, PROMPTFOO_TYPES, providerIdProblem } from '../lib/foundation/promptfoo-provider-id.ts';

const DIST = path.join(PROJECT_ROOT, 'node_modules', 'promptfoo', 'dist', 'src');

/** The text of promptfoo's provider registry: providerMap and the provider families. */
function registrySource(): string {
  for (const name of readdirSync(DIST).filter((n) => /^providers-.*\.cjs$/.test(n))) {
    const text = readFileSync(path.join(DIST, name), 'utf8');
    const start = text.indexOf('const providerMap = [');
    if (start !== -1) return text.slice(start, text.indexOf('//#region src/providers/index.ts', start));
  }
  throw new Error(`no provider registry in ${DIST}`);
}

describe('provider ids', () => {
  it.each([
    'openai:chat:gpt-4.1-mini',
    'openai:gpt-4.1-mini',
    'openai:responses:gpt-5',
    'openai:chat:ft:gpt-4o-mini-2024-07-18:org::abc123',
    'openai:embeddings:text-embedding-3-large',
    'anthropic:messages:claude-sonnet-4-5',
    'anthropic:claude-3-5-haiku-latest',
    'azure:chat:my-deployment',
    'vertex:gemini-2.5-flash',
    'google:gemini-2.5-flash',
    'bedrock:anthropic.claude-3-haiku',
    'ollama:chat:llama3',
    'togetherai:meta-llama/Llama-3-8b-chat-hf',
    'exec: python answer.py',
    'echo',
    'http',
    'https://example.com/api',
    'file://providers/openai.ts',
    'file://providers/gemini.ts',
    'file://suites/domains/fictional-people.yaml',
    'providers/lookup.ts',
  ])('%s is known', (id) => {
    expect(providerIdProblem(id, PROJECT_ROOT)).toBeNull();
  });

  it.each([
    ['openai:chta:gpt-4.1-mini', /^unknown provider "openai:chta:gpt-4\.1-mini" \(FTBENCH_JUDGE\): "chta" is not a type of promptfoo's openai: provider \(chat, .*\); did you mean openai:chat:gpt-4\.1-mini\?$/],
    ['openai:respones:gpt-5', /"respones" is not a type of promptfoo's openai: provider .*; did you mean openai:responses:gpt-5\?$/],
    ['anthropic:mesages:claude-sonnet-4-5', /did you mean anthropic:messages:claude-sonnet-4-5\?$/],
    ['azure:caht:dep', /did you mean azure:chat:dep\?$/],
    ['opnai:chat:gpt-4.1-mini', /: promptfoo has no provider "opnai:"; did you mean openai:chat:gpt-4\.1-mini\?$/],
    ['gpt-4.1-mini', /: promptfoo has no provider "gpt-4\.1-mini"$/],
    ['vertexai:gemini-2.5-flash', /: promptfoo has no provider "vertexai:"; did you mean vertex:gemini-2\.5-flash\?$/],
    ['file://providers/opneai.ts', /: no such file .*\/providers\/opneai\.ts; did you mean file:\/\/providers\/openai\.ts\?$/],
    ['file://../../providers/opneai.ts', /: no such file .*opneai\.ts/],
    ['file://providers/openai.txt', /a file:\/\/ provider is a \.js\/\.ts/],
    ['python:judge.py', /: no such file .*judge\.py$/],
    ['   ', /: the id is empty$/],
  ])('%s is refused in one line', (id, message) => {
    expect(() => checkProviderId(id, 'FTBENCH_JUDGE', PROJECT_ROOT)).toThrow(message);
  });

  it('knows exactly the ids promptfoo\'s registry takes', () => {
    const source = registrySource();
    const literal = (re: RegExp) => new Set([...source.matchAll(re)].map((m) => m[1]!));
    const prefixes = literal(/providerPath\.startsWith\("([^"]+)"\)/g);
    for (const p of literal(/createScriptBasedProviderFactory\("([^"]+)"/g)) prefixes.add(`${p}:`);
    // file:// is handled by file type (isJavascriptFile and the script runners), sub-prefixes by their family.
    for (const p of ['file://', 'anthropic:claude-agent-sdk', 'anthropic:claude-code', 'groq:responses:']) prefixes.delete(p);
    expect([...prefixes].sort()).toEqual([...PROMPTFOO_PREFIXES].sort());
    expect([...literal(/providerPath === "([^"]+)"/g)].sort()).toEqual([...PROMPTFOO_EXACT_IDS].sort());
  });

  it('knows the types promptfoo\'s openai, anthropic and azure entries take', () => {
    const source = registrySource();
    const entry = (family: string) => {
      const at = source.indexOf(`test: (providerPath) => providerPath.startsWith("${family}:")`);
      return source.slice(at, source.indexOf('test: (providerPath)', at + 10));
    };
    const types = (family: string) => new Set([...entry(family).matchAll(/modelType === "([^"]+)"/g)].map((m) => m[1]!));
    expect([...types('openai')].sort()).toEqual([...PROMPTFOO_TYPES.openai!].sort());
    expect([...types('azure')].sort()).toEqual([...PROMPTFOO_TYPES.azure!].sort());
    expect([...types('anthropic')].sort()).toEqual(PROMPTFOO_TYPES.anthropic!.filter((t) => !t.startsWith('claude-')).sort());
  });
});
