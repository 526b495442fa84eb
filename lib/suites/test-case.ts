/**
 * How one domain question is written as a promptfoo test, and read back by
 * the grading assertion and the providers.
 *
 * Vars hold what a reader needs beside the outputs in promptfoo's viewer:
 * `question` (the full prompt text as asked, template applied: the same
 * characters the training file holds) and `expected`. Everything a grader or
 * a provider needs lives in the test's metadata, flat so promptfoo's
 * `--filter-metadata split=rephrased` works. Every domain text is carried by
 * lib/suites/verbatim.ts, so promptfoo evaluates none of it.
 */
import type { Question } from '../domain/questions.ts';
import type { Reference } from '../grading/reference.ts';
import { carry, textOf, type SuiteText } from './verbatim.ts';

/** What the viewer shows for a question whose right response is to decline. */
export const EXPECT_DECLINE = '(decline)';

export interface TestVars {
  question: SuiteText;
  expected: SuiteText;
}

export interface TestMetadata {
  domain: string;
  kind: string;
  split: string;
  /** The fact (or facts, joined by "+") the question is about. */
  fact: string;
  question_id: string;
  expect: 'answer' | 'abstain';
  /** The bare question, without its prompt template. */
  question: SuiteText;
  answer: SuiteText;
  accept: SuiteText[];
  previous: SuiteText | null;
  statement: SuiteText;
  choices?: SuiteText[];
}

export function questionToTest(q: Question): { vars: TestVars; metadata: TestMetadata } {
  const metadata: TestMetadata = {
    domain: q.domain,
    kind: q.kind,
    split: q.split,
    fact: q.facts.join('+'),
    question_id: q.id,
    expect: q.expect,
    question: carry(q.question),
    answer: carry(q.answer),
    accept: q.accept.map(carry),
    previous: q.previous === null ? null : carry(q.previous),
    statement: carry(q.statement),
  };
  if (q.choices) metadata.choices = q.choices.map(carry);
  return {
    vars: { question: carry(q.asked), expected: carry(q.expect === 'abstain' ? EXPECT_DECLINE : q.answer) },
    metadata,
  };
}

const text = (v: unknown): string => textOf(v) ?? (v === undefined || v === null ? '' : String(v));

/** A list of texts; a hand-written suite may give one plain alternative or a JSON list. */
function textList(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(text);
  const one = textOf(v);
  if (one === undefined || one.trim() === '') return [];
  if (one.trimStart().startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(one);
      if (Array.isArray(parsed)) return parsed.map(text);
    } catch {
      // not JSON: one alternative
    }
  }
  return [one];
}

/**
 * Reads a test's expectations back: from its metadata (suites this project
 * generates), else from vars `answer`, `accept`, `previous`, `question` (a
 * suite written by hand). Throws when there is no expected answer.
 */
export function referenceFromTest(vars: Record<string, unknown> = {}, metadata: Record<string, unknown> = {}): Reference {
  const from = 'answer' in metadata ? metadata : vars;
  const expect = metadata.expect === 'abstain' ? 'abstain' : 'answer';
  const answer = text(from.answer);
  if (expect === 'answer' && answer.trim() === '')
    throw new Error('the test has no expected answer (metadata.answer, or an `answer` var in a hand-written suite); answer-match needs it');
  const previous = text(from.previous);
  const choices = metadata.choices ?? vars.choices;
  return {
    question: text(from.question ?? vars.question),
    answer,
    accept: textList(from.accept),
    previous: previous === '' ? null : previous,
    choices: Array.isArray(choices) ? choices.map(text) : null,
    expect,
    statement: text(from.statement),
  };
}

/** The bare question of a test, for providers that look it up (lookup, in-context); else the prompt. */
export function questionOf(context: { vars?: Record<string, unknown>; test?: { metadata?: Record<string, unknown> } } | undefined, prompt: string): string {
  return textOf(context?.test?.metadata?.question) ?? textOf(context?.vars?.question) ?? prompt;
}
