// Together AI's error envelope (`ErrorData` in its OpenAPI description, the
// same shape as OpenAI's): `{error:{message,type,param,code}}`, and how the
// API authenticates (Bearer key). The 401, 404-for-models and 429 wordings
// follow responses seen from the real service; the rest are the emulator's.
import { OpenAIStyleError } from '../shared/openai-style-error.ts';
import { EmulatedApiError, type ApiDialect } from '../shared/route.ts';
import type { ResolvedTogetherOptions } from './options.ts';

export class TogetherApiError extends OpenAIStyleError {}

export const badRequest = (message: string, param: string | null = null, code: string | null = null): TogetherApiError =>
  new TogetherApiError(400, message, 'invalid_request_error', param, code);

export const invalidApiKey = (): TogetherApiError =>
  new TogetherApiError(401, 'Invalid API key provided. You can find your API key at https://api.together.xyz/settings/api-keys.', 'invalid_request_error', null, 'invalid_api_key');

export const forbidden = (method: string, path: string): TogetherApiError =>
  new TogetherApiError(403, `Your API key does not have access to ${method} ${path}.`, 'invalid_request_error', null, 'forbidden');

export const notFound = (message: string, param: string | null = null): TogetherApiError =>
  new TogetherApiError(404, message, 'invalid_request_error', param, 'not_found');

export const modelNotAvailable = (model: string): TogetherApiError =>
  new TogetherApiError(
    404,
    `Unable to access model ${model}. Please visit https://api.together.ai/models to view the list of supported models.`,
    'invalid_request_error',
    null,
    'model_not_available',
  );

export const rateLimited = (retryAfterSeconds: number): TogetherApiError =>
  new TogetherApiError(429, 'You have been rate limited. Your rate limit is 600 queries per minute. Please wait before retrying.', 'rate_limit', null, 'rate_limit_exceeded', {
    'retry-after': String(retryAfterSeconds),
    'x-ratelimit-limit': '10',
    'x-ratelimit-remaining': '0',
    'x-ratelimit-reset': String(Math.ceil(retryAfterSeconds)),
  });

/** The model-limits route answers an unknown model with a bare `{message}` (its 404 in the description), not ErrorData. */
export class LimitsNotFound extends EmulatedApiError {
  readonly status = 404;
  constructor(readonly model: string) {
    super(`Model ${model} not found or not supported for fine-tuning.`);
  }
  toBody(): { message: string } {
    return { message: this.message };
  }
}

export const serverError = (): TogetherApiError => new TogetherApiError(500, 'Internal server error. Please try again later.', 'server_error');

export function togetherDialect(options: ResolvedTogetherOptions): ApiDialect {
  return {
    authenticate(req) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
      if (!match || (options.rejectKey !== undefined && match[1] === options.rejectKey)) throw invalidApiKey();
      if (options.forbidden?.test(`${req.method} ${req.path}`)) throw forbidden(req.method, req.path);
    },
    rateLimited,
    serverError,
    notFound: (method, path) => notFound(`Not found: ${method} ${path}`),
    invalidJson: (detail) => badRequest(`Request body is not valid JSON: ${detail}`),
  };
}
