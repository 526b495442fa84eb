/**
 * Reads knowledge-domain YAML files and validates them against the schema.
 * Every problem is reported as `file:line:col  yaml.path  what is wrong`,
 * all problems of a file at once, so a person can fix a file in one pass.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { CORE_SCHEMA, load as loadYaml, YAMLException } from 'js-yaml';
import { LineCounter, parseDocument, isNode, type Document } from 'yaml';
import type { z } from 'zod';
import { displayPath } from '../display-path.ts';
import { UserError } from '../errors.ts';
import { DomainSchema, type Domain } from './schema.ts';

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

/** Line and column of the deepest node that exists on the path. */
function locate(doc: Document, counter: LineCounter, segments: readonly PropertyKey[]): string {
  for (let n = segments.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(segments.slice(0, n) as unknown[], true);
    if (isNode(node) && node.range) {
      const { line, col } = counter.linePos(node.range[0]);
      return `${line}:${col}`;
    }
  }
  return '1:1';
}

/**
 * Parses and validates a domain. The fast path (js-yaml, several times faster
 * than a full document parse on big domains) serves valid files; only a file
 * with a problem is parsed again with source positions, to say where it is.
 */
export function parseDomainText(text: string, fileName: string): Domain {
  const file = displayPath(fileName);
  let data: unknown;
  let fastError: string | null = null;
  try {
    // The core schema reads scalars as the `yaml` package does (no dates): both paths must agree.
    data = loadYaml(text, { schema: CORE_SCHEMA });
  } catch (err) {
    fastError = err instanceof YAMLException ? err.message.split('\n')[0]! : String(err);
  }
  if (fastError === null && data !== null && data !== undefined && typeof data === 'object' && !Array.isArray(data)) {
    const parsed = DomainSchema.safeParse(data);
    if (parsed.success) return parsed.data;
  }
  explainDomainText(text, file);
  // The precise parser found nothing wrong where the fast one did: report the fast one's words.
  throw new UserError(`${file}: not valid YAML: ${fastError ?? 'unreadable domain'}`);
}

/** Throws a UserError that locates every problem in the file (line, column, YAML path). */
function explainDomainText(text: string, file: string): void {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const lines = doc.errors.map((e) => {
      const pos = e.linePos?.[0];
      return `${file}:${pos ? `${pos.line}:${pos.col}` : '1:1'}  not valid YAML: ${e.message.split('\n')[0]}`;
    });
    throw new UserError(lines.join('\n'));
  }
  const data = doc.toJS();
  if (data === null || data === undefined) throw new UserError(`${file}: the file is empty; a domain needs id, title, kind, prompt and facts`);
  if (typeof data !== 'object' || Array.isArray(data))
    throw new UserError(`${file}:1:1  (top level): a domain must be a mapping with id, title, kind, prompt and facts`);
  const parsed = DomainSchema.safeParse(data);
  if (!parsed.success) throw new UserError(formatIssues(parsed.error.issues, data, file, doc, counter));
}

function valueAt(data: unknown, segments: readonly PropertyKey[]): unknown {
  let v: unknown = data;
  for (const s of segments) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[s];
  }
  return v;
}

function formatIssues(issues: z.core.$ZodIssue[], data: unknown, file: string, doc: Document, counter: LineCounter, what = 'domain'): string {
  const lines = issues.map((issue) => {
    let segments: PropertyKey[] = [...issue.path];
    let message = issue.message;
    if (issue.path.length > 0 && valueAt(data, issue.path) === undefined && issue.code !== 'custom') message = 'is required but missing';
    if (issue.code === 'unrecognized_keys') {
      message = `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}`;
      segments = [...segments, issue.keys[0]!];
    }
    return `${file}:${locate(doc, counter, segments)}  ${formatYamlPath(segments)}: ${message}`;
  });
  return `${file} is not a valid ${what}:\n${lines.map((l) => `  ${l}`).join('\n')}`;
}

/**
 * Parses a YAML file other than a domain (an augmentation sidecar) and checks
 * it with `schema`, every problem reported as a domain's are: file:line:col,
 * YAML path, what is wrong. `what` names the kind of file in the message.
 */
export function parseYamlWithSchema<S extends z.ZodType>(text: string, fileName: string, schema: S, what: string): z.output<S> {
  const file = displayPath(fileName);
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const pos = doc.errors[0]!.linePos?.[0];
    throw new UserError(`${file}:${pos ? `${pos.line}:${pos.col}` : '1:1'}  not valid YAML: ${doc.errors[0]!.message.split('\n')[0]}`);
  }
  const data = doc.toJS();
  if (data === null || data === undefined || typeof data !== 'object' || Array.isArray(data)) throw new UserError(`${file}:1:1  (top level): a ${what} must be a mapping`);
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw new UserError(formatIssues(parsed.error.issues, data, file, doc, counter, what));
  return parsed.data;
}

export function loadDomainFile(file: string): LoadedDomain {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UserError(`${displayPath(file)}: cannot read the domain file (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  return { domain: parseDomainText(text, file), file, text };
}

/**
 * Every `*.yaml`/`*.yml` under `dir`, recursively, in a stable order; not
 * the augmentation sidecars beside them (`*.training.yaml`, npm run augment).
 */
export function listDomainFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const full = path.join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.ya?ml$/.test(name) && !/\.training\.ya?ml$/.test(name)) out.push(full);
    }
  };
  walk(dir);
  return out;
}

/** Loads every domain under `dir`. All files' errors are reported together. */
export function loadDomains(dir: string): LoadedDomain[] {
  const loaded: LoadedDomain[] = [];
  const errors: string[] = [];
  for (const file of listDomainFiles(dir)) {
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
