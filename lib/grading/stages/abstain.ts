import { answerTokens, normalizeAnswer } from '../normalize.ts';
import type { Stage } from '../stage.ts';

/** Whole outputs that are a decline by themselves ("None." as FineTuneBench's models decline). */
const DECLINE_ANSWERS = new Set(['none', 'null', 'nothing', 'no one', 'nobody', 'unknown', 'idk', 'no answer', 'not sure', 'unsure']);

/** "N/A" loses its meaning to normalization (the article "a" goes), so it is matched before. */
const NOT_APPLICABLE = /^\s*n\s*\/\s*a\s*\.?\s*$/i;

/**
 * Phrases that, found anywhere in a normalized output, mean the model
 * declined. Each says so on its own: a bare "unknown" or "not available" is
 * left out because real answers contain them ("Unknown Pleasures", "not
 * available over the counter").
 */
const DECLINE_PHRASES = [
  // not knowing
  "i don't know", 'i do not know', 'i dont know', "don't know", 'do not know', 'not sure', 'i am unsure', "i'm unsure",
  'no one knows', 'nobody knows', 'is unknown', 'are unknown', 'remains unknown', 'still unknown', 'currently unknown',
  'not yet known', 'is not known', 'are not known', 'cannot know', "can't know", 'no way to know', 'not possible to know',
  'impossible to know', 'impossible to say', 'cannot say', "can't say", 'cannot be determined', 'cannot determine',
  "can't determine", 'unable to determine',
  // no information
  'no information', 'no data available', 'no data on', 'no record', 'no reliable information', 'not aware', 'no knowledge',
  "don't have information", 'do not have information', "don't have any information", 'do not have any information',
  "don't have enough information", 'do not have enough information', 'not enough information', 'insufficient information',
  "don't have access", 'do not have access', "don't have real time", 'do not have real time', 'information is not available',
  'information not available', 'not yet available', 'not publicly available', 'no answer', 'knowledge cutoff',
  'my training data', 'my last update', 'beyond my knowledge',
  // refusing
  'cannot answer', "can't answer", 'unable to answer', 'not able to answer', 'unable to provide', 'not able to provide',
  'cannot provide', "can't provide", 'cannot help', "can't help", 'cannot assist', "can't assist", 'unable to assist',
  'cannot predict', "can't predict", 'unable to predict',
  // not happened yet
  'has not happened', "hasn't happened", 'has not occurred', "hasn't occurred", 'not yet occurred', 'not yet happened',
  'has not been announced', "hasn't been announced", 'not been announced', 'not yet been', 'has not taken place', "hasn't taken place",
].map(normalizeAnswer);
const DECLINE_PHRASE_WORDS = DECLINE_PHRASES.map((p) => p.split(' '));

/**
 * Words that, after a decline, introduce an answer after all: a contrast
 * ("but", "however") or a guess ("probably", "I think", "my guess").
 */
const ANSWER_MARKERS = new Set(['but', 'however', 'though', 'although', 'think', 'believe', 'guess', 'probably', 'likely', 'perhaps', 'maybe', 'possibly', 'estimate', 'expect', 'reportedly']);
/** Words that carry no answer by themselves. */
const FILLER = new Set([
  'i', "i'm", 'im', 'it', "it's", 'its', 'he', 'she', 'they', 'this', 'that', 'there', 'is', 'was', 'will', 'be', 'been', 'would', 'to',
  'of', 'and', 'or', 'so', 'sorry', 'am', 'are', 'with', "that's", 'here', 'as', 'at', 'in', 'on', 'for', 'my', 'me', 'you', 'your',
  'just', 'really', 'exactly', 'honestly', 'unfortunately', 'currently', 'still', 'any', 'more', 'can', 'do', 'if', 'not', 'yet', 'please',
]);
/** Words of advice that follow a decline without answering ("but you could check the official website"). */
const ADVICE = new Set(['check', 'consult', 'refer', 'look', 'visit', 'search', 'recommend', 'suggest', 'verify', 'official', 'website', 'sources', 'source']);

