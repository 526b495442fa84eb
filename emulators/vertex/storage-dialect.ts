// How the Cloud Storage JSON API authenticates and fails. Its error envelope
// differs from Vertex AI's: `{error:{code,message,errors:[{message,domain,reason,…}]}}`.
import type { ApiDialect } from '../shared/route.ts';
import { EmulatedApiError } from '../shared/route.ts';
import { credentialOf } from './credentials.ts';
import type { ResolvedVertexOptions } from './options.ts';

export class StorageApiError extends EmulatedApiError {
  constructor(
    readonly status: number,
    message: string,
    readonly reason: string,
    readonly extra: Record<string, string> = {},
    headers: Record<string, string> = {},
  ) {
    super(message);
    Object.assign(this.headers, headers);
  }

  toBody(): unknown {
    return { error: { code: this.status, message: this.message, errors: [{ message: this.message, domain: 'global', reason: this.reason, ...this.extra }] } };
  }
}

const AUTH_LOCATION = { locationType: 'header', location: 'Authorization' };

/** `storage.objects.create` → the sentence Cloud Storage uses for callers without it. */
const accessSentence = (who: string, permission: string): string =>
  `${who} does not have ${permission} access to the Google Cloud Storage object. Permission '${permission}' denied on resource (or it may not exist).`;

export const storageNotFound = (message: string): StorageApiError => new StorageApiError(404, message, 'notFound');
export const bucketNotFound = (): StorageApiError => storageNotFound('The specified bucket does not exist.');
export const objectNotFound = (bucket: string, name: string): StorageApiError => storageNotFound(`No such object: ${bucket}/${name}`);
export const storageBadRequest = (message: string, reason = 'invalid'): StorageApiError => new StorageApiError(400, message, reason);

export function storageDialect(options: ResolvedVertexOptions): ApiDialect {
  return {
    authenticate(req, route) {
      const permission = route.permission ?? 'storage.objects.get';
      const credential = credentialOf(req.headers, req.query);
      if (!credential) throw new StorageApiError(401, accessSentence('Anonymous caller', permission), 'required', AUTH_LOCATION);
      if (options.rejectCredential !== undefined && credential.value === options.rejectCredential) {
        throw new StorageApiError(401, 'Invalid Credentials', 'authError', AUTH_LOCATION);
      }
      if (req.params.bucket !== undefined && options.deniedBuckets.includes(req.params.bucket)) {
        throw new StorageApiError(403, accessSentence(`emulator-user@${options.project}.iam.gserviceaccount.com`, permission), 'forbidden');
      }
    },
    rateLimited: (retryAfterSeconds) =>
      new StorageApiError(429, 'The rate of requests exceeds the rate limit. Please reduce the rate of requests.', 'rateLimitExceeded', {}, {
        'retry-after': String(retryAfterSeconds),
      }),
    serverError: () => new StorageApiError(500, 'We encountered an internal error. Please try again.', 'backendError'),
    notFound: (_method, path) => storageNotFound(`Not Found: ${path}`),
    invalidJson: (detail) => storageBadRequest(`Invalid JSON payload received. ${detail}`, 'parseError'),
  };
}
