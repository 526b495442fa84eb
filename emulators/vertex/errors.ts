// Google's JSON error envelope for Vertex AI, `{error:{code,message,status,details}}`
// (code = the HTTP status), and the errors the emulator raises. Messages follow
// the wording the real service uses where it is known (401, 403, 404 for
// publisher models, 429); the others are the emulator's own words.
import { EmulatedApiError } from '../shared/route.ts';

/** google.rpc.Code names with their numeric code and HTTP status. */
export const RPC_CODES = {
  CANCELLED: { code: 1, http: 499 },
  INVALID_ARGUMENT: { code: 3, http: 400 },
  NOT_FOUND: { code: 5, http: 404 },
  PERMISSION_DENIED: { code: 7, http: 403 },
  RESOURCE_EXHAUSTED: { code: 8, http: 429 },
  FAILED_PRECONDITION: { code: 9, http: 400 },
  INTERNAL: { code: 13, http: 500 },
  UNAVAILABLE: { code: 14, http: 503 },
  UNAUTHENTICATED: { code: 16, http: 401 },
} as const;

export type RpcStatus = keyof typeof RPC_CODES;

export class GoogleApiError extends EmulatedApiError {
  readonly status: number;

  constructor(
    readonly rpcStatus: RpcStatus,
    message: string,
    readonly details: Record<string, unknown>[] = [],
    headers: Record<string, string> = {},
  ) {
    super(message);
    this.status = RPC_CODES[rpcStatus].http;
    Object.assign(this.headers, headers);
  }

  toBody(): unknown {
    const error: Record<string, unknown> = { code: this.status, message: this.message, status: this.rpcStatus };
    if (this.details.length) error.details = this.details;
    return { error };
  }
}

const errorInfo = (reason: string, domain: string, metadata: Record<string, string>): Record<string, unknown> => ({
  '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
  reason,
  domain,
  metadata,
});

const CREDENTIAL_HINT =
  'Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.';

export const missingCredentials = (): GoogleApiError =>
  new GoogleApiError('UNAUTHENTICATED', `Request is missing required authentication credential. ${CREDENTIAL_HINT}`, [
    errorInfo('CREDENTIALS_MISSING', 'googleapis.com', { service: 'aiplatform.googleapis.com' }),
  ]);

export const invalidCredentials = (): GoogleApiError =>
  new GoogleApiError('UNAUTHENTICATED', `Request had invalid authentication credentials. ${CREDENTIAL_HINT}`, [
    errorInfo('ACCESS_TOKEN_TYPE_UNSUPPORTED', 'googleapis.com', { service: 'aiplatform.googleapis.com' }),
  ]);

export const permissionDenied = (permission: string, resource: string): GoogleApiError =>
  new GoogleApiError('PERMISSION_DENIED', `Permission '${permission}' denied on resource '//aiplatform.googleapis.com/${resource}' (or it may not exist).`, [
    errorInfo('IAM_PERMISSION_DENIED', 'aiplatform.googleapis.com', { permission, resource }),
  ]);

export const notFound = (message: string): GoogleApiError => new GoogleApiError('NOT_FOUND', message);

export const publisherModelNotFound = (resource: string): GoogleApiError =>
  notFound(
    `Publisher Model \`${resource}\` was not found or your project does not have access to it. Please ensure you are using a valid model version. For more information, see: https://cloud.google.com/vertex-ai/generative-ai/docs/learn/model-versions`,
  );

export const invalidArgument = (message: string, field?: string): GoogleApiError =>
  new GoogleApiError(
    'INVALID_ARGUMENT',
    message,
    field ? [{ '@type': 'type.googleapis.com/google.rpc.BadRequest', fieldViolations: [{ field, description: message }] }] : [],
  );

export const failedPrecondition = (message: string): GoogleApiError => new GoogleApiError('FAILED_PRECONDITION', message);

export const resourceExhausted = (retryAfterSeconds: number): GoogleApiError =>
  new GoogleApiError(
    'RESOURCE_EXHAUSTED',
    'Resource exhausted. Please try again later. Please refer to https://cloud.google.com/vertex-ai/generative-ai/docs/error-code-429 for more details.',
    [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: `${retryAfterSeconds}s` }],
    { 'retry-after': String(retryAfterSeconds) },
  );

export const internalError = (): GoogleApiError => new GoogleApiError('INTERNAL', 'Internal error encountered.');
