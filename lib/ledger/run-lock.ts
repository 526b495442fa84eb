/**
 * A per-run lock file (runs/<key>.lock, created with O_EXCL) held while a job
 * is being started, so two `finetune start` of the same run at once cannot
 * both create a job: the second waits for the first, then finds its job. A
 * lock left by a process that no longer exists (killed mid-start) is taken
 * over; one held by a live process for longer than the wait is an error.
 */
import { closeSync, lstatSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeError } from '../foundation/atomic-write.ts';
import { UserError } from '../foundation/errors.ts';

interface LockOwner {
  pid: number;
  host: string;
  at: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(file: string): LockOwner | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as LockOwner;
  } catch {
    return null; // being written, or damaged: treated as stale below only if still unreadable
  }
}

function lstatOrNull(file: string): ReturnType<typeof lstatSync> | null {
  try {
    return lstatSync(file);
  } catch {
    return null;
  }
}

function tryCreate(file: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'wx');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw writeError(file, err);
  }
  try {
    const owner: LockOwner = { pid: process.pid, host: os.hostname(), at: new Date().toISOString() };
    writeSync(fd, JSON.stringify(owner));
  } catch (err) {
    // A full disk: no empty lock file is left behind for the next start to wait on.
    closeSync(fd);
    rmSync(file, { force: true });
    throw writeError(file, err);
  }
  closeSync(fd);
  return true;
}

export async function withRunLock<T>(dir: string, key: string, what: string, fn: () => Promise<T>, waitMs = 300_000): Promise<T> {
  const file = path.join(dir, `${key}.lock`);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw writeError(file, err);
  }
  if (lstatOrNull(file)?.isDirectory()) throw new UserError(`${file}: a folder where the run's lock file should be; move it out of the ledger`);
  const deadline = Date.now() + waitMs;
  let unreadable = 0;
  while (!tryCreate(file)) {
    const owner = readOwner(file);
    unreadable = owner ? 0 : unreadable + 1;
    // Unreadable for two seconds: its writer died between creating and writing it.
    const stale = owner ? owner.host === os.hostname() && !alive(owner.pid) : unreadable >= 20;
    if (!stale) {
      if (!owner || Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
        continue;
      }
      throw new UserError(
        `run ${key} is being ${what} by another process (pid ${owner.pid} on ${owner.host}, since ${owner.at}); ` +
          `wait for it, or remove ${file} if that process is gone`,
      );
    }
    rmSync(file, { force: true });
  }
  try {
    return await fn();
  } finally {
    rmSync(file, { force: true });
  }
}
