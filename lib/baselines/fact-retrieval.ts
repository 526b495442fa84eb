/**
 * Retrieval of a domain's fact statements for a question: the k statements
 * a BM25 search ranks best (bm25-index.ts), which is what the in-context
 * reference with `k` puts in the prompt and what the retrieval hit rate
 * measures (retrieval-hit-rate.ts). One rule for both, so the hit rate is
 * exactly the share of questions whose statement reaches the model.
 *
 * Stop words are left out (they carry no topic) and a question's word also
 * finds longer words it begins ("weigh" finds "weighs").
 */
import { Bm25Index } from './bm25-index.ts';

/**
 * Function words carry no topic: left in, "What is the weight of X?" ranks
 * "The favourite colour of X is …" above "X weighs …" on "the", "of" and "is".
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  'a an the of in on at to for from by with about as into than then and or but not no is are was were be been being am do does did has have had it its this that these those there what which who whom whose when where why how'.split(' '),
);

/** How many statements the retrieval references give when nobody says (`npm start -- --retrieval K`). */
export const DEFAULT_RETRIEVAL_K = 3;

export interface FactStatement {
  id: string;
  statement: string;
}

export class StatementRetrieval {
  private index: Bm25Index | null = null;

  constructor(readonly facts: readonly FactStatement[]) {}

  get size(): number {
    return this.facts.length;
  }

  /** Whether asking for k statements gives every one of them (then in domain order, no search). */
  givesAll(k: number): boolean {
    return k >= this.facts.length;
  }

  /**
   * The k statements best ranked for `question` by BM25, best first, ties to
   * the earlier fact; fewer when fewer share a word with the question.
   */
  rank(question: string, k: number): FactStatement[] {
    // Built on first use: a domain whose statements are never searched costs nothing.
    this.index ??= new Bm25Index(
      this.facts.map((f) => f.statement),
      { stopWords: STOP_WORDS, prefix: true },
    );
    return this.index.top(question, k).map((hit) => this.facts[hit.index]!);
  }

  /** The statements retrieval gives for `question`: all of them when k covers them, else the k best ranked. */
  retrieve(question: string, k: number): FactStatement[] {
    if (!(Number.isInteger(k) && k >= 1)) throw new Error(`k must be a positive whole number, got ${k}`);
    return this.givesAll(k) ? [...this.facts] : this.rank(question, k);
  }
}
