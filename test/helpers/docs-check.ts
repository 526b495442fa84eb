/**
 * Checks what the README and docs/ tell a person to type or click:
 * - every `npm start …`, `npm test` and `npm run <script> …` names a script of
 *   package.json, and for the project's own commands every flag after `--` is
 *   one that command declares (read from the declarations lib/cli parses, the
 *   same ones docs/commands.md is written from; `npm run emulator -- <name>` and
 *   `npm run finetune -- <command>` by their subcommand), and none stands
 *   before `--`, where npm would take it;
 * - every relative link and image resolves: the file exists, and a `#anchor`
 *   is a heading of the Markdown file it points into, by GitHub's rules
 *   (github-slugger on the heading's text, `-1` for a repeat);
 * - every source file named in a code span (`lib/report/sections/curves.ts`)
 *   exists, so a moved or renamed file cannot leave the text behind.
 * Markdown is read with marked's lexer, so code blocks, code spans, table
 * cells and links are what a renderer sees.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import GithubSlugger from 'github-slugger';
import { marked, type Token, type Tokens } from 'marked';
import type { CommandSpec } from '../../lib/cli/command-spec.ts';

export interface Commands {
  /** The scripts of package.json. */
  scripts: ReadonlySet<string>;
  /** Every command's declaration: `finetune`, `emulator`, and `emulator openai` for a subcommand declared on its own. */
  specs: ReadonlyMap<string, CommandSpec>;
}

export function commandsOf(scripts: Iterable<string>, specs: readonly CommandSpec[]): Commands {
  return { scripts: new Set(scripts), specs: new Map(specs.map((s) => [s.args ? `${s.script} ${s.args}` : s.script, s])) };
}

/** Every token of a Markdown text, depth first (table cells and list items included). */
function* walk(tokens: readonly Token[]): Generator<Token> {
  for (const t of tokens) {
    yield t;
    const nested = t as { tokens?: Token[]; items?: Token[]; header?: Tokens.TableCell[]; rows?: Tokens.TableCell[][] };
    if (nested.tokens) yield* walk(nested.tokens);
    if (nested.items) yield* walk(nested.items);
    if (nested.header) for (const cell of nested.header) yield* walk(cell.tokens);
    if (nested.rows) for (const row of nested.rows) for (const cell of row) yield* walk(cell.tokens);
  }
}

/**
 * The texts where a command can be written: code blocks (a line each, `\` continuations joined) and code spans,
 * `code: true`, read whole; and plain text, where only a script's name is checked (prose goes on after it).
 */
function commandTexts(tokens: readonly Token[]): { text: string; code: boolean }[] {
  const texts: { text: string; code: boolean }[] = [];
  for (const t of walk(tokens)) {
    if (t.type === 'code') texts.push(...(t as Tokens.Code).text.replace(/\\\n/g, ' ').split('\n').map((text) => ({ text, code: true })));
    else if (t.type === 'codespan') texts.push({ text: (t as Tokens.Codespan).text, code: true });
    else if (t.type === 'text' && !(t as Tokens.Text).tokens) texts.push({ text: (t as Tokens.Text).text, code: false });
  }
  return texts;
}

