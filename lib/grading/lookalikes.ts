/**
 * Folds characters that only look like others, so that text disguised with
 * them compares equal to the text it imitates (the grader's normalization and
 * the leak check both read text through it):
 * 1. default-ignorable code points are removed (Unicode's
 *    Default_Ignorable_Code_Point, as the JavaScript engine knows it: zero-width
 *    space, joiner and non-joiner, soft hyphen, word joiner, variation
 *    selectors, bidi controls, tag characters, Hangul fillers, …);
 * 2. in a word that can be written in ASCII letters, every letter outside
 *    ASCII is replaced by the ASCII letter it imitates, from the confusables
 *    of Unicode UTS #39 (the `unhomoglyph` package's copy of confusables.txt:
 *    the ASCII letters with the same skeleton, of the same case where several
 *    share it: Cyrillic `о` → `o`, `І` → `I`, `ӏ` → `l`; `æ` → `ae`).
 *
 * What is never changed, so that a fold cannot make a wrong answer pass:
 * - ASCII. A full skeleton also maps ASCII to ASCII (`rn` → `m`, `1` → `l`,
 *   `0` → `O`), so `Modern` would equal `Modem`;
 * - a word with a letter that has no ASCII lookalike: `Москва`, `Αθήνα`,
 *   `東京`, `שלום` stay as written (the skeleton would equate letters of one
 *   script, Greek θ with ο, Hebrew ו with ן, Arabic ث with پ). Latin letters
 *   without one (`ß`, `ø`, `ł`) stay and do not block the word;
 * - digits, signs and the marks of other scripts (an Arabic-Indic ٥ is a
 *   five, not the letter o; an em dash is not the ideograph 一): a letter
 *   only ever becomes letters, so no word is made or lost.
 */
import unhomoglyph from 'unhomoglyph';

const IGNORABLE = /\p{Default_Ignorable_Code_Point}/gu;
const WORD = /[\p{L}\p{M}\p{N}]+/gu;
const BEYOND_ASCII = /[^\x00-\x7f]/;
const CHARACTER = /[^]/gu;
const ASCII = /^[\x00-\x7f]$/;
/** Combining marks normalization drops anyway (normalize.ts DIACRITICS): they go with the letter they mark. */
const DIACRITIC = /^[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]$/;
const LATIN = /^\p{Script=Latin}$/u;

/** Skeleton → the ASCII letters that have it (`l` → I, l). */
const LETTERS_BY_SKELETON = new Map<string, string[]>();
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz') {
  const skeleton = unhomoglyph(c);
  LETTERS_BY_SKELETON.set(skeleton, [...(LETTERS_BY_SKELETON.get(skeleton) ?? []), c]);
}

/**
 * The ASCII letters a non-ASCII letter imitates, or null when it imitates
 * none: the one of its case among those of its skeleton, else a skeleton
 * made of ASCII letters only (`æ` → `ae`).
 */
function asciiLookalike(c: string): string | null {
  if (!/^\p{L}$/u.test(c)) return null;
  const skeleton = unhomoglyph(c);
  const letters = LETTERS_BY_SKELETON.get(skeleton);
  if (letters) return letters.find((a) => (/\p{Lu}/u.test(c) ? /[A-Z]/ : /[a-z]/).test(a)) ?? letters[0]!;
  return /^[A-Za-z]+$/.test(skeleton) ? skeleton : null;
}

const lookalikes = new Map<string, string | null>();

/** What a character of a word becomes, or null when it blocks the word's fold. */
function folded(c: string): string | null {
  if (ASCII.test(c) || DIACRITIC.test(c)) return c;
  let ascii = lookalikes.get(c);
  if (ascii === undefined) lookalikes.set(c, (ascii = asciiLookalike(c)));
  return ascii ?? (LATIN.test(c) ? c : null);
}

function foldWord(word: string): string {
  if (!BEYOND_ASCII.test(word)) return word;
  let out = '';
  for (const [c] of word.matchAll(CHARACTER)) {
    const f = folded(c);
    if (f === null) return word;
    out += f;
  }
  return out;
}

/** `text` with default-ignorable code points removed and non-ASCII lookalike letters replaced by the ASCII ones they imitate. */
export function foldLookalikes(text: string): string {
  if (!BEYOND_ASCII.test(text)) return text;
  return text.replace(IGNORABLE, '').replace(WORD, foldWord);
}
