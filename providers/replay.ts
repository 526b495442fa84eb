/**
 * promptfoo provider `file://providers/replay.ts`: answers from recorded
 * responses (lib/replay/), keyed by the question as asked, so grading can be
 * redone without calling any model. A question with no recording gets an
 * error result, never a made-up answer.
 *
 *   providers:
 *     - id: file://../../providers/replay.ts
 *       label: gpt-4o-mini-2024-07-18
 *       config:
 *         finetunebench: data/finetunebench
 *         model: gpt-4o-mini-2024-07-18
 *         identity: { role: replay, baseModel: gpt-4o-mini-2024-07-18, source: finetunebench }
 *     - id: file://../../providers/replay.ts
 *       label: earlier-run
 *       config: { results: reports/earlier.json, provider: lookup }
 *
 * `identity` (what this provider is, for the report:
 * lib/ledger/provider-identity.ts) is returned in every answer's metadata;
 * `suite` (a generated suite's domain) puts its id under that suite
 * (lib/suites/suite-scope.ts).
 */
import { declaredIdentity, identityMetadata, type ProviderIdentity } from '../lib/ledger/provider-identity.ts';
import { providerSuite, scopedProviderId } from '../lib/suites/suite-scope.ts';
import { questionOf } from '../lib/suites/test-case.ts';
import { openReplaySource, type ReplayConfig, type ReplaySource } from '../lib/replay/replay-source.ts';

interface ProviderOptions {
  id?: string;
  label?: string;
  config?: ReplayConfig & { identity?: unknown; suite?: unknown };
}

export default class ReplayProvider {
  private readonly source: ReplaySource;
  private readonly identity: ProviderIdentity | undefined;
  private readonly suite: string | undefined;
  label?: string;

  constructor(options: ProviderOptions = {}) {
    const { identity, suite, ...config } = options.config ?? {};
    const who = `providers/replay.ts, provider ${JSON.stringify(options.label ?? 'replay')}`;
    this.identity = declaredIdentity({ identity }, who);
    this.suite = providerSuite({ suite }, who);
    this.source = openReplaySource(config);
    this.label = options.label;
  }

  id(): string {
    return scopedProviderId(this.suite, `replay:${this.source.name}`);
  }

  async callApi(prompt: string, context?: { vars?: Record<string, unknown>; test?: { metadata?: Record<string, unknown> } }) {
    const question = questionOf(context, prompt);
    const hit = this.source.recordings.lookup(question);
    if (!hit.found) return { error: `replay ${this.label ?? this.source.name}: ${hit.error}`, ...(this.identity && { metadata: identityMetadata(this.identity) }) };
    return { output: hit.output, metadata: { replay: { source: hit.source }, ...identityMetadata(this.identity) } };
  }
}
