/**
 * Keys in any encoding (issue 16): every prefix lib/foundation/secret-shape.ts lists is
 * caught by name on a key of its vendor's real shape and length (so deleting
 * a prefix from the detector fails here), and a key hidden in a URL's path,
 * query, fragment, userinfo or `;params`, percent-encoded once or more, is
 * caught as one, its message never holding it.
 */
import { describe, expect, it } from 'vitest';
import { KEY_PREFIXES, keyShapeIn, percentDecodings, redactKeyShapes, refuseKeysInArgs } from '../lib/foundation/secret-shape.ts';
import { CANARY_KEYS, CANARY_SHAPES } from './helpers/canary-keys.ts';

const CANARIES = Object.entries(CANARY_KEYS);
/** Every character as %XX (what `encodeURIComponent` leaves alone too). */
const encodeAll = (s: string) => [...Buffer.from(s, 'utf8')].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
/** The first character alone as %XX: `%73k-proj-…`. */
const encodeFirst = (s: string) => encodeAll(s[0]!) + s.slice(1);
/** Encodes the % signs of an encoded text again: `%73` → `%2573`. */
const again = (s: string) => s.replaceAll('%', '%25');

describe('every key prefix the detector lists', () => {
  it('has a test key of its vendor\'s shape here, and each test key has that shape', () => {
    const covered = new Set(Object.values(CANARY_SHAPES).map((s) => s.prefix));
    expect(KEY_PREFIXES.filter((p) => !covered.has(p))).toEqual([]);
    for (const [name, key] of CANARIES) expect(key, name).toMatch(CANARY_SHAPES[name]!.shape);
  });

  it.each(CANARIES)('names the rule that catches a %s key (its own prefix, not the long-run fallback)', (name, key) => {
    const { prefix } = CANARY_SHAPES[name]!;
    expect(keyShapeIn(key)).toBe(prefix === null ? `a ${key.length}-character random-looking token` : `a token that starts like a key (${prefix}…)`);
    // Inside text, after punctuation, as a header value: the same rule.
    if (prefix !== null) for (const text of [`key=${key}`, `Bearer ${key}`, `"${key}"`, `(${key})`]) expect(keyShapeIn(text), text).toBe(`a token that starts like a key (${prefix}…)`);
  });
});

