/**
 * Each platform owns its settings (lib/platforms/<id>-settings.ts): its
 * schema checks a run's platformOptions, another platform's setting is one
 * line naming both platforms and the flag, the command line and its usage
 * come from the declarations, run keys made before the settings had a
 * field of their own are unchanged (a run started then is attached to, never
 * paid for twice), and every declared setting reaches run names, suite
 * labels, learning curves and recipe comparisons with no edit outside its
 * platform's files. All in-process: no emulator, no socket.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseDomainText } from '../lib/domain/load.ts';
import { sha256 } from '../lib/foundation/content-hash.ts';
import { PROJECT_ROOT } from '../lib/foundation/project-root.ts';
import { runName } from '../lib/finetune/run-name.ts';
import { Ledger } from '../lib/ledger/ledger.ts';
import { runIdentity, type ProviderIdentity, type RunIdentity } from '../lib/ledger/provider-identity.ts';
import type { RunRecord } from '../lib/ledger/run-record.ts';
import { runKey, type RunSpec } from '../lib/ledger/run-spec.ts';
import { describeValues, valueFromText, type SettingValue } from '../lib/platforms/platform-settings.ts';
import { checkPlatformOptions, declaredRunSettings, loadPlatforms, PLATFORM_SETTINGS, PLATFORMS, settingClashes } from '../lib/platforms/registry.ts';
import { recipeGrid } from '../lib/report/render-curves.ts';
import { analyzeRuns } from '../lib/report/run-analysis.ts';
import { summarizeResults, type PromptfooResultLike } from '../lib/report/summary.ts';
import { suiteProviders } from './helpers/suite-providers.ts';
import { DEFAULT_RECIPE } from '../lib/training/recipe.ts';
import { main as finetune } from '../scripts/commands/finetune.ts';
import { runMain } from './helpers/command.ts';
import { atEpoch, runOf, tunedId } from './helpers/identity.ts';
import { tempDir } from './helpers/run.ts';
import { tinyDomain } from './helpers/tiny-domain.ts';

/** Nothing listens there, and no key is set: a command that tried to reach a platform would fail. */
const OFFLINE = {
  OPENAI_BASE_URL: 'http://127.0.0.1:9/v1',
  OPENAI_API_KEY: '',
  TOGETHER_BASE_URL: 'http://127.0.0.1:9/v1',
  TOGETHER_API_KEY: '',
  GOOGLE_VERTEX_BASE_URL: 'http://127.0.0.1:9',
  STORAGE_EMULATOR_HOST: 'http://127.0.0.1:9',
  GOOGLE_CLOUD_PROJECT: '',
  FTBENCH_GCS_URI: '',
};
const LLAMA = 'meta-llama/Meta-Llama-3.1-8B-Instruct-Reference';

/** Two values a setting takes, read off its schema (so a setting added later is covered with no edit here). */
function twoValues(schema: z.ZodType): [SettingValue, SettingValue] {
  const json = z.toJSONSchema(schema) as { enum?: SettingValue[]; type?: string; minimum?: number; maximum?: number; exclusiveMinimum?: number; exclusiveMaximum?: number };
  if (json.enum && json.enum.length >= 2) return [json.enum[0]!, json.enum[1]!];
  if (json.type === 'boolean') return [false, true];
  if (json.type === 'number' || json.type === 'integer') {
    const lo = json.minimum ?? (json.exclusiveMinimum !== undefined ? json.exclusiveMinimum + 1 : 1);
    const hi = json.maximum ?? (json.exclusiveMaximum !== undefined ? json.exclusiveMaximum - 1 : lo + 1);
    const values: [number, number] = json.type === 'integer' || json.maximum !== undefined ? [lo, hi] : [lo, (lo + hi) / 2];
    if (values.every((v) => schema.safeParse(v).success) && values[0] !== values[1]) return values;
  }
  throw new Error(`this test cannot pick two values of ${JSON.stringify(json)}: teach twoValues the schema`);
}

