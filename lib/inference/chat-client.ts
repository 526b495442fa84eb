/**
 * Asks an OpenAI-style chat model one prompt: temperature 0 and a fixed seed
 * by default (answers a grader can compare run to run), retries with backoff
 * honouring Retry-After (the SDK's), answers cached by request content (never
 * by key), usage and cost reported as promptfoo expects them.
 */
import OpenAI from 'openai';
import { canonicalJson, sha256 } from '../foundation/content-hash.ts';
import { UserError } from '../foundation/errors.ts';
import { explainOpenAIError } from '../models/openai-errors.ts';
import { answeredByEmulator } from '../foundation/emulator-header.ts';
import { inferencePrice, priceTokens } from '../models/inference-price.ts';
import type { ChatTarget } from './chat-target.ts';

export interface ChatOptions {
  temperature: number;
  seed: number;
  maxTokens?: number;
  /** SDK retries on 408/409/429/5xx and lost connections (default 8). */
  maxRetries?: number;
  /** The prompt is a JSON list of chat messages (promptMessages); by default it is the user's text. */
  chatMessages?: boolean;
}

/** The part of promptfoo's cache (cache-manager) used here. */
export interface AnswerCache {
  get<T>(key: string): Promise<T | undefined | null>;
  set<T>(key: string, value: T): Promise<unknown>;
}

export interface TokenUsage {
  total: number;
  prompt: number;
  completion: number;
  cached?: number;
  numRequests?: number;
}

export interface ChatAnswer {
  output: string;
  tokenUsage: TokenUsage;
  /** What the answer cost in dollars at the model's list price; 0 when an emulator answered (nothing was paid). */
  cost?: number;
  /** An emulator's answer: what the same tokens would have cost on the real model (an estimate, never a cost). */
  costIfReal?: number;
  cached: boolean;
  model: string;
  /** The answer came from one of the project's emulators (lib/models/emulation.ts). */
  emulated: boolean;
}

type Message = { role: 'system' | 'user' | 'assistant'; content: string };

const ROLES: ReadonlySet<string> = new Set(['system', 'user', 'assistant']);

/**
 * The messages a prompt is sent as. The prompt is the user's text, one user
 * message, whatever it looks like: a domain question that happens to be a
 * JSON list of chat messages is asked as written, never parsed into roles.
 * The system message (the run's recipe's, or config.system) comes first.
 * Only a provider configured with `chatMessages: true` reads its prompt as a
 * JSON list of {role, content} messages (promptfoo's chat format, for a suite
 * written by hand); the system message still comes first, before the list's.
 */
export function promptMessages(prompt: string, system: string | null, chatMessages = false): Message[] {
  const messages: Message[] = chatMessages ? chatMessageList(prompt) : [{ role: 'user', content: prompt }];
  return system === null ? messages : [{ role: 'system', content: system }, ...messages];
}

/** A prompt read as a JSON list of chat messages; an error that says what is wrong (never the prompt). */
function chatMessageList(prompt: string): Message[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(prompt);
  } catch {
    parsed = undefined;
  }
  if (!Array.isArray(parsed) || parsed.length === 0)
    throw new UserError('config.chatMessages is true, but the prompt is not a JSON list of chat messages ([{"role": "user", "content": "…"}, …]); write the prompt as one, or leave chatMessages out to send the prompt as the user\'s text');
  parsed.forEach((m: unknown, i) => {
    const { role, content } = (m ?? {}) as { role?: unknown; content?: unknown };
    if (typeof role !== 'string' || !ROLES.has(role) || typeof content !== 'string' || Object.keys(m as object).some((k) => k !== 'role' && k !== 'content'))
      throw new UserError(`config.chatMessages is true, but message ${i + 1} of the prompt is not {"role": system|user|assistant, "content": text}`);
  });
  return parsed as Message[];
}

export class ChatClient {
  private readonly clients = new Map<string, OpenAI>();

  constructor(private readonly env: NodeJS.ProcessEnv = process.env) {}

