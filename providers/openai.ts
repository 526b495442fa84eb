/**
 * promptfoo provider `file://providers/openai.ts`: an OpenAI (or any
 * OpenAI-compatible) chat model, named by a fine-tuning run in the ledger or
 * by model id. The key is read from the environment when it calls; a suite
 * holds only the name of the variable.
 *
 *   providers:
 *     - id: file://../../providers/openai.ts
 *       label: gpt-4o-mini tuned 3 epochs
 *       config: { run: fictional-people.gpt-4o-mini.e3 }   # a run's name or key (runs/, or $FTBENCH_RUNS_DIR)
 *     - id: file://../../providers/openai.ts
 *       label: gpt-4o-mini tuned 3 epochs @ epoch 1
 *       config: { run: fictional-people.gpt-4o-mini.e3, checkpoint: ftckpt-… }   # one of the run's checkpoints
 *     - id: file://../../providers/openai.ts
 *       label: gpt-4o-mini base
 *       config: { model: gpt-4o-mini, identity: { role: base, baseModel: gpt-4o-mini } }   # any model id
 *
 *     - id: file://../../providers/openai.ts
 *       label: meta-llama/Meta-Llama-3.1-8B-Instruct-Reference base
 *       config: { model: meta-llama/Meta-Llama-3.1-8B-Instruct-Reference, platform: together }
 *
 * A run is asked where its platform serves it (OpenAI, Together AI's
 * OpenAI-compatible API, or the server a registered run names). Other config:
 * platform (with `model`: openai, the default, or together: TOGETHER_BASE_URL,
 * default https://api.together.xyz/v1, and TOGETHER_API_KEY), baseURL
 * (default the platform's: $OPENAI_BASE_URL, else OpenAI's), apiKeyEnv
 * (default the platform's, OPENAI_API_KEY; null for a server that takes no
 * key), temperature (0), seed (42), max_tokens, retries (8, on 429 and 5xx,
 * honouring Retry-After), system, runsDir, cache (true: answers are kept in
 * promptfoo's cache), chatMessages (false), identity (what the provider is,
 * for the report: lib/ledger/provider-identity.ts; a run's own when `run` is
 * given), suite (a generated suite's domain: the id goes under it,
 * lib/suites/suite-scope.ts). Every answer, failed ones too, carries the
 * identity in its metadata; an answer also carries the model's dated price
 * when known (`inferencePrice`) and, for a run, what its training cost
 * (`trainingCost`), which the report's cost section reads.
 *
 * The prompt is sent as the user's text, one user message, whatever it looks
 * like (a domain question that reads as a JSON list of chat messages is still
 * asked as written); the system message (config.system, else the run's
 * recipe's) comes first. A suite written by hand whose prompts are chat
 * messages says so: `chatMessages: true` reads each prompt as a JSON list of
 * {role, content} (promptfoo's chat format), sent after the system message.
 */
import { ChatClient, type AnswerCache } from '../lib/inference/chat-client.ts';
import { resolveChatTarget, type ChatTarget, type ChatTargetConfig } from '../lib/inference/chat-target.ts';
import { promptfooCache, type PromptfooCallContext } from '../lib/inference/promptfoo-cache.ts';
import { declaredIdentity, identityMetadata, identityOfRun, type ProviderIdentity } from '../lib/ledger/provider-identity.ts';
import { DEFAULT_SEED } from '../lib/ledger/run-spec.ts';
import { inferencePrice, inferencePriceMetadata } from '../lib/models/inference-price.ts';
import { trainingCostMetadata } from '../lib/models/training-cost.ts';
import { providerSuite, scopedProviderId } from '../lib/suites/suite-scope.ts';

interface OpenAIProviderConfig extends ChatTargetConfig {
  temperature?: number;
  seed?: number;
  max_tokens?: number;
  /** Retries on 408/409/429/5xx and lost connections (default 8), honouring Retry-After. */
  retries?: number;
  cache?: boolean;
  /** Each prompt is a JSON list of chat messages, not the user's text (default false). */
  chatMessages?: boolean;
}

interface CallContext extends PromptfooCallContext {
  bustCache?: boolean;
}

export default class OpenAIChatProvider {
  private readonly config: OpenAIProviderConfig;
  private readonly client = new ChatClient();
  private target: ChatTarget | undefined;
  /** Declared in config (checked now, so a malformed one stops the eval before any call). */
  private readonly declared: ProviderIdentity | undefined;
  private identity: ProviderIdentity | undefined;
  private readonly suite: string | undefined;
  label?: string;

  constructor(options: { id?: string; label?: string; config?: OpenAIProviderConfig & { identity?: unknown; suite?: unknown; description?: unknown } } = {}) {
    // The description is for people (the suite builder writes it beside the identity); nothing here reads it.
    const { identity, suite, description: _description, ...config } = options.config ?? {};
    this.config = config;
    this.label = options.label;
    this.suite = providerSuite({ suite }, this.who());
    this.declared = declaredIdentity({ identity }, this.who());
    this.identity = this.declared;
  }

  private who(): string {
    return `providers/openai.ts, provider ${JSON.stringify(this.label ?? this.id())}`;
  }

  id(): string {
    const own = `openai:${this.config.run ? `run:${this.config.run}${this.config.checkpoint ? `@${this.config.checkpoint}` : ''}` : (this.config.model ?? 'unset')}`;
    return scopedProviderId(this.suite, own);
  }

  async callApi(prompt: string, context?: CallContext) {
    try {
      // Resolved at the first call (and again until it succeeds): a run may finish while the suite waits.
      if (this.config.chatMessages !== undefined && typeof this.config.chatMessages !== 'boolean')
        throw new Error(`providers/openai.ts: config.chatMessages must be true or false, not ${JSON.stringify(this.config.chatMessages)}`);
      if (!this.target) {
        const target = await resolveChatTarget(this.config);
        this.identity = target.run ? identityOfRun(this.declared, target.run, this.who()) : this.declared;
        this.target = target;
      }
      const cache = this.config.cache === false ? null : await promptfooCache<AnswerCache>(context);
      const answer = await this.client.ask(
        this.target,
        prompt,
        { temperature: this.config.temperature ?? 0, seed: this.config.seed ?? DEFAULT_SEED, maxTokens: this.config.max_tokens, maxRetries: this.config.retries, chatMessages: this.config.chatMessages === true },
        cache,
        context?.bustCache,
      );
      // What answered, for the report; `emulated` when an emulator did (its cost is then 0, and what it would have cost is kept apart); its price and its run's training cost, for the cost section.
      const { prices, trainingCost } = this.target;
      const metadata = {
        model: answer.model,
        ...identityMetadata(this.identity),
        ...(answer.emulated && { emulated: true }),
        ...(answer.costIfReal !== undefined && { costIfReal: answer.costIfReal }),
        ...inferencePriceMetadata(prices && inferencePrice(prices.info, prices.tuned)),
        ...trainingCostMetadata(trainingCost),
      };
      return { output: answer.output, tokenUsage: answer.tokenUsage, cost: answer.cost, cached: answer.cached, metadata };
    } catch (err) {
      return { error: (err as Error).message, ...(this.identity && { metadata: identityMetadata(this.identity) }) };
    }
  }
}
