/**
 * promptfoo provider `file://providers/lookup.ts`: the offline BM25 lookup
 * baseline (lib/baselines/lookup.ts) over one domain's trained questions.
 *
 *   providers:
 *     - id: file://../../providers/lookup.ts
 *       label: lookup
 *       config: { domainFile: suites/domains/fictional-people.yaml }
 *
 * `domainFile` is absolute or relative to the project root.
 */
import { loadDomainSearch } from '../lib/baselines/domain-search.ts';
import type { LookupIndex } from '../lib/baselines/lookup.ts';
import { fromProjectRoot } from '../lib/foundation/project-root.ts';
import { questionOf } from '../lib/suites/test-case.ts';
import { textOf } from '../lib/suites/verbatim.ts';

interface ProviderOptions {
  id?: string;
  label?: string;
  config?: { domainFile?: string };
}

export default class LookupProvider {
  private readonly index: LookupIndex;
  private readonly domainId: string;
  label?: string;

  constructor(options: ProviderOptions = {}) {
    const domainFile = options.config?.domainFile;
    if (!domainFile) throw new Error('providers/lookup.ts: config.domainFile is required (the domain YAML whose trained questions it looks up)');
    // The domain's index is shared by every provider of this process that searches it (lib/baselines/domain-search.ts).
    const search = loadDomainSearch(fromProjectRoot(domainFile));
    this.domainId = search.domain.id;
    this.index = search.lookup;
    this.label = options.label;
  }

  id(): string {
    return `lookup:${this.domainId}`;
  }

  async callApi(prompt: string, context?: { vars?: Record<string, unknown>; test?: { metadata?: Record<string, unknown> } }) {
    const question = questionOf(context, prompt);
    const choices = context?.test?.metadata?.choices;
    const hit = this.index.answer(question, Array.isArray(choices) ? choices.map((c) => textOf(c) ?? String(c)) : null);
    return { output: hit.answer, metadata: { lookup: { how: hit.how, matched: hit.matched, score: hit.score } } };
  }
}
