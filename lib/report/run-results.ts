/**
 * What the per-run analyses (learning curves, recipe comparisons) read from
 * promptfoo results: which run (and checkpoint) each tuned provider is, from
 * the `ftbenchRun` its answers carry (lib/ledger/run-descriptor.ts); which
 * providers an emulator answered (`emulated`); and each provider's verdict
 * on each question, for tests paired question by question. Results whose
 * provider call failed are left out, as in the summary's n.
 */
import { runDescriptorOf, type RunDescriptor } from '../ledger/run-descriptor.ts';
import { answerVerdict, providerName, type PromptfooResultLike } from './summary.ts';

/** promptfoo's ResultFailureReason.ERROR. */
const FAILURE_ERROR = 2;

export interface RunResults {
  /** Provider label → the run (and checkpoint) it asked. */
  runs: Map<string, RunDescriptor>;
  /** Labels of providers some of whose answers came from an emulator. */
  emulated: Set<string>;
  /** `provider \u0000 domain` → question id → its split and whether the answer was right. */
  verdicts: Map<string, Map<string, { split: string; correct: boolean }>>;
}

export const verdictKey = (provider: string, domain: string): string => `${provider}\u0000${domain}`;

export function readRunResults(results: readonly PromptfooResultLike[]): RunResults {
  const runs = new Map<string, RunDescriptor>();
  const emulated = new Set<string>();
  const verdicts: RunResults['verdicts'] = new Map();
  for (const r of results) {
    const provider = providerName(r);
    const metadata = { ...(r.metadata ?? {}), ...(r.testCase?.metadata ?? {}) };
    const run = runDescriptorOf(r.metadata);
    if (run && !runs.has(provider)) runs.set(provider, run);
    if (r.metadata?.emulated === true) emulated.add(provider);
    if (r.failureReason === FAILURE_ERROR || typeof metadata.question_id !== 'string') continue;
    const key = verdictKey(provider, String(metadata.domain ?? 'unknown'));
    let byQuestion = verdicts.get(key);
    if (!byQuestion) verdicts.set(key, (byQuestion = new Map()));
    byQuestion.set(metadata.question_id, { split: String(metadata.split ?? 'all'), correct: answerVerdict(r).pass });
  }
  return { runs, emulated, verdicts };
}
