import { mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { displayPath } from './display-path.ts';
import { UserError } from './errors.ts';

/** What a failed write means to a person (a full disk is not a bug). */
const WHY: Record<string, string> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'over the disk quota',
  EACCES: 'permission denied',
  EPERM: 'not permitted',
  EROFS: 'the file system is read-only',
  EISDIR: 'a folder is in its place',
  ENOTDIR: 'a part of its path is a file, not a folder',
  EEXIST: 'a part of its path is a file, not a folder',
  ENAMETOOLONG: 'its name is too long for the file system',
  EMFILE: 'too many open files',
  EIO: 'an input/output error',
};

/** A failed write as a one-line UserError naming the file (the system error stays its cause). */
export function writeError(file: string, err: unknown, unchanged = true): Error {
  if (err instanceof UserError) return err;
  const code = (err as NodeJS.ErrnoException).code;
  if (!code || !(code in WHY)) return err as Error;
  return new UserError(`cannot write ${displayPath(file)}: ${WHY[code]} (${code})${unchanged ? '; nothing was changed' : ''}`, { cause: err });
}

let counter = 0;
/** A temporary name beside `file`: short, so a long file name cannot make it too long, and hidden. */
const tmpOf = (file: string) => path.join(path.dirname(file), `.${path.basename(file).slice(0, 48)}.${process.pid}.${++counter}.tmp`);

/** Removes temporary files, never throwing: a failed clean-up must not hide the error that caused it. */
function removeQuietly(files: string[]): void {
  for (const f of files) {
    try {
      rmSync(f, { force: true });
    } catch {
      // the first error is the one to report
    }
  }
}

/**
 * Writes a file so that readers see either the old content or the new, never
 * half of it: write a temporary file beside it, then rename over it. A full
 * disk, a read-only folder or a folder in the file's place is a UserError
 * naming the file, and leaves no temporary file behind.
 */
export function writeFileAtomic(file: string, content: string): void {
  writeFilesAtomic([{ file, content }]);
}

/**
 * Writes several files all or nothing (as far as a file system allows):
 * every file is first written to a temporary file beside it; only when all
 * are written are they renamed into place. A failure while writing removes
 * every temporary file and changes none of the targets; its error is the one
 * reported, whatever the clean-up meets.
 */
export function writeFilesAtomic(files: readonly { file: string; content: string }[]): void {
  // Found before anything is written: a name too long for the file system (255 bytes on most), a folder in a file's place.
  for (const { file } of files) {
    if (Buffer.byteLength(path.basename(file)) > 255) throw writeError(file, Object.assign(new Error('ENAMETOOLONG'), { code: 'ENAMETOOLONG' }));
    let isDir = false;
    try {
      isDir = statSync(file).isDirectory();
    } catch {
      // absent (or unreachable: the write below says why)
    }
    if (isDir) throw writeError(file, Object.assign(new Error('EISDIR'), { code: 'EISDIR' }));
  }
  const written: { tmp: string; file: string }[] = [];
  let current = files[0]?.file ?? '';
  let renamed = 0;
  try {
    for (const { file, content } of files) {
      current = file;
      mkdirSync(path.dirname(file), { recursive: true });
      const tmp = tmpOf(file);
      written.push({ tmp, file });
      writeFileSync(tmp, content);
    }
    for (const { tmp, file } of written) {
      current = file;
      renameSync(tmp, file);
      renamed++;
    }
  } catch (err) {
    removeQuietly(written.slice(renamed).map((w) => w.tmp));
    throw writeError(current, err, renamed === 0);
  }
}
