/**
 * What looks like a secret, so no key is ever taken from a command line or
 * written to a file (ledger, suites, reports). The rule, applied to any text:
 *
 * 1. A known key prefix — sk- sk_ gsk_ fw_ hf_ r8_ xai- AIza ya29. ghp_ gho_
 *    github_pat_ glpat- xoxb- xoxp- AKIA nvapi- pplx- tgp_v1_ — at the start
 *    of the text or after a character that is not a letter or digit, followed
 *    by a tail of at least 16 characters from [A-Za-z0-9_-] that mixes at
 *    least two of lower case, upper case and digits and has a run of at least
 *    10 letters and digits (so `sk-Proj4…` is a key, `my-sk-model-for-tests`
 *    is not).
 * 2. A long random-looking token: a run of at least 32 letters and digits
 *    (bounded by anything else) holding both a letter and a digit (64-hex
 *    Together keys, 32-character Mistral keys, …). Words, numbers, paths,
 *    model names, UUIDs and run keys (16 hex digits) do not match.
 * 3. In a URL: credentials before the host (user:password@), and a query,
 *    fragment or path parameter (`;name=value`) whose name has a word saying
 *    it carries one (key, apikey, token, secret, sig, signature, password,
 *    auth, credential: `api_key`, `X-Api-Key`, `accessToken`, `#key=`,
 *    `;api_key=`), whatever its value looks like (`api-version` is fine); a
 *    parameter whose value is itself a URL is checked as one.
 *
 * Every rule sees the text raw and then percent-decoded, again and again
 * until decoding changes nothing: a server decodes `?x=%73k-proj-…` into the
 * key, and `%2573k-…` into `%73k-…`, so each layer is what some reader sees.
 *
 * A message about a match never repeats the text: only where it was and
 * which rule matched.
 */
import { UserError } from './errors.ts';

export const KEY_PREFIXES = [
  'sk-', 'sk_', 'gsk_', 'fw_', 'hf_', 'r8_', 'xai-', 'AIza', 'ya29.', 'ghp_', 'gho_', 'github_pat_',
  'glpat-', 'xoxb-', 'xoxp-', 'AKIA', 'nvapi-', 'pplx-', 'tgp_v1_',
] as const;

/** The name of an environment variable, as --api-key-env takes it. */
export const ENV_VAR_NAME = /^[A-Z_][A-Z0-9_]*$/;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const PREFIXED = new RegExp(`(?<![A-Za-z0-9])(${KEY_PREFIXES.map(escape).join('|')})([A-Za-z0-9_-]+)`, 'g');
const LONG_RUN = /[A-Za-z0-9]{32,}/g;
/** Words in a URL parameter's name that say its value is a credential (`api_key`, `X-Api-Key`, `accessToken`, `sig`). */
const SECRET_WORDS = new Set(['key', 'apikey', 'token', 'secret', 'sig', 'signature', 'password', 'passwd', 'pwd', 'auth', 'authorization', 'credential', 'credentials']);
const secretParam = (name: string) => name.split(/[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])/).some((w) => SECRET_WORDS.has(w.toLowerCase()));

function randomTail(tail: string): boolean {
  if (tail.length < 16) return false;
  const classes = Number(/[a-z]/.test(tail)) + Number(/[A-Z]/.test(tail)) + Number(/[0-9]/.test(tail));
  const longestRun = Math.max(0, ...(tail.match(/[A-Za-z0-9]+/g) ?? []).map((r) => r.length));
  return classes >= 2 && longestRun >= 10;
}

/** The names of `;name=value` parameters in a path's segments (`/v1;api_key=…/chat`). */
function pathParamNames(pathname: string): string[] {
  return pathname.split('/').flatMap((segment) => segment.split(';').slice(1).map((p) => p.split('=')[0]!));
}

function urlSecret(text: string): string | null {
  for (const candidate of text.match(/[a-z][a-z0-9+.-]*:\/\/\S+/gi) ?? []) {
    let url: URL;
    try {
      url = new URL(candidate);
    } catch {
      continue;
    }
    if (url.username || url.password) return 'a URL with credentials (user:password@)';
    const params = [...url.searchParams, ...new URLSearchParams(url.hash.slice(1))];
    const secret = [...params.map(([name]) => name), ...pathParamNames(url.pathname)].find(secretParam);
    if (secret !== undefined) return `a URL parameter named "${secret}"`;
    // A URL carried as a parameter's value (`?next=https://me:pw@…`) is checked as one.
    for (const [, value] of params) {
      const inner = value.includes('://') ? urlSecret(value) : null;
      if (inner) return inner;
    }
  }
  return null;
}

