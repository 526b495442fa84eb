/**
 * promptfoo provider `file://providers/in-context.ts`: the in-context
 * reference (lib/baselines/in-context.ts). It puts the domain's fact
 * statements (all, or the k most relevant by BM25) before the prompt and asks
 * an inner provider, the untuned base model. With `k` it is the retrieval
 * reference (`identity: { role: retrieval, baseModel, k }`), around the base
 * model or around a tuned run (`provider: { id: file://providers/openai.ts,
 * config: { run: … } }`, identity with the run).
 *
 *   providers:
 *     - id: file://../../providers/in-context.ts
 *       label: gemini-2.5-flash in-context
 *       config:
 *         domainFile: suites/domains/fictional-people.yaml
 *         k: 6                                   # optional; all statements when absent
 *         provider:
 *           id: file://providers/gemini.ts       # or openai:chat:gpt-4o-mini, …
 *           config: { model: gemini-2.5-flash }
 *         identity: { role: in-context, baseModel: gemini-2.5-flash }   # for the report
 *                                             # with k: { role: retrieval, baseModel: gemini-2.5-flash, k: 6 }
 *
 * `domainFile` and a `file://` inner provider are absolute or relative to the
 * project root. One of this project's providers (providers/*.ts) is imported
 * directly; any other id promptfoo knows is loaded by promptfoo's library,
 * imported then (it takes about a second to load). The inner answer, token
 * usage and cache state are returned as they are, with the prompt really
 * sent in `metadata.inContextPrompt` and the facts given in
 * `metadata.inContext`, and this provider's identity (`config.identity`,
 * lib/ledger/provider-identity.ts) in `metadata.identity`, never the inner
 * provider's: the report reads that, not the label. The inner answer's price
 * and training cost (lib/models) stay: what the answer cost is the inner
 * model's, on the longer prompt. `suite` (a generated suite's domain) puts
 * its id under that suite (lib/suites/suite-scope.ts).
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ApiProvider, CallApiContextParams, CallApiOptionsParams } from 'promptfoo';
import { loadDomainSearch } from '../lib/baselines/domain-search.ts';
import { InContextFacts } from '../lib/baselines/in-context.ts';
import { checkProviderId } from '../lib/foundation/promptfoo-provider-id.ts';
import { fromProjectRoot, PROJECT_ROOT } from '../lib/foundation/project-root.ts';
import { declaredIdentity, identityMetadata, type ProviderIdentity } from '../lib/ledger/provider-identity.ts';
import { providerSuite, scopedProviderId } from '../lib/suites/suite-scope.ts';
import { questionOf } from '../lib/suites/test-case.ts';

interface InnerProviderConfig {
  id: string;
  label?: string;
  config?: Record<string, unknown>;
}

interface ProviderOptions {
  id?: string;
  label?: string;
  config?: { domainFile?: string; k?: number; provider?: string | InnerProviderConfig; basePath?: string; identity?: unknown; suite?: unknown };
  env?: Record<string, string | undefined>;
}

const NAME = 'providers/in-context.ts';

function innerSpec(raw: unknown): InnerProviderConfig {
  const spec = typeof raw === 'string' ? { id: raw } : raw;
  if (!spec || typeof spec !== 'object' || typeof (spec as InnerProviderConfig).id !== 'string' || !(spec as InnerProviderConfig).id.trim()) {
    throw new Error(`${NAME}: config.provider is required: the base model to ask, e.g. { id: file://providers/gemini.ts, config: { model: gemini-2.5-flash } } or openai:chat:gpt-4o-mini`);
  }
  const { config } = spec as InnerProviderConfig;
  if (config !== undefined && (typeof config !== 'object' || config === null || Array.isArray(config))) {
    throw new Error(`${NAME}: config.provider.config must be a mapping`);
  }
  return spec as InnerProviderConfig;
}

const OWN_PROVIDERS = path.join(PROJECT_ROOT, 'providers');

/** The inner provider: this project's own provider files directly, anything else through promptfoo. */
async function loadInner(spec: InnerProviderConfig, env: Record<string, string | undefined> | undefined): Promise<ApiProvider> {
  const options = { ...(spec.label !== undefined && { label: spec.label }), config: spec.config ?? {} };
  const file = spec.id.startsWith('file://') ? fromProjectRoot(spec.id.slice('file://'.length)) : null;
  if (file && path.dirname(file) === OWN_PROVIDERS) {
    const { default: Provider } = (await import(pathToFileURL(file).href)) as { default: new (o: object) => ApiProvider };
    return new Provider({ id: spec.id, ...options, env });
  }
  const { loadApiProvider } = await import('promptfoo');
  return loadApiProvider(spec.id, { basePath: PROJECT_ROOT, env: env as Record<string, string> | undefined, options });
}

