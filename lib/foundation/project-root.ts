import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project's root folder: relative paths in suites and configs resolve against it. */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Resolves a path given in a suite or config: absolute as is, otherwise from the project root. */
export function fromProjectRoot(p: string): string {
  return path.isAbsolute(p) ? p : path.join(PROJECT_ROOT, p);
}

/** Path of a file relative to the project root, as suites and providers' config write it (absolute when outside the project). */
export function projectRelative(file: string): string {
  const rel = path.relative(PROJECT_ROOT, path.resolve(file));
  return rel.startsWith('..') ? path.resolve(file) : rel.split(path.sep).join('/');
}
