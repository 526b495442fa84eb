/**
 * Stage `contains`: the answer inside a longer output, when the output
 * commits to it and to nothing else. Grades `answer` questions.
 *
 * Open questions (no `choices`):
 * - `correct` when the answer or an `accept` entry is mentioned as whole
 *   words (mentions.ts: `126` in "He weighs 126 pounds", not in "1260") and
 *   none of the following holds;
 * - `undecided` when it is not mentioned, or:
 *   - every mention is negated ("It is not Halcyon-7", "no longer 126",
 *     "Halcyon-7 is wrong"; mentions.ts lists the words);
 *   - it is offered as one of alternatives ("Halcyon-7 or Halcyon-9",
 *     "either 126 or …"), or, for answers that are neither numbers nor
 *     dates, named with another ("Orla Venn and Tomas Reed");
 *   - the output names another value of the answer's kind (several
 *     candidates): for a number, another number ("one of 120, 122, 124 or
 *     126"), not counting numbers the question names, a year unless the
 *     answer is one, the day of a date, negated ones ("126, not 120" is
 *     fine), the word "one", and numbers written in words unless the answer
 *     is ("a six-year contract worth $8.075 million"); a name with a number
 *     counts as a number ("Halcyon-5" beside "Halcyon-7"); for a date,
 *     another date;
 *   - the output holds a JSON object whose values and the text around it
 *     disagree (a wrong answer followed by JSON holding the right one); text
 *     around that says nothing but filler ("Here is the JSON:") does not count.
 * On update questions the `previous` answer is cut out of the output first
 * when it is not part of the new answer, so "formerly json.loads, now
 * json.parse_text" holds the new answer and nothing else.
 *
 * Closed questions (`choices`): the output decides by the choices it names
 * (not negated; "no" followed by another word in its clause, as in "no one"
 * or "no longer", is not the choice No):
 * - exactly one: `correct` when it is the answer, else `incorrect`;
 * - several or none: `undecided`.
 */
import { isCanonicalDateAt } from '../dates.ts';
import { isNegated, maskMentions, mentionsOf, type Mention } from '../mentions.ts';
import { answerTokens, clauseTokens, isNumberToken, normalizeAnswer, writesNumberInWords, type Token } from '../normalize.ts';
import { acceptedAnswers, type Reference } from '../reference.ts';
import type { Stage, StageResult } from '../stage.ts';

type AnswerKind = 'date' | 'number' | 'text';

const YEAR = /^[12]\d{3}$/;

/** Words that make no answer by themselves: what a model writes around a JSON block. */
const FILLER = new Set([
  'here', 'is', 'are', 'my', 'answer', 'answers', 'in', 'json', 'format', 'formatted', 'following', 'below', 'above', 'response',
  'output', 'result', 'sure', 'certainly', 'ok', 'okay', 'of', 'as', 'requested', 'final', 'this', 'that', 'it', "it's", 'i', 'your',
  'for', 'with', 'and', 'to', 'you', 'object', 'data', 'code', 'yes',
]);

function kindOf(targets: readonly string[]): AnswerKind {
  const words = targets.map(answerTokens);
  if (words.some((w) => w.some((_, i) => isCanonicalDateAt(w, i)))) return 'date';
  if (words.some((w) => w.some(isNumberToken))) return 'number';
  return 'text';
}

/** A short quote of a mention with the words before it in its clause, for reasons. */
function quote(tokens: readonly Token[], m: Mention): string {
  let from = m.start;
  while (from > 0 && tokens[from - 1]!.clause === tokens[m.start]!.clause && m.start - from < 4) from--;
  let to = m.start + m.length;
  while (to < tokens.length && tokens[to]!.clause === tokens[to - 1]!.clause && to - m.start - m.length < 3) to++;
  return JSON.stringify(tokens.slice(from, to).map((t) => t.text).join(' '));
}

/** Other values of the answer's kind named in the output (see the header). */
function rivalValues(ref: Reference, targets: readonly string[], kind: AnswerKind, tokens: readonly Token[], covered: ReadonlySet<number>): string[] {
  const targetWords = targets.map(answerTokens);
  const asked = new Set(answerTokens(ref.question));
  const rivals = new Set<string>();
  const words = tokens.map((t) => t.text);
  if (kind === 'number') {
    const targetNumbers = new Set(targetWords.flat().filter(isNumberToken));
    const yearAnswer = [...targetNumbers].some((n) => YEAR.test(n));
    const wordAnswer = targets.some(writesNumberInWords);
    tokens.forEach((t, i) => {
      if (covered.has(i) || !isNumberToken(t.text) || t.inDate || targetNumbers.has(t.text) || asked.has(t.text)) return;
      // Numbers in words describe more often than they answer ("a six-year contract", "the one who").
      if (t.fromWords && (!wordAnswer || t.text === '1')) return;
      if (YEAR.test(t.text) && !yearAnswer) return;
      if (!isNegated(tokens, i, 1)) rivals.add(t.text);
    });
  } else if (kind === 'date') {
    const dateKey = (w: readonly string[], i: number) => w.slice(i, i + (YEAR.test(w[i + 2] ?? '') ? 3 : 2)).join(' ');
    const targetDates = new Set(targetWords.flatMap((w) => w.flatMap((_, i) => (isCanonicalDateAt(w, i) ? [dateKey(w, i)] : []))));
    words.forEach((_, i) => {
      if (covered.has(i) || !isCanonicalDateAt(words, i)) return;
      const key = dateKey(words, i);
      if (targetDates.has(key) || [...targetDates].some((d) => d.startsWith(`${key} `) || key.startsWith(`${d} `))) return;
      if (!isNegated(tokens, i, key.split(' ').length)) rivals.add(key);
    });
  }
  return [...rivals];
}

