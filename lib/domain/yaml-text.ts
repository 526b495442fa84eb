/**
 * Reads a domain's YAML (and its augmentation sidecar's) as text. One library
 * (`yaml`, which also writes the suites) parses every file, valid or not, so
 * what is checked is what is used:
 * - every scalar is the characters written (`02134`, `3.10`, `True` stay
 *   strings: the failsafe schema); only `null`, `~` and an empty value read
 *   as null (the core schema's null tag, added to it);
 * - no YAML tag (`!!str`, `!foo`) and no directive (`%TAG`, `%YAML`): a file
 *   means what its characters say, and no construct can run code;
 * - no key that JavaScript objects reserve (`__proto__`, `constructor`, `prototype`);
 * - aliases are limited (count, and how far they may expand the file);
 * - errors carry the real line and column (`LineCounter`).
 */
import { isAlias, isCollection, isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments, parseDocument, Parser, Schema, visit, type Document, type DocumentOptions, type YAMLError, type ParseOptions, type SchemaOptions } from 'yaml';
import { UserError } from '../foundation/errors.ts';
import { RESERVED_NAMES, RESERVED_NAMES_RULE } from './reserved-names.ts';

/** At most this many `*alias` nodes per file. */
export const MAX_ALIASES = 100;

/** At most this many lists and mappings inside one another. */
export const MAX_DEPTH = 100;

const NULL_TAG = new Schema({ schema: 'core' }).tags.find((t) => t.tag === 'tag:yaml.org,2002:null')!;

const OPTIONS: ParseOptions & DocumentOptions & SchemaOptions = {
  version: '1.2',
  schema: 'failsafe',
  customTags: [NULL_TAG],
  merge: false,
  stringKeys: true,
  uniqueKeys: true,
  prettyErrors: false,
};

