/** The pieces of the fine-tuning core whose behaviour is easiest to pin down directly. */
import { APIError, RateLimitError } from 'openai';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseDomainText } from '../lib/domain/load.ts';
import { runIdentity } from '../lib/ledger/provider-identity.ts';
import type { RunRecord } from '../lib/ledger/run-record.ts';
import { runKey, type RunSpec } from '../lib/ledger/run-spec.ts';
import { toJobInfo } from '../lib/platforms/openai.ts';
import { explainOpenAIError, isTransientOpenAIError, openAIRetryAfterMs } from '../lib/models/openai-errors.ts';
import { retryTransient } from '../lib/platforms/transient-retry.ts';
import { loadPlatforms, PLATFORMS } from '../lib/platforms/registry.ts';
import { suiteProviders, withoutDescription } from './helpers/suite-providers.ts';
import { DEFAULT_RECIPE } from '../lib/training/recipe.ts';
import { tinyDomain } from './helpers/tiny-domain.ts';

// The suite builder loads the plugins of the platforms its ledger names (lib/suites/available-providers.ts); these tests name all of them.
beforeAll(() => loadPlatforms(PLATFORMS));

const headers = (h: Record<string, string>) => new Headers(h);
/** An error as the SDK makes it from a response body `{error: {...}}`. */
const apiError = (status: number, error: Record<string, unknown>) => APIError.generate(status, { error }, undefined, headers({}));

describe('OpenAI job statuses', () => {
  it('keeps a status it does not know as "unknown", with the raw word, and not as finished', () => {
    const job = { id: 'ftjob-1', status: 'pausing', created_at: 1_700_000_000, finished_at: null, fine_tuned_model: null, trained_tokens: null, estimated_finish: null, error: null } as never;
    expect(toJobInfo(job)).toMatchObject({ id: 'ftjob-1', state: 'unknown', rawStatus: 'pausing', createdAt: '2023-11-14T22:13:20.000Z' });
  });
});

describe('retries', () => {
  it('waits what Retry-After asks (seconds, or retry-after-ms), then succeeds', async () => {
    const waits: number[] = [];
    let calls = 0;
    const result = await retryTransient(
      async () => {
        calls++;
        if (calls === 1) throw new RateLimitError(429, { message: 'slow down' }, undefined, headers({ 'retry-after': '1.5' }));
        if (calls === 2) throw new RateLimitError(429, { message: 'slow down' }, undefined, headers({ 'retry-after-ms': '250' }));
        return 'ok';
      },
      { attempts: 5, baseMs: 500, maxMs: 8000, isTransient: isTransientOpenAIError, retryAfterMs: openAIRetryAfterMs, sleep: async (ms) => void waits.push(ms) },
    );
    expect(result).toBe('ok');
    expect(waits).toEqual([1500, 250]);
  });

  it('does not retry what waiting cannot cure, nor a quota that ran out', async () => {
    const policy = { attempts: 5, baseMs: 1, maxMs: 1, isTransient: isTransientOpenAIError, sleep: async () => {} };
    let calls = 0;
    const unauthorized = apiError(401, { message: 'bad key', code: 'invalid_api_key' });
    await expect(retryTransient(async () => { calls++; throw unauthorized; }, policy)).rejects.toBe(unauthorized);
    expect(calls).toBe(1);
    expect(isTransientOpenAIError(apiError(429, { message: 'x', code: 'insufficient_quota' }))).toBe(false);
    expect(isTransientOpenAIError(apiError(503, { message: 'x' }))).toBe(true);
  });

  it('explains errors without the key', () => {
    const e = explainOpenAIError(apiError(401, { message: 'Incorrect API key provided: sk-abc*****wxyz', code: 'invalid_api_key' }), { doing: 'reading job x' });
    expect((e as Error).message).toBe('reading job x: the API refused the key in OPENAI_API_KEY (401 invalid_api_key); set a valid key in the environment');
    const gone = explainOpenAIError(apiError(404, { message: 'The model `ft:gpt-3.5-turbo-0125:o::x` does not exist', code: 'model_not_found' }), { doing: 'asking it', model: 'ft:gpt-3.5-turbo-0125:o::x' });
    expect((gone as Error).message).toMatch(/model "ft:gpt-3\.5-turbo-0125:o::x" was not found \(404 model_not_found\)\. gpt-3\.5-turbo-0125 and the models tuned from it retired on 2026-10-23\./);
  });
});

describe('run keys and suite labels', () => {
  const loaded = { domain: parseDomainText(tinyDomain(12), 'tiny.yaml'), file: 'tiny.yaml', text: tinyDomain(12) };
  const spec = (over: Partial<RunSpec['hyperparameters']> & { seed?: number } = {}): RunSpec => ({
    platform: 'openai',
    domain: { id: 'tiny-people', file: 'a/tiny.yaml', sha256: 'a'.repeat(64) },
    baseModel: 'gpt-4o-mini',
    hyperparameters: { epochs: over.epochs ?? 3, batchSize: 'auto', learningRateMultiplier: over.learningRateMultiplier ?? 'auto' },
    seed: over.seed ?? 42,
    recipe: DEFAULT_RECIPE,
  });

  it('a key depends on what defines the run, not on where the domain file lies', () => {
    expect(runKey(spec())).toBe(runKey({ ...spec(), domain: { ...spec().domain, file: 'elsewhere/tiny.yaml' } }));
    expect(runKey(spec())).not.toBe(runKey(spec({ seed: 7 })));
    expect(runKey(spec())).not.toBe(runKey({ ...spec(), domain: { ...spec().domain, sha256: 'b'.repeat(64) } }));
    expect(runKey(spec())).toMatch(/^[0-9a-f]{16}$/);
  });

  it('labels tuned models by base model and epochs, adding only what tells runs apart', async () => {
    const record = (s: RunSpec, state: RunRecord['state'] = 'succeeded') =>
      ({ key: runKey(s), name: 'n', spec: s, state, job: { tunedModel: `ft:${runKey(s)}` } }) as unknown as RunRecord;
    const runs = [record(spec()), record(spec({ learningRateMultiplier: 2 })), record(spec({ epochs: 10 })), record(spec({ epochs: 5 }), 'running')];
    const providers = await suiteProviders(loaded, runs, '/tmp/suites', {}, { retrieval: 0 });
    // The viewer's column order: tuned runs, then the base model untuned, then in-context (retrieval after them: test/tuned-providers.test.ts).
    // All three runs trained on one earlier version of the domain: its mark reads alike in every column ("old", as the longest label needs).
    expect(providers.map((p) => p.label)).toEqual([
      '4o-mini ft3 lr-auto old',
      '4o-mini ft3 lr2 old',
      '4o-mini ft10 old',
      '4o-mini base',
      '4o-mini in-context',
    ]);
    expect(withoutDescription(providers[0]!.config)).toEqual({ run: runKey(spec()), identity: runIdentity(runs[0]!) });
    expect(withoutDescription(providers[3]!.config)).toEqual({ model: 'gpt-4o-mini', identity: { role: 'base', baseModel: 'gpt-4o-mini' } });
    // The in-context reference asks the same base model, with the domain's facts in its prompt.
    expect(withoutDescription(providers[4]!.config)).toEqual({
      domainFile: 'tiny.yaml',
      provider: { id: 'file://providers/openai.ts', config: { model: 'gpt-4o-mini' } },
      identity: { role: 'in-context', baseModel: 'gpt-4o-mini' },
    });
  });
});
