// /v1/files: upload (`POST /files/upload`, multipart: purpose, file_name,
// file_type, file), list, retrieve, content, delete. A fine-tune file is
// checked at upload, as Together's file check does, and refused with a 400
// naming the line when it is not a valid dataset.
import { randomUUID } from 'node:crypto';
import { parseMultipartForm } from '../shared/multipart.ts';
import type { Route } from '../shared/route.ts';
import { seconds, type TogetherContext } from './context.ts';
import { badRequest, notFound } from './errors.ts';
import type { FileRecord } from './state.ts';
import { parseTrainingFile } from './training-data.ts';

const PURPOSES = ['fine-tune', 'eval', 'eval-sample', 'eval-output', 'eval-summary', 'batch-generated', 'batch-api'];
const FILE_TYPES = ['jsonl', 'csv', 'parquet'];

/** The API's FileResponse. */
export function fileView(file: FileRecord): Record<string, unknown> {
  return {
    id: file.id,
    object: 'file',
    created_at: seconds(file.createdAtMs),
    filename: file.filename,
    bytes: file.bytes,
    purpose: file.purpose,
    Processed: true,
    FileType: file.fileType,
    LineCount: file.lines,
  };
}

export function getFile(ctx: TogetherContext, id: string): FileRecord {
  const file = ctx.state.files.get(id);
  if (!file) throw notFound(`File ${id} not found.`, 'id');
  return file;
}

export function fileRoutes(ctx: TogetherContext): Route[] {
  const { dialect } = ctx;
  return [
    {
      method: 'POST',
      pattern: /^\/v1\/files\/upload$/,
      name: '/v1/files/upload',
      dialect,
      async handle({ body, headers }) {
        const form = await parseMultipartForm(body, headers['content-type']);
        if ('problem' in form) throw badRequest(form.problem);
        const purpose = form.get('purpose');
        const fileName = form.get('file_name');
        const fileType = form.get('file_type') ?? 'jsonl';
        const upload = form.get('file');
        if (typeof purpose !== 'string' || !PURPOSES.includes(purpose)) {
          throw badRequest(`Invalid 'purpose' ${JSON.stringify(purpose)}: expected one of ${PURPOSES.join(', ')}.`, 'purpose');
        }
        if (typeof fileName !== 'string' || fileName === '') throw badRequest("Missing required field 'file_name'.", 'file_name');
        if (typeof fileType !== 'string' || !FILE_TYPES.includes(fileType)) throw badRequest(`Invalid 'file_type' ${JSON.stringify(fileType)}: expected one of ${FILE_TYPES.join(', ')}.`, 'file_type');
        if (upload === null || typeof upload === 'string') throw badRequest("Missing required field 'file'.", 'file');
        const content = Buffer.from(await upload.arrayBuffer());
        const text = content.toString('utf8');
        let dataset: FileRecord['dataset'] = null;
        if (purpose === 'fine-tune') {
          if (fileType !== 'jsonl') throw badRequest('The emulator checks fine-tune files in jsonl only.', 'file_type');
          const parsed = parseTrainingFile(text, ctx.options.minExamples);
          if ('problem' in parsed) throw badRequest(`Invalid fine-tuning file ${fileName}: ${parsed.problem}`, 'file', 'invalid_file_format');
          dataset = parsed;
        }
        const file: FileRecord = {
          id: `file-${randomUUID()}`,
          filename: fileName,
          purpose,
          fileType,
          bytes: content.length,
          lines: text.split(/\r?\n/).filter((l) => l.trim() !== '').length,
          createdAtMs: ctx.now(),
          content,
          dataset,
        };
        ctx.state.files.set(file.id, file);
        ctx.state.changed();
        return { json: fileView(file) };
      },
    },
    {
      method: 'GET',
      pattern: /^\/v1\/files$/,
      name: '/v1/files',
      dialect,
      handle: () => ({ json: { data: [...ctx.state.files.values()].map(fileView) } }),
    },
    {
      method: 'GET',
      pattern: /^\/v1\/files\/(?<id>[^/]+)$/,
      name: '/v1/files/{id}',
      dialect,
      handle: ({ params }) => ({ json: fileView(getFile(ctx, params.id!)) }),
    },
    {
      method: 'GET',
      pattern: /^\/v1\/files\/(?<id>[^/]+)\/content$/,
      name: '/v1/files/{id}/content',
      dialect,
      handle: ({ params }) => ({ body: getFile(ctx, params.id!).content, contentType: 'application/octet-stream' }),
    },
    {
      method: 'DELETE',
      pattern: /^\/v1\/files\/(?<id>[^/]+)$/,
      name: '/v1/files/{id}',
      dialect,
      handle({ params }) {
        const file = getFile(ctx, params.id!);
        ctx.state.files.delete(file.id);
        ctx.state.changed();
        return { json: { id: file.id, deleted: true } };
      },
    },
  ];
}
