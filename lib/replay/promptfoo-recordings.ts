/**
 * Recorded responses from a promptfoo results file (`promptfoo eval -o
 * results.json`): each result's output keyed by its question:
 * the bare question of suites this project builds (test metadata), else the
 * `question` var of a hand-written suite; optionally only the results of one provider (by label, else id). A result
 * whose provider call failed is recorded as excluded, with its error.
 */
import { UserError } from '../foundation/errors.ts';
import { readPromptfooOutput } from '../eval/run-promptfoo.ts';
import { providerName } from '../report/summary.ts';
import { textOf } from '../suites/verbatim.ts';
import { Recordings } from './recordings.ts';

interface ResultWithResponse {
  vars?: Record<string, unknown>;
  testCase?: { vars?: Record<string, unknown>; metadata?: Record<string, unknown> };
  response?: { output?: unknown; error?: string } | null;
  error?: string | null;
}

export function loadPromptfooRecordings(file: string, provider?: string): Recordings {
  const { results } = readPromptfooOutput(file);
  const names = [...new Set(results.map(providerName))];
  if (provider !== undefined && !names.includes(provider))
    throw new UserError(`${file}: no results of provider "${provider}"; it holds ${names.join(', ') || 'no results'}`);
  if (provider === undefined && names.length > 1)
    throw new UserError(`${file}: holds the answers of several providers (${names.join(', ')}); choose one with config.provider`);
  const rec = new Recordings(`${file}${provider ? ` (provider ${provider})` : ''}`);
  results.forEach((r, i) => {
    if (provider !== undefined && providerName(r) !== provider) return;
    const res = r as typeof r & ResultWithResponse;
    const question = textOf(res.testCase?.metadata?.question) ?? textOf(res.vars?.question) ?? textOf(res.testCase?.vars?.question);
    if (question === undefined) return;
    const output = res.response?.output;
    // An assertion's error leaves the output a real response; a provider's error leaves none.
    if (res.response?.error || output === undefined || output === null) {
      const error = res.response?.error ?? res.error;
      rec.exclude(question, `the recorded call failed${error ? `: ${error}` : ''}`);
      return;
    }
    rec.record(question, typeof output === 'string' ? output : JSON.stringify(output), `${file} result ${i + 1}`);
  });
  return rec;
}
