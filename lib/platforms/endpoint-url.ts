/**
 * The base URL a model endpoint (platform.ts ModelEndpoint) is asked at, in
 * a given environment: a registered server's own, else the one its
 * variable names (OPENAI_BASE_URL, TOGETHER_BASE_URL, GOOGLE_VERTEX_BASE_URL),
 * else the platform's default. undefined: the client's own default (OpenAI's,
 * Google's), a public API.
 */
import type { ModelEndpoint } from './platform.ts';

export const VERTEX_BASE_URL_ENV = 'GOOGLE_VERTEX_BASE_URL';

export function endpointBaseUrl(endpoint: ModelEndpoint, env: NodeJS.ProcessEnv): string | undefined {
  if (endpoint.api === 'vertex') return env[VERTEX_BASE_URL_ENV] || undefined;
  const fromEnv = endpoint.baseUrlEnv ? env[endpoint.baseUrlEnv] : undefined;
  return endpoint.baseUrl ?? (fromEnv || endpoint.defaultBaseUrl || undefined);
}