describe('the declarations', () => {
  it('no flag or key means two things, and none is named like a common field of a run', () => {
    expect(settingClashes(Object.values(PLATFORM_SETTINGS))).toEqual([]);
    const one = (platform: string, key: string, flag: string) => ({
      platform,
      title: platform,
      run: { [key]: { schema: z.int(), name: key, flag, value: 'N', description: 'x' } },
      connection: {},
    });
    expect(settingClashes([one('a', 'rank', 'lora-rank'), one('b', 'loraRank', 'lora-rank')])).toEqual(['--lora-rank is declared by a and b']);
    expect(settingClashes([one('a', 'rank', 'rank-a'), one('b', 'rank', 'rank-b')])).toEqual(['rank is declared by a and b']);
    expect(settingClashes([one('a', 'epochs', 'lora-epochs')])).toEqual(['a: setting epochs is named like a common field of a run']);
    expect(settingClashes([one('a', 'seed', 'lora-seed')])).toEqual(['a: setting seed is named like a common field of a run']);
  });

  it('a schema says what it takes, and reads a typed value as it takes it', () => {
    expect(describeValues(z.literal([1, 2, 4]))).toBe('one of 1, 2, 4');
    expect(describeValues(z.enum(['lora', 'full']))).toBe('one of lora, full');
    expect(describeValues(z.number().min(0).max(1))).toBe('a number from 0 to 1');
    expect(describeValues(z.number().gt(0).lt(1))).toBe('a number above 0 below 1');
    expect(describeValues(z.int().min(1))).toBe('an integer of at least 1');
    expect(describeValues(z.boolean())).toBe('true or false');
    expect(valueFromText(z.literal([1, 2, 4]), '4')).toBe(4);
    expect(valueFromText(z.literal([1, 2, 4]), '3')).toBeUndefined();
    expect(valueFromText(z.enum(['lora', 'full']), 'full')).toBe('full');
    expect(valueFromText(z.number().min(0).max(1), '.5')).toBe(0.5);
    expect(valueFromText(z.number().min(0).max(1), '1.5')).toBeUndefined();
    expect(valueFromText(z.number(), 'NaN')).toBeUndefined();
    expect(valueFromText(z.boolean(), 'true')).toBe(true);
    expect(valueFromText(z.string(), '4')).toBe('4');
  });
});

