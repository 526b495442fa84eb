// The Cloud Storage JSON API routes a tuning plugin needs: a simple media
// upload (`POST /upload/storage/v1/b/{bucket}/o?uploadType=media&name=…`),
// object metadata and content (`alt=media`), listing and deletion. Only
// buckets named in the options exist. The origin serving these is what
// STORAGE_EMULATOR_HOST points at (in place of https://storage.googleapis.com).
import { createHash } from 'node:crypto';
import type { ApiDialect, Route } from '../shared/route.ts';
import type { VertexContext } from './context.ts';
import type { StoredObject } from './state.ts';
import { bucketNotFound, objectNotFound, storageBadRequest } from './storage-dialect.ts';

/** The `storage#object` resource for a stored object. */
export function objectResource(object: StoredObject, origin: string): Record<string, unknown> {
  const encoded = encodeURIComponent(object.name);
  const created = new Date(object.createdAtMs).toISOString();
  const md5 = createHash('md5').update(object.content).digest('base64');
  return {
    kind: 'storage#object',
    id: `${object.bucket}/${object.name}/${object.generation}`,
    selfLink: `${origin}/storage/v1/b/${object.bucket}/o/${encoded}`,
    mediaLink: `${origin}/download/storage/v1/b/${object.bucket}/o/${encoded}?generation=${object.generation}&alt=media`,
    name: object.name,
    bucket: object.bucket,
    generation: object.generation,
    metageneration: '1',
    contentType: object.contentType,
    storageClass: 'STANDARD',
    size: String(object.content.length),
    md5Hash: md5,
    etag: createHash('sha1').update(object.generation).digest('base64').slice(0, 12),
    timeCreated: created,
    updated: created,
    timeStorageClassUpdated: created,
  };
}

/** `gs://bucket/name` → its parts, or undefined when it is not such a URI. */
export function parseGsUri(uri: string): { bucket: string; name: string } | undefined {
  const match = /^gs:\/\/([^/]+)\/(.+)$/.exec(uri);
  return match ? { bucket: match[1]!, name: match[2]! } : undefined;
}

export function storedObject(ctx: VertexContext, bucket: string, name: string): StoredObject | undefined {
  return ctx.state.objects.get(`${bucket}/${name}`);
}

export function storageRoutes(ctx: VertexContext, dialect: ApiDialect, origin: () => string): Route[] {
  const bucketExists = (bucket: string): boolean => ctx.options.buckets.includes(bucket) || ctx.options.deniedBuckets.includes(bucket);
  const getObject = (bucket: string, name: string): StoredObject => {
    if (!bucketExists(bucket)) throw bucketNotFound();
    const object = storedObject(ctx, bucket, name);
    if (!object) throw objectNotFound(bucket, name);
    return object;
  };
  const media = (object: StoredObject) => ({ body: object.content, contentType: object.contentType });
  let generation = Date.now() * 1000;

  return [
    {
      method: 'POST',
      pattern: /^\/upload\/storage\/v1\/b\/(?<bucket>[^/]+)\/o$/,
      name: '/upload/storage/v1/b/{bucket}/o',
      dialect,
      permission: 'storage.objects.create',
      handle({ params, query, body, headers }) {
        const uploadType = query.get('uploadType');
        if (uploadType === null) throw storageBadRequest('Upload requests must include an uploadType URL parameter and a URL path beginning with /upload/', 'wrongUrlForUpload');
        if (uploadType !== 'media') throw storageBadRequest(`The emulator supports uploadType=media only (got ${JSON.stringify(uploadType)}).`);
        const name = query.get('name');
        if (!name) throw storageBadRequest('Required', 'required');
        if (!bucketExists(params.bucket!)) throw bucketNotFound();
        const object: StoredObject = {
          bucket: params.bucket!,
          name,
          content: body,
          contentType: headers['content-type'] ?? 'application/octet-stream',
          generation: String((generation = Math.max(generation + 1, ctx.now() * 1000))),
          createdAtMs: ctx.now(),
        };
        ctx.state.objects.set(`${object.bucket}/${object.name}`, object);
        ctx.state.changed();
        return { json: objectResource(object, origin()) };
      },
    },
    {
      method: 'GET',
      pattern: /^\/storage\/v1\/b\/(?<bucket>[^/]+)\/o$/,
      name: '/storage/v1/b/{bucket}/o',
      dialect,
      permission: 'storage.objects.list',
      handle({ params, query }) {
        if (!bucketExists(params.bucket!)) throw bucketNotFound();
        const prefix = query.get('prefix') ?? '';
        const items = [...ctx.state.objects.values()]
          .filter((o) => o.bucket === params.bucket && o.name.startsWith(prefix))
          .sort((a, b) => a.name.localeCompare(b.name))
          .map((o) => objectResource(o, origin()));
        return { json: items.length ? { kind: 'storage#objects', items } : { kind: 'storage#objects' } };
      },
    },
    {
      method: 'GET',
      pattern: /^\/storage\/v1\/b\/(?<bucket>[^/]+)\/o\/(?<object>.+)$/,
      name: '/storage/v1/b/{bucket}/o/{object}',
      dialect,
      permission: 'storage.objects.get',
      handle({ params, query }) {
        const object = getObject(params.bucket!, params.object!);
        return query.get('alt') === 'media' ? media(object) : { json: objectResource(object, origin()) };
      },
    },
    {
      method: 'GET',
      pattern: /^\/download\/storage\/v1\/b\/(?<bucket>[^/]+)\/o\/(?<object>.+)$/,
      name: '/download/storage/v1/b/{bucket}/o/{object}',
      dialect,
      permission: 'storage.objects.get',
      handle: ({ params }) => media(getObject(params.bucket!, params.object!)),
    },
    {
      method: 'DELETE',
      pattern: /^\/storage\/v1\/b\/(?<bucket>[^/]+)\/o\/(?<object>.+)$/,
      name: '/storage/v1/b/{bucket}/o/{object}',
      dialect,
      permission: 'storage.objects.delete',
      handle({ params }) {
        const object = getObject(params.bucket!, params.object!);
        ctx.state.objects.delete(`${object.bucket}/${object.name}`);
        ctx.state.changed();
        return { status: 204, body: '', contentType: 'text/plain' };
      },
    },
  ];
}
