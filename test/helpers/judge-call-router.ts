/**
 * A loopback pass-through in front of judge emulator processes, so several
 * configurations can share ONE promptfoo run (each promptfoo start costs
 * seconds of CPU) and still have their calls counted apart. A request whose
 * body carries a tag `[part:NAME]` (the test puts it in the question or the
 * prompt) is counted under NAME, else under `untagged`, and forwarded to the
 * upstream routed for NAME (default: the first). Answers are passed back
 * unchanged. It serves from the test's own event loop, so promptfoo must run
 * without blocking it (runPromptfooAsync).
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface JudgeCallRouter {
  /** Base URL for OPENAI_BASE_URL, e.g. http://127.0.0.1:41234/v1 */
  url: string;
  /** Requests forwarded so far, per tag. */
  counts(): Record<string, number>;
  close(): Promise<void>;
}

const TAG = /\[part:([\w-]+)\]/;

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** `defaultBase` and `routes` values are emulator base URLs ending in /v1. */
export async function startJudgeCallRouter(defaultBase: string, routes: Record<string, string> = {}): Promise<JudgeCallRouter> {
  const counts: Record<string, number> = {};
  const server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const tag = TAG.exec(body.toString('utf8'))?.[1] ?? 'untagged';
      counts[tag] = (counts[tag] ?? 0) + 1;
      const base = (routes[tag] ?? defaultBase).replace(/\/v1$/, '');
      const headers: Record<string, string> = {};
      for (const h of ['authorization', 'content-type']) if (typeof req.headers[h] === 'string') headers[h] = req.headers[h];
      const upstream = await fetch(`${base}${req.url}`, { method: req.method, headers, body: body.length ? new Uint8Array(body) : undefined });
      res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' });
      res.end(Buffer.from(await upstream.arrayBuffer()));
    })().catch((err: unknown) => {
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(String(err));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    counts: () => ({ ...counts }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
