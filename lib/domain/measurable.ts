/**
 * What a valid-looking domain must not hold, because grading could not
 * measure it. Texts are compared as the grader compares them
 * (lib/grading/normalize.ts: case, punctuation, articles, number words,
 * Unicode forms, invisible characters and lookalikes):
 * - two questions asked alike (the same question with the same prompt, each
 *   once normalized: trained questions, `training:` paraphrases and probes
 *   alike) that contradict each other: one expects an answer and the other to abstain,
 *   or no answer one accepts shares a word with an answer the other accepts
 *   (`126` and `130`, `Yes` and `No`), or the answers that do share words
 *   state different numbers (`12 March 2031` and `13 March 2031`). A model
 *   trained or graded on both can be right on one only. Answers that share
 *   words and numbers (`PCV21` and `PCV21 alone`, `Shawn M. Stines` and
 *   `Shawn 'Mickey' Stines`) may name one thing: a judge can pass both;
 * - an answer, accepted answer, choice or previous answer that normalizes to
 *   nothing (`The`, `?!`, a lone zero-width space): no output could equal it;
 * - a previous answer equal to the answer or to an accepted answer: an output
 *   giving it would count as correct and as stale at once.
 */
import { answerTokens, isNumberToken } from '../grading/normalize.ts';
import { textAroundSlots } from './prompt-template.ts';
import { resolvePrompt } from './questions.ts';
import type { Domain } from './schema.ts';

export type DomainPath = (string | number)[];

export interface MeasurementProblem {
  path: DomainPath;
  message: string;
}

interface Asked {
  path: DomainPath;
  prompt: string | undefined;
  question: string;
  /** null: the right response is to abstain. */
  answer: string | null;
  accept: readonly string[];
}

/** An answer as the grader reads it: its words, and the numbers among them. */
interface Form {
  words: Set<string>;
  numbers: string;
}

/** The grader's words of a text; a domain repeats many texts (Yes, No, its prompts), so each is read once per check. */
type Reader = (text: string) => string[];

function reader(): Reader {
  const seen = new Map<string, string[]>();
  return (text) => {
    let words = seen.get(text);
    if (!words) seen.set(text, (words = answerTokens(text)));
    return words;
  };
}

function formOf(words: string[]): Form {
  return { words: new Set(words), numbers: [...new Set(words.filter(isNumberToken))].sort().join(' ') };
}

/** Whether one output could be right for both: both abstain, or an accepted form of each shares a word and no number differs. */
function compatible(a: Asked, b: Asked, words: Reader): boolean {
  if (a.answer === null || b.answer === null) return a.answer === b.answer;
  const forms = (q: Asked) => [q.answer!, ...q.accept].map((t) => formOf(words(t)));
  const other = forms(b);
  return forms(a).some((f) => other.some((g) => [...f.words].some((w) => g.words.has(w)) && (f.numbers === '' || g.numbers === '' || f.numbers === g.numbers)));
}

const NORMALIZATION = 'the grader ignores case, punctuation, articles and invisible characters';

/** Every question the domain trains or asks, where it is written, and what it expects. */
function askedQuestions(domain: Domain): Asked[] {
  const out: Asked[] = [];
  domain.facts.forEach((fact, i) => {
    const trained = { prompt: fact.prompt, answer: fact.answer, accept: fact.accept };
    if (fact.question !== undefined) out.push({ path: ['facts', i, 'question'], question: fact.question, ...trained });
    fact.training.forEach((paraphrase, k) => out.push({ path: ['facts', i, 'training', k], question: paraphrase, ...trained }));
    fact.probes.forEach((probe, j) => {
      const abstains = probe.split === 'abstain' || probe.expect === 'abstain';
      // As questions.ts asks it: a probe with its own answer does not inherit the fact's accept list.
      const accept = probe.answer === undefined ? [...fact.accept, ...probe.accept] : probe.accept;
      out.push({ path: ['facts', i, 'probes', j, 'question'], prompt: probe.prompt ?? fact.prompt, question: probe.question, answer: abstains ? null : (probe.answer ?? fact.answer), accept });
    });
  });
  domain.probes.forEach((probe, i) =>
    out.push({ path: ['probes', i, 'question'], prompt: probe.prompt, question: probe.question, answer: probe.split === 'abstain' ? null : probe.answer, accept: probe.accept }),
  );
  return out;
}

const ARTICLES = new Set(['a', 'an', 'the']);

/**
 * A shortcut that never misleads: in an ASCII text, a word that is no
 * article survives normalization (ASCII never folds; number words and dates
 * become digits and words), so the text cannot normalize to nothing. Beyond
 * ASCII it could (`Thé` loses its accent and is the article `the`).
 */
function holdsPlainWord(text: string): boolean {
  return /^[\x00-\x7f]*$/.test(text) && (text.match(/[A-Za-z0-9]+/g) ?? []).some((w) => !ARTICLES.has(w.toLowerCase()));
}