/** Shell words that end a command: a separator, a redirect, a comment. */
const ENDS_COMMAND = (word: string) => ['&&', '||', ';', '|', '&'].includes(word) || /^(\d?>|&>|#)/.test(word) || word === '<';
const TRAILING = /[.,;:)'"]+$/;
/** `[--out DIR]` → `--out`, `DIR`: brackets mark what is optional. */
const unbracket = (word: string) => word.replace(/^\[+/, '').replace(/\]+$/, '');

/** The problems of one `npm …` mention: `words` are the words after `npm`; in prose (`code` false) only the script's name. */
function checkMention(mention: string, words: string[], code: boolean, commands: Commands): string[] {
  const [verb, ...rest] = words;
  let script: string | undefined;
  if (/^(start|test)\b/.test(verb!)) script = verb!.replace(TRAILING, '');
  else {
    while (rest[0]?.startsWith('-')) rest.shift(); // npm's own flags: npm run -s emulator
    script = rest.shift()?.replace(TRAILING, '');
    if (!script) return code ? [`${mention}: names no script`] : [];
  }
  if (/^<[^>]+>$/.test(script)) return []; // a placeholder: `npm run <script>`
  if (!commands.scripts.has(script)) return [`${mention}: there is no npm script "${script}" (package.json)`];
  const spec = commands.specs.get(script);
  if (!spec || !code) return []; // an npm script that is no command of the project (test, deps), or prose: its name is all there is to check
  const args = rest.map(unbracket).filter(Boolean);
  const dashes = args.indexOf('--');
  const problems: string[] = [];
  for (const word of dashes === -1 ? args : args.slice(0, dashes))
    if (word.startsWith('-')) problems.push(`${mention}: ${word} before "--" is taken by npm, not given to the command (write ${commandForm(spec)} -- ${word})`);
  if (dashes === -1) return problems;
  const after = args.slice(dashes + 1);

  let declarations = [spec];
  if (spec.commands) {
    const word = after.find((w) => !w.startsWith('-'));
    const names = spec.commands.map((c) => c.name);
    const named = word === undefined || /^(…|\.\.\.)$/.test(word) ? [] : word.replace(/^</, '').replace(/>$/, '').replace(TRAILING, '').split('|');
    const unknown = named.filter((n) => !names.includes(n));
    if (unknown.length) return [...problems, `${mention}: ${commandForm(spec)} has no ${spec.commandWord ?? 'command'} ${unknown.map((u) => `"${u}"`).join(', ')} (it has ${names.join(', ')})`];
    if (spec.passThrough && named.length) declarations = named.map((n) => commands.specs.get(`${script} ${n}`)!);
  }
  for (const word of after) {
    const long = /^--([a-z0-9][\w-]*)/i.exec(word);
    const short = /^-([a-z])$/i.exec(word);
    if (!long && !short) continue;
    for (const d of declarations) {
      const options = Object.entries(d.options);
      const known = long ? long[1] === 'help' || options.some(([name]) => name === long[1]) : short![1] === 'h' || options.some(([, o]) => o.short === short![1]);
      if (!known) problems.push(`${mention}: ${commandForm(d)} declares no option ${long ? `--${long[1]}` : `-${short![1]}`}`);
    }
  }
  return problems;
}

const commandForm = (spec: CommandSpec) => `${spec.script === 'start' ? 'npm start' : `npm run ${spec.script}`}${spec.args ? ` -- ${spec.args}` : ''}`;

/** Every `npm start`, `npm test` and `npm run …` in a Markdown text that names a missing script or an undeclared option. */
export function commandProblems(markdown: string, commands: Commands): string[] {
  const problems: string[] = [];
  for (const { text, code } of commandTexts(marked.lexer(markdown))) {
    for (const m of text.matchAll(/\bnpm\s+(?=(start|test|run)\b)/g)) {
      const words: string[] = [];
      for (const word of text.slice(m.index + m[0].length).split(/[\s`]+/).filter(Boolean)) {
        if (ENDS_COMMAND(word) || word === 'npm') break;
        words.push(word);
      }
      const mention = `"${text.slice(m.index).split(/[`#]|\s(&&|\||;|\d?>)\s/)[0]!.trim()}"`;
      problems.push(...checkMention(mention, words, code, commands));
    }
  }
  return problems;
}

/** A heading's text as GitHub reads it for its anchor: code spans, links and emphasis give their text. */
function plainText(tokens: readonly Token[]): string {
  return tokens
    .map((t) => {
      const nested = t as { tokens?: Token[]; text?: string };
      return nested.tokens ? plainText(nested.tokens) : (nested.text ?? '');
    })
    .join('');
}

/** The anchors GitHub gives a Markdown file's headings. */
export function anchorsOf(markdown: string): Set<string> {
  const slugger = new GithubSlugger();
  const anchors = new Set<string>();
  for (const t of walk(marked.lexer(markdown))) if (t.type === 'heading') anchors.add(slugger.slug(plainText((t as Tokens.Heading).tokens)));
  return anchors;
}

/** Every relative link or image of `markdown` (the text of `file`) whose file is missing or whose #anchor is no heading there. */
export function linkProblems(markdown: string, file: string, readMarkdown: (file: string) => string = (f) => readFileSync(f, 'utf8')): string[] {
  const problems: string[] = [];
  for (const t of walk(marked.lexer(markdown))) {
    if (t.type !== 'link' && t.type !== 'image') continue;
    const href = (t as Tokens.Link).href;
    if (/^([a-z][a-z0-9+.-]*:|\/\/)/i.test(href)) continue; // another site: not checked offline
    const hash = href.indexOf('#');
    const target = hash === -1 ? href : href.slice(0, hash);
    const anchor = hash === -1 ? null : decodeURIComponent(href.slice(hash + 1));
    const resolved = target ? path.resolve(path.dirname(file), decodeURIComponent(target)) : file;
    const shown = `[${(t as Tokens.Link).text}](${href})`;
    if (target && !existsSync(resolved)) {
      problems.push(`${shown}: ${path.relative(path.dirname(file), resolved)} does not exist`);
      continue;
    }
    if (anchor === null || !resolved.endsWith('.md')) continue;
    if (!anchorsOf(resolved === file ? markdown : readMarkdown(resolved)).has(anchor))
      problems.push(`${shown}: ${target || 'this file'} has no heading with the anchor #${anchor}`);
  }
  return problems;
}

/** The project's source folders: a code span naming a path in them names a file that must exist (generated and user files live elsewhere). */
const SOURCE_PATH = /^((?:lib|test|scripts|emulators|providers|assertions|extensions)\/[\w./-]+?)(?::\w+)?$/;

/** Every code span naming a source file or folder (`lib/grading/proof.ts`, `extensions/report.ts:extensionHook`) that does not exist under `root`. */
export function sourcePathProblems(markdown: string, root: string): string[] {
  const problems: string[] = [];
  for (const t of walk(marked.lexer(markdown))) {
    if (t.type !== 'codespan') continue;
    const named = SOURCE_PATH.exec((t as Tokens.Codespan).text);
    if (named && !existsSync(path.join(root, named[1]!))) problems.push(`\`${(t as Tokens.Codespan).text}\`: ${named[1]} does not exist`);
  }
  return problems;
}