/** [start, end) of every decline phrase in the words. */
function declineRuns(words: readonly string[]): [number, number][] {
  const runs: [number, number][] = [];
  for (const phrase of DECLINE_PHRASE_WORDS)
    for (let i = 0; i + phrase.length <= words.length; i++) if (phrase.every((w, j) => words[i + j] === w)) runs.push([i, i + phrase.length]);
  return runs.sort((a, b) => a[0] - b[0]);
}

/**
 * The words after an answer marker outside every decline phrase, up to the
 * next decline phrase, that say something: an answer given anyway. Advice
 * ("you could check …") is no answer.
 */
function answerAfterDecline(words: readonly string[], runs: readonly [number, number][]): string | null {
  const inside = (i: number) => runs.some(([s, e]) => i >= s && i < e);
  for (let i = 0; i < words.length; i++) {
    if (!ANSWER_MARKERS.has(words[i]!) || inside(i)) continue;
    const next = runs.find(([s]) => s > i)?.[0] ?? words.length;
    const segment = words.slice(i + 1, next);
    if (segment.some((w) => ADVICE.has(w))) continue;
    if (segment.some((w) => !FILLER.has(w) && !ANSWER_MARKERS.has(w))) return [words[i], ...segment].join(' ');
  }
  return null;
}

export type DeclineReading = { kind: 'decline' } | { kind: 'answer' } | { kind: 'decline-then-answer'; answer: string };

/**
 * How an output reads as a response to a question the model cannot know:
 *
 * - `decline`: the whole output is a decline word or phrase ("None",
 *   "N/A", "Unknown", "Nobody", "No answer", "Not sure"; case and
 *   punctuation aside), or it contains a decline phrase (DECLINE_PHRASES, on
 *   word boundaries): not knowing ("I don't know", "cannot be determined"),
 *   no information ("no information", "my knowledge cutoff"), a refusal ("I
 *   can't help with that", "unable to provide"), or the event not having
 *   happened ("has not been announced");
 * - `decline-then-answer`: it contains a decline phrase, and then, after a
 *   contrast or a guess (ANSWER_MARKERS: "but", "however", "probably", "I
 *   think", …) and before any further decline phrase, words that are not
 *   filler or advice: "I don't know exactly, but he will weigh 140 pounds",
 *   "I can't be sure; probably Nadal". That is not a decline;
 * - `answer`: everything else — an answer in any form, "No", "None of them
 *   won", "Unknown Pleasures" — and an empty output (no response).
 * Matching is on normalized words (normalize.ts).
 */
export function readDecline(output: string): DeclineReading {
  if (NOT_APPLICABLE.test(output)) return { kind: 'decline' };
  const words = answerTokens(output);
  if (words.length === 0) return { kind: 'answer' };
  if (DECLINE_ANSWERS.has(words.join(' '))) return { kind: 'decline' };
  const runs = declineRuns(words);
  if (runs.length === 0) return { kind: 'answer' };
  const answer = answerAfterDecline(words, runs);
  return answer === null ? { kind: 'decline' } : { kind: 'decline-then-answer', answer };
}

/** True when the output declines to answer, and does not answer anyway (readDecline). */
export function isDecline(output: string): boolean {
  return readDecline(output).kind === 'decline';
}

/**
 * Stage `abstain`: grades `abstain` questions (the right response is to
 * decline).
 * - `correct` when the output declines (readDecline);
 * - `undecided` when it declines, then answers anyway: a judge may read it,
 *   and without one it fails;
 * - `incorrect` when it answers.
 */
export const abstain: Stage = {
  name: 'abstain',
  expects: ['abstain'],
  run(_ref, output) {
    const reading = readDecline(output);
    if (reading.kind === 'decline') return { verdict: 'correct', reason: 'declined, as expected' };
    if (reading.kind === 'decline-then-answer') return { verdict: 'undecided', reason: `declines, then answers anyway (${JSON.stringify(reading.answer)})` };
    return { verdict: 'incorrect', reason: 'answered where a decline was expected' };
  },
};
