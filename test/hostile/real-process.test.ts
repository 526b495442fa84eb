/**
 * A few rows of the corpus through the real bin (`tsx scripts/<name>.ts`, what
 * `npm run` starts), to show what a person sees: exit status 1 and one
 * `error: …` line on stderr, no stack trace, no key repeated.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CANARY_KEYS } from '../helpers/canary-keys.ts';
import { startScript, tempDir } from '../helpers/run.ts';

describe('hostile command lines through the real process', () => {
  const root = tempDir('ftbench-hostile-bin-');
  const domains = path.join(root, 'domains');
  mkdirSync(domains);
  writeFileSync(path.join(domains, 'one.yaml'), 'id: one\ntitle: T\nkind: new\nprompt: "Q: {{question}}"\nfacts:\n  - id: f\n    statement: S.\n    question: What is it?\n    answer: x\n');
  const file = path.join(root, 'afile');
  writeFileSync(file, 'x');
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it.each([
    ['a key as --api-key-env', 'finetune.ts', ['register', '--name', 'x', '--base-url', 'http://127.0.0.1:9/v1', '--model', 'm', '--domain', 'one', '--api-key-env', CANARY_KEYS.groq!], /^error: argument 11 \(the value of --api-key-env\) holds a token that starts like a key \(gsk_…\): a key never goes on the command line/, {}],
    ['npm start --out naming a file', 'main.ts', ['--domains', domains, '--suites', path.join(root, 'suites'), '--out', file], /^error: .*afile: the report folder is a file, not a folder$/, {}],
    ['OPENAI_BASE_URL=notaurl', 'finetune.ts', ['plan', '--domain', 'one', '--model', 'gpt-4o-mini', '--epochs', '1', '--domains', domains], /^error: OPENAI_BASE_URL="notaurl" is not an http:\/\/ or https:\/\/ URL/, { OPENAI_BASE_URL: 'notaurl' }],
  ] as const)('%s', async (_name, script, argv, error, env) => {
    const r = await startScript(script, [...argv], { FTBENCH_RUNS_DIR: root, ...env }).result;
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr.trimEnd()).toMatch(error);
    expect(r.stdout + r.stderr).not.toContain(CANARY_KEYS.groq);
  });
});
