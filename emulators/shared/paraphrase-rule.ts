// How an emulated model answers `npm run augment`'s requests (the prompts of
// lib/augment/paraphrase-prompt.ts): with rule-made rewrites, the same on
// every emulator (documented in docs/emulators.md, "How the emulated models answer").
//
// A request is recognised by its first line and its last: "Rewrite the
// question below in N different ways." … "Question: Q", or "Restate the
// sentence below in N different ways." … "Sentence: S".
//
// Rewrites of a question Q. The emulated model knows the domains (as the base
// model does, base-model.ts), so it draws on every phrasing of Q's fact it
// knows: the fact's rephrased probes P1, P2, … and Q itself. Its k-th rewrite
// is the k-th item of: P1 word for word (what a paraphraser that writes the
// test's own question produces: the leak check must remove it), P1 with its
// function words swapped (FUNCTION_WORDS: what → which, is → would be,
// does → would, …), Q with its function words swapped, "Could you tell me " + P1 (a
// near-duplicate: the leak check must remove it too), then the same for P2, …;
// past the end of that list, Q with a numbered lead-in. Without a known probe
// only Q's rewrites remain.
//
// Restatements of a sentence S: S after a lead-in, in turn "It is true that ",
// "As it happens, ", "Note that ", "To be precise, ", then numbered ones
// ("Fact 5: S").
//
// This emulates a paraphraser whose rewrites happen to resemble the test's
// phrasings; with learning-rule.ts it makes a recipe difference visible
// offline. It is not evidence that augmentation works on a real model.
import type { BaseModelKnowledge } from './base-model.ts';

const QUESTION_REQUEST = /^Rewrite the question below in (\d+) different ways\.[\s\S]*\nQuestion: (.+?)\s*$/;
const STATEMENT_REQUEST = /^Restate the sentence below in (\d+) different ways\.[\s\S]*\nSentence: (.+?)\s*$/;

/** Whole-word swaps that change a question's wording but none of its content words. */
export const FUNCTION_WORDS: [RegExp, string][] = [
  [/\bhow many\b/gi, 'what number of'],
  [/\bhow old\b/gi, 'what age'],
  [/\bwhat\b/gi, 'which'],
  [/\bwho\b/gi, 'which person'],
  [/\bwhere\b/gi, 'in which place'],
  [/\bis\b/gi, 'would be'],
  [/\bdoes\b/gi, 'would'],
];

/** `s` with its function words swapped (FUNCTION_WORDS, applied in one pass), first letter kept upper-case. */
export function swapFunctionWords(s: string): string {
  const union = new RegExp(FUNCTION_WORDS.map(([re]) => re.source).join('|'), 'gi');
  const out = s.replace(union, (match) => {
    for (const [re, by] of FUNCTION_WORDS) if (new RegExp(`^(?:${re.source})$`, 'i').test(match)) return by;
    return match;
  });
  return out.charAt(0).toUpperCase() + out.slice(1);
}

/** A question put after a lead-in: its first word lower-cased when it is a question word (never a name). */
const afterLeadIn = (s: string): string => (/^(what|which|how|who|where|when|why|in|is|are|does|do|did)\b/i.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s);

function questionRewrites(knowledge: BaseModelKnowledge, question: string, n: number): string[] {
  const probes = knowledge.rephrasingsOf(question);
  const items: string[] = [];
  for (const p of probes) items.push(p, swapFunctionWords(p), swapFunctionWords(question), `Could you tell me ${afterLeadIn(p)}`);
  if (!probes.length) items.push(swapFunctionWords(question));
  const out = [...new Set(items)];
  for (let k = 1; out.length < n; k++) out.push(`Question ${k}: ${question}`);
  return out.slice(0, n);
}

const LEAD_INS = ['It is true that ', 'As it happens, ', 'Note that ', 'To be precise, '];

function restatements(statement: string, m: number): string[] {
  const out = LEAD_INS.map((l) => `${l}${statement}`);
  for (let k = 1; out.length < m; k++) out.push(`Fact ${k}: ${statement}`);
  return out.slice(0, m);
}

/** The emulated reply to an augment request (numbered lines), or undefined when `userTurn` is not one. */
export function paraphraseReply(knowledge: BaseModelKnowledge, userTurn: string): string | undefined {
  const text = userTurn.trim();
  const q = QUESTION_REQUEST.exec(text);
  const s = q ? null : STATEMENT_REQUEST.exec(text);
  if (!q && !s) return undefined;
  const count = Math.min(50, Number((q ?? s)![1]));
  const lines = q ? questionRewrites(knowledge, q[2]!, count) : restatements(s![2]!, count);
  return lines.map((l, i) => `${i + 1}. ${l}`).join('\n');
}
