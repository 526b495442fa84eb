/**
 * promptfoo provider `file://providers/replay.ts`: answers from recorded
 * responses (lib/replay/), keyed by the question as asked, so grading can be
 * redone without calling any model. A question with no recording gets an
 * error result, never a made-up answer.
 *
 *   providers:
 *     - id: file://../../providers/replay.ts
 *       label: gpt-4o-mini-2024-07-18
 *       config: { finetunebench: data/finetunebench, model: gpt-4o-mini-2024-07-18 }
 *     - id: file://../../providers/replay.ts
 *       label: earlier-run
 *       config: { results: reports/earlier.json, provider: lookup }
 */
import { questionOf } from '../lib/suites/test-case.ts';
import { openReplaySource, type ReplayConfig, type ReplaySource } from '../lib/replay/replay-source.ts';

interface ProviderOptions {
  id?: string;
  label?: string;
  config?: ReplayConfig;
}

export default class ReplayProvider {
  private readonly source: ReplaySource;
  label?: string;

  constructor(options: ProviderOptions = {}) {
    this.source = openReplaySource(options.config);
    this.label = options.label;
  }

  id(): string {
    return `replay:${this.source.name}`;
  }

  async callApi(prompt: string, context?: { vars?: Record<string, unknown>; test?: { metadata?: Record<string, unknown> } }) {
    const question = questionOf(context, prompt);
    const hit = this.source.recordings.lookup(question);
    if (!hit.found) return { error: `replay ${this.label ?? this.source.name}: ${hit.error}` };
    return { output: hit.output, metadata: { replay: { source: hit.source } } };
  }
}
