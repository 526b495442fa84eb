/**
 * Reads knowledge-domain YAML files, validates them against the schema, then
 * checks that grading can measure them (measurable.ts). Every problem is
 * reported as `file:line:col  yaml.path  what is wrong`, all problems of a
 * file at once, so a person can fix a file in one pass.
 */
import type { z } from 'zod';
import { displayPath } from '../foundation/display-path.ts';
import { UserError } from '../foundation/errors.ts';
import { listDomainFiles } from './domain-files.ts';
import { measurementProblems, type DomainPath } from './measurable.ts';
import { readTextFile } from './read-text-file.ts';
import { DomainSchema, type Domain } from './schema.ts';
import { offsetOfPath, parseYamlText, position } from './yaml-text.ts';

export { listDomainFiles } from './domain-files.ts';

export interface LoadedDomain {
  domain: Domain;
  /** Path of the YAML file it came from. */
  file: string;
  /** The file's text, hashed by the training ledger and used by providers. */
  text: string;
}

/** `['facts', 3, 'probes', 1, 'split']` → `facts[3].probes[1].split` */
export function formatYamlPath(segments: readonly PropertyKey[]): string {
  let out = '';
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else out += out ? `.${String(s)}` : String(s);
  }
  return out || '(top level)';
}

function valueAt(data: unknown, segments: readonly PropertyKey[]): unknown {
  let v: unknown = data;
  for (const s of segments) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[s];
  }
  return v;
}

interface Problem {
  path: readonly PropertyKey[];
  message: string;
  /** Point at the key that names the path (an unknown field) rather than its value. */
  at?: 'value' | 'key';
}

function formatProblems(problems: readonly Problem[], file: string, text: string, what = 'domain'): string {
  const lines = problems.map(({ path, message, at }) => {
    const { line, col } = position(text, offsetOfPath(text, path.map((s) => (typeof s === 'number' ? s : String(s))), at));
    return `${file}:${line}:${col}  ${formatYamlPath(path)}: ${message}`;
  });
  return `${file} is not a valid ${what}:\n${lines.map((l) => `  ${l}`).join('\n')}`;
}

function formatIssues(issues: z.core.$ZodIssue[], data: unknown, file: string, text: string, what = 'domain'): string {
  const problems = issues.map((issue): Problem => {
    let segments: PropertyKey[] = [...issue.path];
    let message = issue.message;
    if (issue.path.length > 0 && valueAt(data, issue.path) === undefined && issue.code !== 'custom') message = 'is required but missing';
    if (issue.code === 'unrecognized_keys') {
      message = `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}`;
      // `{ question: Taller, or shorter? }`: the comma ended the value and the rest became a field.
      if (issue.keys.some((k) => /\s/.test(k))) message += '; inside { … } a comma separates fields: quote a text that holds ", " ("Taller, or shorter?")';
      segments = [...segments, issue.keys[0]!];
    }
    return { path: segments, message, at: issue.code === 'unrecognized_keys' ? 'key' : 'value' };
  });
  return formatProblems(problems, file, text, what);
}

/**
 * Parses a YAML file other than a domain (an augmentation sidecar) with the
 * domain reader (text scalars, real line:col) and checks it with `schema`,
 * every problem reported as a domain's are: file:line:col, YAML path, what
 * is wrong. `what` names the kind of file in the messages.
 */
export function parseYamlWithSchema<S extends z.ZodType>(text: string, fileName: string, schema: S, what: string): z.output<S> {
  const file = displayPath(fileName);
  const data = parseYamlText(text, file);
  if (data === null || data === undefined || typeof data !== 'object' || Array.isArray(data)) throw new UserError(`${file}:1:1  (top level): a ${what} must be a mapping`);
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw new UserError(formatIssues(parsed.error.issues, data, file, text, what));
  return parsed.data;
}

/** Parses and validates a domain's text; a UserError locates every problem (line, column, YAML path). */
export function parseDomainText(text: string, fileName: string): Domain {
  const file = displayPath(fileName);
  const data = parseYamlText(text, file);
  if (data === null || data === undefined) throw new UserError(`${file}: the file is empty; a domain needs id, title, kind, prompt and facts`);
  if (typeof data !== 'object' || Array.isArray(data))
    throw new UserError(`${file}:1:1  (top level): a domain must be a mapping with id, title, kind, prompt and facts`);
  const parsed = DomainSchema.safeParse(data);
  if (!parsed.success) throw new UserError(formatIssues(parsed.error.issues, data, file, text));
  const place = (path: DomainPath) => {
    const { line, col } = position(text, offsetOfPath(text, path));
    return `${file}:${line}:${col}`;
  };
  const problems = measurementProblems(parsed.data, place);
  if (problems.length) throw new UserError(formatProblems(problems, file, text));
  return parsed.data;
}

export function loadDomainFile(file: string): LoadedDomain {
  const text = readTextFile(file, displayPath(file), 'domain file');
  return { domain: parseDomainText(text, file), file, text };
}

/** Loads every domain under `dir`. All files' errors are reported together. */
export function loadDomains(dir: string, warn?: (message: string) => void): LoadedDomain[] {
  const loaded: LoadedDomain[] = [];
  const errors: string[] = [];
  for (const file of listDomainFiles(dir, warn)) {
    try {
      loaded.push(loadDomainFile(file));
    } catch (err) {
      if (err instanceof UserError) errors.push(err.message);
      else throw err;
    }
  }
  const byId = new Map<string, string>();
  for (const { domain, file } of loaded) {
    const other = byId.get(domain.id);
    if (other) errors.push(`${displayPath(file)}: domain id "${domain.id}" is already used by ${displayPath(other)}`);
    byId.set(domain.id, file);
  }
  if (errors.length) throw new UserError(errors.join('\n'));
  return loaded;
}
