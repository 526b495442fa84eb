// A loopback HTTP server for an emulated API: express 5 receives the request,
// then every route goes through the same gate (authentication, seeded fault
// injection, the handler) and every answer is recorded. Routes are matched
// with regular expressions because Google's paths carry `:verb` suffixes
// (`…/tuningJobs/123:cancel`) that express path templates cannot express.
import express from 'express';
import type { Request, Response } from 'express';
import { FaultInjector, type FaultOptions } from './faults.ts';
import { responseLatency } from './latency.ts';
import { listenOnLoopback } from './listen.ts';
import { requestRecorder } from './request-recorder.ts';
import { EmulatedApiError, InvalidJsonBody, type ApiDialect, type Route, type RouteRequest, type RouteResult } from './route.ts';
import type { ResponseRecord, TrafficLog } from './traffic-log.ts';

export interface LoopbackServerOptions {
  /** TCP port on 127.0.0.1; 0 picks a free one. */
  port: number;
  routes: readonly Route[];
  /** The dialect that answers a path no route serves. */
  fallbackDialect(path: string): ApiDialect;
  traffic: TrafficLog;
  faults?: FaultOptions;
  /** Every request is answered this many ms late (--latency-ms). */
  latencyMs?: number;
  /** Headers added to every response (e.g. a request id). */
  headers?(): Record<string, string>;
  /** One line per request (method, path, status, duration). */
  log?: (line: string) => void;
  onResponse?: (record: ResponseRecord) => void;
  /** Called before every answer leaves (a state folder saves what the request changed, so a kill cannot lose what a client was told). */
  beforeAnswer?: () => void;
}

export interface LoopbackServer {
  /** http://127.0.0.1:PORT, no trailing slash. */
  origin: string;
  port: number;
  /** Replace the fault configuration from now on (undefined = no faults). */
  setFaults(faults: FaultOptions | undefined): void;
  close(): Promise<void>;
}

/** The route serving `method path`, or the reason none does. */
function findRoute(routes: readonly Route[], method: string, path: string): { route: Route; params: Record<string, string> } | undefined {
  for (const route of routes) {
    if (route.method !== method) continue;
    const match = route.pattern.exec(path);
    if (!match) continue;
    const params: Record<string, string> = {};
    try {
      for (const [key, value] of Object.entries(match.groups ?? {})) if (value !== undefined) params[key] = decodeURIComponent(value);
    } catch {
      continue; // malformed percent-encoding: no route serves it
    }
    return { route, params };
  }
  return undefined;
}

export async function startLoopbackServer(opts: LoopbackServerOptions): Promise<LoopbackServer> {
  const { traffic } = opts;
  let faults = new FaultInjector(opts.faults, traffic.faults);
  const recorder = requestRecorder(traffic, opts);

  function send(req: Request, res: Response, routeName: string | null, result: RouteResult): void {
    opts.beforeAnswer?.();
    const status = result.status ?? 200;
    if (result.headers) res.set(result.headers);
    const request = { contentType: req.headers['content-type'] ?? null, body: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0) };
    let record: ResponseRecord;
    if ('json' in result) {
      record = { method: req.method, path: req.path, route: routeName, status, contentType: 'application/json', body: result.json, request };
      res.status(status).type('application/json; charset=UTF-8').send(JSON.stringify(result.json));
    } else {
      record = { method: req.method, path: req.path, route: routeName, status, contentType: result.contentType, body: result.body.toString(), request };
      res.status(status).type(result.contentType).send(result.body);
    }
    traffic.responses.push(record);
    opts.onResponse?.(record);
  }

  function sendError(req: Request, res: Response, routeName: string | null, dialect: ApiDialect, error: unknown): void {
    let apiError: EmulatedApiError;
    if (error instanceof EmulatedApiError) apiError = error;
    else if (error instanceof InvalidJsonBody) apiError = dialect.invalidJson(error.message);
    else {
      opts.log?.(`emulator bug on ${req.method} ${req.path}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      apiError = dialect.serverError();
    }
    send(req, res, routeName, { status: apiError.status, headers: apiError.headers, json: apiError.toBody() });
  }

  async function handle(req: Request, res: Response): Promise<void> {
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    // Google's custom verbs (`…/jobs/1:cancel`) may arrive with the colon percent-encoded.
    const found = findRoute(opts.routes, req.method, req.path.replace(/%3A/gi, ':'));
    if (!found) {
      const dialect = opts.fallbackDialect(req.path);
      sendError(req, res, null, dialect, dialect.notFound(req.method, req.path));
      return;
    }
    const { route, params } = found;
    const request: RouteRequest = {
      method: req.method,
      path: req.path,
      params,
      query: new URL(req.originalUrl, 'http://emulator.invalid').searchParams,
      headers: req.headers,
      body,
      json() {
        try {
          return JSON.parse(body.toString('utf8')) as unknown;
        } catch (error) {
          throw new InvalidJsonBody((error as Error).message);
        }
      },
      raw: req,
    };
    try {
      if (!route.plumbing) {
        route.dialect.authenticate(request, route);
        const fault = faults.decide(req.method, req.path);
        if (fault === 'drop') return recorder.drop(req);
        if (fault === '429') throw route.dialect.rateLimited(faults.retryAfterSeconds);
        if (fault === '500') throw route.dialect.serverError();
      }
      send(req, res, route.name, await route.handle(request));
    } catch (error) {
      sendError(req, res, route.name, route.dialect, error);
    }
  }

  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  app.use(recorder.middleware);
  app.use(responseLatency(opts.latencyMs ?? 0));
  // Every body arrives raw: JSON, Cloud Storage media uploads and multipart forms alike.
  app.use(express.raw({ type: () => true, limit: '200mb' }));
  app.use((req, res) => void handle(req, res));
  app.use((error: unknown, req: Request, res: Response, _next: unknown) => {
    // Body-reading failures (oversized or aborted bodies).
    const dialect = opts.fallbackDialect(req.path);
    const tooLarge = (error as { type?: string }).type === 'entity.too.large';
    sendError(req, res, null, dialect, tooLarge ? dialect.invalidJson('request body too large') : error);
  });

  const { port, close } = await listenOnLoopback(app, opts.port);
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    setFaults(next) {
      faults = new FaultInjector(next, traffic.faults);
    },
    close,
  };
}
