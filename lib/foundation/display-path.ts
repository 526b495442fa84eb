import path from 'node:path';

/** A path as a person wants to read it in a message: relative to where they stand, when it is below it. */
export function displayPath(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}
