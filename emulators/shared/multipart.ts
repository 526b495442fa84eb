// multipart/form-data without a parser dependency: the web `Request` built
// into Node (undici) parses the form from the raw body.

/** The parsed form, or why it could not be parsed. */
export async function parseMultipartForm(body: Buffer, contentType: string | undefined): Promise<FormData | { problem: string }> {
  if (!contentType || !/^multipart\/form-data\b/i.test(contentType)) {
    return { problem: `Invalid Content-Type header (${contentType || 'none'}), expected multipart/form-data.` };
  }
  const request = new Request('http://emulator.invalid/upload', { method: 'POST', headers: { 'content-type': contentType }, body: new Uint8Array(body) });
  try {
    return await request.formData();
  } catch (error) {
    return { problem: `Could not parse multipart form: ${(error as Error).message}` };
  }
}
