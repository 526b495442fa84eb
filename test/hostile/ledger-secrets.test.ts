/**
 * The ledger's last line of defence: an API's free text (an error that
 * repeats the key it was sent, a status word) is kept with the key redacted;
 * the same text in a field the user gave (name, spec) refuses the write.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Ledger } from '../../lib/ledger/ledger.ts';
import type { RunRecord } from '../../lib/ledger/run-record.ts';
import { CANARY_KEYS } from '../helpers/canary-keys.ts';
import { tempDir } from '../helpers/run.ts';

const at = '2026-11-30T00:00:00.000Z';
const record = (over: Partial<RunRecord> = {}): RunRecord => ({
  version: 1,
  key: '0123456789abcdef',
  name: 'people',
  spec: {
    platform: 'openai',
    domain: { id: 'people', file: 'suites/domains/people.yaml', sha256: 'f'.repeat(64) },
    baseModel: 'gpt-4o-mini',
    hyperparameters: { epochs: 3, batchSize: 'auto', learningRateMultiplier: 'auto' },
    seed: 42,
    recipe: { variants: false, statements: false, statementPrompt: 'State a fact you know.', system: null },
  },
  estimate: null,
  trainingFile: { sha256: 'e'.repeat(64), bytes: 10, examples: 10 },
  state: 'failed',
  attempt: 1,
  upload: null,
  job: null,
  previousJobs: [],
  statusHistory: [],
  progress: null,
  checkpoints: [],
  errors: [],
  createdAt: at,
  updatedAt: at,
  ...over,
});

describe('the ledger never holds a key', () => {
  it('keeps an API error that repeats a key, with the key redacted', () => {
    const ledger = new Ledger(tempDir('ftbench-runs-'));
    const message = `creating the job: 401 Incorrect API key provided: ${CANARY_KEYS.openai}.`;
    const written = ledger.write(record({ errors: [{ at, message }] }));
    expect(written.errors[0]!.message).toBe('creating the job: 401 Incorrect API key provided: sk-[redacted].');
    const text = readFileSync(ledger.fileOf('0123456789abcdef'), 'utf8');
    expect(text).not.toContain(CANARY_KEYS.openai);
    expect(text).toContain('sk-[redacted]');
  });

  it.each([
    ['the run name', { name: `people-${CANARY_KEYS.groq}` }, 'name'],
    ['the system message of the recipe', { spec: { ...record().spec, recipe: { ...record().spec.recipe, system: `Use ${CANARY_KEYS.xai}` } } }, 'spec.recipe.system'],
    ['the tuned model', { job: { id: 'ftjob-1', state: 'succeeded' as const, rawStatus: 'succeeded', tunedModel: CANARY_KEYS.together!, trainedTokens: null, createdAt: at, finishedAt: at, estimatedFinish: null, error: null } }, 'job.tunedModel'],
  ])('refuses a key in %s, naming the field, writing nothing', (_what, over, field) => {
    const ledger = new Ledger(tempDir('ftbench-runs-'));
    expect(() => ledger.write(record(over as Partial<RunRecord>))).toThrow(new RegExp(`^run 0123456789abcdef: not written to the ledger: ${field.replace(/\./g, '\\.')} holds something shaped like an API key`));
    expect(readdirSync(ledger.dir)).toEqual([]);
    expect(path.basename(ledger.dir)).toMatch(/^ftbench-runs-/);
  });
});
