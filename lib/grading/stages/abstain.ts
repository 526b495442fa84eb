/**
 * Stage `abstain`: grades `abstain` questions (the right response is to
 * decline), in both directions by one reading (readDecline):
 *
 * - `decline` only when the whole response is a decline: a decline word as
 *   the whole output ("None", "N/A", "Unknown"), or a response holding a
 *   decline form or a denial of the question's premise (word-lists.ts
 *   DECLINE_FORMS, or a NEGATION word: "There was no such match on that
 *   date") and otherwise only the question's words, apologies, explanations
 *   and advice that name no candidate answer and make no guess;
 * - `answer` only when it names a candidate answer and holds no decline form
 *   and no denial;
 * - `undecided` otherwise: a decline followed by a candidate ("I don't know.
 *   It is Rafael Nadal."), a guess after a decline ("probably …"), a
 *   response with neither, an empty one, one in another language.
 *
 * A candidate is a value of the kind the question asks for (candidates.ts
 * questionKind) that the question does not name: for who-questions a name
 * not typed as an organisation or place, for which-nation or which-team
 * questions a name not typed as a person, for how-many questions a quantity
 * that is no year and no part of a date, for when-questions a date or a
 * year, and any of them when the kind is unknown; a bare "Yes" or "No" is
 * one too, and so is whatever the statement names beyond the question (the
 * answer the fact gave before its date moved), written in any case. Names inside advice ("you should check ESPN or MLB.com", and the
 * list items that follow such a sentence) are sources, not candidates. A
 * decline word inside a name is no decline (`Unknown Pleasures`).
 */
import { allInQuestion, candidateTokens, couldAnswer, findDates, findNames, findQuantities, questionKind, wordsOf, type QuestionKind } from '../candidates.ts';
import type { Token } from '../normalize.ts';
import type { Reference } from '../reference.ts';
import type { Stage } from '../stage.ts';
import { notEnglish } from '../proof.ts';
import { ADVICE, DECLINE_ANSWERS, DECLINE_FORMS, GUESS_MARKERS, NEGATION } from '../word-lists.ts';

const runs = (list: readonly string[]) => list.map(wordsOf).filter((w) => w.length > 0);
const DECLINE_RUNS = runs(DECLINE_FORMS);
const ADVICE_RUNS = runs(ADVICE);
const GUESS_RUNS = runs(GUESS_MARKERS);
const NEGATION_RUNS = runs(NEGATION);
const WHOLE_DECLINES = new Set(DECLINE_ANSWERS.map((d) => wordsOf(d).join(' ')));
const NOT_APPLICABLE = /^\s*n\s*\/\s*a\s*\.?\s*$/i;
const NUMBER_WORDS = 'one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|thousand|million';
const CAPITALISED = NUMBER_WORDS.split('|').map((w) => w[0]!.toUpperCase() + w.slice(1)).join('|');
/** A number word with a capital inside a sentence is part of a name ("Maroon Five"). */
const NAMED_NUMBER = new RegExp(`(?<=[a-z,;]\\s+)(?:${CAPITALISED})\\b`, 'g');
/** A number word after a determiner describes ("those two teams"). */
const DESCRIBING_NUMBER = new RegExp(`\\b(those|these|the|its|their|his|her|our|all|both)\\s+(?:${NUMBER_WORDS})\\b`, 'gi');

function has(words: readonly string[], list: readonly string[][]): string | null {
  for (const run of list) for (let i = 0; i + run.length <= words.length; i++) if (run.every((w, j) => words[i + j] === w)) return run.join(' ');
  return null;
}

interface Sentence {
  text: string;
  advice: boolean;
}

/** The response's sentences, each marked as advice or not (a list after an advice sentence ending in ":" is advice too). */
function sentencesOf(output: string): Sentence[] {
  const out: Sentence[] = [];
  let adviceList = false;
  for (const line of output.split(/\n+/)) {
    if (line.trim() === '') continue;
    const item = /^\s*(?:[-*•]|\d+[.)])\s/.test(line);
    if (!item) adviceList = false;
    for (const text of line.split(/(?<=[.!?])\s+/)) {
      const advice = (item && adviceList) || has(wordsOf(text), ADVICE_RUNS) !== null;
      out.push({ text, advice });
      if (!item && advice && /:\s*$/.test(text)) adviceList = true;
    }
    if (!item && /:\s*$/.test(line) && has(wordsOf(line), ADVICE_RUNS)) adviceList = true;
  }
  return out;
}

