/**
 * The domains `--only` selects, loaded so that only they must be valid: a
 * broken file of another domain is skipped with its first error instead of
 * blocking the run. A file whose id cannot be read (not even YAML) counts as
 * the domain its file name says (`b.yaml` is `b`), so a selected domain that
 * is broken is still an error.
 */
import path from 'node:path';
import { displayPath } from '../foundation/display-path.ts';
import { UserError } from '../foundation/errors.ts';
import { listDomainFiles } from './domain-files.ts';
import { loadDomainFile, type LoadedDomain } from './load.ts';
import { readTextFile } from './read-text-file.ts';
import { parseYamlText } from './yaml-text.ts';

export interface SkippedDomainFile {
  file: string;
  /** The first problem its error names (one line). */
  error: string;
}

/** The id a file claims, read as leniently as possible; its file name when even that fails. */
function claimedId(file: string): string {
  try {
    const data = parseYamlText(readTextFile(file, displayPath(file), 'domain file'), displayPath(file)) as { id?: unknown } | null;
    if (data && typeof data === 'object' && typeof data.id === 'string') return data.id;
  } catch {
    // Unreadable or not YAML: fall back to the file name.
  }
  return path.basename(file).replace(/\.ya?ml$/, '');
}

/** The first line of a domain error that says what is wrong (its location included). */
function firstProblem(message: string): string {
  const lines = message.split('\n');
  return (lines.length > 1 ? lines[1]! : lines[0]!).trim();
}

export function loadSelectedDomains(dir: string, only: readonly string[], warn?: (message: string) => void): { loaded: LoadedDomain[]; skipped: SkippedDomainFile[] } {
  const loaded: LoadedDomain[] = [];
  const skipped: SkippedDomainFile[] = [];
  const errors: string[] = [];
  for (const file of listDomainFiles(dir, warn)) {
    try {
      loaded.push(loadDomainFile(file));
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      if (only.includes(claimedId(file))) errors.push(err.message);
      else skipped.push({ file, error: firstProblem(err.message) });
    }
  }
  const byId = new Map<string, string>();
  const unique: LoadedDomain[] = [];
  for (const d of loaded) {
    const other = byId.get(d.domain.id);
    if (!other) {
      byId.set(d.domain.id, d.file);
      unique.push(d);
      continue;
    }
    const clash = `domain id "${d.domain.id}" is already used by ${displayPath(other)}`;
    if (only.includes(d.domain.id)) errors.push(`${displayPath(d.file)}: ${clash}`);
    else skipped.push({ file: d.file, error: clash });
  }
  if (errors.length) throw new UserError(errors.join('\n'));
  const unknown = only.filter((id) => !byId.has(id));
  if (unknown.length) {
    const broken = skipped.length ? `; skipped as invalid: ${skipped.map((s) => displayPath(s.file)).join(', ')}` : '';
    throw new UserError(`--only names unknown domain(s) ${unknown.join(', ')}; known: ${[...byId.keys()].join(', ')}${broken}`);
  }
  return { loaded: unique, skipped };
}
