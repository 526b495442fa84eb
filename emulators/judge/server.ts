// A loopback OpenAI-compatible chat server whose every model is a judge that
// follows the fixed rule in rule.ts. Tests point promptfoo's openai provider
// at it (OPENAI_BASE_URL) to exercise the judge's plumbing, cache, retries
// and errors, and count the calls it really made.
//
// Routes: POST /v1/chat/completions (non-streaming); GET /v1/models;
// GET /stats (the request counters, for people driving it by hand).
// Faults, applied to chat requests in order: the first `fail500` get HTTP
// 500, the next `malformed` get `malformedReply` instead of a verdict.
import express from 'express';
import type { Request, Response } from 'express';
import { EMULATOR_HEADER } from '../../lib/foundation/emulator-header.ts';
import { responseLatency } from '../shared/latency.ts';
import { listenOnLoopback } from '../shared/listen.ts';
import { messageText } from '../shared/message-text.ts';
import { approxTokens } from '../shared/tokens.ts';
import { judgeByRule, UNREADABLE_REPLY, type ChatMessageLike } from './rule.ts';

export const DEFAULT_JUDGE_MODEL = 'judge-rule';
export const DEFAULT_MALFORMED_REPLY = 'The candidate looks right to me.';

export interface JudgeFaults {
  /** Answer this many chat requests (the first ones) with HTTP 500. */
  fail500?: number;
  /** Then answer this many with `malformedReply` (Infinity: always). */
  malformed?: number;
  malformedReply?: string;
}

export interface JudgeEmulatorOptions extends JudgeFaults {
  port?: number;
  /** Every request is answered this many ms late (default 0). */
  latencyMs?: number;
  log?: (line: string) => void;
}

export interface ChatRecord {
  model: string;
  status: number;
  /** What the emulator replied (a verdict, a malformed reply), or the error for a 500. */
  reply: string;
  /** The rule's verdict, when the prompt was a judge prompt. */
  correct: boolean | null;
  messages: ChatMessageLike[];
}

export interface JudgeEmulator {
  /** Base URL for OPENAI_BASE_URL, e.g. http://127.0.0.1:41234/v1 */
  url: string;
  port: number;
  /** Every chat request, in order. */
  chats: ChatRecord[];
  /** Replace the faults from now on; counts start again from the next request. */
  setFaults(faults: JudgeFaults): void;
  close(): Promise<void>;
}

function apiError(res: Response, status: number, message: string, type: string): void {
  res.status(status).json({ error: { message, type, param: null, code: null } });
}

export async function startJudgeEmulator(options: JudgeEmulatorOptions = {}): Promise<JudgeEmulator> {
  const chats: ChatRecord[] = [];
  let faults: JudgeFaults = { ...options };
  let served = 0; // chat requests since the faults were set
  let ids = 0;

  const app = express();
  app.disable('x-powered-by');
  // Every answer says it is emulated, as the other emulators' do: a judge's tokens here cost nothing, whatever model name was asked for.
  app.use((_req, res, next) => (res.set(EMULATOR_HEADER, '1'), next()));
  app.use(responseLatency(options.latencyMs ?? 0));
  app.use(express.json({ limit: '20mb' }));
  app.get('/stats', (_req, res) => {
    // Closed after each answer: a poller that blocks between polls must not reuse a socket the server timed out.
    res.set('Connection', 'close');
    res.json({ chatRequests: chats.length, verdicts: chats.filter((c) => c.status === 200 && c.correct !== null).length });
  });
  app.use((req, res, next) => {
    if (!/^Bearer\s+\S+/i.test(req.headers.authorization ?? '')) return apiError(res, 401, "You didn't provide an API key.", 'invalid_request_error');
    next();
  });

  app.post('/v1/chat/completions', (req: Request, res: Response) => {
    const body = req.body as { model?: unknown; messages?: unknown; stream?: unknown } | undefined;
    if (typeof body?.model !== 'string' || !Array.isArray(body.messages) || body.messages.length === 0)
      return apiError(res, 400, 'a model and a non-empty messages array are required', 'invalid_request_error');
    if (body.stream === true) return apiError(res, 400, 'the judge emulator does not stream', 'invalid_request_error');
    const messages: ChatMessageLike[] = body.messages.map((m: unknown) => ({
      role: String((m as { role?: unknown }).role ?? ''),
      content: messageText((m as { content?: unknown }).content) ?? '',
    }));
    const n = served++;
    const fail500 = faults.fail500 ?? 0;
    const record = (status: number, reply: string, correct: boolean | null) => {
      chats.push({ model: body.model as string, status, reply, correct, messages });
      options.log?.(`POST /v1/chat/completions ${status} ${JSON.stringify(reply)}`);
    };
    if (n < fail500) {
      record(500, 'server_error', null);
      return apiError(res, 500, 'The judge emulator failed on purpose (--fail-500).', 'server_error');
    }
    const verdict = judgeByRule(messages);
    let reply = verdict?.reply ?? UNREADABLE_REPLY;
    if (n - fail500 < (faults.malformed ?? 0)) reply = faults.malformedReply ?? DEFAULT_MALFORMED_REPLY;
    record(200, reply, verdict?.correct ?? null);
    const promptTokens = messages.reduce((sum, m) => sum + approxTokens(m.content) + 4, 3);
    const completionTokens = approxTokens(reply);
    res.json({
      id: `chatcmpl-judge${++ids}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: body.model,
      choices: [{ index: 0, message: { role: 'assistant', content: reply, refusal: null }, logprobs: null, finish_reason: 'stop' }],
      usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens },
    });
  });

  app.get('/v1/models', (_req, res) => {
    res.json({ object: 'list', data: [{ id: DEFAULT_JUDGE_MODEL, object: 'model', created: 0, owned_by: 'judge-emulator' }] });
  });

  app.use((req, res) => apiError(res, 404, `Invalid URL (${req.method} ${req.path})`, 'invalid_request_error'));

  const { port, close } = await listenOnLoopback(app, options.port ?? 0);
  return {
    url: `http://127.0.0.1:${port}/v1`,
    port,
    chats,
    setFaults(next) {
      faults = { ...next };
      served = 0;
    },
    close,
  };
}
