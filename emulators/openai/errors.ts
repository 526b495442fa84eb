// OpenAI's error envelope, `{error:{message,type,param,code}}`, and the errors
// the emulator raises. Messages follow the wording the real API uses so that
// code matching on them (and humans reading logs) see familiar text.
import { OpenAIStyleError } from '../shared/openai-style-error.ts';

/** Thrown by route handlers; the server turns it into the HTTP response. */
export class ApiError extends OpenAIStyleError {}

export const badRequest = (message: string, param: string | null = null, code: string | null = null): ApiError =>
  new ApiError(400, message, 'invalid_request_error', param, code);

export const missingApiKey = (): ApiError =>
  new ApiError(
    401,
    "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password field (i.e. YOUR_KEY) when using HTTP Basic auth.",
  );

export const invalidApiKey = (key: string): ApiError =>
  new ApiError(
    401,
    `Incorrect API key provided: ${key.length > 8 ? `${key.slice(0, 3)}*****${key.slice(-4)}` : '*****'}. You can find your API key at https://platform.openai.com/account/api-keys.`,
    'invalid_request_error',
    null,
    'invalid_api_key',
  );

export const invalidUrl = (method: string, path: string): ApiError =>
  new ApiError(404, `Invalid URL (${method} ${path})`);

export const noSuchObject = (kind: string, id: string, param = 'id'): ApiError =>
  new ApiError(404, `No such ${kind} object: ${id}`, 'invalid_request_error', param, null);

export const modelNotFound = (model: string): ApiError =>
  new ApiError(404, `The model \`${model}\` does not exist or you do not have access to it.`, 'invalid_request_error', null, 'model_not_found');

export const modelRetired = (model: string): ApiError =>
  new ApiError(
    404,
    `The model \`${model}\` has been deprecated and retired; it does not exist anymore. Learn more: https://platform.openai.com/docs/deprecations`,
    'invalid_request_error',
    null,
    'model_not_found',
  );

export const modelNotFineTunable = (model: string): ApiError =>
  new ApiError(404, `Model ${model} is not available for fine-tuning or does not exist.`, 'invalid_request_error', 'model', 'model_not_found');

export const trainingNotAvailable = (): ApiError =>
  new ApiError(
    403,
    'OpenAI is winding down the fine-tuning platform and your organization is no longer able to create new fine-tuning training jobs.',
    'invalid_request_error',
    null,
    'training_not_available',
  );

export const rateLimited = (retryAfterSeconds: number): ApiError =>
  new ApiError(
    429,
    `Rate limit reached for requests in organization org-emulator on requests per min (RPM): Limit 500, Used 500, Requested 1. Please try again in ${retryAfterSeconds}s. Visit https://platform.openai.com/account/rate-limits to learn more.`,
    'requests',
    null,
    'rate_limit_exceeded',
    {
      'retry-after': String(retryAfterSeconds),
      'x-ratelimit-limit-requests': '500',
      'x-ratelimit-remaining-requests': '0',
      'x-ratelimit-reset-requests': `${retryAfterSeconds}s`,
      'x-ratelimit-limit-tokens': '200000',
      'x-ratelimit-remaining-tokens': '199000',
      'x-ratelimit-reset-tokens': '300ms',
    },
  );

export const serverError = (): ApiError =>
  new ApiError(
    500,
    'The server had an error while processing your request. Sorry about that!',
    'server_error',
  );
