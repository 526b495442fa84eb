/**
 * A 404 for a run's tuned model reads as the run, the base URL and the causes
 * most likely first (lib/models/missing-model.ts), for the OpenAI-style API
 * (OpenAI and Together AI, lib/models/openai-errors.ts) and for Vertex AI
 * (lib/models/gemini-errors.ts); what the evidence says decides the order.
 */
import { APIError } from 'openai';
import { describe, expect, it } from 'vitest';
import { explainGeminiError } from '../lib/models/gemini-errors.ts';
import { EMULATOR_HEADER } from '../lib/foundation/emulator-header.ts';
import { isLoopbackUrl, missingRunModelCauses, type MissingRunModel } from '../lib/models/missing-model.ts';
import { explainOpenAIError } from '../lib/models/openai-errors.ts';

const RUN: MissingRunModel = {
  run: 'people.gpt-4o-mini.e3',
  platform: 'openai',
  baseModel: 'gpt-4o-mini',
  model: 'ft:gpt-4o-mini-2024-07-18:emulator:ftb:abc',
  baseUrl: 'http://127.0.0.1:4000/v1',
  baseUrlEnv: 'OPENAI_BASE_URL',
  emulator: true,
  today: '2026-12-01',
};

/** The causes' first words, in order. */
const order = (text: string) => [...text.matchAll(/\((\d)\) (the emulator at|\S+ is not the server|the server registered for|gpt-4o-mini-2024-07-18 and the models tuned from it (?:retired|retire)|the model was retired)/g)].map((m) => m[2]);

describe('the causes of a missing run model, most likely first', () => {
  it.each([
    ['an emulator answered: restarted without state, another server, retirement', RUN, ['the emulator at', 'OPENAI_BASE_URL=http://127.0.0.1:4000/v1 is not the server', 'gpt-4o-mini-2024-07-18 and the models tuned from it retire']],
    ['a real server answered: no emulator cause', { ...RUN, emulator: false, baseUrl: 'https://api.openai.com/v1', baseUrlEnv: undefined }, ['https://api.openai.com/v1 is not the server', 'gpt-4o-mini-2024-07-18 and the models tuned from it retire']],
    ['the base model has retired: retirement first', { ...RUN, today: '2027-02-01' }, ['gpt-4o-mini-2024-07-18 and the models tuned from it retired', 'the emulator at', 'OPENAI_BASE_URL=http://127.0.0.1:4000/v1 is not the server']],
    ['a registered run (its own base URL) without a known date', { ...RUN, platform: 'endpoint', baseModel: 'my-model', emulator: false }, ['the server registered for', 'the model was retired']],
    ['a registered run answered by an emulator', { ...RUN, platform: 'endpoint', baseModel: 'my-model' }, ['the emulator at', 'the server registered for', 'the model was retired']],
  ] as const)('%s', (_name, input, expected) => {
    const text = missingRunModelCauses(input as MissingRunModel);
    expect(text).toMatch(/^Most likely first: \(1\) /);
    expect(order(text)).toEqual(expected);
  });

  it('names the run or the checkpoint, and how to restart the emulator of that platform', () => {
    expect(missingRunModelCauses(RUN)).toContain('npm run emulator -- openai --state DIR');
    expect(missingRunModelCauses(RUN)).toContain('is not the server that trained run people.gpt-4o-mini.e3');
    expect(missingRunModelCauses({ ...RUN, checkpoint: 'ftckpt_1' })).toContain('is not the server that trained checkpoint ftckpt_1 of run people.gpt-4o-mini.e3');
    expect(missingRunModelCauses({ ...RUN, platform: 'together', baseModel: 'meta-llama/x' })).toContain('npm run emulator -- together --state DIR');
    // No emulator trains a registered run: no `npm run emulator -- endpoint`, no --force.
    const registered = missingRunModelCauses({ ...RUN, platform: 'endpoint', baseModel: 'my-model' });
    expect(registered).not.toMatch(/npm run emulator|--force/);
    expect(registered).toContain('the server registered for run people.gpt-4o-mini.e3 (http://127.0.0.1:4000/v1) no longer serves ft:');
  });

  it.each([
    ['http://127.0.0.1:1/v1', true],
    ['http://localhost:8000', true],
    ['http://[::1]:9/v1', true],
    ['https://api.openai.com/v1', false],
    ['not a url', false],
  ])('%s is on this machine: %s', (url, loopback) => expect(isLoopbackUrl(url)).toBe(loopback));
});

