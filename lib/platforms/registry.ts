/**
 * Platform plugins by name: the one place that knows which exist. A plugin
 * brings its SDK (openai, @google/genai with google-auth-library, together-ai), which
 * takes about a second to load, so plugins load only when their platform is
 * named (a flag, a provider's config) or found in the ledger:
 * `await loadPlatforms(ids)`, then `createPlatform(id)`.
 */
import { BASE_URL_VARIABLES, checkBaseUrlEnv } from '../foundation/base-url-env.ts';
import { UserError } from '../foundation/errors.ts';
import type { FineTuningPlatform } from './platform.ts';

export const PLATFORMS = ['openai', 'vertex', 'together', 'endpoint'] as const;
export type PlatformId = (typeof PLATFORMS)[number];

export interface PlatformOptions {
  /** Retries of a call that failed for a passing reason (rate limit, server error, lost connection). */
  retries?: number;
  /** Vertex AI: where training files go (default $FTBENCH_GCS_URI). */
  gcsUri?: string;
  /** Told about each retry. */
  onRetry?: (message: string) => void;
}

type PlatformFactory = (env: NodeJS.ProcessEnv, options: PlatformOptions) => FineTuningPlatform;

const LOADERS: Record<PlatformId, () => Promise<PlatformFactory>> = {
  openai: async () => {
    const { OpenAIPlatform } = await import('./openai.ts');
    return (env, options) => new OpenAIPlatform(env, options);
  },
  vertex: async () => {
    const { VertexPlatform } = await import('./vertex.ts');
    return (env, options) => new VertexPlatform(env, options);
  },
  together: async () => {
    const { TogetherPlatform } = await import('./together.ts');
    return (env, options) => new TogetherPlatform(env, options);
  },
  endpoint: async () => {
    const { EndpointPlatform } = await import('./endpoint.ts');
    return () => new EndpointPlatform();
  },
};

const loaded = new Map<string, PlatformFactory>();

function isPlatformId(id: string): id is PlatformId {
  return (PLATFORMS as readonly string[]).includes(id);
}

function unknownPlatform(id: string): UserError {
  return new UserError(`unknown platform ${JSON.stringify(id)}; known: ${PLATFORMS.join(', ')}`);
}

/** Loads the plugins (and SDKs) of these platforms, once each; a UserError for an unknown name. */
export async function loadPlatforms(ids: Iterable<string>): Promise<void> {
  await Promise.all(
    [...new Set(ids)].map(async (id) => {
      if (!isPlatformId(id)) throw unknownPlatform(id);
      if (!loaded.has(id)) loaded.set(id, await LOADERS[id]());
    }),
  );
}

/** A platform whose plugin loadPlatforms has loaded. */
export function createPlatform(id: string, env: NodeJS.ProcessEnv = process.env, options: PlatformOptions = {}): FineTuningPlatform {
  if (!isPlatformId(id)) throw unknownPlatform(id);
  checkBaseUrlEnv(env, BASE_URL_VARIABLES[id] ?? []); // before anything is planned, written or paid
  const factory = loaded.get(id);
  if (!factory) throw new Error(`platform ${id} is not loaded: await loadPlatforms([${JSON.stringify(id)}]) before createPlatform`);
  return factory(env, options);
}

/** loadPlatforms, then createPlatform. */
export async function loadPlatform(id: string, env: NodeJS.ProcessEnv = process.env, options: PlatformOptions = {}): Promise<FineTuningPlatform> {
  await loadPlatforms([id]);
  return createPlatform(id, env, options);
}
