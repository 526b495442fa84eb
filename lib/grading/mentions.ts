/**
 * Where an output mentions a text, and whether it denies it: the matching the
 * contains stage, closed questions and stale answers share.
 *
 * A mention is the text's normalized words (normalize.ts) found as a
 * contiguous run of whole words in the output's words: `126` is in "He weighs
 * 126 pounds", not in "1260"; `json.parse_text` is not in "json.parse_text_v2".
 *
 * A mention is negated when, in its clause:
 * - before it (back to the start of the clause, or to a contrast word:
 *   but, however, though, although, whereas, yet, instead, rather, now)
 *   stands `not`, `never`, `cannot`, `neither`, `nor`, `formerly`,
 *   `previously`, a word ending in `n't` (`isn't`, `doesn't`), or one of
 *   `no longer`, `instead of`, `rather than`, `other than`, `used to`:
 *   "It is not Halcyon-7", "He no longer weighs 126", "126 instead of 130";
 * - or within the three words after it (up to a contrast word) stands
 *   `wrong`, `incorrect`, `false`, `mistaken`, `untrue`, `inaccurate`,
 *   `outdated`, `obsolete`, `deprecated`, `never`, `no longer`, a word
 *   ending in `n't`, or `not` right after is/was/are/were/be: "Halcyon-7 is
 *   wrong", "Halcyon-7 is not correct", "Orla Venn no longer leads it". "126, not 120" negates only 120 (the comma ends 126's clause).
 */
import { clauseTokens, type Token } from './normalize.ts';

export interface Mention {
  /** Index of its first word in the output's words. */
  start: number;
  /** Number of words. */
  length: number;
  negated: boolean;
}

const NEGATING_BEFORE = new Set(['not', 'never', 'cannot', 'neither', 'nor', 'formerly', 'previously', 'isnt', 'arent', 'wasnt', 'werent', 'doesnt', 'dont', 'didnt', 'cant', 'wont', 'hasnt', 'havent']);
const NEGATING_PAIRS = new Set(['no longer', 'instead of', 'rather than', 'other than', 'used to']);
const NEGATING_AFTER = new Set(['wrong', 'incorrect', 'false', 'mistaken', 'untrue', 'inaccurate', 'outdated', 'obsolete', 'deprecated', 'never']);
const COPULAS = new Set(['is', 'was', 'are', 'were', 'be', "it's", "that's"]);
const CONTRAST = new Set(['but', 'however', 'though', 'although', 'whereas', 'yet', 'instead', 'rather', 'now']);
const AFTER_WINDOW = 3;

/** A token no normalized text contains: what a masked run becomes, so no mention can span it. */
const MASKED = '\u0000';

const negatingWord = (w: string) => NEGATING_BEFORE.has(w) || w.endsWith("n't");

function negatedBefore(tokens: readonly Token[], start: number): boolean {
  const clause = tokens[start]!.clause;
  for (let i = start - 1; i >= 0 && tokens[i]!.clause === clause; i--) {
    const w = tokens[i]!.text;
    if (negatingWord(w)) return true;
    if (i > 0 && tokens[i - 1]!.clause === clause && NEGATING_PAIRS.has(`${tokens[i - 1]!.text} ${w}`)) return true;
    if (CONTRAST.has(w)) return false;
  }
  return false;
}

function negatedAfter(tokens: readonly Token[], end: number): boolean {
  const clause = tokens[end - 1]!.clause;
  for (let j = end; j < end + AFTER_WINDOW && j < tokens.length && tokens[j]!.clause === clause; j++) {
    const w = tokens[j]!.text;
    if (CONTRAST.has(w)) return false;
    if (NEGATING_AFTER.has(w) || w.endsWith("n't")) return true;
    if (`${w} ${tokens[j + 1]?.text}` === 'no longer' && tokens[j + 1]!.clause === clause) return true;
    if (w === 'not' && j > end && COPULAS.has(tokens[j - 1]!.text)) return true;
  }
  return false;
}

/** Whether the words at [start, start + length) are denied in their clause. */
export function isNegated(tokens: readonly Token[], start: number, length: number): boolean {
  return negatedBefore(tokens, start) || negatedAfter(tokens, start + length);
}

/** Every mention of `words` in `tokens`, in order. */
export function findRuns(tokens: readonly Token[], words: readonly string[]): Mention[] {
  const found: Mention[] = [];
  if (words.length === 0) return found;
  outer: for (let i = 0; i + words.length <= tokens.length; i++) {
    for (let j = 0; j < words.length; j++) if (tokens[i + j]!.text !== words[j]) continue outer;
    found.push({ start: i, length: words.length, negated: isNegated(tokens, i, words.length) });
  }
  return found;
}

/** Every mention of the text `phrase` in `tokens`. */
export function mentionsOf(tokens: readonly Token[], phrase: string): Mention[] {
  return findRuns(tokens, clauseTokens(phrase).map((t) => t.text));
}

/**
 * The tokens with every mention of each mask replaced by one placeholder
 * word, so nothing is found inside or across it ("json.loads_text" holds no
 * "json.loads" once the old name is masked).
 */
export function maskMentions(tokens: readonly Token[], masks: readonly string[]): Token[] {
  let out = [...tokens];
  for (const mask of masks) {
    const runs = mentionsOf(out, mask);
    if (runs.length === 0) continue;
    const next: Token[] = [];
    let i = 0;
    for (const r of runs) {
      if (r.start < i) continue; // overlapping mention
      next.push(...out.slice(i, r.start), { text: MASKED, clause: out[r.start]!.clause });
      i = r.start + r.length;
    }
    next.push(...out.slice(i));
    out = next;
  }
  return out;
}

/** True when `phrase` is mentioned in `output` and at least one mention is not negated. */
export function affirms(output: string, phrase: string, masks: readonly string[] = []): boolean {
  return mentionsOf(maskMentions(clauseTokens(output), masks), phrase).some((m) => !m.negated);
}
