/**
 * How a promptfoo child process tells the command that started it that a
 * test finished: the suite's extension hook (afterEach) writes one line per
 * finished test to the file descriptor named by FTBENCH_PROGRESS_FD (a pipe
 * the parent opened), `1` for a test that answered, `E` for one that errored.
 * promptfoo's own progress output is a display, not an interface; this is
 * exact and costs one short write per test.
 */
import { writeSync } from 'node:fs';

export const PROGRESS_FD_ENV = 'FTBENCH_PROGRESS_FD';
/** The descriptor the parent gives the child: after stdin, stdout, stderr. */
export const PROGRESS_FD = 3;

let broken = false;

/** In the promptfoo process: report one finished test, if a parent listens. */
export function reportTestDone(errored: boolean, env: NodeJS.ProcessEnv = process.env): void {
  const fd = Number(env[PROGRESS_FD_ENV]);
  if (broken || !Number.isInteger(fd) || fd < 3) return;
  try {
    writeSync(fd, errored ? 'E\n' : '1\n');
  } catch {
    broken = true; // the parent is gone or the descriptor is not ours: stop trying
  }
}

/** In the parent: feed the channel's chunks; calls `onTest` per finished test. */
export function progressReader(onTest: (errored: boolean) => void): (chunk: Buffer) => void {
  return (chunk) => {
    for (const byte of chunk) {
      if (byte === 0x31) onTest(false);
      else if (byte === 0x45) onTest(true);
    }
  };
}
