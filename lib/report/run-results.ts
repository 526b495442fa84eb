/**
 * What the per-run analyses (learning curves, recipe comparisons) read from
 * promptfoo results beside the summary rows (which carry each provider's
 * identity: its run and checkpoint): which providers an emulator answered
 * (`emulated`); and each provider's verdict on each question, for tests
 * paired question by question. Results whose provider call failed are left
 * out, as in the summary's n.
 */
import { answerVerdict, providerName, type PromptfooResultLike } from './summary.ts';

/** promptfoo's ResultFailureReason.ERROR. */
const FAILURE_ERROR = 2;

export interface RunResults {
  /** Labels of providers some of whose answers came from an emulator. */
  emulated: Set<string>;
  /** `provider \u0000 domain` → question id → its split and whether the answer was right. */
  verdicts: Map<string, Map<string, { split: string; correct: boolean }>>;
}

export const verdictKey = (provider: string, domain: string): string => `${provider}\u0000${domain}`;

export function readRunResults(results: readonly PromptfooResultLike[]): RunResults {
  const emulated = new Set<string>();
  const verdicts: RunResults['verdicts'] = new Map();
  for (const r of results) {
    const provider = providerName(r);
    const metadata = { ...(r.metadata ?? {}), ...(r.testCase?.metadata ?? {}) };
    if (r.metadata?.emulated === true) emulated.add(provider);
    if (r.failureReason === FAILURE_ERROR || typeof metadata.question_id !== 'string') continue;
    const key = verdictKey(provider, String(metadata.domain ?? 'unknown'));
    let byQuestion = verdicts.get(key);
    if (!byQuestion) verdicts.set(key, (byQuestion = new Map()));
    byQuestion.set(metadata.question_id, { split: String(metadata.split ?? 'all'), correct: answerVerdict(r).pass });
  }
  return { emulated, verdicts };
}
