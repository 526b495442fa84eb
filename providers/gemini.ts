/**
 * promptfoo provider `file://providers/gemini.ts`: a Gemini model on Vertex AI
 * (lib/inference/gemini-client.ts), either a base model or a tuned model's
 * endpoint.
 *
 *   providers:
 *     - id: file://../../providers/gemini.ts
 *       label: gemini-2.5-flash base
 *       config: { model: gemini-2.5-flash, identity: { role: base, baseModel: gemini-2.5-flash } }
 *     - id: file://../../providers/gemini.ts
 *       label: gemini-2.5-flash tuned 3 epochs
 *       config:
 *         endpoint: projects/my-project/locations/us-central1/endpoints/1234567890
 *         identity: { role: tuned, baseModel: gemini-2.5-flash }
 *     - id: file://../../providers/gemini.ts
 *       label: gemini-2.5-flash tuned 3 epochs
 *       config: { run: vertex.fictional-people.gemini-2.5-flash.e3 }   # a Vertex AI run's name or key in the ledger
 *       # add `checkpoint: <id>` for one of the run's checkpoints (its own endpoint)
 *
 * Project and location come from config or GOOGLE_CLOUD_PROJECT /
 * GOOGLE_CLOUD_LOCATION; credentials from Application Default Credentials.
 * Temperature is 0 unless config says otherwise. Answers are kept in
 * promptfoo's cache (lib/inference/promptfoo-cache.ts; `promptfoo eval
 * --no-cache` keeps them for that eval only, PROMPTFOO_CACHE_ENABLED=false
 * not at all). A failed call is
 * returned as the test's error, with a message saying what to do. Every
 * answer carries the provider's identity in its metadata (`config.identity`,
 * lib/ledger/provider-identity.ts; a run's own when `run` is given), the
 * model's dated price when known (`inferencePrice`) and, for a run, what its
 * training cost (`trainingCost`): the report's cost section reads them.
 * `suite` (a generated suite's domain) puts its id under that suite
 * (lib/suites/suite-scope.ts).
 */
import { GeminiCallError, GeminiClient, type GeminiAnswer, type GenerationSettings } from '../lib/inference/gemini-client.ts';
import { parseGeminiConfig, type GeminiProviderConfig } from '../lib/inference/gemini-config.ts';
import { ledgerGeminiRuns } from '../lib/inference/gemini-run.ts';
import { geminiPrice, type ResolveRun } from '../lib/inference/gemini-target.ts';
import { promptfooCache, type PromptfooCallContext } from '../lib/inference/promptfoo-cache.ts';
import { cacheKey, cachedJson, type KeyValueCache } from '../lib/inference/response-cache.ts';
import { declaredIdentity, identityMetadata, identityOfRun, type ProviderIdentity } from '../lib/ledger/provider-identity.ts';
import { inferencePriceMetadata, type InferencePrice } from '../lib/models/inference-price.ts';
import { trainingCostMetadata } from '../lib/models/training-cost.ts';
import { providerSuite, scopedProviderId } from '../lib/suites/suite-scope.ts';

interface ProviderOptions {
  id?: string;
  label?: string;
  /** promptfoo adds `basePath` (the config file's folder) to every provider's config. */
  config?: GeminiProviderConfig & { basePath?: string; identity?: unknown; suite?: unknown; description?: unknown };
  /** The suite's `env:` overrides. */
  env?: Record<string, string | undefined>;
}

export default class GeminiProvider {
  private readonly client: GeminiClient;
  private readonly settings: GenerationSettings;
  private readonly identity: ProviderIdentity | undefined;
  private readonly price: InferencePrice | null;
  private readonly suite: string | undefined;
  label?: string;
  config: GeminiProviderConfig;

  /** `resolveRun` turns `config.run` into the endpoint the run produced; by default it reads the fine-tuning ledger. */
  constructor(options: ProviderOptions = {}, resolveRun?: ResolveRun) {
    // The description is for people (the suite builder writes it beside the identity); nothing here reads it.
    const { basePath: _basePath, identity, suite, description: _description, ...config } = options.config ?? {};
    const env = { ...process.env, ...options.env };
    const who = `providers/gemini.ts, provider ${JSON.stringify(options.label ?? config.run ?? config.endpoint ?? config.model ?? 'unnamed')}`;
    const declared = declaredIdentity({ identity }, who);
    this.suite = providerSuite({ suite }, who);
    let setup;
    try {
      setup = parseGeminiConfig(config, env, resolveRun ?? ledgerGeminiRuns(typeof config.runsDir === 'string' ? config.runsDir : undefined, env));
    } catch (error) {
      throw new Error(`providers/gemini.ts: ${(error as Error).message}`);
    }
    this.identity = setup.place.run ? identityOfRun(declared, setup.place.run, who) : declared;
    this.client = new GeminiClient(setup.place, setup.connection, env);
    this.price = geminiPrice(setup.place);
    this.settings = setup.settings;
    this.config = config;
    this.label = options.label;
  }

  id(): string {
    const { target } = this.client.place;
    return scopedProviderId(this.suite, target.kind === 'model' ? `vertex:${target.model}` : `vertex:${target.endpoint}`);
  }

  async callApi(prompt: string, context?: PromptfooCallContext) {
    // The cache key is what is asked (not which run it is: that is the identity, reported beside the answer).
    const { run: _run, trainingCost, ...place } = this.client.place;
    const asked = { baseUrl: this.client.baseUrl, place, settings: this.settings, prompt };
    const store = (await promptfooCache<KeyValueCache>(context)) ?? undefined;
    const identityData = identityMetadata(this.identity);
    try {
      const { value, cached } = await cachedJson<GeminiAnswer>(store, cacheKey('ftbench:gemini', asked), () => this.client.generate(prompt, this.settings));
      const { usage } = value;
      return {
        output: value.text,
        cached,
        // A cached answer keeps its prompt and completion tokens: what the answer costs (the report's cost section), though this eval paid nothing for it.
        tokenUsage: cached
          ? { cached: usage.total, total: usage.total, prompt: usage.prompt, completion: usage.completion, numRequests: 0 }
          : {
              prompt: usage.prompt,
              completion: usage.completion,
              total: usage.total,
              numRequests: 1,
              ...(usage.reasoning ? { completionDetails: { reasoning: usage.reasoning } } : {}),
            },
        metadata: {
          vertex: { target: this.client.target, finishReason: value.finishReason, modelVersion: value.modelVersion },
          // What answered, for the report; `emulated` when an emulator did; its price and its run's training cost, for the cost section.
          ...identityData,
          ...inferencePriceMetadata(this.price),
          ...trainingCostMetadata(trainingCost),
          ...(value.emulated && { emulated: true }),
        },
      };
    } catch (error) {
      if (error instanceof GeminiCallError) return { error: error.message, ...(this.identity && { metadata: identityMetadata(this.identity) }) };
      throw error;
    }
  }
}