/** Characters YAML does not allow in a stream (outside its printable set), which the parser would pass through. */
const NOT_PRINTABLE = /[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u;

const TAGS_RULE = 'domain files use no YAML tags (!!str, !foo) or directives (%TAG, %YAML); write the value as plain text';

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

/** The first tag or directive among the parser's tokens (any depth), with its offset. */
function firstTagOrDirective(tokens: readonly unknown[]): { type: string; offset: number; source: string } | null {
  let found: { type: string; offset: number; source: string } | null = null;
  const stack: unknown[] = [...tokens];
  while (stack.length) {
    const t = stack.pop();
    if (Array.isArray(t)) stack.push(...t);
    else if (t !== null && typeof t === 'object') {
      const token = t as { type?: unknown; offset?: unknown; source?: unknown };
      if ((token.type === 'tag' || token.type === 'directive') && typeof token.offset === 'number' && (!found || token.offset < found.offset))
        found = { type: token.type, offset: token.offset, source: String(token.source) };
      for (const v of Object.values(t)) if (v !== null && typeof v === 'object') stack.push(v);
    }
  }
  return found;
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

/** yaml's wording, made to say what it means for someone writing a domain. */
function explain(problem: YAMLError, text: string): string {
  if (problem.code === 'DUPLICATE_KEY') return `duplicated mapping key ${JSON.stringify(text.slice(problem.pos[0], problem.pos[1]))}: a key appears once per mapping`;
  if (problem.code === 'NON_STRING_KEY') return 'a key must be plain text, not a list or a mapping';
  if (/call stack/i.test(problem.message)) return 'nested too deeply';
  return problem.message;
}

/**
 * The file's single document; a UserError for what YAML or this reader
 * refuses. The common case is one pass of the library; a file that holds a
 * tag, a directive or a second document is parsed again into tokens, only
 * to point at the first one.
 */
function readDocument(text: string, file: string): Document.Parsed | null {
  const lines = new LineCounter();
  const fail = (offset: number, reason: string): never => {
    const { line, col } = lines.linePos(offset);
    throw new UserError(`${file}:${line}:${col}  not valid YAML: ${reason}`);
  };
  let docs: Document.Parsed[];
  try {
    docs = parseAllDocuments(text, { ...OPTIONS, lineCounter: lines }) as Document.Parsed[];
  } catch (err) {
    // A file nested thousands of levels deep exhausts the stack of any recursive reader.
    if (err instanceof RangeError) throw new UserError(`${file}: nested too deeply to read as YAML`);
    throw err;
  }
  const bad = NOT_PRINTABLE.exec(text);
  if (bad) fail(bad.index, `the character U+${bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} is not allowed in YAML; write it as an escape inside double quotes ("\\u…") if it is meant`);
  const error = docs.flatMap((d) => d.errors)[0];
  if (error) fail(error.pos[0], explain(error, text));
  let tagged = false;
  let aliases = 0;
  for (const doc of docs)
    visit(doc, {
      Node: (_key, node, path) => {
        if ((node as { tag?: string }).tag !== undefined) tagged = true;
        if (isCollection(node) && path.filter(isCollection).length >= MAX_DEPTH) fail(node.range![0], `nested more than ${MAX_DEPTH} lists or mappings deep`);
      },
      Alias: (_key, node) => {
        if (++aliases > MAX_ALIASES) fail(node.range![0], `more than ${MAX_ALIASES} aliases (*name); write the values out`);
        if (!node.resolve(doc)) fail(node.range![0], `the alias *${node.source} names no anchor (&${node.source}) set before it`);
      },
      Pair: (_key, pair) => {
        if (isScalar(pair.key) && RESERVED_NAMES.has(String(pair.key.value))) fail(pair.key.range![0], `the key "${String(pair.key.value)}": ${RESERVED_NAMES_RULE}`);
      },
    });
  if (tagged || docs.length > 1 || /^%/m.test(text)) {
    const tokens = [...new Parser().parse(text)];
    const tag = firstTagOrDirective(tokens);
    if (tag) fail(tag.offset, `${tag.type === 'tag' ? 'the tag' : 'the directive'} ${tag.source.split(/\s/)[0]}: ${TAGS_RULE}`);
    const second = tokens.filter((t) => t.type === 'document')[1];
    if (second) fail(second.offset, 'a second document: a domain file is one YAML document (a line "---" starts one)');
  }
  if (docs.length === 0) return null;
  const doc = docs[0]!;
  const warning = doc.warnings[0];
  if (warning) fail(warning.pos[0], explain(warning, text));
  return doc;
}

/**
 * Parses YAML text into plain data (strings, nulls, lists, mappings), or
 * undefined when the file holds no document. Throws a UserError
 * `file:line:col  not valid YAML: …`.
 */
export function parseYamlText(text: string, file: string): unknown {
  const doc = readDocument(text, file);
  if (doc === null) return undefined;
  let data: unknown;
  try {
    // yaml counts an anchor's node with its uses, and multiplies by the aliases inside it.
    data = doc.toJS({ maxAliasCount: MAX_ALIASES + 1 });
  } catch (err) {
    // yaml's own alias limit: aliases that hold aliases, used over and over.
    if (err instanceof ReferenceError) throw new UserError(`${file}: its aliases (*name) expand it too far (anchors holding aliases, used over ${MAX_ALIASES} times); write the values out`);
    throw err;
  }
  // Without aliases a file cannot hold more values than characters; more means aliases multiplied it (a "billion laughs" file).
  if (exceedsSize(data, text.length + 16))
    throw new UserError(`${file}: its aliases (*name) expand it to more values than the file has characters; write the values out`);
  return data;
}

/** Where a value's characters start: inside its quotes, as an editor selects it. */
function valueStart(node: unknown, start: number): number {
  return isScalar(node) && (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') ? start + 1 : start;
}

/** The last text located, parsed once for all the problems reported in it. */
let located: { text: string; doc: Document.Parsed } | null = null;

/**
 * The offset of the deepest node on `path` that exists in the text: the node
 * itself (or, with `at: 'key'`, the key that names it), or the closest
 * mapping or list that should hold it. An empty value (`answer:`) has no
 * characters of its own: its key is pointed at. Used only to point at a problem.
 */
export function offsetOfPath(text: string, path: YamlPath, at: 'value' | 'key' = 'value'): number {
  if (located?.text !== text) located = { text, doc: parseDocument(text, OPTIONS) };
  let node: unknown = located.doc.contents;
  let offset = (node as { range?: number[] } | null)?.range?.[0] ?? 0;
  for (const [i, segment] of path.entries()) {
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment));
      if (!pair || !isScalar(pair.key)) break;
      const keyOffset = pair.key.range![0];
      if (last && at === 'key') return keyOffset;
      node = pair.value;
      const range = (node as { range?: number[] } | null)?.range;
      offset = !range || (isScalar(node) && range[0] === range[1]) ? keyOffset : valueStart(node, range[0]!);
    } else if (isSeq(node)) {
      const item = node.items[Number(segment)];
      const range = (item as { range?: number[] } | null)?.range;
      if (!range) break;
      node = item;
      offset = valueStart(item, range[0]!);
    } else break;
    if (isAlias(node)) break;
  }
  return offset;
}