  private client(target: ChatTarget, maxRetries: number): OpenAI {
    // A server that takes no key (a local vLLM, Ollama) still gets a placeholder: the SDK requires one.
    const apiKey = target.apiKeyEnv === null ? 'no-key' : this.env[target.apiKeyEnv];
    if (!apiKey) throw new UserError(`${target.apiKeyEnv} is not set: asking ${target.describe} needs an API key in the environment`);
    // Keyed by a hash, so the key is not even kept as a map key in memory dumps of this object.
    const id = sha256(`${target.baseURL ?? ''}\n${apiKey}\n${maxRetries}`);
    let c = this.clients.get(id);
    if (!c) this.clients.set(id, (c = new OpenAI({ apiKey, baseURL: target.baseURL, maxRetries, timeout: 120_000 })));
    return c;
  }

  async ask(target: ChatTarget, prompt: string, options: ChatOptions, cache: AnswerCache | null, bust = false): Promise<ChatAnswer> {
    const body = {
      model: target.model,
      messages: promptMessages(prompt, target.system, options.chatMessages),
      temperature: options.temperature,
      seed: options.seed,
      ...(options.maxTokens ? { max_tokens: options.maxTokens } : {}),
    };
    const cacheKey = `ftbench:openai-chat:${sha256(canonicalJson({ baseURL: target.baseURL ?? 'default', body }))}`;
    if (cache && !bust) {
      const hit = await cache.get<{ output: string; usage: TokenUsage; emulated?: boolean }>(cacheKey);
      if (hit && typeof hit.output === 'string') {
        const tokenUsage = { ...hit.usage, cached: hit.usage.total, numRequests: 0 };
        return { output: hit.output, tokenUsage, cached: true, model: target.model, ...this.cost(target, hit.usage, hit.emulated === true), emulated: hit.emulated === true };
      }
    }
    let completion: OpenAI.ChatCompletion;
    let emulated: boolean;
    try {
      const { data, response } = await this.client(target, options.maxRetries ?? 8).chat.completions.create(body).withResponse();
      completion = data;
      emulated = answeredByEmulator(response.headers);
    } catch (err) {
      const { run } = target;
      throw explainOpenAIError(err, {
        doing: `asking ${target.describe}`,
        model: target.model,
        baseURL: target.baseURL,
        apiKeyEnv: target.apiKeyEnv,
        baseUrlEnv: target.baseUrlEnv,
        ...(run && {
          run: {
            name: run.run.name,
            platform: run.run.platform,
            baseModel: run.baseModel,
            ...(run.checkpoint && { checkpoint: run.checkpoint.id }),
            // Named only when the variable was set: a default base URL came from no variable.
            ...(target.baseUrlEnv && this.env[target.baseUrlEnv] && { baseUrlSetBy: target.baseUrlEnv }),
          },
        }),
      });
    }
    const output = completion.choices[0]?.message?.content ?? '';
    const usage: TokenUsage = {
      total: completion.usage?.total_tokens ?? 0,
      prompt: completion.usage?.prompt_tokens ?? 0,
      completion: completion.usage?.completion_tokens ?? 0,
    };
    // Not awaited: promptfoo's disk cache resolves a write only when it has rewritten its whole file
    // (after a delay), which would hold every call ~100 ms; a lost cache entry costs one call later.
    if (cache) cache.set(cacheKey, { output, usage, emulated }).catch(() => {});
    return { output, tokenUsage: { ...usage, numRequests: 1 }, cached: false, model: completion.model, ...this.cost(target, usage, emulated), emulated };
  }

  /** The answer's cost at list price; an emulator's answer costs 0, its list price kept apart as what it would have cost. */
  private cost(target: ChatTarget, usage: TokenUsage, emulated: boolean): Pick<ChatAnswer, 'cost' | 'costIfReal'> {
    const priced = target.prices ? priceTokens(inferencePrice(target.prices.info, target.prices.tuned), usage.prompt, usage.completion) : undefined;
    if (!emulated) return priced === undefined ? {} : { cost: priced };
    return { cost: 0, ...(priced !== undefined && { costIfReal: priced }) };
  }
}
