/**
 * The key-shape rule of lib/foundation/secret-shape.ts: every provider's key format is
 * caught, in any argument, URL path, query or fragment; what people pass on
 * purpose (model ids, paths, URLs, run keys) is not; no message repeats a key.
 */
import { describe, expect, it } from 'vitest';
import { checkKeyEnvName, keyShapedField, keyShapeIn, redactKeyShapes, refuseKeysInArgs } from '../lib/foundation/secret-shape.ts';
import { CANARY_KEYS } from './helpers/canary-keys.ts';


describe('keyShapeIn', () => {
  it.each(Object.entries(CANARY_KEYS))('catches a %s key alone, in a URL path, query and fragment', (_name, key) => {
    for (const text of [key, `https://api.example.com/v1/${key}/chat`, `https://h/v1?x=${key}`, `https://h/v1#${key}`, `prefix:${key}`, `Bearer ${key}`]) {
      expect(keyShapeIn(text), text).not.toBeNull();
      expect(keyShapeIn(text)).not.toContain(key);
    }
  });

  it.each([
    'https://h/v1?api_key=short',
    'https://h/v1?X-Api-Key=abc',
    'https://h/v1?accessToken=abc',
    'https://h/v1#key=hunter2',
    'https://user:pw@h/v1',
    'https://h/v1?sig=x&api-version=2024-01-01',
  ])('catches a URL that carries a credential by name: %s', (url) => {
    expect(keyShapeIn(url)).toMatch(/URL/);
  });

  it.each([
    'gpt-4o-mini',
    'meta-llama/Meta-Llama-3.1-8B-Instruct-Reference',
    'ft:gpt-4o-mini-2024-07-18:my-org:people:9xYzAbCd',
    'emulator-user/Meta-Llama-3.1-8B-Instruct-Reference-people-8d1f2c3e',
    'projects/123456789012/locations/us-central1/endpoints/1234567890123456789',
    'http://localhost:8000/v1?api-version=2024-06-01&design=a',
    '/tmp/ftbench-eval-AbC123/fictional-people.json',
    '0123456789abcdef',
    '3f2a1b4c-5d6e-7f80-9a1b-2c3d4e5f6a7b',
    ['my', 'sk', 'model-for-testing-purposes-v2'].join('-'), // joined: no key-shaped literal for scanners
    ['task', 'classifier-2024-10-01'].join('-'),
    'Pneumonoultramicroscopicsilicovolcanoconiosis',
    'OPENAI_API_KEY',
    'eval-Xy3-2026-11-30T07:46:15',
    'gs://my-bucket/ftbench/tuning',
  ])('leaves %s alone', (text) => {
    expect(keyShapeIn(text)).toBeNull();
  });
});

describe('refuseKeysInArgs', () => {
  it.each(Object.entries(CANARY_KEYS))('refuses a %s key as a value, after =, or as a positional, without repeating it', (_name, key) => {
    for (const argv of [['register', '--model', key], ['register', `--name=${key}`], [key], ['--base-url', `http://h/v1#key=${key}`]]) {
      let message = '';
      try {
        refuseKeysInArgs(argv);
      } catch (err) {
        expect((err as Error).name).toBe('UserError');
        message = (err as Error).message;
      }
      expect(message, argv.join(' ')).toMatch(/^argument \d+( \(the value of --[\w-]+\))? holds .*: a key never goes on the command line/);
      expect(message).not.toContain(key);
      expect(message).not.toContain(key.slice(6, 22));
    }
  });

  it('names the flag whose value holds it', () => {
    expect(() => refuseKeysInArgs(['list', '--model', CANARY_KEYS.groq!])).toThrow(/^argument 3 \(the value of --model\) holds a token that starts like a key \(gsk_…\)/);
    expect(() => refuseKeysInArgs([`--base-url=http://h/${CANARY_KEYS.fireworks}`])).toThrow(/^argument 1 \(the value of --base-url\) holds/);
  });

  it('passes an ordinary command line', () => {
    expect(() => refuseKeysInArgs(['register', '--name', 'people-lora', '--base-url', 'http://localhost:8000/v1', '--model', 'people-lora', '--api-key-env', 'MY_KEY'])).not.toThrow();
  });
});

describe('checkKeyEnvName', () => {
  it.each(['MY_KEY', 'OPENAI_API_KEY', '_X', 'K2'])('takes %s', (name) => expect(() => checkKeyEnvName(name)).not.toThrow());

  it.each(['my_key', '2KEY', 'MY-KEY', 'MY KEY', '', 'abcdefghijklmnopqrstuvwxyz0123456789'])('refuses %j as a name without repeating it', (name) => {
    expect(() => checkKeyEnvName(name)).toThrow(/--api-key-env (takes the NAME of an environment variable|looks like a key)/);
  });

  it.each(Object.entries(CANARY_KEYS))('says a %s key is a key, not a name', (_name, key) => {
    expect(() => checkKeyEnvName(key)).toThrow(/^--api-key-env (looks like a key, not the name of a variable|takes the NAME)/);
  });
});

describe('records and free text', () => {
  it('finds the path of a key-shaped field, skipping hashes', () => {
    const record = { key: '0123456789abcdef', trainingFile: { sha256: 'a'.repeat(40) + '0'.repeat(24) }, spec: { target: { baseUrl: `http://h/${CANARY_KEYS.openai}` } } };
    expect(keyShapedField(record, (p) => p.endsWith('sha256'))).toBe('spec.target.baseUrl');
    expect(keyShapedField({ a: ['x', { b: CANARY_KEYS['hugging face'] }] })).toBe('a[1].b');
    expect(keyShapedField({ a: 'gpt-4o-mini' })).toBeNull();
  });

  it('redacts keys in a message and keeps the rest', () => {
    const text = `401: Incorrect API key provided: ${CANARY_KEYS.openai}. Also ${CANARY_KEYS.together}.`;
    expect(redactKeyShapes(text)).toBe('401: Incorrect API key provided: sk-[redacted]. Also [redacted].');
  });
});
