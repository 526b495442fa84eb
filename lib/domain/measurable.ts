/**
 * What a valid-looking domain must not hold, because grading could not
 * measure it. Texts are compared as the grader compares them
 * (lib/grading/normalize.ts: case, punctuation, articles, number words,
 * Unicode forms, invisible characters and lookalikes):
 * - two questions asked alike (the same prompt text after normalization:
 *   trained questions, `training:` paraphrases and probes alike) that
 *   contradict each other: one expects an answer and the other to abstain,
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
import { answerTokens, isNumberToken, normalizeAnswer } from '../grading/normalize.ts';
import { renderPrompt, resolvePrompt } from './questions.ts';
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

function formOf(text: string): Form {
  const words = answerTokens(text);
  return { words: new Set(words), numbers: [...new Set(words.filter(isNumberToken))].sort().join(' ') };
}

/** Whether one output could be right for both: both abstain, or an accepted form of each shares a word and no number differs. */
function compatible(a: Asked, b: Asked): boolean {
  if (a.answer === null || b.answer === null) return a.answer === b.answer;
  const forms = (q: Asked) => [q.answer!, ...q.accept].map(formOf);
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
function stalePrevious(previous: string | null | undefined, answer: string | undefined, accept: readonly string[], path: DomainPath): MeasurementProblem | null {
  if (previous === undefined || previous === null || answer === undefined) return null;
  const normalized = normalizeAnswer(previous);
  if (normalized === '') return null; // reported as normalizing to nothing
  const same = [answer, ...accept].find((a) => normalizeAnswer(a) === normalized);
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
  const name = (path: DomainPath) => path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i ? `.${s}` : s)).join('');

  for (const { path, text, previous } of answerTexts(domain))
    if (normalizeAnswer(text) === '')
      problems.push({
        path,
        message: `${JSON.stringify(text)} is nothing once normalized (${NORMALIZATION}): ${previous ? 'a stale output could never be recognized' : 'no output could ever match it'}; write the answer in words or digits`,
      });

  domain.facts.forEach((fact, i) => {
    const stale = stalePrevious(fact.previous, fact.answer, fact.accept, ['facts', i, 'previous']);
    if (stale) problems.push(stale);
    fact.probes.forEach((probe, j) => {
      const own = stalePrevious(probe.previous, probe.answer, probe.accept, ['facts', i, 'probes', j, 'previous']);
      if (own) problems.push(own);
      // A probe without its own answer is graded against the fact's answer, its accept list and the fact's previous.
      if (probe.answer === undefined && fact.previous) {
        const previous = normalizeAnswer(fact.previous);
        probe.accept.forEach((a, k) => {
          if (previous !== '' && normalizeAnswer(a) === previous)
            problems.push({ path: ['facts', i, 'probes', j, 'accept', k], message: `accepts the fact's previous answer (${JSON.stringify(fact.previous)}): an output giving it would count as correct and as stale at once` });
        });
      }
    });
  });

  const byText = new Map<string, Asked[]>();
  for (const q of askedQuestions(domain)) {
    const key = normalizeAnswer(renderPrompt(resolvePrompt(domain, q.prompt).template, q.question));
    if (key === '') continue;
    const earlier = byText.get(key) ?? [];
    const other = earlier.find((e) => !compatible(q, e));
    if (other) {
      const expects = (a: Asked) => (a.answer === null ? 'to abstain' : JSON.stringify(a.answer));
      problems.push({
        path: q.path,
        message: `asks what ${name(other.path)} asks (${place(other.path)}), the same once normalized (${JSON.stringify(key)}), but expects ${expects(q)} where that expects ${expects(other)}: no model can be right on both; reword one question or give both the same answer`,
      });
    }
    byText.set(key, [...earlier, q]);
  }
  return problems;
}