/**
 * "X or Y", "either X": the mention is offered as one of alternatives. For
 * answers that are neither numbers nor dates (names, phrases), also "X and
 * Y", "both X": another value is named beside it.
 */
function namedWithAnother(tokens: readonly Token[], m: Mention, kind: AnswerKind): boolean {
  const joiners = kind === 'text' ? ['or', 'either', 'nor', 'and', 'both'] : ['or', 'either', 'nor'];
  const before = tokens[m.start - 1]?.text ?? '';
  const after = tokens[m.start + m.length]?.text ?? '';
  return joiners.includes(before) || (after !== 'both' && after !== 'either' && joiners.includes(after));
}

function byChoices(ref: Reference, targets: readonly string[], tokens: readonly Token[]): StageResult {
  const named = new Map<string, string>();
  for (const choice of ref.choices!) {
    const said = mentionsOf(tokens, choice).some((m) => {
      if (m.negated) return false;
      const next = tokens[m.start + m.length];
      // "no one", "no longer", "no doubt": the determiner, not the answer No.
      return !(normalizeAnswer(choice) === 'no' && next !== undefined && next.clause === tokens[m.start]!.clause);
    });
    if (said) named.set(normalizeAnswer(choice), choice);
  }
  if (named.size === 0) return { verdict: 'undecided', reason: 'names none of the choices' };
  if (named.size > 1) return { verdict: 'undecided', reason: `names several choices: ${[...named.values()].join(', ')}` };
  const [key, choice] = [...named][0]!;
  const right = targets.some((t) => normalizeAnswer(t) === key);
  return right ? { verdict: 'correct', reason: `names the choice ${choice}` } : { verdict: 'incorrect', reason: `names the choice ${choice}, not ${ref.answer}` };
}

function gradeText(ref: Reference, targets: readonly string[], masks: readonly string[], text: string): StageResult {
  const tokens = maskMentions(clauseTokens(text), masks);
  if (ref.choices) return byChoices(ref, targets, tokens);
  const mentions = targets.flatMap((t) => mentionsOf(tokens, t));
  if (mentions.length === 0) return { verdict: 'undecided', reason: 'the answer is not in the output' };
  const affirmed = mentions.filter((m) => !m.negated);
  if (affirmed.length === 0) return { verdict: 'undecided', reason: `negated mention ${quote(tokens, mentions[0]!)}` };
  const kind = kindOf(targets);
  const covered = new Set(affirmed.flatMap((m) => Array.from({ length: m.length }, (_, j) => m.start + j)));
  const rivals = rivalValues(ref, targets, kind, tokens, covered);
  if (rivals.length) return { verdict: 'undecided', reason: `several candidates: the answer and ${rivals.map((r) => JSON.stringify(r)).join(', ')}` };
  const alternative = affirmed.find((m) => namedWithAnother(tokens, m, kind));
  if (alternative) return { verdict: 'undecided', reason: `several candidates: named with another ${quote(tokens, alternative)}` };
  return { verdict: 'correct', reason: 'the answer appears in the output' };
}

/** The leaves (strings, numbers, booleans) of a JSON value. */
function leaves(value: unknown): string[] {
  if (value === null || value === undefined) return [];
  if (typeof value === 'object') return Object.values(value as Record<string, unknown>).flatMap(leaves);
  return [String(value)];
}

/** The output split into the text around a JSON object or array and that JSON's values, when it holds one. */
function splitJson(output: string): { prose: string; values: string[] } | null {
  for (const [open, close] of [['{', '}'], ['[', ']']] as const) {
    const from = output.indexOf(open);
    const to = output.lastIndexOf(close);
    if (from === -1 || to <= from) continue;
    try {
      const parsed: unknown = JSON.parse(output.slice(from, to + 1));
      if (typeof parsed !== 'object' || parsed === null) continue;
      const prose = (output.slice(0, from) + '\n' + output.slice(to + 1)).replace(/```(?:json)?/gi, ' ');
      return { prose, values: leaves(parsed) };
    } catch {
      // not JSON: plain text with brackets
    }
  }
  return null;
}

export function containsVerdict(ref: Reference, output: string): StageResult {
  const targets = acceptedAnswers(ref);
  const previous = ref.previous;
  // The previous answer masks its own mentions, unless it is part of the new answer.
  const masks = previous !== null && !targets.some((t) => mentionsOf(clauseTokens(t), previous).length) ? [previous] : [];
  const json = splitJson(output);
  if (!json || json.values.length === 0) return gradeText(ref, targets, masks, output);
  const inJson = gradeText(ref, targets, masks, json.values.join('\n'));
  const asked = new Set(answerTokens(ref.question));
  const proseSaysSomething = answerTokens(json.prose).some((w) => !FILLER.has(w) && !asked.has(w));
  if (!proseSaysSomething) return inJson;
  const inProse = gradeText(ref, targets, masks, json.prose);
  if (inProse.verdict === inJson.verdict) return inProse;
  return { verdict: 'undecided', reason: `several candidates: the text (${inProse.reason}) and its JSON (${inJson.reason}) disagree` };
}

export const contains: Stage = {
  name: 'contains',
  expects: ['answer'],
  run: containsVerdict,
};
