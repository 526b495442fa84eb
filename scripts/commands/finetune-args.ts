/** Command-line flags of `npm run finetune`: parsed with node's parseArgs, each value checked with a clear message. */
import { parseArgs } from 'node:util';
import { UserError } from '../../lib/foundation/errors.ts';
import type { RunMatrix } from '../../lib/finetune/run-matrix.ts';
import { PLATFORMS } from '../../lib/platforms/registry.ts';
import { ADAPTER_SIZES, DEFAULT_SEED, TRAINING_TYPES, type Hyperparameters } from '../../lib/ledger/run-spec.ts';
import { recipeFromOptions, type Recipe } from '../../lib/training/recipe.ts';
import { parseCliArgs } from '../parse-args.ts';

export const COMMANDS = ['plan', 'start', 'status', 'wait', 'list', 'cancel', 'register'] as const;
export type Command = (typeof COMMANDS)[number];

export const USAGE = `usage: npm run finetune -- <${COMMANDS.join('|')}> [options]

  plan      print examples, tokens, epochs, trained tokens and estimated cost (contacts nothing)
  start     start the runs' jobs (asks first, unless --yes); a run that has a job attaches to it
  status    refresh and print the runs' state        wait     wait for the runs' jobs, with progress
  list      print the ledger (contacts nothing)      cancel   cancel the runs' jobs (asks first, unless --yes)
  register  record a model tuned elsewhere, served by an OpenAI-compatible API, as a run (platform endpoint)

a run (comma lists expand to every combination, e.g. --model a,b --epochs 3,10 is four runs):
  --platform ${PLATFORMS.filter((p) => p !== 'endpoint').join('|')} (default openai)
  --domain ID|FILE              a domain id under --domains, or a domain YAML file
  --model NAME                  base model, e.g. gpt-4o-mini, gemini-2.5-flash, meta-llama/Meta-Llama-3.1-8B-Instruct-Reference
  --epochs N                    training epochs (1-50)
  --batch-size N|auto           (default auto; not on vertex)
  --lr-multiplier X|auto        (default auto; on together it scales the default learning rate 1e-5)
  --adapter-size ${ADAPTER_SIZES.join('|')}  vertex: the LoRA adapter size (default: Vertex AI's)
  --training-type ${TRAINING_TYPES.join('|')}     together: LoRA (default) or full fine-tuning
  --seed N                      (default ${DEFAULT_SEED}; vertex takes none, but it stays in the run's key)
  --recipe OPT                  default | variants (train facts[].training too, and the paraphrases npm run augment wrote)
                                | statements (train fact statements too, and their restatements)
  --system TEXT                 a system message in every training example
or, for status, wait and cancel: --run NAME|KEY[,…] (status and wait default to every run in the ledger),
or --platform alone to take only that platform's runs (list too)

register (nothing is trained; nothing is contacted; the key itself is never written):
  --name NAME                   the run's name
  --base-url URL                the server's OpenAI-compatible base URL, e.g. http://localhost:8000/v1
  --model ID                    the tuned model's id at that server
  --domain ID|FILE              the domain it was trained on (with --recipe and --system as it was trained)
  --base-model ID               its untuned base model at the same server (for the base and in-context references)
  --api-key-env VAR             the NAME of the variable that holds the server's key (default: none)
  --epochs N                    the epochs it was trained for, if known

  --yes                         do not ask (start, cancel)
  --force                       start: make a new job even for a run that has one (asks first)
  --wait                        start: then wait for the jobs
  --interval SECONDS            wait: time between polls (default 10)
  --gcs-uri gs://BUCKET/FOLDER  vertex: where training files are uploaded (default $FTBENCH_GCS_URI)
  --retries N                   retries of a call that failed for a passing reason (429, 5xx, lost connection; default 5, OpenAI reads 6)
  --runs-dir DIR                the ledger (default runs/, or $FTBENCH_RUNS_DIR)
  --domains DIR                 where --domain ids are found (default suites/domains)

Reads from the environment, never writes anywhere: openai OPENAI_API_KEY, OPENAI_BASE_URL; vertex
GOOGLE_CLOUD_PROJECT, GOOGLE_CLOUD_LOCATION, GOOGLE_APPLICATION_CREDENTIALS (or gcloud's ADC),
GOOGLE_VERTEX_BASE_URL, STORAGE_EMULATOR_HOST, FTBENCH_GCS_URI; together TOGETHER_API_KEY, TOGETHER_BASE_URL.`;

export interface RegisterArgs {
  name: string;
  baseUrl: string;
  model: string;
  domain: string;
  baseModel?: string;
  apiKeyEnv: string | null;
  epochs: number | null;
}

export interface FinetuneArgs {
  command: Command;
  matrix: RunMatrix | null;
  register: RegisterArgs | null;
  recipe: Recipe;
  runs: string[];
  /** status, wait, list, cancel with --platform alone: only these platforms' runs. */
  platformFilter: string[] | null;
  yes: boolean;
  force: boolean;
  wait: boolean;
  intervalMs: number;
  gcsUri?: string;
  retries?: number;
  runsDir?: string;
  domainsDir?: string;
}

