// The command line every emulator shares: parse options (the common ones —
// --port, --latency-ms, and where the emulator takes them job pace, --domains and faults —
// plus its own), start, print the `export NAME=value` lines before anything
// else on stdout (nothing else ever goes there, so the output redirected to a
// file can be sourced), log requests to stderr, run until SIGINT/SIGTERM.
// `main(argv, io)` of each emulator takes its streams and stop signal from io
// (lib/foundation/command-io.ts), so a test runs it in-process and stops it by aborting.
import { once } from 'node:events';
import { realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { processIO, type CommandIO } from '../../lib/foundation/command-io.ts';
import { UserError } from '../../lib/foundation/errors.ts';
import type { FaultOptions } from './faults.ts';
import { BaseModelKnowledge } from './base-model.ts';

/** A bad command line: printed with the usage, without a stack trace. */
export class UsageError extends Error {}

export type CliValues = Record<string, string | boolean | undefined>;

/** Groups of common options an emulator may take; every one takes --port, --latency-ms and --help. */
export type CommonOptionGroup = 'jobs' | 'domains' | 'faults';

const ALL_GROUPS: readonly CommonOptionGroup[] = ['jobs', 'domains', 'faults'];

const PORT_USAGE = `  --port N                  TCP port on 127.0.0.1 (default 0: any free port)
  --latency-ms N            answer every request N ms late (default 0), as a remote model takes time`;
const HELP_USAGE = '  -h, --help                show this help';

const GROUP_USAGE: Record<CommonOptionGroup, string> = {
  jobs: `  --step-ms N               job pace: ms per state change / training step (default 200)
  --training-steps N        force the number of training steps per job
  --fail-jobs REGEX         jobs whose suffix / display name matches end failed mid-training
  --state DIR               keep files, jobs and tuned models in DIR, so a restart with the same DIR remembers them`,
  domains: '  --domains DIR             knowledge domains the base models know (default: the bundled ones; --domains suites/domains adds yours)',
  faults: `  --rate-429 P              probability of a 429 per request (0..1)
  --rate-500 P              probability of a 500 per request (0..1)
  --drop-rate P             probability of a dropped connection per request (0..1)
  --retry-after S           Retry-After seconds on 429s (default 1)
  --seed N                  fault injection seed (default 1)`,
};

const GROUP_OPTIONS = {
  jobs: { 'step-ms': { type: 'string' }, 'training-steps': { type: 'string' }, 'fail-jobs': { type: 'string' }, state: { type: 'string' } },
  domains: { domains: { type: 'string' } },
  faults: { 'rate-429': { type: 'string' }, 'rate-500': { type: 'string' }, 'drop-rate': { type: 'string' }, 'retry-after': { type: 'string' }, seed: { type: 'string' } },
} as const satisfies Record<CommonOptionGroup, ParseArgsConfig['options']>;

/** The usage lines of the common options in `groups`. */
function commonUsage(groups: readonly CommonOptionGroup[]): string {
  return [PORT_USAGE, ...groups.map((g) => GROUP_USAGE[g]), HELP_USAGE].join('\n');
}

/** Usage of every common option, as the job-running emulators take them. */
export const COMMON_USAGE = commonUsage(ALL_GROUPS);

function commonParseOptions(groups: readonly CommonOptionGroup[]): ParseArgsConfig['options'] {
  return Object.assign({ port: { type: 'string' }, 'latency-ms': { type: 'string' }, help: { type: 'boolean', short: 'h' } }, ...groups.map((g) => GROUP_OPTIONS[g]));
}

export function integer(name: string, raw: string | boolean | undefined, min: number, max: number): number | undefined {
  if (raw === undefined) return undefined;
  const text = String(raw);
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isInteger(n) || n < min || n > max) {
    throw new UsageError(`invalid --${name} ${JSON.stringify(text)}: expected an integer between ${min} and ${max}`);
  }
  return n;
}

function probability(name: string, raw: string | boolean | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const p = Number(raw);
  if (String(raw).trim() === '' || !(p >= 0 && p <= 1)) throw new UsageError(`invalid --${name} ${JSON.stringify(raw)}: expected a number between 0 and 1`);
  return p;
}

/** The common options, read from parsed values (absent when not given or not in the emulator's groups). */
export interface CommonCliOptions {
  port?: number;
  latencyMs?: number;
  stepMs?: number;
  trainingSteps?: number;
  failJobs?: RegExp;
  /** --state DIR: where files, jobs and tuned models are kept across restarts. */
  state?: string;
  /** Loaded from --domains; absent means the emulator's default (the bundled domains). */
  knowledge?: BaseModelKnowledge;
  faults?: FaultOptions;
}

function knowledgeFrom(dir: string): BaseModelKnowledge {
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) throw new UsageError(`invalid --domains ${JSON.stringify(dir)}: no such folder`);
  // A bad domain file throws a UserError naming the file and the field.
  return BaseModelKnowledge.fromDomainsDir(dir);
}

function stateFolder(raw: string | boolean | undefined): string | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || raw.trim() === '') throw new UsageError('invalid --state "": expected a folder');
  if (statSync(raw, { throwIfNoEntry: false })?.isFile()) throw new UsageError(`invalid --state ${JSON.stringify(raw)}: a file, not a folder`);
  return raw;
}