/** Rules 1 and 2 on one text: a known prefix with a random tail, or a long random run. */
function tokenShape(text: string): string | null {
  for (const m of text.matchAll(PREFIXED)) if (randomTail(m[2]!)) return `a token that starts like a key (${m[1]}…)`;
  for (const m of text.matchAll(LONG_RUN)) if (/[A-Za-z]/.test(m[0]) && /[0-9]/.test(m[0])) return `a ${m[0].length}-character random-looking token`;
  return null;
}

/** Decodes every %XX escape once (a run of them as UTF-8; where a run is not UTF-8, its ASCII escapes alone). */
function percentDecodeOnce(text: string): string {
  return text.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run.replace(/%([0-7][0-9A-Fa-f])/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    }
  });
}

/** `text`, then each percent-decoding of it until one changes nothing (`%2573k-` → `%73k-` → `sk-`); each step shortens it, so this ends. */
export function percentDecodings(text: string): string[] {
  const layers = [text];
  for (;;) {
    const next = percentDecodeOnce(layers.at(-1)!);
    if (next === layers.at(-1)) return layers;
    layers.push(next);
  }
}

/** Why `text` looks like it holds a secret (never the secret itself), or null. */
export function keyShapeIn(text: string): string | null {
  for (const [depth, layer] of percentDecodings(text).entries()) {
    const why = tokenShape(layer) ?? urlSecret(layer);
    if (why) return depth === 0 ? why : `${why}, percent-encoded`;
  }
  return null;
}

/** `text` with every key-shaped token replaced, for free text (an API's error message) that must be kept. */
export function redactKeyShapes(text: string): string {
  return (
    text
      // A word that holds a key once percent-decoded (`?x=%73k-…`) goes whole: its parts do not look like one.
      .replace(/[^\s"'<>(),;]*%[0-9A-Fa-f]{2}[^\s"'<>(),;]*/g, (word) => (percentDecodings(word).some((layer) => tokenShape(layer) !== null) ? '[redacted]' : word))
      .replace(PREFIXED, (all, prefix: string, tail: string) => (randomTail(tail) ? `${prefix}[redacted]` : all))
      .replace(LONG_RUN, (run) => (/[A-Za-z]/.test(run) && /[0-9]/.test(run) ? '[redacted]' : run))
  );
}

/**
 * Refuses a command line holding anything key-shaped. The message names the
 * argument (its position and flag) and the rule, never its text.
 */
export function refuseKeysInArgs(argv: readonly string[]): void {
  argv.forEach((arg, i) => {
    const why = keyShapeIn(arg);
    if (!why) return;
    const flag = /^--?[A-Za-z][\w-]*(?==)/.exec(arg)?.[0] ?? (argv[i - 1]?.startsWith('-') ? argv[i - 1]!.split('=')[0] : null);
    throw new UserError(
      `argument ${i + 1}${flag ? ` (the value of ${flag})` : ''} holds ${why}: a key never goes on the command line (it would reach shell history, the ledger and reports). ` +
        'Export it in a variable and give the variable\'s NAME (e.g. --api-key-env MY_KEY)',
    );
  });
}

/** Checks an --api-key-env value: the NAME of a variable, never a key (the value is not repeated). */
export function checkKeyEnvName(name: string, flag = '--api-key-env'): void {
  if (keyShapeIn(name)) throw new UserError(`${flag} looks like a key, not the name of a variable: export the key (export MY_KEY=…) and pass ${flag} MY_KEY`);
  if (!ENV_VAR_NAME.test(name)) throw new UserError(`${flag} takes the NAME of an environment variable: capital letters, digits and _, not starting with a digit (e.g. ${flag} MY_KEY)`);
}

/**
 * The first string inside `value` (a record about to be written) holding a
 * key shape, as its path (`spec.target.baseUrl`), or null. `skip(path)` leaves
 * out fields that are hashes by design (sha256, run keys).
 */
export function keyShapedField(value: unknown, skip: (path: string) => boolean = () => false, at = ''): string | null {
  if (skip(at)) return null;
  if (typeof value === 'string') return keyShapeIn(value) ? at || '(the value)' : null;
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const found = keyShapedField(v, skip, `${at}[${i}]`);
      if (found) return found;
    }
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const found = keyShapedField(v, skip, at ? `${at}.${k}` : k);
      if (found) return found;
    }
  }
  return null;
}