describe('OpenAI-style 404 for a run (what the provider and `finetune start` print)', () => {
  const notFound = (emulated: boolean) =>
    APIError.generate(
      404,
      { error: { message: `The model '${RUN.model}' does not exist or you do not have access to it.`, type: 'invalid_request_error', code: 'model_not_found', param: 'model' } },
      undefined,
      new Headers(emulated ? { [EMULATOR_HEADER]: '1' } : {}),
    );
  const context = { doing: `asking run ${RUN.run} (${RUN.model})`, model: RUN.model, baseURL: RUN.baseUrl, run: { name: RUN.run, platform: 'openai', baseModel: 'gpt-4o-mini', baseUrlSetBy: 'OPENAI_BASE_URL' } };

  it('an emulator answered (its header): the restart without state comes first', () => {
    const message = (explainOpenAIError(notFound(true), context) as Error).message;
    expect(message).toMatch(/^asking run people\.gpt-4o-mini\.e3 \(ft:\S+\): ft:\S+ is not served at http:\/\/127\.0\.0\.1:4000\/v1 \(404 model_not_found\)\. Most likely first: \(1\) the emulator at/);
    expect(order(message)).toHaveLength(3);
  });

  it('a server without the header: the base URL comes first; without a run, the message is as before', () => {
    expect(order((explainOpenAIError(notFound(false), context) as Error).message)[0]).toMatch(/is not the server/);
    const { run: _run, ...plain } = context;
    expect((explainOpenAIError(notFound(true), plain) as Error).message).toMatch(/was not found \(404 model_not_found\)\. gpt-4o-mini-2024-07-18 and the models tuned from it retire on 2027-01-14/);
  });
});

describe('Vertex AI 404 for a run', () => {
  const notFound = Object.assign(new Error(JSON.stringify({ error: { code: 404, status: 'NOT_FOUND', message: 'Endpoint projects/1/locations/us-central1/endpoints/9 not found.' } })), { name: 'ApiError', status: 404 });
  const context = { target: 'endpoint projects/1/locations/us-central1/endpoints/9', project: 'p', location: 'us-central1', retries: 3 };

  it('names the run, where it was asked and the causes (an endpoint on this machine counts as an emulator)', () => {
    const message = explainGeminiError(notFound, { ...context, baseUrl: 'http://127.0.0.1:5000', run: { name: 'v.people.e3', platform: 'vertex', baseModel: 'gemini-2.5-flash', baseUrlSetBy: 'GOOGLE_VERTEX_BASE_URL' } });
    expect(message).toMatch(/^Vertex AI at http:\/\/127\.0\.0\.1:5000 answered 404 NOT_FOUND for run v\.people\.e3 \(endpoint projects\/1\/locations\/us-central1\/endpoints\/9\): it is not served there\. Most likely first: \(1\) the emulator at http:\/\/127\.0\.0\.1:5000 was restarted without its state: .*npm run emulator -- vertex --state DIR.*; \(2\) GOOGLE_VERTEX_BASE_URL=http:\/\/127\.0\.0\.1:5000 is not the server that trained run v\.people\.e3/);
    const google = explainGeminiError(notFound, { ...context, baseUrl: 'https://us-central1-aiplatform.googleapis.com', run: { name: 'v.people.e3', platform: 'vertex', baseModel: 'gemini-2.5-flash' } });
    expect(google).toMatch(/Most likely first: \(1\) https:\/\/us-central1-aiplatform\.googleapis\.com is not the server/);
    expect(google).not.toMatch(/restarted without its state/);
  });

  it('without a run, the message is as before', () => {
    expect(explainGeminiError(notFound, context)).toMatch(/no such endpoint in project p, location us-central1/);
  });
});