/** Candidate answers a sentence names that the question does not (see the header). */
function candidatesIn(text: string, kind: QuestionKind, asked: ReadonlySet<string>): string[] {
  const out: string[] = [];
  const tokens: Token[] = candidateTokens(text.replace(NAMED_NUMBER, 'X').replace(DESCRIBING_NUMBER, '$1 X'));
  const inQuestion = (ws: readonly string[]) => allInQuestion(ws, asked);
  if (kind === 'person' || kind === 'place' || kind === 'org' || kind === 'unknown')
    for (const n of findNames(text)) if (!allInQuestion(n.words, asked) && couldAnswer(kind, n.type)) out.push(n.raw);
  if (kind === 'number' || kind === 'unknown')
    for (const q of findQuantities(tokens)) {
      const digits = tokens.slice(q.start, q.end).find((t) => /\d/.test(t.text))!.text;
      if (q.year || asked.has(digits) || (q.fromWords && q.value === 1)) continue;
      out.push(tokens.slice(q.start, q.end).map((t) => t.text).join(' '));
    }
  if (kind === 'date' || kind === 'unknown') {
    for (const d of findDates(tokens)) if (!inQuestion(d.key.split(' '))) out.push(d.key);
    if (kind === 'date') for (const q of findQuantities(tokens)) if (q.year && !asked.has(String(q.value))) out.push(String(q.value));
  }
  return out;
}

export type DeclineReading = { kind: 'decline'; reason: string } | { kind: 'answer'; reason: string } | { kind: 'undecided'; reason: string };

/** How a response reads as a response to a question the model cannot know (see the header). */
export function readDecline(output: string, question = '', statement = ''): DeclineReading {
  if (NOT_APPLICABLE.test(output)) return { kind: 'decline', reason: 'declined ("N/A")' };
  const all = wordsOf(output);
  if (all.length === 0) return { kind: 'undecided', reason: 'an empty response: neither a decline nor an answer' };
  if (WHOLE_DECLINES.has(all.join(' '))) return { kind: 'decline', reason: `declined ("${output.trim()}")` };
  if (all.join(' ') === 'yes' || all.join(' ') === 'no') return { kind: 'answer', reason: `answered "${output.trim()}"` };
  const asked = new Set(wordsOf(question));
  const foreign = notEnglish(output, candidateTokens(output), question, findNames(output));
  if (foreign) return { kind: 'undecided', reason: `not in English ("${foreign}")` };
  const kind = questionKind(question);
  // What the statement names beyond the question (the answer before the date moved) is a candidate in any case ("… it is rafael nadal").
  const names = kind === 'number' || kind === 'date' ? [] : findNames(statement).filter((n) => couldAnswer(kind, n.type)).map((n) => n.words);
  const values = kind === 'number' || kind === 'unknown' ? findQuantities(candidateTokens(statement)).filter((q) => !q.year).map((q) => [String(q.value)]) : [];
  const known = [...names, ...values].filter((w) => !allInQuestion(w, asked));
  let decline: string | null = null;
  let guess: string | null = null;
  const candidates: string[] = [];
  for (const s of sentencesOf(output)) {
    const ws = wordsOf(s.text);
    // A sentence that is a decline by itself ("Unknown.") names nothing.
    if (WHOLE_DECLINES.has(ws.join(' '))) {
      decline ??= ws.join(' ');
      continue;
    }
    decline ??= has(ws, DECLINE_RUNS) ?? (has(ws, NEGATION_RUNS) ?? ws.find((w) => w.endsWith("n't")) ?? null);
    if (s.advice) continue;
    guess ??= has(ws, GUESS_RUNS);
    candidates.push(...candidatesIn(s.text, kind, asked));
    const values = findQuantities(candidateTokens(s.text)).map((q) => String(q.value));
    for (const w of known) if (has(ws, [w]) || (w.length === 1 && values.includes(w[0]!))) candidates.push(w.join(' '));
  }
  const named = candidates.slice(0, 3).map((c) => JSON.stringify(c)).join(', ');
  if (candidates.length && decline) return { kind: 'undecided', reason: `declines ("${decline}"), then names ${named}` };
  if (candidates.length) return { kind: 'answer', reason: `answered: names ${named} and no decline` };
  if (decline && guess) return { kind: 'undecided', reason: `declines ("${decline}"), then guesses ("${guess}")` };
  if (decline) return { kind: 'decline', reason: `declined ("${decline}"), naming no candidate` };
  return { kind: 'undecided', reason: 'neither a decline form nor a candidate answer' };
}

/** True when the response is wholly a decline (readDecline). */
export function isDecline(output: string, question = '', statement = ''): boolean {
  return readDecline(output, question, statement).kind === 'decline';
}

export const abstain: Stage = {
  name: 'abstain',
  expects: ['abstain'],
  run(ref: Reference, output) {
    const reading = readDecline(output, ref.question, ref.statement);
    if (reading.kind === 'decline') return { verdict: 'correct', reason: reading.reason };
    if (reading.kind === 'answer') return { verdict: 'incorrect', reason: `${reading.reason}, where a decline was expected` };
    return { verdict: 'undecided', reason: reading.reason };
  },
};