function commonOptions(values: CliValues): CommonCliOptions {
  const retryAfter = values['retry-after'];
  if (retryAfter !== undefined && !(Number(retryAfter) >= 0)) throw new UsageError(`invalid --retry-after ${JSON.stringify(retryAfter)}: expected seconds >= 0`);
  let failJobs: RegExp | undefined;
  if (typeof values['fail-jobs'] === 'string') {
    try {
      failJobs = new RegExp(values['fail-jobs']);
    } catch {
      throw new UsageError(`invalid --fail-jobs ${JSON.stringify(values['fail-jobs'])}: not a regular expression`);
    }
  }
  const faults: FaultOptions = {
    rate429: probability('rate-429', values['rate-429']),
    rate500: probability('rate-500', values['rate-500']),
    dropRate: probability('drop-rate', values['drop-rate']),
    retryAfterSeconds: retryAfter === undefined ? undefined : Number(retryAfter),
    seed: integer('seed', values.seed, 0, 2 ** 32 - 1),
  };
  return {
    port: integer('port', values.port, 0, 65535),
    latencyMs: integer('latency-ms', values['latency-ms'], 0, 600_000),
    stepMs: integer('step-ms', values['step-ms'], 1, 3_600_000),
    trainingSteps: integer('training-steps', values['training-steps'], 1, 1_000_000),
    failJobs,
    state: stateFolder(values.state),
    knowledge: typeof values.domains === 'string' ? knowledgeFrom(values.domains) : undefined,
    faults: Object.values(faults).some((v) => v !== undefined) ? faults : undefined,
  };
}

/** For the banner: where the state is kept and what a restart found there, e.g. ` (state in /tmp/s: 2 files, 1 job)`. */
export function stateNote(dir: string | undefined, counts: Record<string, number>): string {
  if (dir === undefined) return '';
  const found = Object.entries(counts).map(([what, n]) => `${n} ${n === 1 ? what.replace(/s$/, '') : what}`);
  return ` (state in ${path.resolve(dir)}: ${found.join(', ')})`;
}

/** What a started emulator tells the CLI. */
export interface StartedEmulator {
  /** `NAME=value` pairs, printed as `export NAME=value` in this order. */
  exports: [string, string][];
  /** One line for stderr, e.g. "Vertex AI emulator listening on …". */
  banner: string;
  close(): Promise<void>;
}

export interface EmulatorCli<O> {
  /** The name the dispatcher uses, e.g. `vertex`. */
  name: string;
  /** Usage text; the usage of the common options it takes is appended. */
  usage: string;
  /** The emulator's own options (node:util parseArgs format). */
  options: ParseArgsConfig['options'];
  /** The common options it takes besides --port and --help (default: all of them). */
  common?: readonly CommonOptionGroup[];
  /** Emulator options from the parsed values; throws UsageError on bad ones. */
  toOptions(common: CommonCliOptions, values: CliValues): O;
  start(options: O, log: (line: string) => void): Promise<StartedEmulator>;
}

function usageOf<O>(cli: EmulatorCli<O>): string {
  return `${cli.usage}\n${commonUsage(cli.common ?? ALL_GROUPS)}`;
}

/** The emulator's options from `argv`, or 'help'; throws UsageError (or a UserError from --domains) on a bad command line. */
export function parseEmulatorCli<O>(cli: EmulatorCli<O>, argv: string[]): O | 'help' {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { ...commonParseOptions(cli.common ?? ALL_GROUPS), ...cli.options } });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const values = parsed.values as CliValues;
  if (values.help) return 'help';
  // The dispatcher may pass the emulator's name through; anything else is a mistake.
  const extra = parsed.positionals.filter((p) => p !== cli.name);
  if (extra.length) throw new UsageError(`unexpected argument ${JSON.stringify(extra[0])}`);
  return cli.toOptions(commonOptions(values), values);
}

export async function runEmulatorCli<O>(cli: EmulatorCli<O>, argv: string[], io: CommandIO = processIO()): Promise<number> {
  const usage = usageOf(cli);
  const say = (text: string) => void io.stderr.write(`${text}\n`);
  let options: O | 'help';
  try {
    options = parseEmulatorCli(cli, argv);
  } catch (error) {
    // A bad --domains folder is a UserError: its message names the file and the field.
    if (error instanceof UserError) {
      say(`emulator ${cli.name}: ${error.message}`);
      return 2;
    }
    if (!(error instanceof UsageError)) throw error;
    say(`emulator ${cli.name}: ${error.message}\n\n${usage}`);
    return 2;
  }
  if (options === 'help') {
    say(usage);
    return 0;
  }

  let started: StartedEmulator;
  try {
    started = await cli.start(options, say);
  } catch (error) {
    const err = error as NodeJS.ErrnoException;
    const reason = err.code === 'EADDRINUSE' ? 'the port is already in use' : err.message;
    say(`emulator ${cli.name}: cannot start: ${reason}`);
    return 1;
  }
  io.stdout.write(started.exports.map(([name, value]) => `export ${name}=${value}\n`).join(''));
  say(`${started.banner} (Ctrl-C to stop)`);
  await io.interruptible(async (signal) => {
    if (!signal.aborted) await once(signal, 'abort');
  });
  await started.close();
  return 0;
}

/** Runs `main` when `moduleUrl` is the script node was started with (tsx path/to/cli.ts), not when imported. */
export function runIfMain(moduleUrl: string, name: string, main: (argv: string[], io: CommandIO) => Promise<number>): void {
  const invokedPath = process.argv[1] ? realpathSync(process.argv[1]) : '';
  if (invokedPath !== realpathSync(fileURLToPath(moduleUrl))) return;
  main(process.argv.slice(2), processIO()).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`emulator ${name}: ${(error as Error).message}\n`);
      process.exitCode = 1;
    },
  );
}
