// What an emulator saw and said, kept for tests to inspect.
import type { FaultRecord } from './faults.ts';

export interface RequestRecord {
  method: string;
  path: string;
  /** HTTP status, or 'dropped' when the socket was destroyed without an answer. */
  status: number | 'dropped';
  durationMs: number;
}

export interface ResponseRecord {
  method: string;
  path: string;
  /** The route's name (e.g. `/v1/fine-tunes/{id}`; in the OpenAI emulator the OpenAPI template without /v1, `/files/{file_id}`), null for unknown paths. */
  route: string | null;
  status: number;
  contentType: string;
  /** Parsed JSON for JSON responses, the text otherwise. */
  body: unknown;
  /** The request as received (emulators on loopback-server.ts), for checking it against the API's description. */
  request?: { contentType: string | null; body: Buffer };
}

export class TrafficLog {
  readonly requests: RequestRecord[] = [];
  readonly responses: ResponseRecord[] = [];
  /** Every fault injected so far (429, 500, dropped connection). */
  readonly faults: FaultRecord[] = [];

  /** Number of requests received, optionally only those whose `METHOD path` matches. */
  requestCount(filter?: RegExp): number {
    return filter ? this.requests.filter((r) => filter.test(`${r.method} ${r.path}`)).length : this.requests.length;
  }
}