const list = (raw: string | undefined): string[] | undefined =>
  raw === undefined ? undefined : raw.split(',').map((s) => s.trim()).filter(Boolean);

function each<T>(flag: string, raw: string | undefined, fallback: T[], parse: (v: string) => T | undefined, expected: string): T[] {
  const values = list(raw);
  if (values === undefined) return fallback;
  if (values.length === 0) throw new UserError(`--${flag} needs a value: ${expected}`);
  return values.map((v) => {
    const parsed = parse(v);
    if (parsed === undefined) throw new UserError(`--${flag} ${JSON.stringify(v)}: expected ${expected}`);
    return parsed;
  });
}

const integer = (min: number, max: number) => (v: string) => (/^\d+$/.test(v) && +v >= min && +v <= max ? Number(v) : undefined);
const orAuto = <T>(parse: (v: string) => T | undefined) => (v: string) => (v === 'auto' ? ('auto' as const) : parse(v));
const positive = (v: string) => (/^\d*\.?\d+$/.test(v) && Number(v) > 0 ? Number(v) : undefined);
const platformName = (v: string) => ((PLATFORMS as readonly string[]).includes(v) ? v : undefined);
const adapterSize = (v: string) => (ADAPTER_SIZES as readonly number[]).find((n) => String(n) === v) as Hyperparameters['adapterSize'];
const trainingType = (v: string) => (TRAINING_TYPES as readonly string[]).find((t) => t === v) as Hyperparameters['trainingType'];

const RUN_FLAGS = ['domain', 'model', 'epochs', 'batch-size', 'lr-multiplier', 'adapter-size', 'training-type', 'seed', 'recipe', 'system'] as const;
const REGISTER_FLAGS = ['name', 'base-url', 'api-key-env', 'base-model'] as const;

function parseRegister(values: Record<string, string | boolean | undefined>): RegisterArgs {
  const missing = (['name', 'base-url', 'model', 'domain'] as const).filter((f) => values[f] === undefined);
  if (missing.length)
    throw new UserError(
      `register needs ${missing.map((m) => `--${m}`).join(', ')} (e.g. npm run finetune -- register --name people-lora --base-url http://localhost:8000/v1 --model people-lora --domain fictional-people --base-model meta-llama/Llama-3.1-8B-Instruct)`,
    );
  const notHere = (['batch-size', 'lr-multiplier', 'adapter-size', 'training-type', 'seed', 'force', 'wait'] as const).filter((f) => values[f] !== undefined);
  if (notHere.length) throw new UserError(`register records a model trained elsewhere: ${notHere.map((f) => `--${f}`).join(', ')} do(es) not apply`);
  if (values.platform !== undefined && values.platform !== 'endpoint') throw new UserError(`register records runs on platform endpoint; --platform ${values.platform} starts jobs with start`);
  for (const f of ['name', 'base-url', 'model', 'domain'] as const) if (String(values[f]).includes(',')) throw new UserError(`register takes one --${f}, not a list`);
  const epochs = values.epochs === undefined ? null : integer(1, 50)(String(values.epochs));
  if (epochs === undefined) throw new UserError(`--epochs ${JSON.stringify(values.epochs)}: expected an integer from 1 to 50`);
  return {
    name: String(values.name),
    baseUrl: String(values['base-url']),
    model: String(values.model),
    domain: String(values.domain),
    baseModel: values['base-model'] === undefined ? undefined : String(values['base-model']),
    apiKeyEnv: values['api-key-env'] === undefined ? null : String(values['api-key-env']),
    epochs,
  };
}

