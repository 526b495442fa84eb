/**
 * Checks a folder a command will write into, before any long or paid work,
 * so a typo in --out is said at once and not after a whole eval: the folder
 * (or, when it does not exist yet, its nearest existing parent, where it
 * will be created) must be a folder this process can write into.
 */
import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';
import { displayPath } from './display-path.ts';
import { UserError } from './errors.ts';

/** A UserError unless `dir` is, or can be created as, a folder this process can write into. */
export function checkOutputFolder(dir: string, what: string): void {
  const shown = displayPath(dir);
  let existing = path.resolve(dir);
  let st: ReturnType<typeof statSync> | null = null;
  for (;;) {
    try {
      st = statSync(existing);
      break;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      // ENOTDIR: a parent is a file; walking up finds it and says so.
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw new UserError(`${shown}: the ${what} cannot be used (${code})`);
    }
    const parent = path.dirname(existing);
    if (parent === existing) break;
    existing = parent;
  }
  if (!st) throw new UserError(`${shown}: the ${what} cannot be created (no existing parent folder)`);
  if (!st.isDirectory())
    throw new UserError(existing === path.resolve(dir) ? `${shown}: the ${what} is a file, not a folder` : `${shown}: the ${what} cannot be created: ${displayPath(existing)} is a file, not a folder`);
  try {
    accessSync(existing, constants.W_OK | constants.X_OK);
  } catch {
    throw new UserError(`${shown}: the ${what} ${existing === path.resolve(dir) ? 'is not writable' : `cannot be created: ${displayPath(existing)} is not writable`} (permission denied)`);
  }
}
