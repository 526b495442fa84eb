// The command line every emulator shares: parse options (the common ones —
// --port, --latency-ms, and where the emulator takes them job pace, --domains and faults —
// plus its own), start, print the `export NAME=value` lines before anything
// else on stdout (nothing else ever goes there, so the output redirected to a
// file can be sourced), log requests to stderr, run until SIGINT/SIGTERM or
// until the command that started it (npm) is gone.
// `main(argv, io)` of each emulator takes its streams and stop signal from io
// (lib/foundation/command-io.ts), so a test runs it in-process and stops it by aborting.
import { once } from 'node:events';
import { realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CommandSpec, OptionSpecs } from '../../lib/cli/command-spec.ts';
import { parseCommandLine, type ParseContext } from '../../lib/cli/parse-command-line.ts';
import { usageText } from '../../lib/cli/usage-text.ts';
import { processIO, sleepUnlessAborted, type CommandIO } from '../../lib/foundation/command-io.ts';
import { UserError } from '../../lib/foundation/errors.ts';
import type { FaultOptions } from './faults.ts';
import { BaseModelKnowledge } from './base-model.ts';

export type CliValues = Record<string, unknown>;

/** Groups of common options an emulator may take; every one takes --port, --latency-ms and --help. */
export type CommonOptionGroup = 'jobs' | 'domains' | 'faults';

const ALL_GROUPS: readonly CommonOptionGroup[] = ['jobs', 'domains', 'faults'];

const probability = (description: string) => ({ type: 'number', value: 'P', min: 0, max: 1, description }) as const;

/** The options every emulator takes. */
const PORT_OPTIONS = {
  port: { type: 'integer', value: 'N', min: 0, max: 65535, defaultText: '0', description: 'TCP port on 127.0.0.1 (0: any free port)' },
  'latency-ms': { type: 'integer', value: 'N', min: 0, max: 600_000, defaultText: '0', description: 'answer every request N ms late, as a remote model takes time' },
} as const satisfies OptionSpecs;

const GROUP_OPTIONS = {
  jobs: {
    'step-ms': { type: 'integer', value: 'N', min: 1, max: 3_600_000, defaultText: '200', description: 'job pace: ms per state change / training step' },
    'training-steps': { type: 'integer', value: 'N', min: 1, max: 1_000_000, description: 'force the number of training steps per job' },
    'fail-jobs': { type: 'custom', value: 'REGEX', parse: regexOf, accepts: 'a regular expression', description: 'jobs whose suffix / display name matches end failed mid-training' },
    state: {
      type: 'custom',
      value: 'DIR',
      parse: stateFolderOf,
      accepts: 'a folder (made if missing)',
      description: 'keep files, jobs, tuned models and checkpoints in DIR, so a restart with the same DIR remembers them',
    },
  },
  domains: {
    domains: { type: 'text', value: 'DIR', defaultText: 'the bundled domains', description: 'knowledge domains the base models know (--domains suites/domains adds yours)' },
  },
  faults: {
    'rate-429': probability('probability of a 429 per request'),
    'rate-500': probability('probability of a 500 per request'),
    'drop-rate': probability('probability of a dropped connection per request'),
    'retry-after': { type: 'number', value: 'S', min: 0, max: 3600, defaultText: '1', description: 'Retry-After seconds on 429s' },
    seed: { type: 'integer', value: 'N', min: 0, max: 2 ** 32 - 1, defaultText: '1', description: 'fault injection seed' },
  },
} as const satisfies Record<CommonOptionGroup, OptionSpecs>;

function regexOf(text: string): RegExp {
  try {
    return new RegExp(text);
  } catch {
    throw new UserError(`--fail-jobs ${JSON.stringify(text)}: not a regular expression`);
  }
}

/** --state DIR: a folder, or a name for one; a file in its place is refused here, before the emulator starts. */
function stateFolderOf(text: string): string {
  if (statSync(text, { throwIfNoEntry: false })?.isFile()) throw new UserError(`--state ${JSON.stringify(text)}: a file, not a folder`);
  return text;
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
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) throw new UserError(`--domains ${JSON.stringify(dir)}: no such folder`);
  // A bad domain file throws a UserError naming the file and the field.
  return BaseModelKnowledge.fromDomainsDir(dir);
}

