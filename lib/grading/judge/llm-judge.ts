/**
 * A Judge over any chat model: sends a recipe's messages, parses the reply
 * strictly, retries once, caches verdicts, and counts tokens and cost.
 *
 * `judge(input)`:
 * 1. looks the verdict up in the store under verdictCacheKey(scope,
 *    recipe.version, input); a hit returns it with `cached: true`, `calls: 0`,
 *    `cost: 0` and makes no call; so does a request identical to one still
 *    in flight, once that one is answered (or throws its error);
 * 2. otherwise calls the model at most JUDGE_ATTEMPTS (2) times: an attempt
 *    fails when the provider returns an error, throws, returns no text, or
 *    returns text recipe.parse rejects; the first well-formed reply decides;
 * 3. stores the verdict (never a failure) and returns it with the tokens and
 *    cost of every attempt made, failed ones included (they were paid for);
 *    an attempt a loopback emulator answered (its response headers say so)
 *    costs 0 whatever price the provider put on the model name, and the
 *    verdict says `emulated: true`;
 * 4. after two failed attempts throws a GraderError naming the judge, the
 *    expected format and what each attempt got.
 *
 * The core does not depend on promptfoo: a provider is anything with
 * `id()` and `callApi(prompt)` returning promptfoo's ProviderResponse shape.
 * The prompt sent is the messages as a JSON array, which promptfoo's chat
 * providers read as a conversation.
 */
import { answeredByEmulator } from '../../foundation/emulator-header.ts';
import { GraderError } from '../grader-error.ts';
import type { Judge, JudgeInput, JudgeTokens, JudgeVerdict } from './judge.ts';
import { verdictCacheKey, type StoredVerdict, type VerdictStore } from './verdict-store.ts';

export interface ChatMessage {
  role: 'system' | 'user';
  content: string;
}

/**
 * What makes a judge out of a model: the messages it is sent for one answer,
 * the strict parser of its reply, and a version that changes whenever either
 * does (verdicts are cached under it, so an edited prompt is never answered
 * from verdicts given to the old one). judge-prompt.ts and paper-prompt.ts
 * each make one.
 */
export interface JudgeRecipe {
  /** Names the prompt and parser in cache keys and results, e.g. `ftbench-judge-v2`. */
  version: string;
  messages(input: JudgeInput): ChatMessage[];
  /** The verdict in a well-formed reply (true = correct), or null for anything else. */
  parse(reply: string): boolean | null;
  /** The reply format, for error messages, e.g. 'exactly "VERDICT: CORRECT" or "VERDICT: INCORRECT"'. */
  expected: string;
}

export const JUDGE_ATTEMPTS = 2;

/** The part of promptfoo's ProviderResponse a judge reads. */
export interface JudgeProviderResponse {
  output?: unknown;
  error?: string;
  tokenUsage?: { prompt?: number; completion?: number; total?: number };
  cost?: number;
  /** promptfoo's HTTP providers put the response's headers here. */
  metadata?: { http?: { headers?: Record<string, string> } };
}

export interface JudgeProvider {
  id(): string;
  callApi(prompt: string): Promise<JudgeProviderResponse>;
}

export interface LlmJudgeOptions {
  /** Names the judge in results; default the provider's id. */
  id?: string;
  /** Verdict cache; none = every call goes to the model. */
  store?: VerdictStore;
  /** What, besides the id, makes two judges different (e.g. the provider's config); part of the cache key. */
  cacheScope?: string;
  /** Wraps each model call, e.g. to switch promptfoo's own response cache off for it. */
  callWrapper?: <T>(call: () => Promise<T>) => Promise<T>;
}

function addTokens(sum: JudgeTokens, usage: JudgeProviderResponse['tokenUsage']): void {
  if (!usage) return;
  const prompt = usage.prompt ?? 0;
  const completion = usage.completion ?? 0;
  sum.prompt += prompt;
  sum.completion += completion;
  sum.total += usage.total ?? prompt + completion;
}

function clip(text: string, max = 200): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

export class LlmJudge implements Judge {
  readonly id: string;

  constructor(
    private readonly provider: JudgeProvider,
    private readonly recipe: JudgeRecipe,
    private readonly options: LlmJudgeOptions = {},
  ) {
    this.id = options.id ?? provider.id();
  }

  /** Verdicts being asked for right now: a second identical request waits for the first instead of paying again. */
  private readonly inFlight = new Map<string, Promise<JudgeVerdict>>();

  async judge(input: JudgeInput): Promise<JudgeVerdict> {
    const key = verdictCacheKey(`${this.id}${this.options.cacheScope ? ` ${this.options.cacheScope}` : ''}`, this.recipe.version, input);
    const hit = await this.options.store?.get(key);
    if (hit) return { correct: hit.correct, raw: hit.raw, tokens: hit.tokens, cached: true, cost: 0, calls: 0 };
    const pending = this.inFlight.get(key);
    if (pending) {
      const v = await pending;
      return { correct: v.correct, raw: v.raw, tokens: v.tokens, cached: true, cost: 0, calls: 0 };
    }
    const asking = this.ask(key, input);
    this.inFlight.set(key, asking);
    try {
      return await asking;
    } finally {
      this.inFlight.delete(key);
    }
  }

  private async ask(key: string, input: JudgeInput): Promise<JudgeVerdict> {
    const prompt = JSON.stringify(this.recipe.messages(input));
    const tokens: JudgeTokens = { prompt: 0, completion: 0, total: 0 };
    let cost: number | undefined;
    let emulated = false;
    const failures: string[] = [];
    const wrap = this.options.callWrapper ?? ((call) => call());
    for (let attempt = 1; attempt <= JUDGE_ATTEMPTS; attempt++) {
      let response: JudgeProviderResponse;
      try {
        response = await wrap(() => this.provider.callApi(prompt));
      } catch (err) {
        failures.push(`attempt ${attempt}: the call failed: ${clip((err as Error).message ?? String(err))}`);
        continue;
      }
      addTokens(tokens, response.tokenUsage);
      if (answeredByEmulator(response.metadata?.http?.headers)) {
        emulated = true;
        cost ??= 0;
      } else if (typeof response.cost === 'number') cost = (cost ?? 0) + response.cost;
      if (response.error) {
        failures.push(`attempt ${attempt}: provider error: ${clip(response.error)}`);
        continue;
      }
      if (typeof response.output !== 'string') {
        failures.push(`attempt ${attempt}: no text reply (got ${response.output === undefined ? 'nothing' : typeof response.output})`);
        continue;
      }
      const correct = this.recipe.parse(response.output);
      if (correct === null) {
        failures.push(`attempt ${attempt}: malformed reply ${JSON.stringify(clip(response.output))}`);
        continue;
      }
      const verdict: StoredVerdict = { correct, raw: response.output, tokens };
      await this.options.store?.set(key, verdict);
      return { ...verdict, cached: false, calls: attempt, ...(cost === undefined ? {} : { cost }), ...(emulated ? { emulated } : {}) };
    }
    throw new GraderError(
      `judge ${this.id} gave no valid verdict in ${JUDGE_ATTEMPTS} attempts (expected ${this.recipe.expected}): ${failures.join('; ')}`,
    );
  }
}
