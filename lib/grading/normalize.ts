/**
 * Answer normalization shared by every grading stage (paper mode's exact
 * match aside, which reproduces the study's own rule).
 *
 * `answerTokens(text)` returns the text's words after, in order:
 * 1. letters lower-cased and folded: Unicode compatibility forms (NFKD),
 *    invisible characters dropped and lookalikes replaced by what they
 *    imitate (lookalikes.ts: `Wh\u200dich` → `which`, Cyrillic `сode` →
 *    `code`; ASCII is never changed, so `modern` stays apart from `modem`),
 *    diacritics dropped (`Zoë Ångström` → `zoe angstrom`; the combining marks
 *    of blocks U+0300–036F, 1AB0–1AFF, 1DC0–1DFF, 20D0–20FF, FE20–FE2F: other
 *    scripts' marks, such as Devanagari vowel signs or the kana voicing marks,
 *    carry meaning and stay), and the letters ß→ss, æ→ae, ø→o, ł→l, œ→oe,
 *    đ/ð→d, þ→th, ı→i;
 * 2. curly quotes and the modifier apostrophe to `'`, en/em dashes and the minus sign to `-`;
 * 3. numeric dates rewritten as words (`2031-03-14`, `03/14/2031` → `14 march 2031`;
 *    never the ambiguous `03/04/2031`; dates.ts);
 * 4. thousands separators removed from numbers (`12,500` → `12500`);
 * 5. the text split into words on everything that is not a letter, mark or digit,
 *    except a decimal point or a sign inside a number (`3.5`, `-2`), an
 *    apostrophe inside a word (`don't`) and an underscore inside a word
 *    (`parse_text` stays one word, so `parse_text_v2` is another one);
 * 6. English number words up to the millions turned into digits
 *    (`twenty-one` → `21`, `one hundred and five` → `105`);
 * 7. calendar dates with a month name written `<day> <month> [<year>]`
 *    (`March 14, 2031` → `14 march 2031`; dates.ts says which forms);
 * 8. the articles `a`, `an` and `the` removed.
 * `normalizeAnswer(text)` is those words joined by single spaces. Both the
 * reference and the candidate go through it, so the comparison is symmetric.
 *
 * `clauseTokens(text)` gives the same words, each with the index of its
 * clause: a clause ends at `;`, `!`, `?`, brackets, a double quote, a line
 * break, a spaced dash, or `.`, `,` or `:` followed by a space (not the dot
 * of `3.5` or `json.loads`). Negation and hedges are read within a clause.
 */
import { dateAt, numericDatesToWords } from './dates.ts';
import { foldLookalikes } from './lookalikes.ts';

export interface Token {
  text: string;
  clause: number;
  /** Set when the token is a number written in words ("one" → "1"). */
  fromWords?: boolean;
  /** Set when the token is part of a calendar date. */
  inDate?: boolean;
}

const UNITS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9,
  ten: 10, eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16,
  seventeen: 17, eighteen: 18, nineteen: 19,
};
const TENS: Record<string, number> = {
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};
const SCALES: Record<string, number> = { thousand: 1_000, million: 1_000_000 };

const LETTER_FOLDS: Record<string, string> = { ß: 'ss', æ: 'ae', ø: 'o', ł: 'l', œ: 'oe', đ: 'd', ð: 'd', þ: 'th', ı: 'i' };
const DIACRITICS = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;

