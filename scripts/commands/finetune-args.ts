/**
 * The command line of `npm run finetune`: its declaration (each option's type,
 * range and list-ness are checked by lib/cli; each platform's own settings
 * come from the platform's declaration, lib/platforms/setting-flags.ts) and
 * the rules between options (a run needs --domain, --model and --epochs;
 * register's own options; --run or run settings, not both), which turn it
 * into a FinetuneRequest.
 */
import path from 'node:path';
import { defineCommand, type OptionValues } from '../../lib/cli/command-spec.ts';
import type { ParsedCommandLine } from '../../lib/cli/parse-command-line.ts';
import type { CommandIO } from '../../lib/foundation/command-io.ts';
import { UserError } from '../../lib/foundation/errors.ts';
import { FINETUNE_COMMANDS, type FinetuneCommand, type FinetuneRequest, type RegisterRequest } from '../../lib/finetune/finetune-request.ts';
import type { RunMatrix } from '../../lib/finetune/run-matrix.ts';
import { defaultRunsDir } from '../../lib/ledger/ledger.ts';
import { DEFAULT_SEED } from '../../lib/ledger/run-spec.ts';
import { PLATFORMS } from '../../lib/platforms/registry.ts';
import { givenPlatformSettings, platformSettingOptions } from '../../lib/platforms/setting-flags.ts';
import { DOMAINS_DIR } from '../../lib/suites/write-suites.ts';
import { RECIPE_OPTIONS, recipeFromOptions } from '../../lib/training/recipe.ts';

const DESCRIPTIONS: Record<FinetuneCommand, string> = {
  plan: 'print examples, tokens, epochs, trained tokens and estimated cost (contacts nothing)',
  start: 'start the runs\' jobs (asks first, unless --yes); a run that has a job attaches to it',
  status: 'refresh and print the runs\' state',
  wait: 'wait for the runs\' jobs, with progress',
  list: 'print the ledger (contacts nothing)',
  cancel: 'cancel the runs\' jobs (asks first, unless --yes)',
  register: 'record a model tuned elsewhere, served by an OpenAI-compatible API, as a run (platform endpoint); nothing is trained or contacted, and the key itself is never written',
};

/** Each platform's own settings (--adapter-size, --training-type, --gcs-uri, …), as the platforms declare them. */
const PLATFORM_FLAGS = platformSettingOptions();

