/**
 * Runs an emulator's command line (`main(argv, io)` of scripts/commands/emulator.ts
 * or of an emulator's cli.ts) in the test's own process, as `npm run emulator`
 * would, and waits for its `export` lines; stop() does what Ctrl-C does.
 */
import type { CommandMain } from '../../lib/foundation/command-io.ts';
import { testIO } from './command.ts';

export interface RunningEmulatorCli {
  /** The first `count` stdout lines: the `export NAME=value` lines. */
  exportLines: string[];
  stderr: () => string;
  /** Interrupts it and resolves with the exit code. */
  stop: () => Promise<number>;
}

export async function startEmulatorCli(main: CommandMain, args: string[], count: number): Promise<RunningEmulatorCli> {
  const interrupt = new AbortController();
  const io = testIO({ signal: interrupt.signal });
  const exited = main(args, io);
  await new Promise<void>((resolve, reject) => {
    const poll = setInterval(() => {
      if (io.stdout.text.split('\n').length > count) done(resolve);
    }, 5);
    const done = (settle: () => void) => {
      clearInterval(poll);
      settle();
    };
    exited.then(
      (code) => done(() => reject(new Error(`exited ${code}: ${io.stderr.text}`))),
      (error: unknown) => done(() => reject(error as Error)),
    );
  });
  return {
    exportLines: io.stdout.text.split('\n').slice(0, count),
    stderr: () => io.stderr.text,
    async stop() {
      interrupt.abort();
      return exited;
    },
  };
}