/** Placeholders for characters kept inside a word (step 5); stripped from the input first. */
const DECIMAL = '\u0000';
const SIGN = '\u0001';
const APOSTROPHE = '\u0002';
const UNDERSCORE = '\u0003';
const WORD = /[\p{L}\p{M}\p{N}\u0000-\u0003]+/gu;
const CLAUSE_BREAK = /[;!?()[\]{}"\n\r\u2026]|[.,:]\s|\s-\s/;

/** Step 1: compatibility forms, invisible characters and lookalikes, case, diacritics and letter variants. */
export function foldLetters(text: string): string {
  return foldLookalikes(text.normalize('NFKD'))
    .toLowerCase()
    .normalize('NFKD')
    .replace(DIACRITICS, '')
    .normalize('NFC')
    .replace(/[ßæøłœđðþı]/g, (c) => LETTER_FOLDS[c]!);
}

function isNumberWord(w: string): boolean {
  return w in UNITS || w in TENS || w === 'hundred' || w in SCALES;
}

/** The value of a run of number words. */
function wordsToNumber(words: readonly string[]): number {
  let total = 0;
  let current = 0;
  for (const w of words) {
    if (w in UNITS) current += UNITS[w]!;
    else if (w in TENS) current += TENS[w]!;
    else if (w === 'hundred') current = (current || 1) * 100;
    else if (w in SCALES) {
      total += (current || 1) * SCALES[w]!;
      current = 0;
    }
  }
  return total + current;
}

/** Step 6: each run of number words within a clause becomes one number; "and" joins only after hundred, thousand or million. */
function numberWordsToDigits(tokens: readonly Token[]): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < tokens.length) {
    const start = tokens[i]!;
    if (!isNumberWord(start.text)) {
      out.push(start);
      i++;
      continue;
    }
    const run: string[] = [];
    let j = i;
    for (; j < tokens.length && tokens[j]!.clause === start.clause; j++) {
      const t = tokens[j]!.text;
      const prev = run[run.length - 1];
      if (isNumberWord(t)) run.push(t);
      else if (!(t === 'and' && (prev === 'hundred' || prev! in SCALES) && isNumberWord(tokens[j + 1]?.text ?? '') && tokens[j + 1]!.clause === start.clause)) break;
    }
    out.push({ text: String(wordsToNumber(run)), clause: start.clause, fromWords: true });
    i = j;
  }
  return out;
}

/** Step 7: dates with a month name in canonical words. */
function canonicalDates(tokens: readonly Token[]): Token[] {
  const words = tokens.map((t) => t.text);
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; ) {
    const date = dateAt(words, i);
    if (!date) {
      out.push(tokens[i]!);
      i++;
      continue;
    }
    for (const w of date.words) out.push({ text: w, clause: tokens[i]!.clause, inDate: true });
    i += date.length;
  }
  return out;
}

/** The words of `text` (steps 1–8), each with its clause. */
export function clauseTokens(text: string): Token[] {
  let s = foldLetters(text.replace(/[\u0000-\u0003]/g, ' '));
  s = s.replace(/[\u2018\u2019\u02bc]/g, "'").replace(/[\u2013\u2014\u2212]/g, '-');
  s = numericDatesToWords(s);
  s = s.replace(/(\d),(?=\d{3}(?!\d))/g, '$1');
  s = s.replace(/(\d)\.(?=\d)/g, `$1${DECIMAL}`).replace(/(^|\s)-(?=\d)/g, `$1${SIGN}`);
  s = s.replace(/(\p{L})'(?=\p{L})/gu, `$1${APOSTROPHE}`).replace(/([\p{L}\p{N}])_(?=[\p{L}\p{N}])/gu, `$1${UNDERSCORE}`);
  const tokens: Token[] = [];
  let clause = 0;
  let last = 0;
  for (const m of s.matchAll(WORD)) {
    if (tokens.length && CLAUSE_BREAK.test(s.slice(last, m.index))) clause++;
    last = m.index + m[0].length;
    const word = m[0].replaceAll(DECIMAL, '.').replaceAll(SIGN, '-').replaceAll(APOSTROPHE, "'").replaceAll(UNDERSCORE, '_');
    tokens.push({ text: word, clause });
  }
  return canonicalDates(numberWordsToDigits(tokens)).filter((t) => t.text !== 'a' && t.text !== 'an' && t.text !== 'the');
}

/** The normalized words of `text`. */
export function answerTokens(text: string): string[] {
  return clauseTokens(text).map((t) => t.text);
}

export function normalizeAnswer(text: string): string {
  return answerTokens(text).join(' ');
}

/** True when the text writes a number in words ("twelve", "one hundred"); a scale after digits ("8 million") is not one. */
export function writesNumberInWords(text: string): boolean {
  return foldLetters(text)
    .split(/[^\p{L}]+/u)
    .some((w) => w in UNITS || w in TENS || w === 'hundred');
}

/** A number as normalization writes it: `126`, `-2`, `3.5`. */
export function isNumberToken(word: string): boolean {
  return /^-?\d+(?:\.\d+)?$/.test(word);
}
