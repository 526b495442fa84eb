/**
 * The `in-context` reference: the base model with the domain's fact statements
 * in its prompt, the upper line for what the facts can give without any
 * tuning. Either every statement, or the k most relevant to the question by
 * BM25 (fact-retrieval.ts, the index the lookup baseline also uses), which is
 * how retrieval feeds a model and shows what a missed fact costs.
 *
 * Statements go in verbatim, as data before the question's own prompt:
 *
 *   Facts:
 *   - Pemea Ulrolo weighs 182 pounds.
 *   - …
 *
 *   Answer the question with a number, word, or phrase.
 *   How many pounds does Pemea Ulrolo weigh?
 */
import { StatementRetrieval, type FactStatement } from './fact-retrieval.ts';

export type { FactStatement };

export interface InContextPrompt {
  text: string;
  /** Ids of the facts put in the prompt, in the order given. */
  facts: string[];
}

export function factsPreamble(facts: readonly FactStatement[]): string {
  // A statement is one line in the list whatever its own line breaks.
  return `Facts:\n${facts.map((f) => `- ${f.statement.trim().replace(/\s*\n\s*/g, ' ')}`).join('\n')}\n\n`;
}

export class InContextFacts {
  private readonly facts: readonly FactStatement[];
  private readonly retrieval: StatementRetrieval | null;

  /**
   * `source`: the facts, or the domain's shared statement search (domain-search.ts).
   * `k`: how many statements to give, the most relevant first; undefined gives them all, in domain order.
   */
  constructor(
    source: readonly FactStatement[] | StatementRetrieval,
    readonly k?: number,
  ) {
    if (k !== undefined && !(Number.isInteger(k) && k >= 1)) throw new Error(`k must be a positive whole number, got ${k}`);
    this.facts = source instanceof StatementRetrieval ? source.facts : source;
    this.retrieval = k === undefined ? null : source instanceof StatementRetrieval ? source : new StatementRetrieval(source);
  }

  get size(): number {
    return this.facts.length;
  }

  /** The statements for `question`: all of them, or the k best by BM25 (fact-retrieval.ts; ties to the earlier fact). */
  select(question: string): FactStatement[] {
    if (!this.retrieval || this.k === undefined) return [...this.facts];
    return this.retrieval.retrieve(question, this.k);
  }

  /** The prompt the base model gets: the facts, then the question's rendered prompt unchanged. */
  prompt(renderedPrompt: string, question: string): InContextPrompt {
    const facts = this.select(question);
    return { text: `${factsPreamble(facts)}${renderedPrompt}`, facts: facts.map((f) => f.id) };
  }
}