/** The values given (a default is the emulator's own: options.ts resolves it). */
function commonOptions(values: CliValues): CommonCliOptions {
  const pick = <T>(name: string) => values[name] as T | undefined;
  const faults: FaultOptions = {
    rate429: pick<number>('rate-429'),
    rate500: pick<number>('rate-500'),
    dropRate: pick<number>('drop-rate'),
    retryAfterSeconds: pick<number>('retry-after'),
    seed: pick<number>('seed'),
  };
  return {
    port: pick<number>('port'),
    latencyMs: pick<number>('latency-ms'),
    stepMs: pick<number>('step-ms'),
    trainingSteps: values['training-steps'] as number | undefined,
    failJobs: values['fail-jobs'] as RegExp | undefined,
    state: values.state as string | undefined,
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
  /** What it is, for the usage and the reference. */
  summary: string;
  /** The emulator's own options (lib/cli declarations); the common ones it takes are added. */
  options: OptionSpecs;
  /** The common options it takes besides --port and --latency-ms (default: all of them). */
  common?: readonly CommonOptionGroup[];
  notes?: string;
  /** Emulator options from the parsed values; throws a UserError on bad ones. */
  toOptions(common: CommonCliOptions, values: CliValues): O;
  start(options: O, log: (line: string) => void): Promise<StartedEmulator>;
}

/** The emulator's whole command line, declared: its own options and the common ones (the command reference lists it). */
export function emulatorSpec<O>(cli: EmulatorCli<O>): CommandSpec {
  return {
    script: 'emulator',
    args: cli.name,
    summary: cli.summary,
    options: Object.assign({}, PORT_OPTIONS, ...(cli.common ?? ALL_GROUPS).map((g) => GROUP_OPTIONS[g]), cli.options),
    notes: cli.notes,
  };
}

/** The emulator's options from `argv` (the dispatcher may pass its name first), or 'help'; throws a UserError on a bad command line. */
export function parseEmulatorCli<O>(cli: EmulatorCli<O>, argv: readonly string[], context: ParseContext = { env: {} }): O | 'help' {
  const args = argv[0] === cli.name ? argv.slice(1) : argv;
  const parsed = parseCommandLine(emulatorSpec(cli), args, context);
  if (parsed.help) return 'help';
  return cli.toOptions(commonOptions(parsed.values), parsed.values);
}

export async function runEmulatorCli<O>(cli: EmulatorCli<O>, argv: string[], io: CommandIO = processIO()): Promise<number> {
  const say = (text: string) => void io.stderr.write(`${text}\n`);
  let options: O | 'help';
  try {
    options = parseEmulatorCli(cli, argv, io);
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    say(`error: emulator ${cli.name}: ${error.message}`);
    return 1;
  }
  if (options === 'help') {
    say(usageText(emulatorSpec(cli)));
    return 0;
  }

  let started: StartedEmulator;
  try {
    started = await cli.start(options, say);
  } catch (error) {
    const err = error as NodeJS.ErrnoException;
    const reason = err.code === 'EADDRINUSE' ? 'the port is already in use' : err.message;
    say(`error: emulator ${cli.name}: cannot start: ${reason}`);
    return 1;
  }
  io.stdout.write(started.exports.map(([name, value]) => `export ${name}=${value}\n`).join(''));
  say(`${started.banner} (Ctrl-C to stop)`);
  await io.interruptible(async (signal) => {
    if (signal.aborted) return;
    const parentEnded = new AbortController();
    const ended = untilParentEnds(parentEnded.signal).then((gone) => gone && say(`emulator ${cli.name}: the command that started it has ended; stopping`));
    await Promise.race([once(signal, 'abort'), ended]);
    parentEnded.abort();
  });
  await started.close();
  return 0;
}

/**
 * Resolves when this process's parent (npm, for `npm run emulator`) is gone:
 * the parent was killed in a way that passed nothing on (`kill -9 $!`,
 * `kill -HUP $!`), and the server would otherwise keep its port for good.
 * The parent is polled (an orphan is handed to another parent); false once `stop` aborts.
 */
async function untilParentEnds(stop: AbortSignal): Promise<boolean> {
  const parent = process.ppid;
  while (!stop.aborted) {
    await sleepUnlessAborted(PARENT_POLL_MS, stop);
    if (process.ppid !== parent) return true;
  }
  return false;
}

const PARENT_POLL_MS = 500;

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
