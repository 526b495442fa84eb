/**
 * Finds the domain files under a folder: every `*.yaml`/`*.yml`, recursively,
 * in a stable order. A symlink is followed only when it stays inside the
 * folder; one that dangles, loops or leaves it, and anything that is not a
 * regular file or folder (a FIFO, a socket), is skipped with a warning so a
 * stray entry can neither hang the build nor pull in a file from elsewhere.
 */
import { lstatSync, readdirSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { displayPath } from '../foundation/display-path.ts';
import { UserError } from '../foundation/errors.ts';

export const isDomainFileName = (name: string) => /\.ya?ml$/.test(name) && !name.endsWith('.training.yaml');

/** Checks that `dir` is a folder that can be read; a clear error otherwise. */
export function requireFolder(dir: string, what = 'domains folder'): string {
  let real: string;
  try {
    real = realpathSync(dir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UserError(`${displayPath(dir)}: the ${what} ${code === 'ENOENT' ? 'does not exist' : `cannot be read (${code})`}`);
  }
  if (!statSync(real).isDirectory()) throw new UserError(`${displayPath(dir)}: the ${what} is a file, not a folder`);
  return real;
}

export function listDomainFiles(dir: string, warn: (message: string) => void = (m) => console.warn(`warning: ${m}`)): string[] {
  const root = requireFolder(dir);
  const out: string[] = [];
  const seen = new Set<string>([root]);
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const full = path.join(d, name);
      const shown = displayPath(full);
      const link = lstatSync(full);
      // An augmentation sidecar is not a domain: its reader (lib/training/sidecar.ts) speaks for it, a link included.
      if (name.endsWith('.training.yaml') && !link.isDirectory()) continue;
      let real = full;
      if (link.isSymbolicLink()) {
        try {
          real = realpathSync(full);
        } catch (err) {
          const code = (err as NodeJS.ErrnoException).code;
          warn(`${shown}: skipped, a symlink that ${code === 'ELOOP' ? 'loops' : 'points nowhere'}`);
          continue;
        }
        if (real !== root && !real.startsWith(root + path.sep)) {
          warn(`${shown}: skipped, a symlink to ${real}, outside ${displayPath(dir)}`);
          continue;
        }
      }
      const st = statSync(real);
      if (st.isDirectory()) {
        real = realpathSync(real);
        if (seen.has(real)) {
          if (link.isSymbolicLink()) warn(`${shown}: skipped, a symlink to a folder already read`);
          continue;
        }
        seen.add(real);
        walk(full);
      } else if (!isDomainFileName(name)) continue;
      else if (!st.isFile()) warn(`${shown}: skipped, not a regular file`);
      else out.push(full);
    }
  };
  walk(dir);
  return out;
}