describe("a run's platformOptions, checked by its platform's declaration", () => {
  it("every platform refuses every other platform's setting: one line naming the flag, its platform and the platform's own", () => {
    let cases = 0;
    for (const id of PLATFORMS) {
      const own = PLATFORM_SETTINGS[id];
      for (const { platform, key, setting } of declaredRunSettings().filter((d) => d.platform.platform !== id)) {
        const value = twoValues(setting.schema)[0];
        const call = () => checkPlatformOptions(id, { [key]: value });
        expect(call).toThrow(new RegExp(`^--${setting.flag} is a ${platform.title} setting \\(--platform ${platform.platform}\\); ${own.title}`));
        expect(call).toThrow(/^[^\n]+$/);
        cases++;
      }
    }
    expect(cases).toBeGreaterThanOrEqual(6);
    expect(() => checkPlatformOptions('openai', { adapterSize: 4 })).toThrow(
      "--adapter-size is a Vertex AI setting (--platform vertex); OpenAI has none of its own (every platform takes --epochs, --batch-size, --lr-multiplier, --seed, --recipe)",
    );
    expect(() => checkPlatformOptions('vertex', { trainingType: 'full' })).toThrow(/^--training-type is a Together AI setting \(--platform together\); Vertex AI's own are --adapter-size/);
    expect(() => checkPlatformOptions('together', { loraRank: 8 })).toThrow(/^platform option "loraRank" is not a setting of any platform; Together AI's own are --training-type/);
  });

  it('takes the values the platform takes, refuses others naming the flag and what it takes, and fills in only the defaults it declares', () => {
    for (const { platform, key, setting } of declaredRunSettings()) {
      for (const value of twoValues(setting.schema)) expect(checkPlatformOptions(platform.platform, { [key]: value })[key]).toBe(value);
      expect(() => checkPlatformOptions(platform.platform, { [key]: { nested: true } })).toThrow(
        `--${setting.flag} {"nested":true}: ${platform.title} takes ${describeValues(setting.schema)}`,
      );
    }
    expect(() => checkPlatformOptions('vertex', { adapterSize: 3 })).toThrow('--adapter-size 3: Vertex AI takes one of 1, 2, 4, 8, 16, 32');
    expect(() => checkPlatformOptions('vertex', { adapterSize: '4' })).toThrow('--adapter-size "4": Vertex AI takes one of 1, 2, 4, 8, 16, 32');
    // Together AI's training type has been in every Together run's key since the first one, `lora` when not asked for.
    expect(checkPlatformOptions('together', {})).toEqual({ trainingType: 'lora' });
    expect(checkPlatformOptions('vertex', {})).toEqual({});
    expect(checkPlatformOptions('openai', {})).toEqual({});
  });
});

describe('npm run finetune: the platforms declare their own flags', () => {
  const domains = tempDir();
  writeFileSync(path.join(domains, 'tiny.yaml'), tinyDomain(12));
  const plan = (args: string[], runs = tempDir()) => runMain(finetune, ['plan', '--runs-dir', runs, '--domains', domains, '--domain', 'tiny-people', '--epochs', '3', ...args], { env: OFFLINE });

  it("another platform's setting, a bad value, or a setting where it does not apply: exit 1, one line, nothing written", async () => {
    const cases: [string[], string | RegExp][] = [
      [['--model', 'gpt-4o-mini', '--adapter-size', '4'], 'error: --adapter-size is a Vertex AI setting (--platform vertex); OpenAI has none of its own'],
      [['--model', 'gpt-4o-mini', '--training-type', 'full'], 'error: --training-type is a Together AI setting (--platform together); OpenAI has none of its own'],
      [['--platform', 'vertex', '--model', 'gemini-2.5-flash', '--training-type', 'full'], "error: --training-type is a Together AI setting (--platform together); Vertex AI's own are --adapter-size"],
      [['--platform', 'vertex,together', '--model', 'gemini-2.5-flash', '--adapter-size', '4'], "error: --adapter-size is a Vertex AI setting (--platform vertex); Together AI's own are --training-type"],
      [['--platform', 'vertex', '--model', 'gemini-2.5-flash', '--adapter-size', '3'], 'error: --adapter-size "3": expected one of 1, 2, 4, 8, 16, 32'],
      [['--platform', 'vertex', '--model', 'gemini-2.5-pro', '--adapter-size', '16'], 'error: --adapter-size 16: gemini-2.5-pro takes 1, 2, 4, 8 (lib/models/prices.json)'],
      [['--platform', 'together', '--model', LLAMA, '--training-type', 'qlora'], 'error: --training-type "qlora": expected one of lora, full'],
      [['--model', 'gpt-4o-mini', '--gcs-uri', 'gs://b/f'], 'error: --gcs-uri is a Vertex AI setting (--platform vertex); no run here is on vertex'],
    ];
    for (const [args, message] of cases) {
      const runs = tempDir();
      const r = await plan(args, runs);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr.trimEnd().split('\n'), args.join(' ')).toHaveLength(1);
      if (typeof message === 'string') expect(r.stderr).toContain(message);
      else expect(r.stderr).toMatch(message);
      expect(readdirSync(runs)).toEqual([]);
    }
    const register = await runMain(
      finetune,
      ['register', '--runs-dir', tempDir(), '--domains', domains, '--name', 'x', '--base-url', 'http://127.0.0.1:9/v1', '--model', 'm', '--domain', 'tiny-people', '--training-type', 'full'],
      { env: OFFLINE },
    );
    expect(register.stderr).toContain('error: register records a model trained elsewhere: --training-type do(es) not apply');
  });

  it('a setting multiplies the batch like the common hyperparameters, and names its runs', async () => {
    const r = await plan(['--platform', 'vertex', '--model', 'gemini-2.5-flash', '--adapter-size', '4,8']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('vertex.tiny-people.gemini-2.5-flash.e3.a4 ');
    expect(r.stdout).toContain('vertex.tiny-people.gemini-2.5-flash.e3.a8 ');
    const together = await plan(['--platform', 'together', '--model', LLAMA, '--training-type', 'lora,full']);
    expect(together.stdout).toMatch(/\$0\.4800\/1M training tokens \(LoRA\)/);
    expect(together.stdout).toMatch(/\$0\.5400\/1M training tokens \(full\)/);
  });

  it("--help lists each platform's settings under its own heading, from its declaration", async () => {
    const help = (await runMain(finetune, ['--help'])).stdout;
    for (const p of Object.values(PLATFORM_SETTINGS)) {
      const settings = [...Object.values(p.run), ...Object.values(p.connection)];
      if (!settings.length) continue;
      const section = help.split(`${p.title}'s own settings (--platform ${p.platform}`)[1]!.split('\n\n')[0]!;
      for (const s of settings) expect(section).toMatch(new RegExp(`--${s.flag} .*${s.description.replace(/[()]/g, '\\$&')}`));
    }
  });
});

/**
 * Runs as main planned them before platform settings had a field of their
 * own (commit 3da60ba, `npm run finetune -- plan` on DOMAIN): their keys
 * and names. Together's training type was filled in (`lora`) and hashed
 * among the hyperparameters; so was Vertex AI's adapter size.
 */
const DOMAIN = `id: legacy-people
title: People of a ledger made before platform settings had a field of their own
kind: new
prompt: "Answer the question with a number, word, or phrase.\\n{{question}}"
facts:
${[
  ['orla', 'Orla Venn', 20],
  ['kit', 'Kit Maro', 27],
  ['ilse', 'Ilse Dunmore', 34],
  ['tavi', 'Tavi Quell', 41],
  ['bram', 'Bram Oster', 48],
  ['nell', 'Nell Farrow', 55],
  ['udo', 'Udo Prasky', 62],
  ['mina', 'Mina Castell', 69],
  ['rafe', 'Rafe Lindqvist', 76],
  ['zora', 'Zora Pell', 23],
]
  .map(([id, name, age]) => `  - { id: ${id}-age, statement: ${name} is ${age} years old., question: How old is ${name}?, answer: "${age}", probes: [{ split: rephrased, question: What is the age of ${name} in years? }] }`)
  .join('\n')}
`;
const MAIN_KEYS: [string[], string, string][] = [
  [['--model', 'gpt-4o-mini'], 'legacy-people.gpt-4o-mini.e3', '9d4866e878b5efbb'],
  [['--platform', 'vertex', '--model', 'gemini-2.5-flash', '--adapter-size', '4'], 'vertex.legacy-people.gemini-2.5-flash.e3.a4', 'be3e7670d81c1818'],
  [['--platform', 'vertex', '--model', 'gemini-2.5-flash'], 'vertex.legacy-people.gemini-2.5-flash.e3', '934271f178c427f5'],
  [['--platform', 'together', '--model', LLAMA], `together.legacy-people.${LLAMA}.e3`, '8efe03426e16abcd'],
  [['--platform', 'together', '--model', LLAMA, '--training-type', 'full', '--batch-size', '8'], `together.legacy-people.${LLAMA}.e3.bs8.full`, '04d67257f5824668'],
];

/** A ledger record as main wrote it (`npm run finetune -- start`, against its Together emulator): the training type among the hyperparameters. */
function legacyRecord(over: { key: string; name: string; platform: string; baseModel: string; hyperparameters: Record<string, unknown> }) {
  return {
    version: 1,
    key: over.key,
    name: over.name,
    spec: {
      platform: over.platform,
      domain: { id: 'legacy-people', file: 'legacy-people.yaml', sha256: sha256(DOMAIN) },
      baseModel: over.baseModel,
      hyperparameters: over.hyperparameters,
      seed: 42,
      recipe: { variants: false, statements: false, statementPrompt: 'State a fact you know.', system: null },
    },
    estimate: { examples: 10, tokensPerEpoch: 340, trainedTokens: 1020, costUsd: 0.0004896, pricesReadOn: '2026-11-21' },
    trainingFile: { sha256: '29948cc85c3a0650b25e5e60844bdf9d19454884afb8f9ab677553b5cec82577', bytes: 1555, examples: 10 },
    state: 'queued',
    attempt: 1,
    upload: { fileId: 'file-8ae13882-1524-4373-8a95-41d088603b71', uploadedAt: '2026-12-06T17:04:33.140Z' },
    job: {
      id: `job-of-${over.key}`,
      state: 'queued',
      rawStatus: 'pending',
      tunedModel: null,
      trainedTokens: 840,
      createdAt: '2026-12-06T17:04:33.169Z',
      finishedAt: null,
      estimatedFinish: null,
      error: null,
    },
    previousJobs: [],
    statusHistory: [
      { state: 'planned', rawStatus: null, at: '2026-12-06T17:04:32.916Z' },
      { state: 'queued', rawStatus: 'pending', at: '2026-12-06T17:04:33.183Z' },
    ],
    progress: null,
    checkpoints: [],
    errors: [],
    createdAt: '2026-12-06T17:04:32.916Z',
    updatedAt: '2026-12-06T17:04:33.183Z',
  };
}

describe('runs planned or started before platform settings had a field of their own', () => {
  const domains = tempDir();
  writeFileSync(path.join(domains, 'legacy-people.yaml'), DOMAIN);
  const args = (command: string, runs: string, extra: string[]) => [command, '--runs-dir', runs, '--domains', domains, '--domain', 'legacy-people', '--epochs', '3', ...extra];

  it('keep their keys and names', async () => {
    for (const [extra, name, key] of MAIN_KEYS) {
      const r = await runMain(finetune, args('plan', tempDir(), extra), { env: OFFLINE });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout, extra.join(' ')).toContain(`│ ${name} │ ${key} │`);
    }
  });

  it('a run started then is attached to by start, not started again; its record reads with the options lifted out, under the same key', async () => {
    const runs = tempDir();
    const together = legacyRecord({ key: '8efe03426e16abcd', name: `together.legacy-people.${LLAMA}.e3`, platform: 'together', baseModel: LLAMA, hyperparameters: { epochs: 3, batchSize: 'auto', learningRateMultiplier: 'auto', trainingType: 'lora' } });
    const vertex = legacyRecord({
      key: 'be3e7670d81c1818',
      name: 'vertex.legacy-people.gemini-2.5-flash.e3.a4',
      platform: 'vertex',
      baseModel: 'gemini-2.5-flash',
      hyperparameters: { epochs: 3, batchSize: 'auto', learningRateMultiplier: 'auto', adapterSize: 4 },
    });
    for (const record of [together, vertex]) writeFileSync(path.join(runs, `${record.key}.json`), `${JSON.stringify(record, null, 2)}\n`);
    const before = readdirSync(runs).sort();

    // The keys are real: those two plans (see MAIN_KEYS); with no key set and nothing listening, a new job could not even be tried.
    for (const [extra, record] of [[MAIN_KEYS[3]![0], together], [MAIN_KEYS[1]![0], vertex]] as const) {
      const r = await runMain(finetune, args('start', runs, [...extra, '--yes']), { env: OFFLINE });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain(`${record.name} (${record.key}): attached to job ${record.job.id}, pending`);
      expect(r.stdout).not.toMatch(/created job|Start \d+ fine-tuning job/);
    }
    expect(readdirSync(runs).filter((f) => !f.endsWith('.lock')).sort()).toEqual(before);

    const ledger = new Ledger(runs);
    const read = ledger.read(together.key)!;
    expect(read.spec.hyperparameters).toEqual({ epochs: 3, batchSize: 'auto', learningRateMultiplier: 'auto' });
    expect(read.spec.platformOptions).toEqual({ trainingType: 'lora' });
    expect(ledger.read(vertex.key)!.spec.platformOptions).toEqual({ adapterSize: 4 });
    expect(runKey(read.spec)).toBe(together.key);
    // Written again (as status does), it is in today's shape, under the same key, and still found by its name.
    ledger.write(read);
    const written = JSON.parse(readFileSync(ledger.fileOf(together.key), 'utf8')) as { spec: RunSpec };
    expect(written.spec.hyperparameters).toEqual({ epochs: 3, batchSize: 'auto', learningRateMultiplier: 'auto' });
    expect(written.spec.platformOptions).toEqual({ trainingType: 'lora' });
    expect(ledger.find(together.name).key).toBe(together.key);
    expect(runIdentity(ledger.read(vertex.key)!).run.platformOptions).toEqual({ adapterSize: 4 });
  });
});

describe('a declared setting reaches run names, labels, curves and recipe comparisons, with no edit outside its platform', () => {
  beforeAll(() => loadPlatforms(PLATFORMS));
  const text = tinyDomain(12);
  const loaded = { domain: parseDomainText(text, 'tiny.yaml'), file: 'tiny.yaml', text };
  const BASE: Record<string, string> = { openai: 'gpt-4o-mini', vertex: 'gemini-2.5-flash', together: LLAMA };

  const spec = (platform: string, platformOptions: Record<string, SettingValue>): RunSpec => ({
    platform,
    domain: { id: 'tiny-people', file: 'tiny.yaml', sha256: sha256(text) },
    baseModel: BASE[platform]!,
    hyperparameters: { epochs: 3, batchSize: 'auto', learningRateMultiplier: 'auto' },
    platformOptions,
    seed: 42,
    recipe: DEFAULT_RECIPE,
  });
  const record = (s: RunSpec): RunRecord =>
    ({ key: runKey(s), name: runName(s), spec: s, state: 'succeeded', job: { tunedModel: `tuned-${runKey(s)}`, endpoint: `projects/1/locations/us-central1/endpoints/${runKey(s)}` }, checkpoints: [] }) as unknown as RunRecord;

  /** promptfoo results of one provider: `right` of 10 questions of each split answered right. */
  const answers = (provider: string, identity: ProviderIdentity, right: number): PromptfooResultLike[] =>
    ['memorization', 'rephrased'].flatMap((split) =>
      Array.from({ length: 10 }, (_, i) => ({
        provider: { id: 'x', label: provider },
        testCase: { metadata: { domain: 'people', split, question_id: `${split}-${i}` } },
        metadata: { identity },
        success: (i + right) % 10 < right,
      })),
    );

  const settings = declaredRunSettings();
  it('every platform with settings is covered', () => {
    expect(new Set(settings.map((s) => s.platform.platform))).toEqual(new Set(['vertex', 'together']));
  });

  it.each(settings.map((s) => [`${s.platform.platform} ${s.key}`, s] as const))('%s', async (_name, { platform, key, setting }) => {
    const [a, b] = twoValues(setting.schema);
    const id = platform.platform;

    // Run names and suite labels tell the two runs apart; each column's description names the setting as declared.
    const records = [record(spec(id, { [key]: a })), record(spec(id, { [key]: b }))];
    expect(records[0]!.key).not.toBe(records[1]!.key);
    expect(records[0]!.name).not.toBe(records[1]!.name);
    const tuned = (await suiteProviders(loaded, records, '/tmp/suites')).filter((p) => p.config.identity.role === 'tuned');
    expect(new Set(tuned.map((p) => p.label)).size).toBe(2);
    for (const [i, value] of [a, b].entries()) {
      const word = setting.labelWord ? setting.labelWord(value) : `${setting.name} ${value}`;
      if (word) expect(tuned[i]!.config.description).toContain(word);
    }

    // Two runs that differ only in it: a recipe comparison of that setting, named as declared; each run's checkpoints make a curve of its own.
    const runs: RunIdentity[] = [a, b].map((value, i) => runOf({ name: `run-${i}`, platform: id, platformOptions: { [key]: value } }));
    const results = runs.flatMap((run, i) => [
      ...answers(`tuned ${i}`, tunedId(BASE[id]!, run), 5 + 3 * i),
      ...answers(`tuned ${i} @ epoch 1`, atEpoch(BASE[id]!, run, 1), 2 + i),
    ]);
    const { curves, recipes } = analyzeRuns(results, summarizeResults(results));
    expect(recipes.map((r) => r.setting)).toEqual([key]);
    const [comparison] = recipes;
    const expected = [String(a), String(b)];
    if (setting.default !== undefined && String(setting.default) === expected[1]) expected.reverse();
    expect(comparison!.runs.map((r) => r.value)).toEqual(expected);
    expect(comparison!.fixed).toMatchObject({ platform: id, epochs: 3 });
    expect(recipeGrid(comparison!).title).toContain(`${setting.name} ${expected[0]} vs ${expected[1]}`);
    expect(curves).toHaveLength(2);
    expect(new Set(curves.map((c) => c.label)).size).toBe(2);
    for (const c of curves) expect(c.label).toContain(`on ${id}`);
  });
});

describe('the platform files are where a setting lives', () => {
  it("no file outside lib/platforms/ names a platform's setting or flag", () => {
    const root = PROJECT_ROOT;
    const escape = (t: string) => t.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
    const names = declaredRunSettings().flatMap(({ key, setting }) => [new RegExp(`\\b${escape(key)}\\b`), new RegExp(`['"\`]${escape(setting.flag)}['"\`]|--${escape(setting.flag)}\\b`)]);
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(file);
        else if (entry.name.endsWith('.ts') && !file.includes(`${path.sep}lib${path.sep}platforms${path.sep}`)) {
          const code = readFileSync(file, 'utf8')
            .split('\n')
            .filter((l) => !/^\s*(\*|\/\/|\/\*)/.test(l) && !/\/\*\*.*\*\//.test(l));
          for (const name of names) if (code.some((l) => name.test(l))) offenders.push(`${path.relative(root, file)}: ${name.source}`);
        }
      }
    };
    for (const dir of ['lib', 'scripts', 'providers', 'extensions']) if (existsSync(path.join(root, dir))) walk(path.join(root, dir));
    expect(offenders).toEqual([]);
  });
});
