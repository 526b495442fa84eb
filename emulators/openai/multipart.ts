// multipart/form-data without a parser dependency: hand the incoming stream to
// the web `Request` built into Node (undici) and let it parse the form.
import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { badRequest } from './errors.ts';

export async function readMultipartForm(req: IncomingMessage): Promise<FormData> {
  const contentType = req.headers['content-type'] ?? '';
  if (!/^multipart\/form-data\b/i.test(contentType)) {
    throw badRequest(`Invalid Content-Type header (${contentType || 'none'}), expected multipart/form-data.`);
  }
  // Streaming request bodies need `duplex: 'half'`, which @types/node's RequestInit lacks.
  const init: RequestInit & { duplex: 'half' } = {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: Readable.toWeb(req) as unknown as ReadableStream<Uint8Array>,
    duplex: 'half',
  };
  const request = new Request('http://emulator.invalid/upload', init);
  try {
    return await request.formData();
  } catch (error) {
    throw badRequest(`Could not parse multipart form: ${(error as Error).message}`);
  }
}