export const spec = defineCommand({
  script: 'finetune',
  summary: 'Fine-tuning runs: plan and estimate, start (idempotent: a run is keyed by what defines it), follow, cancel, or register a model tuned elsewhere.',
  commands: FINETUNE_COMMANDS.map((name) => ({ name, description: DESCRIPTIONS[name] })),
  groups: {
    run: 'a run (comma lists expand to every combination: --model a,b --epochs 3,10 is four runs)',
    ...PLATFORM_FLAGS.groups,
    select: 'or, for status, wait and cancel (status and wait default to every run in the ledger; --platform alone takes that platform\'s runs, list too)',
    register: 'register (with --model, --domain, --recipe, --system and --epochs as it was trained)',
    general: 'every command',
  },
  options: {
    platform: { type: 'choice', choices: PLATFORMS, list: true, group: 'run', defaultText: 'openai', description: 'where it is tuned (endpoint: the runs register records)' },
    domain: { type: 'text', value: 'ID|FILE', list: true, group: 'run', description: 'a domain id under --domains, or a domain YAML file' },
    model: { type: 'text', value: 'NAME', list: true, group: 'run', description: 'base model, e.g. gpt-4o-mini, gemini-2.5-flash, meta-llama/Meta-Llama-3.1-8B-Instruct-Reference' },
    epochs: { type: 'integer', value: 'N', min: 1, max: 50, list: true, group: 'run', description: 'training epochs' },
    'batch-size': { type: 'integer', value: 'N', min: 1, max: 256, auto: true, list: true, group: 'run', defaultText: 'auto', description: 'examples per step (not on vertex)' },
    'lr-multiplier': { type: 'number', value: 'X', above: 0, auto: true, list: true, group: 'run', defaultText: 'auto', description: 'learning-rate multiplier (on together it scales the default learning rate 1e-5)' },
    seed: { type: 'integer', value: 'N', min: 0, max: 2147483647, list: true, group: 'run', defaultText: String(DEFAULT_SEED), description: 'the training seed (vertex takes none, but it stays in the run\'s key)' },
    recipe: { type: 'choice', value: 'OPT', choices: RECIPE_OPTIONS, list: true, group: 'run', description: 'default: the trained questions; variants: also facts[].training and the paraphrases npm run augment wrote; statements: also fact statements and their restatements' },
    system: { type: 'text', value: 'TEXT', group: 'run', description: 'a system message in every training example' },
    run: { type: 'text', value: 'NAME|KEY', list: true, group: 'select', description: 'runs by name or ledger key' },
    name: { type: 'text', value: 'NAME', group: 'register', description: "the run's name" },
    'base-url': { type: 'text', value: 'URL', group: 'register', description: "the server's OpenAI-compatible base URL, e.g. http://localhost:8000/v1" },
    'base-model': { type: 'text', value: 'ID', group: 'register', description: 'its untuned base model at the same server (for the base and in-context references)' },
    'api-key-env': { type: 'text', value: 'VAR', group: 'register', defaultText: 'none', description: "the NAME of the variable that holds the server's key" },
    yes: { type: 'flag', short: 'y', group: 'general', description: 'do not ask (start, cancel)' },
    force: { type: 'flag', group: 'general', description: 'start: make a new job even for a run that has one (asks first)' },
    wait: { type: 'flag', group: 'general', description: 'start: then wait for the jobs' },
    interval: { type: 'number', value: 'SECONDS', above: 0, max: 3600, default: 10, group: 'general', description: 'wait: time between polls' },
    retries: { type: 'integer', value: 'N', min: 0, max: 20, group: 'general', defaultText: '5; OpenAI reads 6', description: 'retries of a call that failed for a passing reason (429, 5xx, lost connection)' },
    'runs-dir': { type: 'text', value: 'DIR', group: 'general', defaultText: 'runs/, or $FTBENCH_RUNS_DIR', description: 'the ledger' },
    domains: { type: 'text', value: 'DIR', group: 'general', defaultText: 'suites/domains', description: 'where --domain ids are found' },
    ...PLATFORM_FLAGS.options,
  },
  notes: `Reads from the environment, never writes anywhere: openai OPENAI_API_KEY, OPENAI_BASE_URL; vertex
GOOGLE_CLOUD_PROJECT, GOOGLE_CLOUD_LOCATION, GOOGLE_APPLICATION_CREDENTIALS (or gcloud's ADC),
GOOGLE_VERTEX_BASE_URL, STORAGE_EMULATOR_HOST, FTBENCH_GCS_URI; together TOGETHER_API_KEY, TOGETHER_BASE_URL.`,
});

type Values = OptionValues<typeof spec.options>;

const RUN_FLAGS = ['domain', 'model', 'epochs', 'batch-size', 'lr-multiplier', 'seed', 'recipe', 'system'] as const;
const REGISTER_FLAGS = ['name', 'base-url', 'api-key-env', 'base-model'] as const;
const flags = (names: readonly string[]) => names.map((f) => `--${f}`).join(', ');

function registerRequest(values: Values, platformFlags: string[]): RegisterRequest {
  const missing = (['name', 'base-url', 'model', 'domain'] as const).filter((f) => values[f] === undefined);
  if (missing.length)
    throw new UserError(
      `register needs ${flags(missing)} (e.g. npm run finetune -- register --name people-lora --base-url http://localhost:8000/v1 --model people-lora --domain fictional-people --base-model meta-llama/Llama-3.1-8B-Instruct)`,
    );
  const notHere = [...(['batch-size', 'lr-multiplier', 'seed', 'force', 'wait'] as const).filter((f) => values[f] !== undefined && values[f] !== false).map((f) => `--${f}`), ...platformFlags];
  if (notHere.length) throw new UserError(`register records a model trained elsewhere: ${notHere.join(', ')} do(es) not apply`);
  if (values.platform !== undefined && values.platform.some((p) => p !== 'endpoint')) throw new UserError(`register records runs on platform endpoint; --platform ${values.platform.join(',')} starts jobs with start`);
  for (const f of ['name', 'base-url'] as const) if (values[f]!.includes(',')) throw new UserError(`register takes one --${f}, not a list`);
  for (const f of ['model', 'domain', 'epochs'] as const) if ((values[f]?.length ?? 0) > 1) throw new UserError(`register takes one --${f}, not a list`);
  return {
    name: values.name!,
    baseUrl: values['base-url']!,
    model: values.model![0]!,
    domain: values.domain![0]!,
    baseModel: values['base-model'],
    apiKeyEnv: values['api-key-env'] ?? null,
    epochs: values.epochs?.[0] ?? null,
  };
}

