/**
 * Candidates: the values of each answer kind a text names, so a stage can
 * tell the one answer an output asserts from rivals beside it.
 *
 * - names: runs of capitalised words in the raw text (`Orla Venn`,
 *   `Orla-Venn-Smith`, `Rev. Lee Scott`; particles such as `de`, `van`
 *   inside), without a possessive `'s`, month and weekday names, and the
 *   common words that open a sentence (word-lists.ts COMMON_WORDS). A name
 *   is typed `person` after a title or role (`President …`, `running back
 *   …`); `org` when its last word is an organisation's or event's (`…
 *   Party`, `… Cup`) or when it is an acronym (`NHL`); `place` after
 *   `in`, `at`, `near`
 *   (`games in London, Mexico and Germany`: a list takes its first name's
 *   type); `org` when `the` stands before it; else `untyped`. A
 *   plural acronym (`NFTs`) is no name;
 * - quantities: a number (digits or words, normalize.ts) with the scale
 *   words after it (`8.075 million` is 8,075,000), a unit (a currency
 *   symbol before it, or a unit word after it: word-lists.ts UNITS), and a
 *   bound or approximation before it (`more than`, `about`). A four-digit
 *   number from 1000 to 2999 with no unit or scale is a year; the day and
 *   year of a date are no quantity;
 * - dates: calendar dates as normalize.ts writes them (`14 march 2031`);
 * - identifiers: code names with `.`, `_`, `/` or `::` inside
 *   (`json.parse_text`, `os.path.join`).
 *
 * `questionKind` reads what a question asks for from its wording: a person
 * (who, which player …), a place (which nation, where …), something else
 * named (which team, which entity …),
 * a number (how many, what was the total …), a date (when …), or unknown.
 */
import { clauseTokens, isNumberToken, type Token } from './normalize.ts';
import {
  APPROXIMATORS, BOUND_SYNONYMS, BOUNDS, COMMON_WORDS, DATE_QUESTION_WORDS, NON_PERSON_NOUNS, ORG_HEADS, NUMBER_QUESTION_WORDS,
  PERSON_NOUNS, PERSON_TITLES, PLACE_NOUNS, PLACE_PREPOSITIONS, SCALE_VALUES, UNIT_SYNONYMS, UNITS,
} from './word-lists.ts';
import { MONTH_NAMES } from './dates.ts';

const phraseWords = (list: readonly string[]) => list.map((p) => clauseTokens(p).map((t) => t.text)).filter((w) => w.length > 0);

