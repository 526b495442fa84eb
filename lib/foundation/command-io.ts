/**
 * What a command reads and writes, handed to it instead of taken from
 * `process`, so the same command runs from its bin file and inside a test.
 *
 * The convention: every command is a module `scripts/commands/<name>.ts`
 * exporting `main(argv, io): Promise<number>` (argv without `node script`;
 * the result is the exit code). Its bin file `scripts/<name>.ts` only calls
 * `runBin(main)` (scripts/run-command.ts), which passes `processIO()`.
 * A command writes to io.stdout / io.stderr, reads io.env, resolves paths
 * against io.cwd, asks on io.stdin, and reads time and waits through
 * io.now / io.sleep; it never touches `process` itself.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { npmLauncherArgv } from './npm-launcher-argv.ts';

/** A stream a command writes text to; `isTTY` says whether a person is watching (progress bars). */
export type OutputStream = NodeJS.WritableStream & { isTTY?: boolean; columns?: number };

/** Where a question is read from; without `isTTY` there is nobody to ask (scripts must pass --yes). */
export type InputStream = NodeJS.ReadableStream & { isTTY?: boolean };

export interface CommandIO {
  stdout: OutputStream;
  stderr: OutputStream;
  /** The environment the command reads (keys, base URLs, FTBENCH_*, PROMPTFOO_CONFIG_DIR, …). */
  env: NodeJS.ProcessEnv;
  /** The folder relative paths on the command line are resolved against. */
  cwd: string;
  /** Where confirmations are read. */
  stdin: InputStream;
  /** The clock, in milliseconds since the epoch. */
  now(): number;
  /** Waits `ms` (resolves early when `signal` aborts). Polling commands wait through it, so tests can move time. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /**
   * Runs `work` with a signal that Ctrl-C (SIGINT, or SIGTERM) aborts, for
   * commands that stop cleanly (a wait, a server). Outside it, Ctrl-C keeps
   * its default: the process ends.
   */
  interruptible<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T>;
  /**
   * The command line of the npm process that started this one, when npm did
   * and it can be read (npm-launcher-argv.ts): the flags npm took
   * for itself are there. Absent in tests and off Linux.
   */
  npmArgv?(): readonly string[] | undefined;
}

/** A command: argv without `node script`, and its io; resolves to the exit code. */
export type CommandMain = (argv: string[], io: CommandIO) => Promise<number>;

/** Sleeps `ms`, or less when `signal` aborts first. */
export async function sleepUnlessAborted(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return;
  await delay(ms, undefined, { signal }).catch(() => undefined);
}

/** The real process's io: its streams, environment, folder, clock and signals. */
export function processIO(): CommandIO {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
    stdin: process.stdin,
    now: () => Date.now(),
    sleep: sleepUnlessAborted,
    npmArgv: () => npmLauncherArgv(process.env),
    async interruptible(work) {
      const controller = new AbortController();
      const stop = () => controller.abort();
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
      try {
        return await work(controller.signal);
      } finally {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
      }
    },
  };
}