/** The request a checked command line makes, by the rules between its options. */
export function finetuneRequest({ command, values }: ParsedCommandLine<typeof spec.options>, io: Pick<CommandIO, 'cwd' | 'env'>): FinetuneRequest {
  const recipe = recipeFromOptions((values.recipe ?? []).filter((o) => o !== 'default'), values.system);
  const platformSettings = givenPlatformSettings(values);
  const common = {
    recipe,
    yes: values.yes,
    force: values.force,
    wait: values.wait,
    intervalMs: values.interval * 1000,
    connection: platformSettings.connection,
    retries: values.retries,
    runsDir: values['runs-dir'] ? path.resolve(io.cwd, values['runs-dir']) : defaultRunsDir(io.env),
    domainsDir: values.domains ? path.resolve(io.cwd, values.domains) : DOMAINS_DIR,
  };
  const cmd = command as FinetuneCommand;
  if (cmd === 'register') {
    if (values.run !== undefined) throw new UserError('register takes no --run: name the new run with --name');
    const connectionFlags = platformSettings.connectionFlags.map((c) => c.flag);
    return { command: cmd, matrix: null, register: registerRequest(values, [...platformSettings.runFlags, ...connectionFlags]), runs: [], platformFilter: null, ...common };
  }
  const registerOnly = REGISTER_FLAGS.filter((f) => values[f] !== undefined);
  if (registerOnly.length) throw new UserError(`${flags(registerOnly)} belong(s) to register, not ${cmd}`);

  const platforms = values.platform ?? ['openai'];
  const given = [...RUN_FLAGS.filter((f) => values[f] !== undefined).map((f) => `--${f}`), ...platformSettings.runFlags];
  let matrix: RunMatrix | null = null;
  let platformFilter: string[] | null = null;
  if (given.length) {
    const missing = (['domain', 'model', 'epochs'] as const).filter((f) => values[f] === undefined);
    if (missing.length) throw new UserError(`a run needs ${flags(missing)} (given: ${given.join(', ')})`);
    if (platforms.includes('endpoint'))
      throw new UserError('platform endpoint trains nothing: record a model tuned elsewhere with npm run finetune -- register --name … --base-url … --model … --domain …');
    matrix = {
      platforms,
      domains: values.domain!,
      models: values.model!,
      epochs: values.epochs!,
      batchSizes: values['batch-size'] ?? ['auto'],
      learningRateMultipliers: values['lr-multiplier'] ?? ['auto'],
      platformOptions: platformSettings.run,
      seeds: values.seed ?? [DEFAULT_SEED],
    };
    for (const { platform, flag } of platformSettings.connectionFlags)
      if (!(platforms as readonly string[]).includes(platform.platform)) throw new UserError(`${flag} is a ${platform.title} setting (--platform ${platform.platform}); no run here is on ${platform.platform}`);
  } else if (values.platform !== undefined) {
    platformFilter = platforms;
  }
  const runs = values.run ?? [];
  if (matrix && runs.length) throw new UserError('name runs either with --run or with --domain/--model/--epochs, not both');
  if (platformFilter && runs.length) throw new UserError('name runs either with --run or with --platform, not both');
  if ((cmd === 'plan' || cmd === 'start') && !matrix)
    throw new UserError(`${cmd} needs a run: --domain ID --model NAME --epochs N (e.g. npm run finetune -- ${cmd} --domain fictional-people --model gpt-4o-mini --epochs 3)`);
  if (cmd === 'cancel' && !matrix && !runs.length && !platformFilter) throw new UserError('cancel needs the runs to cancel: --run NAME|KEY, --platform NAME, or --domain/--model/--epochs');
  if (cmd === 'list' && (matrix || runs.length)) throw new UserError("list takes no run: it prints every run in the ledger (or, with --platform, that platform's)");
  return { command: cmd, matrix, register: null, runs, platformFilter, ...common };
}
