// What route handlers share: state, options, the clock, and the route shape
// the server turns into express routes.
import type { Request } from 'express';
import type { ResolvedOptions } from './options.ts';
import type { EmulatorState } from './state.ts';

export interface EmulatorContext {
  readonly state: EmulatorState;
  readonly options: ResolvedOptions;
  now(): number;
}

export interface RouteRequest {
  params: Record<string, string>;
  /** Raw query parameters (bracketed keys such as metadata[k] kept verbatim). */
  query: URLSearchParams;
  /** Parsed JSON body, if any. */
  body: unknown;
  raw: Request;
}

export type RouteResult =
  | { status?: number; json: unknown }
  | { status?: number; text: string | Buffer; contentType: string };

export interface RouteDef {
  method: 'get' | 'post' | 'delete';
  /** OpenAPI path template without the /v1 prefix, e.g. /files/{file_id}. */
  path: string;
  handle(req: RouteRequest): RouteResult | Promise<RouteResult>;
}