export default class InContextProvider {
  private readonly facts: InContextFacts;
  private readonly domainId: string;
  private readonly innerId: string;
  private readonly inner: Promise<ApiProvider>;
  private readonly identity: ProviderIdentity | undefined;
  private readonly suite: string | undefined;
  label?: string;

  constructor(options: ProviderOptions = {}) {
    const config = options.config ?? {};
    const who = `${NAME}, provider ${JSON.stringify(options.label ?? 'in-context')}`;
    this.identity = declaredIdentity(config, who);
    this.suite = providerSuite(config, who);
    if (!config.domainFile) throw new Error(`${NAME}: config.domainFile is required (the domain YAML whose fact statements go in the prompt)`);
    if (config.k !== undefined && !(Number.isInteger(config.k) && config.k >= 1)) {
      throw new Error(`${NAME}: config.k must be a positive whole number (how many statements to give), got ${JSON.stringify(config.k)}`);
    }
    if (this.identity?.role === 'retrieval' && this.identity.k !== config.k) {
      throw new Error(
        `${NAME}: config.identity says retrieval with k ${this.identity.k}, but config.k is ${config.k === undefined ? 'not set (all statements)' : config.k}: give the same k to both`,
      );
    }
    const spec = innerSpec(config.provider);
    // A mistyped inner provider stops promptfoo here, before any test, instead of erroring every call.
    checkProviderId(spec.id, `${NAME} config.provider`, PROJECT_ROOT);
    // The domain's statement index is shared by every provider of this process that searches it (lib/baselines/domain-search.ts).
    const search = loadDomainSearch(fromProjectRoot(config.domainFile));
    this.domainId = search.domain.id;
    this.facts = new InContextFacts(search.statements, config.k);
    this.innerId = spec.id;
    this.label = options.label;
    // Loading is asynchronous and a constructor is not: calls wait for it, and a
    // failure (an inner provider's bad config) becomes each call's error.
    this.inner = loadInner(spec, options.env);
    this.inner.catch(() => undefined);
  }

  id(): string {
    return scopedProviderId(this.suite, `${this.facts.k === undefined ? 'in-context' : `retrieval-k${this.facts.k}`}:${this.domainId}:${this.innerId}`);
  }

  async callApi(prompt: string, context?: CallApiContextParams, options?: CallApiOptionsParams) {
    let inner: ApiProvider;
    try {
      inner = await this.inner;
    } catch (error) {
      return { error: `${NAME}: could not load the base model provider ${this.innerId}: ${(error as Error).message}`, ...(this.identity && { metadata: identityMetadata(this.identity) }) };
    }
    const question = questionOf(context, prompt);
    const { text, facts } = this.facts.prompt(prompt, question);
    // An answer's `prompt` would replace the question var in promptfoo's own results table
    // (convertResultsToTable: a plain eval's table, `promptfoo show eval`), so what the base model
    // was really asked goes in the metadata, which the viewer shows in the output's details.
    const { prompt: _asked, ...response } = await inner.callApi(text, context, options);
    // The inner provider's identity (the base model's, if it has one) is not this provider's.
    const { identity: _inner, ...metadata } = response.metadata ?? {};
    return {
      ...response,
      metadata: { ...metadata, ...identityMetadata(this.identity), inContextPrompt: text, inContext: { facts, k: this.facts.k ?? null, of: this.facts.size } },
    };
  }
}
