import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project's root folder: relative paths in suites and configs resolve against it. */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Resolves a path given in a suite or config: absolute as is, otherwise from the project root. */
export function fromProjectRoot(p: string): string {
  return path.isAbsolute(p) ? p : path.join(PROJECT_ROOT, p);
}
