/**
 * promptfoo provider `file://providers/lookup.ts`: the offline BM25 lookup
 * baseline (lib/baselines/lookup.ts) over one domain's trained questions.
 *
 *   providers:
 *     - id: file://../../providers/lookup.ts
 *       label: lookup
 *       config: { domainFile: suites/domains/fictional-people.yaml, identity: { role: lookup } }
 *
 * `domainFile` is absolute or relative to the project root; `identity` (what
 * this provider is, for the report: lib/ledger/provider-identity.ts) is
 * returned in every answer's metadata; `suite` (a generated suite's domain)
 * puts its id under that suite (lib/suites/suite-scope.ts).
 */
import { loadDomainSearch } from '../lib/baselines/domain-search.ts';
import type { LookupIndex } from '../lib/baselines/lookup.ts';
import { fromProjectRoot } from '../lib/foundation/project-root.ts';
import { declaredIdentity, identityMetadata, type ProviderIdentity } from '../lib/ledger/provider-identity.ts';
import { providerSuite, scopedProviderId } from '../lib/suites/suite-scope.ts';
import { questionOf } from '../lib/suites/test-case.ts';
import { textOf } from '../lib/suites/verbatim.ts';

interface ProviderOptions {
  id?: string;
  label?: string;
  config?: { domainFile?: string; identity?: unknown; suite?: unknown };
}

export default class LookupProvider {
  private readonly index: LookupIndex;
  private readonly domainId: string;
  private readonly identity: ProviderIdentity | undefined;
  private readonly suite: string | undefined;
  label?: string;

  constructor(options: ProviderOptions = {}) {
    const who = `providers/lookup.ts, provider ${JSON.stringify(options.label ?? 'lookup')}`;
    this.identity = declaredIdentity(options.config, who);
    this.suite = providerSuite(options.config, who);
    const domainFile = options.config?.domainFile;
    if (!domainFile) throw new Error('providers/lookup.ts: config.domainFile is required (the domain YAML whose trained questions it looks up)');
    // The domain's index is shared by every provider of this process that searches it (lib/baselines/domain-search.ts).
    const search = loadDomainSearch(fromProjectRoot(domainFile));
    this.domainId = search.domain.id;
    this.index = search.lookup;
    this.label = options.label;
  }

  id(): string {
    return scopedProviderId(this.suite, `lookup:${this.domainId}`);
  }

  async callApi(prompt: string, context?: { vars?: Record<string, unknown>; test?: { metadata?: Record<string, unknown> } }) {
    const question = questionOf(context, prompt);
    const choices = context?.test?.metadata?.choices;
    const hit = this.index.answer(question, Array.isArray(choices) ? choices.map((c) => textOf(c) ?? String(c)) : null);
    return { output: hit.answer, metadata: { lookup: { how: hit.how, matched: hit.matched, score: hit.score }, ...identityMetadata(this.identity) } };
  }
}
