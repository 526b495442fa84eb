/** Platform plugins by name: the one place that knows which exist. */
import { BASE_URL_VARIABLES, checkBaseUrlEnv } from '../base-url-env.ts';
import { UserError } from '../errors.ts';
import { EndpointPlatform } from './endpoint.ts';
import { OpenAIPlatform } from './openai.ts';
import type { FineTuningPlatform } from './platform.ts';
import { TogetherPlatform } from './together.ts';
import { VertexPlatform } from './vertex.ts';

export const PLATFORMS = ['openai', 'vertex', 'together', 'endpoint'] as const;

export interface PlatformOptions {
  /** Retries of a call that failed for a passing reason (rate limit, server error, lost connection). */
  retries?: number;
  /** Vertex AI: where training files go (default $FTBENCH_GCS_URI). */
  gcsUri?: string;
  /** Told about each retry. */
  onRetry?: (message: string) => void;
}

export function createPlatform(id: string, env: NodeJS.ProcessEnv = process.env, options: PlatformOptions = {}): FineTuningPlatform {
  checkBaseUrlEnv(env, BASE_URL_VARIABLES[id] ?? []); // before anything is planned, written or paid
  if (id === 'openai') return new OpenAIPlatform(env, options);
  if (id === 'vertex') return new VertexPlatform(env, options);
  if (id === 'together') return new TogetherPlatform(env, options);
  if (id === 'endpoint') return new EndpointPlatform();
  throw new UserError(`unknown platform ${JSON.stringify(id)}; known: ${PLATFORMS.join(', ')}`);
}
