/**
 * The two Cloud Storage JSON API calls the Vertex AI plugin needs, by fetch:
 * read an object's metadata (to find a training file uploaded before) and a
 * simple media upload. Authenticated with a bearer token from
 * google-auth-library (Application Default Credentials). STORAGE_EMULATOR_HOST,
 * Google's own client convention, moves it off https://storage.googleapis.com.
 */
import { createHash } from 'node:crypto';
import { UserError } from '../foundation/errors.ts';

export const STORAGE_HOST = 'https://storage.googleapis.com';

/** `gs://bucket/prefix` (prefix optional), as the user names where training files go. */
export interface GcsLocation {
  bucket: string;
  /** Folder inside the bucket, no leading or trailing slash ('' for the bucket's top). */
  prefix: string;
}

/** Google's bucket naming rules, enough to catch a typo or a path given where a gs:// URI is wanted. */
const BUCKET = /^[a-z0-9][a-z0-9._-]{1,220}[a-z0-9]$/;

export function parseGcsUri(uri: string, where: string): GcsLocation {
  const m = /^gs:\/\/([^/]+)(?:\/(.*))?$/.exec(uri.trim());
  if (!m) throw new UserError(`${where} ${JSON.stringify(uri)} is not a Cloud Storage URI: expected gs://BUCKET or gs://BUCKET/FOLDER`);
  if (!BUCKET.test(m[1]!)) throw new UserError(`${where} ${JSON.stringify(uri)}: "${m[1]}" is not a valid bucket name (lowercase letters, digits, dots, dashes, underscores)`);
  return { bucket: m[1]!, prefix: (m[2] ?? '').replace(/^\/+|\/+$/g, '') };
}

export const gcsUri = (bucket: string, name: string): string => `gs://${bucket}/${name}`;

/** An error answered by Cloud Storage: `{error:{code,message,errors:[{reason}]}}`. */
export class CloudStorageError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly reason: string | null,
    /** What Retry-After asked for, in ms. */
    readonly retryAfterMs: number | undefined,
  ) {
    super(message);
    this.name = 'CloudStorageError';
  }
}

export interface StoredObject {
  size: number;
  /** base64 MD5 of the content, as Cloud Storage reports it. */
  md5Hash: string | null;
}

export const md5Base64 = (content: string): string => createHash('md5').update(content).digest('base64');

/** STORAGE_EMULATOR_HOST may be `host:port` (as Google's clients accept) or a URL. */
export function storageHost(env: NodeJS.ProcessEnv): string {
  const host = env.STORAGE_EMULATOR_HOST?.trim();
  if (!host) return STORAGE_HOST;
  return (/^https?:\/\//.test(host) ? host : `http://${host}`).replace(/\/+$/, '');
}

async function failure(response: Response): Promise<CloudStorageError> {
  const text = await response.text();
  let message = text.trim() || response.statusText;
  let reason: string | null = null;
  try {
    const body = JSON.parse(text) as { error?: { message?: string; errors?: { reason?: string }[] } };
    if (body.error?.message) message = body.error.message;
    reason = body.error?.errors?.[0]?.reason ?? null;
  } catch {
    // not JSON (a proxy's page): keep the text
  }
  const after = Number.parseFloat(response.headers.get('retry-after') ?? '');
  return new CloudStorageError(response.status, message, reason, Number.isFinite(after) ? after * 1000 : undefined);
}

export class CloudStorage {
  constructor(
    private readonly accessToken: () => Promise<string>,
    readonly host: string = STORAGE_HOST,
  ) {}

  private async headers(extra: Record<string, string> = {}): Promise<Record<string, string>> {
    return { authorization: `Bearer ${await this.accessToken()}`, ...extra };
  }

  /** The object's size and hash, or null when it does not exist (a missing bucket is an error). */
  async stat(bucket: string, name: string): Promise<StoredObject | null> {
    const response = await fetch(`${this.host}/storage/v1/b/${encodeURIComponent(bucket)}/o/${encodeURIComponent(name)}`, { headers: await this.headers() });
    if (response.status === 404) {
      const error = await failure(response);
      // "No such object" is an answer; "The specified bucket does not exist" is a mistake to report.
      if (/bucket does not exist/i.test(error.message)) throw error;
      return null;
    }
    if (!response.ok) throw await failure(response);
    const object = (await response.json()) as { size?: string; md5Hash?: string };
    return { size: Number(object.size ?? 0), md5Hash: object.md5Hash ?? null };
  }

  /** Writes the object (replacing any of the same name: an upload is safe to retry). */
  async upload(bucket: string, name: string, content: string, contentType: string): Promise<StoredObject> {
    const url = `${this.host}/upload/storage/v1/b/${encodeURIComponent(bucket)}/o?uploadType=media&name=${encodeURIComponent(name)}`;
    const response = await fetch(url, { method: 'POST', headers: await this.headers({ 'content-type': contentType }), body: content });
    if (!response.ok) throw await failure(response);
    const object = (await response.json()) as { size?: string; md5Hash?: string };
    return { size: Number(object.size ?? Buffer.byteLength(content)), md5Hash: object.md5Hash ?? null };
  }
}
