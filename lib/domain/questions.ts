/**
 * Expands a domain into the questions it asks: the trained (memorization)
 * questions and every probe, each with its split, expected answers and the
 * prompt template it is asked with. Suites, baselines and training files all
 * read a domain through this one list, so they agree on what was asked.
 */
import { createHash } from 'node:crypto';
import type { Domain, Split } from './schema.ts';

export interface PromptTemplate {
  /** Name used as the promptfoo prompt id: `default`, a declared name, or `inline-<hash>`. */
  name: string;
  template: string;
}

export interface Question {
  /** Unique within the domain, e.g. `ada-height/rephrased-1`. */
  id: string;
  domain: string;
  kind: Domain['kind'];
  split: Split;
  /** Facts this question is about (one, or several for comparisons). */
  facts: string[];
  question: string;
  prompt: PromptTemplate;
  /** The full text asked: the template with the question filled in (the same characters a training file holds). */
  asked: string;
  /** Empty for abstain questions: the right response is to decline. */
  answer: string;
  accept: string[];
  /** Update domains: the answer before the update. */
  previous: string | null;
  statement: string;
  choices: string[] | null;
  expect: 'answer' | 'abstain';
  /** True for the question the default recipe trains on. */
  trained: boolean;
}

export function resolvePrompt(domain: Domain, ref: string | undefined): PromptTemplate {
  if (ref === undefined) return { name: 'default', template: domain.prompt };
  // Own names only: `prompt: toString` is an inline template, not Object.prototype's.
  if (Object.hasOwn(domain.prompts, ref)) return { name: ref, template: domain.prompts[ref]! };
  const hash = createHash('sha256').update(ref).digest('hex').slice(0, 8);
  return { name: `inline-${hash}`, template: ref };
}

import { renderPrompt } from './prompt-template.ts';

export { renderPrompt };

function withAsked(q: Omit<Question, 'asked'>): Question {
  return { ...q, asked: renderPrompt(q.prompt.template, q.question) };
}

export function domainQuestions(domain: Domain): Question[] {
  const out: Question[] = [];
  const facts = new Map(domain.facts.map((f) => [f.id, f]));
  const isControl = domain.kind === 'control';
  for (const fact of domain.facts) {
    // A fact whose trained question is unknown is asked only through its probes.
    if (fact.question !== undefined) {
      out.push(withAsked({
        id: `${fact.id}/${isControl ? 'locality' : 'memorization'}`,
        domain: domain.id,
        kind: domain.kind,
        split: isControl ? 'locality' : 'memorization',
        facts: [fact.id],
        question: fact.question,
        prompt: resolvePrompt(domain, fact.prompt),
        answer: fact.answer,
        accept: fact.accept,
        previous: fact.previous ?? null,
        statement: fact.statement,
        choices: null,
        expect: 'answer',
        trained: !isControl,
      }));
    }
    const counts = new Map<string, number>();
    for (const probe of fact.probes) {
      const n = (counts.get(probe.split) ?? 0) + 1;
      counts.set(probe.split, n);
      const abstain = probe.split === 'abstain' || probe.expect === 'abstain';
      out.push(withAsked({
        id: `${fact.id}/${probe.split}-${n}`,
        domain: domain.id,
        kind: domain.kind,
        split: probe.split,
        facts: [fact.id],
        question: probe.question,
        prompt: resolvePrompt(domain, probe.prompt ?? fact.prompt),
        answer: abstain ? '' : (probe.answer ?? fact.answer),
        // A probe with its own answer does not inherit the fact's alternatives.
        accept: abstain ? [] : probe.answer === undefined ? [...fact.accept, ...probe.accept] : probe.accept,
        previous: abstain ? null : probe.answer !== undefined ? (probe.previous ?? null) : (fact.previous ?? null),
        statement: fact.statement,
        choices: probe.choices ?? null,
        expect: abstain ? 'abstain' : 'answer',
        trained: false,
      }));
    }
  }
  domain.probes.forEach((probe, i) => {
    out.push(withAsked({
      id: `${probe.facts.join('+')}/${probe.split}-${i + 1}`,
      domain: domain.id,
      kind: domain.kind,
      split: probe.split,
      facts: probe.facts,
      question: probe.question,
      prompt: resolvePrompt(domain, probe.prompt),
      answer: probe.answer,
      accept: probe.accept,
      previous: null,
      statement: probe.facts.map((id) => facts.get(id)?.statement ?? '').join(' '),
      choices: probe.choices ?? null,
      expect: probe.split === 'abstain' ? 'abstain' : 'answer',
      trained: false,
    }));
  });
  return out;
}
