/**
 * A temporary folder (`/tmp/ftbench-<what>-XXXXXX`) for the length of some
 * work: removed when the work ends, fails, or the process is ended by Ctrl-C
 * or SIGTERM (lib/exit-cleanup.ts), so no eval's files are left behind.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { addExitCleanup } from './exit-cleanup.ts';

export async function withTempFolder<T>(prefix: string, work: (dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  const unregister = addExitCleanup(remove);
  try {
    return await work(dir);
  } finally {
    unregister();
    remove();
  }
}