/** Every text an output is compared with: answers, accepted answers, choices and previous answers. */
function answerTexts(domain: Domain): { path: DomainPath; text: string; previous: boolean }[] {
  const out: { path: DomainPath; text: string; previous: boolean }[] = [];
  const add = (path: DomainPath, text: string | null | undefined, previous = false) => {
    if (text !== undefined && text !== null) out.push({ path, text, previous });
  };
  const addAll = (path: DomainPath, texts: readonly string[] | undefined) => texts?.forEach((t, k) => add([...path, k], t));
  domain.facts.forEach((fact, i) => {
    add(['facts', i, 'answer'], fact.answer);
    addAll(['facts', i, 'accept'], fact.accept);
    add(['facts', i, 'previous'], fact.previous, true);
    fact.probes.forEach((probe, j) => {
      const at = ['facts', i, 'probes', j];
      add([...at, 'answer'], probe.answer);
      addAll([...at, 'accept'], probe.accept);
      addAll([...at, 'choices'], probe.choices);
      add([...at, 'previous'], probe.previous, true);
    });
  });
  domain.probes.forEach((probe, i) => {
    add(['probes', i, 'answer'], probe.answer);
    addAll(['probes', i, 'accept'], probe.accept);
    addAll(['probes', i, 'choices'], probe.choices);
  });
  return out;
}

/** A previous answer that a correct output could give. */
function stalePrevious(previous: string | null | undefined, answer: string | undefined, accept: readonly string[], path: DomainPath, words: Reader): MeasurementProblem | null {
  if (previous === undefined || previous === null || answer === undefined) return null;
  const normalized = words(previous).join(' ');
  if (normalized === '') return null; // reported as normalizing to nothing
  const same = [answer, ...accept].find((a) => words(a).join(' ') === normalized);
  if (same === undefined) return null;
  const what = same === answer ? 'the answer' : 'an accepted answer';
  return {
    path,
    message: `previous equals ${what} (${JSON.stringify(same)}): an update must change the answer (${JSON.stringify(previous)} and ${JSON.stringify(same)} are the same to the grader: ${JSON.stringify(normalized)})`,
  };
}

/**
 * The problems that make `domain` unmeasurable; `place(path)` says where a
 * path is written (`file:line:col`), to name the other place of a duplicate.
 */
export function measurementProblems(domain: Domain, place: (path: DomainPath) => string): MeasurementProblem[] {
  const problems: MeasurementProblem[] = [];
  const words = reader();
  const normalize = (text: string) => words(text).join(' ');
  const name = (path: DomainPath) => path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i ? `.${s}` : s)).join('');

  for (const { path, text, previous } of answerTexts(domain))
    if (!holdsPlainWord(text) && words(text).length === 0)
      problems.push({
        path,
        message: `${JSON.stringify(text)} is nothing once normalized (${NORMALIZATION}): ${previous ? 'a stale output could never be recognized' : 'no output could ever match it'}; write the answer in words or digits`,
      });

  domain.facts.forEach((fact, i) => {
    const stale = stalePrevious(fact.previous, fact.answer, fact.accept, ['facts', i, 'previous'], words);
    if (stale) problems.push(stale);
    fact.probes.forEach((probe, j) => {
      const own = stalePrevious(probe.previous, probe.answer, probe.accept, ['facts', i, 'probes', j, 'previous'], words);
      if (own) problems.push(own);
      // A probe without its own answer is graded against the fact's answer, its accept list and the fact's previous.
      if (probe.answer === undefined && fact.previous) {
        const previous = normalize(fact.previous);
        probe.accept.forEach((a, k) => {
          if (previous !== '' && normalize(a) === previous)
            problems.push({ path: ['facts', i, 'probes', j, 'accept', k], message: `accepts the fact's previous answer (${JSON.stringify(fact.previous)}): an output giving it would count as correct and as stale at once` });
        });
      }
    });
  });

  // Asked alike: the same prompt text around the same question, each once normalized.
  const byText = new Map<string, Asked[]>();
  for (const q of askedQuestions(domain)) {
    const question = normalize(q.question);
    if (question === '') continue;
    const key = textAroundSlots(resolvePrompt(domain, q.prompt).template).map(normalize).join(`\u0000${question}\u0000`);
    const earlier = byText.get(key) ?? [];
    if (!earlier.length) byText.set(key, earlier);
    const other = earlier.find((e) => !compatible(q, e, words));
    if (other) {
      const expects = (a: Asked) => (a.answer === null ? 'to abstain' : JSON.stringify(a.answer));
      problems.push({
        path: q.path,
        message: `asks what ${name(other.path)} asks (${place(other.path)}), the same once normalized (${JSON.stringify(question)}, with the same prompt), but expects ${expects(q)} where that expects ${expects(other)}: no model can be right on both; reword one question or give both the same answer`,
      });
    }
    earlier.push(q);
  }
  return problems;
}
