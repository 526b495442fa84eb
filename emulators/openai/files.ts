// /v1/files: upload (multipart), list, retrieve, download, delete. A fine-tune
// upload is `uploaded`, then `processed` after fileProcessingMs; its content is
// checked when a job uses it (as OpenAI does), not at upload.
import type { EmulatorContext, RouteDef } from './context.ts';
import { badRequest, noSuchObject } from './errors.ts';
import { newId } from './ids.ts';
import { seconds } from './lifecycle.ts';
import { readMultipartForm } from './multipart.ts';
import { page } from './pagination.ts';
import type { FileObject, FileRecord } from './state.ts';

const PURPOSES: readonly FileObject['purpose'][] = ['assistants', 'batch', 'fine-tune', 'vision', 'user_data'];

export function fileView(file: FileRecord, nowMs: number): FileObject {
  return {
    object: 'file',
    id: file.id,
    purpose: file.purpose,
    filename: file.filename,
    bytes: file.bytes,
    created_at: seconds(file.createdAtMs),
    status: nowMs >= file.processedAtMs ? 'processed' : 'uploaded',
  };
}

export function getFile(ctx: EmulatorContext, id: string): FileRecord {
  const file = ctx.state.files.get(id);
  if (!file) throw noSuchObject('File', id);
  return file;
}

export function fileRoutes(ctx: EmulatorContext): RouteDef[] {
  return [
    {
      method: 'post',
      path: '/files',
      async handle({ raw }) {
        const form = await readMultipartForm(raw);
        const purpose = form.get('purpose');
        const upload = form.get('file');
        if (typeof purpose !== 'string' || purpose === '') throw badRequest("Missing required parameter: 'purpose'.", 'purpose', 'missing_required_parameter');
        if (!PURPOSES.includes(purpose as FileObject['purpose'])) {
          throw badRequest(`'${purpose}' is not one of ${JSON.stringify(PURPOSES)} - 'purpose'`, 'purpose', 'invalid_value');
        }
        if (upload === null || typeof upload === 'string') throw badRequest("Missing required parameter: 'file'.", 'file', 'missing_required_parameter');
        const filename = upload.name || 'upload';
        if (purpose === 'fine-tune' && !filename.endsWith('.jsonl')) {
          throw badRequest('Invalid file format for Fine-Tuning API. Must be .jsonl', 'file', 'invalid_file_format');
        }
        const content = Buffer.from(await upload.arrayBuffer());
        const now = ctx.now();
        const file: FileRecord = {
          id: newId.file(),
          filename,
          purpose: purpose as FileObject['purpose'],
          bytes: content.length,
          createdAtMs: now,
          processedAtMs: now + ctx.options.fileProcessingMs,
          content,
        };
        ctx.state.files.set(file.id, file);
        ctx.state.changed();
        return { json: fileView(file, now) };
      },
    },
    {
      method: 'get',
      path: '/files',
      handle({ query }) {
        const purpose = query.get('purpose');
        const order = query.get('order') ?? 'desc';
        if (order !== 'asc' && order !== 'desc') throw badRequest(`Invalid 'order': must be 'asc' or 'desc'.`, 'order');
        const now = ctx.now();
        const files = [...ctx.state.files.values()]
          .filter((f) => !purpose || f.purpose === purpose)
          .map((f) => fileView(f, now));
        if (order === 'desc') files.reverse();
        const { data, has_more } = page(files, query, 10000, 10000);
        // An empty list has no first/last id; we send null (unverified against the real API;
        // the OpenAPI description types these as plain strings).
        return { json: { object: 'list', data, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null, has_more } };
      },
    },
    {
      method: 'get',
      path: '/files/{file_id}',
      handle({ params }) {
        return { json: fileView(getFile(ctx, params.file_id!), ctx.now()) };
      },
    },
    {
      method: 'get',
      path: '/files/{file_id}/content',
      handle({ params }) {
        const file = getFile(ctx, params.file_id!);
        return { text: file.content, contentType: 'application/octet-stream' };
      },
    },
    {
      method: 'delete',
      path: '/files/{file_id}',
      handle({ params }) {
        const file = getFile(ctx, params.file_id!);
        ctx.state.files.delete(file.id);
        ctx.state.changed();
        return { json: { id: file.id, object: 'file', deleted: true } };
      },
    },
  ];
}
