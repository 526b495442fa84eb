/**
 * Runs a command's `main(argv, io)` in the test's own process (see
 * lib/foundation/command-io.ts) with captured output: no child process, so a usage error
 * costs microseconds and an emulator started by the test keeps answering.
 */
import { PassThrough, Writable } from 'node:stream';
import type { CommandIO, CommandMain } from '../../lib/foundation/command-io.ts';
import { sleepUnlessAborted } from '../../lib/foundation/command-io.ts';
import { PROJECT_ROOT } from '../../lib/foundation/project-root.ts';
import type { RunResult } from './run.ts';

/** A stream that keeps what is written to it. */
export class CapturedStream extends Writable {
  text = '';
  isTTY = false;
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

export interface TestIOOptions {
  /** Added to (and overriding) the test process's environment, as a child's would be. */
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** What a person types (the stream says it is a terminal); absent: no terminal, as in CI. */
  typed?: string;
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Aborts `interruptible` work, as Ctrl-C does. */
  signal?: AbortSignal;
  /** The command line of the npm process that started the command, as lib/cli/npm-swallowed-flags.ts reads it. */
  npmArgv?: string[];
}

export interface TestIO extends CommandIO {
  stdout: CapturedStream;
  stderr: CapturedStream;
}

export function testIO(options: TestIOOptions = {}): TestIO {
  const stdin = new PassThrough() as PassThrough & { isTTY?: boolean };
  if (options.typed !== undefined) {
    stdin.isTTY = true;
    stdin.end(options.typed);
  } else stdin.end();
  return {
    stdout: new CapturedStream(),
    stderr: new CapturedStream(),
    env: { ...process.env, ...options.env },
    cwd: options.cwd ?? PROJECT_ROOT,
    stdin,
    now: options.now ?? Date.now,
    sleep: options.sleep ?? sleepUnlessAborted,
    interruptible: (work) => work(options.signal ?? new AbortController().signal),
    ...(options.npmArgv ? { npmArgv: () => options.npmArgv } : {}),
  };
}

/** Calls `main(argv, io)` and returns its exit code and output, as runScript returns a child's. */
export async function runMain(main: CommandMain, argv: string[], options: TestIOOptions = {}): Promise<RunResult> {
  const io = testIO(options);
  const code = await main(argv, io);
  return { code, stdout: io.stdout.text, stderr: io.stderr.text };
}
