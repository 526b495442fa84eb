/**
 * A temporary folder (`$TMPDIR/ftbench-<what>-<pid>-XXXXXX`) for the length of
 * some work: removed when the work ends or fails, and when the process is
 * ended by Ctrl-C or SIGTERM (lib/foundation/exit-cleanup.ts). A process killed outright
 * (SIGKILL, out of memory, a wrapper that gives up waiting) runs no code, so
 * each new folder also sweeps the folders of processes that no longer exist:
 * the pid in the name says whose a folder is.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { addExitCleanup } from './exit-cleanup.ts';
import { processRuns } from './process-exit.ts';

const OURS = /^ftbench-(?:eval|reproduce|export)-(\d+)-/;

/** Removes temporary folders left by processes of this project that were killed. */
export function sweepTempFolders(dir = os.tmpdir()): string[] {
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return removed;
  }
  for (const name of names) {
    const pid = Number(OURS.exec(name)?.[1] ?? NaN);
    if (!Number.isInteger(pid) || pid === process.pid || processRuns(pid)) continue;
    try {
      rmSync(path.join(dir, name), { recursive: true, force: true });
      removed.push(name);
    } catch {
      // someone else's, or already gone
    }
  }
  return removed;
}

/** `prefix` is `ftbench-eval-`, `ftbench-reproduce-` or `ftbench-export-`. */
export async function withTempFolder<T>(prefix: string, work: (dir: string) => Promise<T>): Promise<T> {
  sweepTempFolders();
  const dir = mkdtempSync(path.join(os.tmpdir(), `${prefix}${process.pid}-`));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  const unregister = addExitCleanup(remove);
  try {
    return await work(dir);
  } finally {
    unregister();
    remove();
  }
}
