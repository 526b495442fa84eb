// The shape of an emulated route and of the API "dialect" it speaks (how it
// authenticates callers and how its errors look), shared by the emulators
// built on loopback-server.ts.
import type { IncomingHttpHeaders } from 'node:http';
import type { Request } from 'express';

export interface RouteRequest {
  method: string;
  /** The request path as sent (still percent-encoded). */
  path: string;
  /** Named groups of the route's pattern, percent-decoded. */
  params: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** The raw body (empty when there is none). */
  body: Buffer;
  /** The body parsed as JSON; throws InvalidJsonBody (which the dialect renders as its 400). */
  json(): unknown;
  raw: Request;
}

export type RouteResult =
  | { status?: number; json: unknown; headers?: Record<string, string> }
  | { status?: number; body: Buffer | string; contentType: string; headers?: Record<string, string> };

/** An error in some API's own shape; route handlers throw it and the server sends it as is. */
export abstract class EmulatedApiError extends Error {
  abstract readonly status: number;
  readonly headers: Record<string, string> = {};
  /** The JSON body the real API sends for this error. */
  abstract toBody(): unknown;
}

/** How one API authenticates and fails. Every route names its dialect. */
export interface ApiDialect {
  /** Throws the API's 401/403 error when the caller may not use `route`. */
  authenticate(req: RouteRequest, route: Route): void;
  /** The error an injected 429 throws (with its Retry-After). */
  rateLimited(retryAfterSeconds: number): EmulatedApiError;
  /** The error an injected 500 throws, and the answer to an emulator bug. */
  serverError(): EmulatedApiError;
  /** The error for a path no route serves. */
  notFound(method: string, path: string): EmulatedApiError;
  /** The error for a body that is not JSON. */
  invalidJson(detail: string): EmulatedApiError;
}

export interface Route {
  method: 'GET' | 'POST' | 'DELETE';
  /** Matched against the whole request path; named groups become `params`. */
  pattern: RegExp;
  /** A readable template for logs and records, e.g. `/v1/fine-tunes/{id}`. */
  name: string;
  dialect: ApiDialect;
  /** The IAM-style permission the route needs, for dialects that check permissions (e.g. `aiplatform.tuningJobs.create`). */
  permission?: string;
  /** Skip authentication and fault injection (the emulator's own plumbing, e.g. the OAuth token endpoint). */
  plumbing?: boolean;
  handle(req: RouteRequest): RouteResult | Promise<RouteResult>;
}

/** Thrown by RouteRequest.json() on a body that is not JSON. */
export class InvalidJsonBody extends Error {}
