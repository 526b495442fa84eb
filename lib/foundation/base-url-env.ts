/**
 * The variables that point the project at an API (an emulator, a proxy, a
 * self-hosted server), checked before any work starts: a value that is not an
 * http(s) URL would otherwise fail deep inside an SDK, after suites were
 * built or a ledger record written. Unset or empty means the API's default.
 */
import { UserError } from './errors.ts';
import { keyShapeIn } from './secret-shape.ts';

/** Each platform's base-URL variables (providers read the same ones). */
export const BASE_URL_VARIABLES: Record<string, readonly string[]> = {
  openai: ['OPENAI_BASE_URL'],
  together: ['TOGETHER_BASE_URL'],
  vertex: ['GOOGLE_VERTEX_BASE_URL', 'STORAGE_EMULATOR_HOST'],
  endpoint: [],
};

/** Variables that may also be a bare `host:port`, as Google's clients accept. */
const HOST_PORT_ALLOWED = new Set(['STORAGE_EMULATOR_HOST']);

export const ALL_BASE_URL_VARIABLES = [...new Set(Object.values(BASE_URL_VARIABLES).flat())];

/** A UserError naming the first of `names` that is set to something other than an http(s) URL. */
export function checkBaseUrlEnv(env: NodeJS.ProcessEnv, names: readonly string[] = ALL_BASE_URL_VARIABLES): void {
  for (const name of names) {
    const value = env[name];
    if (value === undefined || value === '') continue;
    // The value is repeated only when it cannot be a secret.
    const shown = keyShapeIn(value) ? '(its value is not repeated: it looks like it holds a key)' : JSON.stringify(value);
    let url: URL | null = null;
    try {
      url = new URL(HOST_PORT_ALLOWED.has(name) && !/^[a-z][a-z0-9+.-]*:\/\//i.test(value.trim()) ? `http://${value.trim()}` : value);
    } catch {
      // not a URL
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname)
      throw new UserError(`${name}=${shown} is not an http:// or https:// URL (e.g. http://127.0.0.1:8000/v1); set it to the API's base URL, or unset it for the default`);
    if (url.username || url.password) throw new UserError(`${name} must not carry credentials (user:password@): keys are read from their own variables`);
  }
}
