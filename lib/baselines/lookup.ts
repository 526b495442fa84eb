/**
 * The `lookup` baseline: a "model" that memorized the training file and
 * nothing else. It answers a question with the answer of the most similar
 * trained question, ranked by BM25 (bm25-index.ts: MiniSearch's BM25+ scores,
 * every word counted, no prefixes).
 *
 * For a closed question (one with `choices`, such as Yes/No) a retrieved
 * free-text answer is not a choice, so it picks a choice by a hash of the
 * question: its accuracy there is chance by construction, which is what a
 * surface matcher deserves on derived and comparison questions.
 * Deterministic: the same question always gets the same answer.
 */
import { createHash } from 'node:crypto';
import { Bm25Index } from './bm25-index.ts';

export interface TrainedPair {
  question: string;
  answer: string;
}

export interface LookupAnswer {
  answer: string;
  /** The trained question it matched, or null for a closed question or no match. */
  matched: string | null;
  score: number;
  how: 'bm25' | 'choice-by-hash' | 'no-match';
}

export const NO_MATCH_ANSWER = "I don't know";

export class LookupIndex {
  private index: Bm25Index | null = null;

  constructor(private readonly pairs: readonly TrainedPair[]) {}

  get size(): number {
    return this.pairs.length;
  }

  answer(question: string, choices?: readonly string[] | null): LookupAnswer {
    if (choices && choices.length > 0) {
      const h = createHash('sha256').update(question).digest().readUInt32BE(0);
      return { answer: choices[h % choices.length]!, matched: null, score: 0, how: 'choice-by-hash' };
    }
    // Built on first use: closed questions never search. Ties go to the earlier trained pair.
    this.index ??= new Bm25Index(this.pairs.map((p) => p.question));
    const [best] = this.index.top(question, 1);
    if (!best) return { answer: NO_MATCH_ANSWER, matched: null, score: 0, how: 'no-match' };
    const pair = this.pairs[best.index]!;
    return { answer: pair.answer, matched: pair.question, score: best.score, how: 'bm25' };
  }
}