describe('a key percent-encoded in a URL', () => {
  const places = (encoded: string) => [
    ['query', `http://127.0.0.1:9/v1?x=${encoded}`],
    ['path', `http://127.0.0.1:9/v1/${encoded}/chat`],
    ['fragment', `http://127.0.0.1:9/v1#${encoded}`],
    ['path parameter', `http://127.0.0.1:9/v1;p=${encoded}/chat`],
    ['userinfo', `http://${encoded}@127.0.0.1:9/v1`],
  ];

  it.each(CANARIES)('is caught for a %s key, encoded once, fully, and twice, wherever it sits', (name, key) => {
    for (const encoded of [encodeFirst(key), encodeAll(key), again(encodeFirst(key)), again(again(encodeAll(key)))]) {
      for (const [where, url] of places(encoded)) {
        const why = keyShapeIn(url!);
        expect(why, `${name} in the ${where}: ${url}`).not.toBeNull();
        expect(why).not.toContain(key);
        expect(why).not.toContain(encoded);
      }
    }
  });

  it('says the key was percent-encoded, and which rule caught it after decoding', () => {
    // Keys whose raw text has no long random run: only their decoded prefix gives them away.
    for (const name of ['gitlab', 'slack bot', 'stripe']) {
      const key = CANARY_KEYS[name]!;
      const why = `a token that starts like a key (${CANARY_SHAPES[name]!.prefix}…), percent-encoded`;
      expect(keyShapeIn(`http://127.0.0.1:9/v1?x=${encodeFirst(key)}`), name).toBe(why);
      expect(keyShapeIn(`http://127.0.0.1:9/v1?x=${again(again(encodeFirst(key)))}`), name).toBe(why);
    }
    expect(keyShapeIn(`http://127.0.0.1:9/v1/${encodeAll(CANARY_KEYS.mistral!)}`)).toBe('a 32-character random-looking token, percent-encoded');
  });

  it.each([
    ['a path parameter named api_key', 'http://127.0.0.1:9/v1;api_key=short/chat', 'a URL parameter named "api_key"'],
    ['a path parameter named token after another', 'http://127.0.0.1:9/v1;v=2;token=abc', 'a URL parameter named "token"'],
    ['an encoded parameter name', 'http://127.0.0.1:9/v1?%61pi_key=abc', 'a URL parameter named "api_key"'],
    ['a twice-encoded parameter name', 'http://127.0.0.1:9/v1?api%255Fkey=abc', 'a URL parameter named "api_key", percent-encoded'],
    ['an encoded fragment parameter', 'http://127.0.0.1:9/v1#%6Bey=hunter2', 'a URL parameter named "key"'],
    ['an encoded path parameter', 'http://127.0.0.1:9/v1%3Bapi_key%3Dabc/chat', 'a URL parameter named "api_key", percent-encoded'],
    ['encoded credentials', 'http://me%3Apa55word%40127.0.0.1:9/v1', 'a URL with credentials (user:password@), percent-encoded'],
    ['credentials of a URL in a parameter', 'http://127.0.0.1:9/v1?next=https%3A%2F%2Fme%3Apw%40h.example%2F', 'a URL with credentials (user:password@)'],
    ['a key parameter of a URL in a parameter', 'http://127.0.0.1:9/v1?next=https%3A%2F%2Fh.example%2F%3Fapi_key%3Dabc', 'a URL parameter named "api_key"'],
  ])('catches %s', (_what, url, why) => {
    expect(keyShapeIn(url)).toBe(why);
  });

  it.each([
    'http://localhost:8000/v1?q=caf%C3%A9&design=a',
    'http://localhost:8000/v1/files/report%20final%202026.json',
    'http://localhost:8000/v1?broken=%E0%A4%A&x=%ZZ&y=%',
    'https://h.example/v1?api-version=2024-06-01&next=https%3A%2F%2Fother.example%2Fdocs',
    '100% sure, 50%-off: %s and %d',
    'http://localhost:8000/v1;v=2/chat',
  ])('leaves %s alone', (text) => {
    expect(keyShapeIn(text)).toBeNull();
  });

  it('decodes until nothing changes, and stops on a malformed escape', () => {
    expect(percentDecodings('%25252573k')).toEqual(['%25252573k', '%252573k', '%2573k', '%73k', 'sk']);
    expect(percentDecodings('a%E0%41b')).toEqual(['a%E0%41b', 'a%E0Ab']);
    expect(percentDecodings('plain')).toEqual(['plain']);
  });

  it('refuses the issue\'s command line, naming the flag and never the key', () => {
    // An OpenAI project key as people paste it, dashes and all (no long run of letters and digits).
    const key = ['sk', 'proj', 'Canary4Rt7', 'Yu2Io9Pa1S', 'd3Fg5Hj7Kl', 'Zx8Cv0Bn2M'].join('-');
    const argv = ['register', '--name', 'x2', '--base-url', `http://127.0.0.1:9/v1?x=${encodeFirst(key)}`, '--model', 'm', '--domain', 'small'];
    expect(() => refuseKeysInArgs(argv)).toThrow(/^argument 5 \(the value of --base-url\) holds a token that starts like a key \(sk-…\), percent-encoded: a key never goes on the command line/);
  });

  it('redacts a percent-encoded key in free text (an API error that echoes the URL it was sent)', () => {
    const key = CANARY_KEYS.groq!;
    const text = `404 for http://h/v1?x=${encodeFirst(key)} and ${again(encodeAll(key))}; see %20 docs`;
    const redacted = redactKeyShapes(text);
    expect(redacted).toBe('404 for [redacted] and [redacted]; see %20 docs');
    expect(redactKeyShapes(`${CANARY_KEYS.openai} at http://h/v1?q=caf%C3%A9`)).toBe('sk-[redacted] at http://h/v1?q=caf%C3%A9');
    expect(keyShapeIn(redacted)).toBeNull();
  });
});
