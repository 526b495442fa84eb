// A loopback emulator of OpenAI's files, fine-tuning, models and chat API, so
// the real `openai` SDK (pointed at it with `baseURL`) can run a whole
// fine-tuning flow offline. Every route goes through the same gate: auth,
// then seeded fault injection, then the handler; every response is recorded.
import express from 'express';
import type { Request, Response } from 'express';
import { responseLatency } from '../shared/latency.ts';
import { listenOnLoopback } from '../shared/listen.ts';
import { requestRecorder } from '../shared/request-recorder.ts';
import { chatRoutes } from './chat.ts';
import type { EmulatorContext, RouteDef, RouteResult } from './context.ts';
import { ApiError, badRequest, invalidApiKey, invalidUrl, missingApiKey, rateLimited, serverError } from './errors.ts';
import { FaultInjector, type FaultOptions } from '../shared/faults.ts';
import { fileRoutes } from './files.ts';
import { newId } from './ids.ts';
import { jobRoutes, settleJobs } from './jobs.ts';
import { ORGANIZATION_ID } from './lifecycle.ts';
import { modelRoutes } from './models.ts';
import { resolveOptions, type OpenAIEmulatorOptions } from './options.ts';
import { OPENAI_STATE } from './saved-state.ts';
import { EmulatorState, type ResponseRecord } from './state.ts';
import { openStateFolder } from '../shared/state-folder.ts';

export type { OpenAIEmulatorOptions } from './options.ts';
export type { FaultOptions, FaultRecord } from '../shared/faults.ts';
export type { EmulatorState, ResponseRecord, RequestRecord, FileRecord, JobRecord } from './state.ts';
export { UNKNOWN_ANSWER } from '../shared/base-model.ts';

export interface OpenAIEmulator {
  /** Base URL for the SDK's `baseURL`, e.g. http://127.0.0.1:41234/v1 */
  url: string;
  port: number;
  /** Files, jobs, request log, response log and injected faults, for inspection. */
  state: EmulatorState;
  /** Replace the fault configuration from now on (undefined = no faults). */
  setFaults(faults: FaultOptions | undefined): void;
  close(): Promise<void>;
}

/** `{file_id}` (OpenAPI) → `:file_id` (express). */
function expressPath(template: string): string {
  return `/v1${template.replace(/\{([^}]+)\}/g, ':$1')}`;
}

function authenticate(req: Request, rejectKey: string | undefined): void {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  if (!match) throw missingApiKey();
  if (rejectKey !== undefined && match[1] === rejectKey) throw invalidApiKey(match[1]);
}

export async function startOpenAIEmulator(options: OpenAIEmulatorOptions = {}): Promise<OpenAIEmulator> {
  const opts = resolveOptions(options);
  const state = new EmulatorState();
  // Filled from the state folder, if one is given; a corrupt or foreign state file stops the start here.
  const memory = opts.state === undefined ? undefined : openStateFolder(opts.state, OPENAI_STATE, state, opts.log);
  const ctx: EmulatorContext = { state, options: opts, now: opts.now };
  let faults = new FaultInjector(opts.faults, state.faults);
  const recorder = requestRecorder(state, {
    headers: () => ({ 'x-request-id': newId.request(), 'openai-version': '2020-10-01', 'openai-organization': ORGANIZATION_ID }),
    log: opts.log,
  });

  function record(req: Request, route: string | null, status: number, contentType: string, body: unknown): void {
    const entry: ResponseRecord = { method: req.method, path: req.path, route, status, contentType, body };
    state.responses.push(entry);
    opts.onResponse?.(entry);
  }

  function sendResult(req: Request, res: Response, route: string | null, result: RouteResult): void {
    // Saved before the answer leaves: what a client is told exists survives a kill.
    memory?.saveIfChanged();
    const status = result.status ?? 200;
    if ('json' in result) {
      record(req, route, status, 'application/json', result.json);
      res.status(status).json(result.json);
    } else {
      record(req, route, status, result.contentType, result.text.toString());
      res.status(status).type(result.contentType).send(result.text);
    }
  }

  function sendError(req: Request, res: Response, route: string | null, error: unknown): void {
    let apiError: ApiError;
    if (error instanceof ApiError) apiError = error;
    else {
      opts.log?.(`emulator bug on ${req.method} ${req.path}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      apiError = serverError();
    }
    res.set(apiError.headers);
    sendResult(req, res, route, { status: apiError.status, json: apiError.toBody() });
  }

  async function run(route: RouteDef, req: Request, res: Response): Promise<void> {
    try {
      settleJobs(ctx);
      authenticate(req, opts.rejectKey);
      const fault = faults.decide(req.method, req.path);
      if (fault === 'drop') return recorder.drop(req);
      if (fault === '429') throw rateLimited(faults.retryAfterSeconds);
      if (fault === '500') throw serverError();
      const query = new URL(req.originalUrl, 'http://emulator.invalid').searchParams;
      const result = await route.handle({ params: req.params as Record<string, string>, query, body: req.body, raw: req });
      sendResult(req, res, route.path, result);
    } catch (error) {
      sendError(req, res, route.path, error);
    }
  }

  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  // Bookkeeping for every request: OpenAI-like headers, request log, log line.
  app.use(recorder.middleware);
  app.use(responseLatency(opts.latencyMs));
  app.use(express.json({ limit: '200mb' }));
  for (const route of [...fileRoutes(ctx), ...jobRoutes(ctx), ...modelRoutes(ctx), ...chatRoutes(ctx)]) {
    app[route.method](expressPath(route.path), (req, res) => run(route, req, res));
  }
  app.use((req, res) => sendError(req, res, null, invalidUrl(req.method, req.path)));
  // Body-parser failures (malformed JSON, oversized body) in OpenAI's error shape.
  app.use((error: unknown, req: Request, res: Response, _next: unknown) => {
    const type = (error as { type?: string }).type;
    if (type === 'entity.parse.failed') {
      sendError(req, res, null, badRequest("We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)"));
    } else if (type === 'entity.too.large') {
      sendError(req, res, null, new ApiError(413, 'Request body too large.'));
    } else {
      sendError(req, res, null, error);
    }
  });

  let listening;
  try {
    listening = await listenOnLoopback(app, opts.port);
  } catch (error) {
    memory?.close();
    throw error;
  }
  const { port } = listening;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    port,
    state,
    setFaults(next) {
      faults = new FaultInjector(next, state.faults);
    },
    async close() {
      await listening.close();
      memory?.close();
    },
  };
}