const COMMON = new Set(COMMON_WORDS);
const TITLES = phraseWords(PERSON_TITLES).sort((a, b) => b.length - a.length);
const ORG_HEAD = new Set(ORG_HEADS);
const WEEKDAYS = new Set(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']);
const MONTH_WORDS = new Set<string>([...MONTH_NAMES, 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec']);
/** Capitalised words that are never a name, wherever they stand. */
const NOT_NAMES = new Set(['i', 'ai', 'llm', 'ok', 'okay', 'faq', 'url', 'tl;dr', 'tldr', 'ps']);
const CONTRACTIONS_S = new Set(["it's", "that's", "he's", "she's", "there's", "here's", "what's", "who's", "let's", "where's", "how's", "one's"]);

/** Symbols a quantity carries, written as words before normalization so they survive it. */
export function withSymbolsAsWords(text: string): string {
  return text
    .replace(/US\$|\$/g, ' usd ')
    .replace(/€/g, ' eur ')
    .replace(/£/g, ' gbp ')
    .replace(/%/g, ' percent ');
}

/** A token's word without a possessive `'s` ("tanzania's" → "tanzania"); contractions stay. */
export function withoutPossessive(word: string): string {
  return word.endsWith("'s") && word.length > 3 && !CONTRACTIONS_S.has(word) ? word.slice(0, -2) : word;
}

/** A token as the candidates read it: its possessive `'s` dropped, and said. */
export interface CandidateToken extends Token {
  possessive?: boolean;
}

/** The words of a text as the candidates are compared: normalized, symbols as words, possessives dropped. */
export function candidateTokens(text: string): CandidateToken[] {
  return clauseTokens(withSymbolsAsWords(text)).map((t) => {
    const word = withoutPossessive(t.text);
    return word === t.text ? t : { ...t, text: word, possessive: true };
  });
}

export const wordsOf = (text: string): string[] => candidateTokens(text).map((t) => t.text);

// ---------------------------------------------------------------- names

export type NameType = 'person' | 'place' | 'org' | 'untyped';

export interface Name {
  /** As written. */
  raw: string;
  /** Normalized words, titles stripped. */
  words: string[];
  type: NameType;
}

const CAP_WORD = String.raw`\p{Lu}[\p{L}\p{M}\p{N}'’.\-]*`;
const PARTICLE = String.raw`(?:de|da|del|della|di|du|dos|das|van|von|der|den|ter|la|le|bin|ibn|al|el|y|of|and|for|the)`;
const NAME_RUN = new RegExp(String.raw`${CAP_WORD}(?:[ \t]+(?:${PARTICLE}[ \t]+)?${CAP_WORD})*`, 'gu');

function startsSentence(text: string, at: number): boolean {
  const line = text.slice(text.lastIndexOf('\n', at - 1) + 1, at);
  // The start of a line or of a list item ("1. ", "- ", "* "), markdown aside.
  if (/^[\s*_#>`"'“‘(\[•-]*(?:\d+[.)])?[\s*_#>`"'“‘(\[]*$/u.test(line)) return true;
  return /[.!?:;]$/.test(line.replace(/[\s*_`"'“‘(\[]+$/u, ''));
}

/** Strips leading titles; true when one was there. */
/** Strips what stands before the last title in a name ("Former Defense Minister Shigeru Ishiba" → "Shigeru Ishiba"); true when there was one. */
function stripTitles(words: string[]): { words: string[]; titled: boolean } {
  let out = words;
  let titled = false;
  for (let k = words.length - 2; k >= 0 && !titled; k--)
    for (const t of TITLES)
      if (k + t.length < words.length && t.every((w, i) => words[k + i] === w)) {
        out = words.slice(k + t.length);
        titled = true;
        break;
      }
  while (out.length > 1 && (out[out.length - 1] === 'jr' || out[out.length - 1] === 'sr')) out = out.slice(0, -1);
  return { words: out, titled };
}

/** Title-stripped normalized words of a name or answer. */
export function nameWords(text: string): string[] {
  return stripTitles(wordsOf(text)).words;
}

const PLACE_BEFORE = new Set(PLACE_PREPOSITIONS);
const PARTICLES = new Set(['of', 'and', 'for', 'de', 'da', 'del', 'della', 'di', 'du', 'dos', 'das', 'van', 'von', 'der', 'den', 'ter', 'la', 'le', 'bin', 'ibn', 'al', 'el', 'y']);

/** The names in a raw text (see the header). */
export function findNames(text: string): Name[] {
  const out: Name[] = [];
  let last: { end: number; type: NameType } | null = null;
  for (const m of text.matchAll(NAME_RUN)) {
    let raw = m[0].replace(/[.'’\-]+$/u, (tail) => (/^\.$/.test(tail) && /(?:^|\s)\p{Lu}\.$/u.test(m[0]) ? tail : ''));
    const possessive = /['’]s$/u.test(raw);
    raw = raw.replace(/['’]s$/u, '').replace(/\s+(?:of|and|for|the)$/u, '');
    // A plural acronym is a common noun ("NFTs", "RBIs").
    if (/^\p{Lu}{2,}s$/u.test(raw)) continue;
    let words = candidateTokens(raw).map((t) => t.text);
    // Months and weekdays are not part of a name, nor particles left at its end.
    const cut = words.findIndex((w) => MONTH_WORDS.has(w) || WEEKDAYS.has(w));
    if (cut !== -1) words = words.slice(0, cut);
    while (words.length && PARTICLES.has(words[words.length - 1]!)) words = words.slice(0, -1);
    let leadingThe = /^the\s/i.test(raw);
    if (startsSentence(text, m.index)) while (words.length && COMMON.has(words[0]!)) words = words.slice(1);
    words = words.filter((w) => w !== '');
    leadingThe &&= words.length > 0;
    if (words.length === 0 || words.every((w) => COMMON.has(w) || NOT_NAMES.has(w) || isNumberToken(w))) continue;
    const before = text.slice(Math.max(0, m.index - 40), m.index);
    const beforeWords = wordsOf(before);
    const roleBefore = TITLES.some((t) => t.length <= beforeWords.length && t.every((w, k) => beforeWords[beforeWords.length - t.length + k] === w));
    const theBefore = leadingThe || /(?:^|[^\p{L}])[Tt]he\s*$/u.test(before);
    const stripped = stripTitles(words);
    const listed: NameType | null = last !== null && /^\s*(?:,|,?\s+and|,?\s+or|&)\s*$/u.test(text.slice(last.end, m.index)) ? last.type : null;
    const head = stripped.words[stripped.words.length - 1]!;
    const type: NameType =
      stripped.titled || roleBefore ? 'person'
      : ORG_HEAD.has(head) || /^\p{Lu}{2,}$/u.test(raw) ? 'org'
      : listed && listed !== 'untyped' ? listed
      : !possessive && PLACE_BEFORE.has(beforeWords[beforeWords.length - 1] ?? '') && /\s$/.test(before) ? 'place'
      : theBefore ? 'org'
      : 'untyped';
    out.push({ raw, words: stripped.words, type });
    last = { end: m.index + m[0].length, type };
  }
  return out;
}

/** Whether a name of this type could answer a question of this kind (an untyped name always could). */
export function couldAnswer(asks: QuestionKind, type: NameType): boolean {
  if (type === 'untyped') return true;
  if (asks === 'person' || asks === 'place' || asks === 'org') return type === asks;
  return true;
}

/** True when every word is one of the question's, or a form of one ("Venezuelan" of "Venezuela"). */
export function allInQuestion(words: readonly string[], question: ReadonlySet<string>): boolean {
  return words.length > 0 && words.every((w) => question.has(w) || [...question].some((q) => q.length >= 4 && w.startsWith(q) && w.length - q.length <= 3));
}

// ---------------------------------------------------------------- question kind

export type QuestionKind = 'person' | 'place' | 'org' | 'number' | 'date' | 'unknown';

const PERSON_NOUN = new Set(PERSON_NOUNS);
const PLACE_NOUN = new Set(PLACE_NOUNS);
const NON_PERSON_NOUN = new Set(NON_PERSON_NOUNS);
const NUMBER_ASK = phraseWords(NUMBER_QUESTION_WORDS);
const DATE_ASK = phraseWords(DATE_QUESTION_WORDS);

const hasRun = (words: readonly string[], run: readonly string[]) =>
  words.some((_, i) => run.every((w, j) => words[i + j] === w));

/** What a question asks for (see the header). */
export function questionKind(question: string): QuestionKind {
  const words = wordsOf(question);
  const wh = words.findIndex((w) => w === 'who' || w === 'whom' || w === 'whose' || w === 'which' || w === 'what' || w === 'how' || w === 'when' || w === 'where');
  const from = wh === -1 ? 0 : wh;
  const ask = words.slice(from, from + 6);
  if (DATE_ASK.some((r) => hasRun(ask, r))) return 'date';
  const head = ask.slice(0, 5).find((w) => PERSON_NOUN.has(w) || NON_PERSON_NOUN.has(w) || PLACE_NOUN.has(w));
  if (head && PLACE_NOUN.has(head)) return 'place';
  if (head && NON_PERSON_NOUN.has(head)) return 'org';
  if (NUMBER_ASK.some((r) => hasRun(ask, r))) return 'number';
  if (head && PERSON_NOUN.has(head)) return 'person';
  if (words[from] === 'who' || words[from] === 'whom' || words[from] === 'whose') return 'person';
  if (words[from] === 'where') return 'place';
  return 'unknown';
}

// ---------------------------------------------------------------- quantities

export interface Quantity {
  /** Token span [start, end). */
  start: number;
  end: number;
  value: number;
  /** Canonical unit (first spelling in UNIT_SYNONYMS), or null. */
  unit: string | null;
  /** What the unit measures (a key of UNITS), or null. */
  dimension: string | null;
  /** `more than`, `less than`, `at least`, … (BOUND_SYNONYMS applied), or null. */
  bound: string | null;
  approximate: boolean;
  year: boolean;
  fromWords: boolean;
}

const UNIT_CANON = new Map<string, string>();
for (const group of UNIT_SYNONYMS) for (const w of group) UNIT_CANON.set(w, group[0]!);
const UNIT_DIMENSION = new Map<string, string>();
for (const [dimension, words] of Object.entries(UNITS)) for (const w of words) UNIT_DIMENSION.set(w, dimension);
const CURRENCY_BEFORE = new Set(['usd', 'eur', 'gbp']);
const BOUND_RUNS = phraseWords(BOUNDS).sort((a, b) => b.length - a.length);
const APPROX_RUNS = phraseWords(APPROXIMATORS).sort((a, b) => b.length - a.length);
const YEAR = /^[12]\d{3}$/;

function unitAt(words: readonly string[], j: number): { unit: string; dimension: string; length: number } | null {
  let w = words[j];
  let length = 1;
  let prefix = '';
  if (w === 'metric' && words[j + 1] !== undefined && UNIT_DIMENSION.get(words[j + 1]!) === 'mass') [w, length] = [words[j + 1], 2];
  else if ((w === 'square' || w === 'sq') && words[j + 1] !== undefined && UNIT_DIMENSION.get(words[j + 1]!) === 'length')
    [w, length, prefix] = [words[j + 1], 2, 'square '];
  else if (w === 'per' && words[j + 1] === 'cent') [w, length] = ['percent', 2];
  if (w === undefined) return null;
  const dimension = UNIT_DIMENSION.get(w);
  if (!dimension) return null;
  return { unit: prefix + (UNIT_CANON.get(w) ?? w), dimension: prefix ? 'area' : dimension, length };
}

function runBefore(words: readonly string[], end: number, runs: readonly string[][]): string[] | null {
  return runs.find((r) => r.length <= end && r.every((w, k) => words[end - r.length + k] === w)) ?? null;
}

/** Canonical units of the unit words in a text ("How many pounds …" → pound). */
export function unitsNamed(words: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (let j = 0; j < words.length; j++) {
    const u = unitAt(words, j);
    if (u) out.add(u.unit);
  }
  return out;
}

/** The dimension of a unit ("pound" → mass), or null. */
export function dimensionOf(unit: string): string | null {
  return unit.startsWith('square ') ? 'area' : (UNIT_DIMENSION.get(unit) ?? null);
}

/**
 * Runs of text joined without spaces by `/`, `@`, `#`, `:`, `_` or a dot
 * between letters (URLs, handles, paths, identifiers, `Orla-Venn-Smith`
 * with `withHyphens`), each as normalized words; decimals are not joined.
 */
export function joinedChunks(text: string, withHyphens: boolean): { words: string[]; link: boolean }[] {
  const out: { words: string[]; link: boolean }[] = [];
  for (const chunk of text.split(/[\s()[\]{}"'`<>,;*~|]+/)) {
    const core = chunk.replace(/^[^\p{L}\p{N}@#]+|[^\p{L}\p{N}]+$/gu, '');
    // Numbers, numeric dates and times are no identifiers ("3.5", "03/14/2031", "10:17").
    if (/^[$€£]?[\d,./:-]*\d%?$/u.test(core)) continue;
    const link = /[@#/\\]|:\/\//.test(core);
    const joined = link || /[\p{L}\p{N}][:_][\p{L}\p{N}]|\p{L}\.\p{L}/u.test(core) || (withHyphens && /[\p{L}\p{N}]-[\p{L}\p{N}]/u.test(core));
    if (joined) out.push({ words: wordsOf(core), link });
  }
  return out;
}

/** Every quantity in the tokens (see the header). */
export function findQuantities(tokens: readonly Token[]): Quantity[] {
  const words = tokens.map((t) => t.text);
  const out: Quantity[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (!isNumberToken(t.text) || t.inDate) continue;
    let value = Number(t.text);
    let j = i + 1;
    let scaled = false;
    while (j < tokens.length && tokens[j]!.clause === t.clause) {
      const n = tokens[j]!;
      if (n.fromWords && isNumberToken(n.text) && [100, 1e3, 1e6].includes(Number(n.text)) && !t.fromWords) value *= Number(n.text);
      else if (SCALE_VALUES[n.text] !== undefined && (n.text.length > 1 || /^\d/.test(t.text))) value *= SCALE_VALUES[n.text]!;
      else break;
      scaled = true;
      j++;
    }
    let start = i;
    let unit: string | null = null;
    let dimension: string | null = null;
    const after = unitAt(words, j);
    if (i > 0 && CURRENCY_BEFORE.has(words[i - 1]!)) {
      // A currency symbol before the number is its unit ("$8 million a year", "$8 million dollars").
      unit = UNIT_CANON.get(words[i - 1]!) ?? words[i - 1]!;
      dimension = 'money';
      start = i - 1;
      if (after?.dimension === 'money' && tokens[j]!.clause === t.clause) j += after.length;
    } else if (after && tokens[j]!.clause === t.clause) {
      unit = after.unit;
      dimension = after.dimension;
      j += after.length;
    }
    const bound = runBefore(words, start, BOUND_RUNS);
    const approx = bound ? null : runBefore(words, start, APPROX_RUNS);
    const boundText = bound ? bound.join(' ') : null;
    out.push({
      start: start - (bound?.length ?? approx?.length ?? 0),
      end: j,
      value,
      unit,
      dimension,
      bound: boundText ? (BOUND_SYNONYMS[boundText] ?? boundText) : null,
      approximate: approx !== null,
      year: YEAR.test(t.text) && !scaled && unit === null && !t.fromWords,
      fromWords: t.fromWords === true,
    });
    i = j - 1;
  }
  return out;
}

export function sameValue(a: number, b: number): boolean {
  return a === b || Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
}

// ---------------------------------------------------------------- dates

/** Every canonical date in the tokens: its span and key (`14 march 2031` or `14 march`). */
export function findDates(tokens: readonly Token[]): { start: number; end: number; key: string }[] {
  const out: { start: number; end: number; key: string }[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (!tokens[i]!.inDate || !/^\d{1,2}$/.test(tokens[i]!.text)) continue;
    let end = i + 2;
    if (tokens[end]?.inDate && YEAR.test(tokens[end]!.text)) end++;
    out.push({ start: i, end, key: tokens.slice(i, end).map((t) => t.text).join(' ') });
    i = end - 1;
  }
  return out;
}

// ---------------------------------------------------------------- identifiers

const IDENTIFIER = /[A-Za-z_$][\w$]*(?:(?:\.|::|\/|->)[A-Za-z_$][\w$]*)+|[A-Za-z$][\w$]*_[\w$]+/g;

/** True when a text is one code identifier (`json.parse_text`, `os.path.join()`). */
export function isIdentifier(text: string): boolean {
  const t = text.trim().replace(/^[`'"]+|[`'"]+$/g, '').replace(/\(\)$/, '');
  return /^[A-Za-z_$][\w$]*(?:(?:\.|::|\/|->)[A-Za-z_$][\w$]*)+$|^[A-Za-z$][\w$]*_[\w$]+$/.test(t);
}

/** The identifiers in a raw text, each as normalized words. */
export function findIdentifiers(text: string): string[][] {
  return [...text.matchAll(IDENTIFIER)].map((m) => wordsOf(m[0]));
}