export function parseFinetuneArgs(argv: string[]): FinetuneArgs | 'help' {
  const { values, positionals } = parseCliArgs(
    () =>
      parseArgs({
        args: argv,
        allowPositionals: true,
        options: {
          platform: { type: 'string' },
          domain: { type: 'string' },
          model: { type: 'string' },
          epochs: { type: 'string' },
          'batch-size': { type: 'string' },
          'lr-multiplier': { type: 'string' },
          'adapter-size': { type: 'string' },
          'training-type': { type: 'string' },
          seed: { type: 'string' },
          recipe: { type: 'string' },
          system: { type: 'string' },
          run: { type: 'string' },
          name: { type: 'string' },
          'base-url': { type: 'string' },
          'api-key-env': { type: 'string' },
          'base-model': { type: 'string' },
          yes: { type: 'boolean', short: 'y' },
          force: { type: 'boolean' },
          wait: { type: 'boolean' },
          interval: { type: 'string' },
          'gcs-uri': { type: 'string' },
          retries: { type: 'string' },
          'runs-dir': { type: 'string' },
          domains: { type: 'string' },
          help: { type: 'boolean', short: 'h' },
        },
      }),
    USAGE,
  );
  if (values.help) return 'help';
  const [command, ...extra] = positionals;
  if (!command) throw new UserError(`name a command\n${USAGE}`);
  if (!(COMMANDS as readonly string[]).includes(command)) throw new UserError(`unknown command ${JSON.stringify(command)}; one of ${COMMANDS.join(', ')}\n${USAGE}`);
  if (extra.length) throw new UserError(`unexpected argument ${JSON.stringify(extra[0])} (flags start with --)\n${USAGE}`);

  if (values.system !== undefined && values.system.trim() === '') throw new UserError('--system must not be empty');
  const recipe = recipeFromOptions((list(values.recipe) ?? []).filter((o) => o !== 'default'), values.system);
  const interval = values.interval === undefined ? 10 : positive(values.interval);
  if (interval === undefined) throw new UserError(`--interval ${JSON.stringify(values.interval)}: expected seconds above 0`);
  const retries = values.retries === undefined ? undefined : integer(0, 20)(values.retries);
  if (values.retries !== undefined && retries === undefined) throw new UserError(`--retries ${JSON.stringify(values.retries)}: expected an integer from 0 to 20`);
  const common = {
    recipe,
    yes: Boolean(values.yes),
    force: Boolean(values.force),
    wait: Boolean(values.wait),
    intervalMs: interval * 1000,
    gcsUri: values['gcs-uri'],
    retries,
    runsDir: values['runs-dir'],
    domainsDir: values.domains,
  };

  if (command === 'register') {
    if (values.run !== undefined) throw new UserError('register takes no --run: name the new run with --name');
    return { command, matrix: null, register: parseRegister(values), runs: [], platformFilter: null, ...common };
  }
  const registerOnly = REGISTER_FLAGS.filter((f) => values[f] !== undefined);
  if (registerOnly.length) throw new UserError(`${registerOnly.map((f) => `--${f}`).join(', ')} belong(s) to register, not ${command}`);

  const platforms = each('platform', values.platform, ['openai'], platformName, `one of ${PLATFORMS.join(', ')}`);
  const given = RUN_FLAGS.filter((f) => values[f] !== undefined);
  let matrix: RunMatrix | null = null;
  let platformFilter: string[] | null = null;
  if (given.length) {
    const missing = (['domain', 'model', 'epochs'] as const).filter((f) => values[f] === undefined);
    if (missing.length) throw new UserError(`a run needs ${missing.map((m) => `--${m}`).join(', ')} (given: ${given.map((g) => `--${g}`).join(', ')})`);
    if (platforms.includes('endpoint'))
      throw new UserError('platform endpoint trains nothing: record a model tuned elsewhere with npm run finetune -- register --name … --base-url … --model … --domain …');
    matrix = {
      platforms,
      domains: each('domain', values.domain, [], (v) => v, 'a domain id or file'),
      models: each('model', values.model, [], (v) => v, 'a model name'),
      epochs: each('epochs', values.epochs, [], integer(1, 50), 'an integer from 1 to 50'),
      batchSizes: each('batch-size', values['batch-size'], ['auto'], orAuto(integer(1, 256)), '"auto" or an integer from 1 to 256'),
      learningRateMultipliers: each('lr-multiplier', values['lr-multiplier'], ['auto'], orAuto(positive), '"auto" or a number above 0'),
      adapterSizes: each<Hyperparameters['adapterSize']>('adapter-size', values['adapter-size'], [undefined], adapterSize, `one of ${ADAPTER_SIZES.join(', ')}`),
      trainingTypes: each<Hyperparameters['trainingType']>('training-type', values['training-type'], [undefined], trainingType, TRAINING_TYPES.join(' or ')),
      seeds: each('seed', values.seed, [DEFAULT_SEED], integer(0, 2147483647), 'an integer from 0 to 2147483647'),
    };
  } else if (values.platform !== undefined) {
    platformFilter = platforms;
  }
  const runs = list(values.run) ?? [];
  if (matrix && runs.length) throw new UserError('name runs either with --run or with --domain/--model/--epochs, not both');
  if (platformFilter && runs.length) throw new UserError('name runs either with --run or with --platform, not both');
  if ((command === 'plan' || command === 'start') && !matrix)
    throw new UserError(`${command} needs a run: --domain ID --model NAME --epochs N (e.g. npm run finetune -- ${command} --domain fictional-people --model gpt-4o-mini --epochs 3)`);
  if (command === 'cancel' && !matrix && !runs.length && !platformFilter) throw new UserError('cancel needs the runs to cancel: --run NAME|KEY, --platform NAME, or --domain/--model/--epochs');
  if (command === 'list' && (matrix || runs.length)) throw new UserError('list takes no run: it prints every run in the ledger (or, with --platform, that platform\'s)');

  return { command: command as Command, matrix, register: null, runs, platformFilter, ...common };
}
