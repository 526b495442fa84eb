/**
 * Whether a process still runs, and a short synchronous wait for one to end:
 * what a clean-up that runs on Ctrl-C (no event loop left) can do.
 */
import { readFileSync } from 'node:fs';

/** The process runs code: it exists and is not a zombie (killed, not yet reaped by its parent). */
export function processRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true; // no /proc (not Linux): trust the signal
  }
}

/** Blocks until `pid` runs no more code or `ms` pass; true when it ended. */
export function waitForExitSync(pid: number, ms: number): boolean {
  const pause = new Int32Array(new SharedArrayBuffer(4));
  const deadline = Date.now() + ms;
  while (processRuns(pid)) {
    if (Date.now() > deadline) return false;
    Atomics.wait(pause, 0, 0, 20);
  }
  return true;
}
