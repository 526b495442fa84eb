/**
 * Reads a domain's YAML as text. One library (js-yaml 5) parses every file,
 * valid or not, so what is checked is what is used:
 * - every scalar is the characters written (`02134`, `3.10`, `True` stay
 *   strings); only `null`, `~` and an empty value read as null;
 * - no tags beyond the failsafe schema's, so no YAML construct runs code;
 * - aliases are limited (count, and how far they may expand the file);
 * - errors carry the real line and column.
 */
import { EVENT_ALIAS, EVENT_DOCUMENT, EVENT_MAPPING, EVENT_POP, EVENT_SCALAR, EVENT_SEQUENCE, FAILSAFE_SCHEMA, getScalarValue, load, nullCoreTag, parseEvents, YAMLException } from 'js-yaml';
import { UserError } from '../foundation/errors.ts';

const TEXT_SCHEMA = FAILSAFE_SCHEMA.withTags(nullCoreTag);

/** At most this many `*alias` nodes per file. */
export const MAX_ALIASES = 100;

export type YamlPath = readonly (string | number)[];

/** `file:line:col` of a character offset in the text (1-based, as editors count). */
export function position(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, col: offset - lineStart + 1 };
}

/** What js-yaml's wording means for someone writing a domain. */
function explainReason(reason: string): string {
  if (/but found more|document separator/.test(reason))
    return `${reason}: a domain file is one YAML document (a line "---" or "..." starts or ends one)`;
  if (/unknown (scalar|sequence|mapping) tag/.test(reason))
    return `${reason}: domain files use no YAML tags (!!int, !!js/…); write the value as plain text`;
  if (/maxAliases/.test(reason)) return `more than ${MAX_ALIASES} aliases (*name); write the values out`;
  return reason;
}

/** Where a second document starts (js-yaml gives no position for that error). */
function secondDocument(text: string): string {
  const markers = [...text.matchAll(/^(---|\.\.\.)(?=\s|$)/gm)].filter((m) => text.slice(0, m.index).trim() !== '');
  if (!markers.length) return '1:1';
  const { line, col } = position(text, markers[0]!.index);
  return `${line}:${col}`;
}

/** Counts the values of the data as a tree (an alias counts each time it is used), stopping past `limit`. */
function exceedsSize(data: unknown, limit: number): boolean {
  let count = 0;
  const stack: unknown[] = [data];
  while (stack.length) {
    const v = stack.pop();
    if (++count > limit) return true;
    if (Array.isArray(v)) for (const x of v) stack.push(x);
    else if (v !== null && typeof v === 'object') for (const x of Object.values(v)) stack.push(x);
  }
  return false;
}

/**
 * Parses YAML text into plain data (strings, nulls, lists, mappings).
 * Throws a UserError `file:line:col  not valid YAML: …`.
 */
export function parseYamlText(text: string, file: string): unknown {
  let data: unknown;
  try {
    data = load(text, { schema: TEXT_SCHEMA, maxAliases: MAX_ALIASES, filename: file });
  } catch (err) {
    if (!(err instanceof YAMLException)) throw err;
    if (/input is empty/.test(err.reason)) throw new UserError(`${file}: the file is empty; a domain needs id, title, kind, prompt and facts`);
    const where = err.mark ? `${err.mark.line + 1}:${err.mark.column + 1}` : secondDocument(text);
    throw new UserError(`${file}:${where}  not valid YAML: ${explainReason(err.reason)}`);
  }
  // Without aliases a file cannot hold more values than characters; more means aliases multiplied it (a "billion laughs" file).
  if (exceedsSize(data, text.length + 16))
    throw new UserError(`${file}: its aliases (*name) expand it to more values than the file has characters; write the values out`);
  return data;
}

/**
 * The offset of the deepest node on `path` that exists in the text: the node
 * itself (or, with `at: 'key'`, the key that names it), or the closest
 * mapping or list that should hold it. Walks the
 * parser's events; used only to point at a problem.
 */
export function offsetOfPath(text: string, path: YamlPath, at: 'value' | 'key' = 'value'): number {
  interface Frame {
    kind: 'map' | 'seq';
    /** null: inside a complex (non-scalar) key, which no path reaches. */
    path: (string | number)[] | null;
    expectKey: boolean;
    key: string | null;
    /** Where the current key starts: an empty value has no position of its own. */
    keyOffset: number;
    index: number;
  }
  let events: ReturnType<typeof parseEvents>;
  try {
    events = parseEvents(text, {});
  } catch {
    return 0;
  }
  const stack: Frame[] = [];
  let best = { depth: -1, offset: 0 };
  const onPath = (p: (string | number)[]) => p.length <= path.length && p.every((s, i) => String(s) === String(path[i]));
  const advance = (parent: Frame | undefined, keyText: string | null, offset: number) => {
    if (!parent) return;
    if (parent.kind === 'seq') parent.index++;
    else if (parent.expectKey) {
      parent.key = keyText;
      parent.keyOffset = offset;
      parent.expectKey = false;
    } else parent.expectKey = true;
  };
  for (const ev of events) {
    if (ev.type === EVENT_DOCUMENT) continue;
    if (ev.type === EVENT_POP) {
      stack.pop();
      advance(stack.at(-1), null, 0);
      continue;
    }
    const parent = stack.at(-1);
    let nodePath: (string | number)[] | null;
    if (!parent) nodePath = [];
    else if (parent.path === null) nodePath = null;
    else if (parent.kind === 'seq') nodePath = [...parent.path, parent.index];
    else if (parent.expectKey || parent.key === null) nodePath = null;
    else nodePath = [...parent.path, parent.key];
    let offset = ev.type === EVENT_SCALAR ? ev.valueStart : ev.type === EVENT_ALIAS ? ev.anchorStart : ev.start;
    if (offset < 0) offset = parent?.kind === 'map' && !parent.expectKey ? parent.keyOffset : 0;
    // at 'key': the whole path names a field, and the field's key is where to point (an unknown field).
    const full = nodePath !== null && nodePath.length === path.length;
    const pointAt = at === 'key' && full && parent?.kind === 'map' ? parent.keyOffset : offset;
    if (nodePath && nodePath.length > best.depth && onPath(nodePath)) best = { depth: nodePath.length, offset: pointAt };
    if (ev.type === EVENT_MAPPING || ev.type === EVENT_SEQUENCE) {
      stack.push({ kind: ev.type === EVENT_MAPPING ? 'map' : 'seq', path: nodePath, expectKey: true, key: null, keyOffset: 0, index: 0 });
    } else {
      const isKey = parent?.kind === 'map' && parent.expectKey;
      advance(parent, isKey && ev.type === EVENT_SCALAR ? getScalarValue(text, ev) : null, offset);
    }
  }
  return best.offset;
}
