/**
 * Stage `contains`: the answer inside a longer output, passed only when the
 * output proves it (proof.ts): it asserts exactly one accepted answer of
 * the reference's kind, and nothing around it negates, doubts, conditions,
 * attributes, scales, retracts or adds a rival to it. Grades `answer`
 * questions.
 *
 * Open questions (no `choices`):
 * - `correct` when proof.ts proves it;
 * - `undecided` otherwise, with what stopped the proof ("negation \"not\"",
 *   "several candidates: the answer and \"Kit Maro\"", …). It never fails an
 *   output: the exact stage fails short wrong answers, a judge the rest.
 * An output holding a JSON object is read twice, its text and its JSON's
 * keys and values; when the text says more than filler ("Here is the
 * JSON:"), both must prove the answer.
 *
 * Closed questions (`choices`): the output decides by the choices it names
 * (not negated; "no" followed by another word in its clause, as in "no one"
 * or "no longer", is not the choice No), unless it hedges (proof.ts hedgeIn:
 * "maybe yes", "yes, if …", "Yes?"):
 * - exactly one: `correct` when it is the answer, else `incorrect`;
 * - several or none: `undecided`.
 */
import { mentionsOf } from '../mentions.ts';
import { answerTokens, clauseTokens, normalizeAnswer, type Token } from '../normalize.ts';
import { hedgeIn, proveAnswer } from '../proof.ts';
import { acceptedAnswers, type Reference } from '../reference.ts';
import type { Stage, StageResult } from '../stage.ts';

/** Words that make no answer by themselves: what a model writes around a JSON block. */
const FILLER = new Set([
  'here', 'is', 'are', 'my', 'answer', 'answers', 'in', 'json', 'format', 'formatted', 'following', 'below', 'above', 'response',
  'output', 'result', 'sure', 'certainly', 'ok', 'okay', 'of', 'as', 'requested', 'final', 'this', 'that', 'it', "it's", 'i', 'your',
  'for', 'with', 'and', 'to', 'you', 'object', 'data', 'code', 'yes',
]);

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

function gradeText(ref: Reference, text: string): StageResult {
  const proof = proveAnswer(ref, text);
  return proof.proven ? { verdict: 'correct', reason: 'the answer appears in the output, and nothing against it' } : { verdict: 'undecided', reason: proof.reason };
}

/** The keys and leaves (strings, numbers, booleans) of a JSON value, one a line. */
function leaves(value: unknown): string[] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) return value.flatMap(leaves);
  if (typeof value === 'object') return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => [`${k.replace(/_/g, ' ')}:`, ...leaves(v)]);
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
  if (ref.choices) {
    const hedge = hedgeIn(ref, output);
    if (hedge) return { verdict: 'undecided', reason: hedge };
    return byChoices(ref, acceptedAnswers(ref), clauseTokens(output));
  }
  const json = splitJson(output);
  if (!json || json.values.length === 0) return gradeText(ref, output);
  const inJson = gradeText(ref, json.values.join('\n'));
  const asked = new Set(answerTokens(ref.question));
  const proseSaysSomething = answerTokens(json.prose).some((w) => !FILLER.has(w) && !asked.has(w));
  if (!proseSaysSomething) return inJson;
  const inProse = gradeText(ref, json.prose);
  if (inProse.verdict === inJson.verdict) return inProse;
  return { verdict: 'undecided', reason: `several candidates: the text (${inProse.reason}) and its JSON (${inJson.reason}) disagree` };
}

export const contains: Stage = {
  name: 'contains',
  expects: ['answer'],
  run: containsVerdict,
};
