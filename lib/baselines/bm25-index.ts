/**
 * BM25 over a fixed list of short documents, answering a query with its K
 * best documents. The lookup baseline ranks trained questions with it and
 * retrieval ranks fact statements with it; domain-search.ts keeps one index
 * per domain and process.
 *
 * Scores are MiniSearch 7's (the library the lookup baseline used before), so
 * its answers stay what they were: BM25+ with k1 = 1.2, b = 0.7, δ = 0.5 and
 * idf = ln(1 + (N − n + 0.5) / (n + 0.5)); a document's length is its number
 * of distinct raw tokens; each query word adds its score (a repeated word
 * adds it again) and the sum is multiplied by the number of distinct query
 * words the document matches. With `prefix`, a query word also matches the
 * longer indexed words it begins ("weigh" finds "weighs"), weighted
 * 0.375 · len / (len + 0.3 · extra letters). Tokens are MiniSearch's
 * (split on spaces and punctuation), lower-cased. test/bm25-index.test.ts
 * checks the scores against MiniSearch's own.
 *
 * Why not MiniSearch's search: a question's common words ("what", "does",
 * "the") match most documents, and MiniSearch builds objects for every
 * matched document and word and sorts all matches: 18 ms a query at 10,000
 * facts, so an eval grew with the square of the domain (wink-bm25-text-search
 * and Orama took 9 and 37 ms on the same queries). Here the postings are
 * typed arrays holding each (word, document) score computed once at build;
 * a query adds them into one array and keeps only the K best.
 */
import MiniSearch from 'minisearch';

const tokenize = MiniSearch.getDefault('tokenize') as (text: string) => string[];

const K1 = 1.2;
const B = 0.7;
const DELTA = 0.5;
const PREFIX_WEIGHT = 0.375;

export interface Bm25Options {
  /** Lower-case words neither indexed nor searched (they still count in a document's length, as in MiniSearch). */
  stopWords?: ReadonlySet<string>;
  /** A query word also matches longer words it is the beginning of, at a lower weight. */
  prefix?: boolean;
}

export interface Bm25Hit {
  /** The document's position in the list the index was built from. */
  index: number;
  score: number;
}

/** `a` ranks before `b`: higher score, then the earlier document. */
const before = (scoreA: number, docA: number, scoreB: number, docB: number) => scoreA > scoreB || (scoreA === scoreB && docA < docB);

export class Bm25Index {
  private readonly termIds = new Map<string, number>();
  /** The indexed words in code-unit order, for prefix ranges; empty without `prefix`. */
  private readonly sortedTerms: string[];
  /** Postings of word t: [postingStart[t], postingStart[t + 1]) in postingDoc and postingScore. */
  private readonly postingStart: Int32Array;
  private readonly postingDoc: Int32Array;
  private readonly postingScore: Float64Array;
  private readonly stopWords: ReadonlySet<string>;
  // One query's scratch, reused: a serial number marks which entries belong to the current query and word.
  private readonly sum: Float64Array;
  private readonly matched: Int32Array;
  private readonly queryMark: Int32Array;
  private readonly wordMark: Int32Array;
  private readonly touched: Int32Array;
  private querySerial = 0;
  private wordSerial = 0;

  constructor(
    documents: readonly string[],
    private readonly options: Bm25Options = {},
  ) {
    this.stopWords = options.stopWords ?? new Set();
    const n = documents.length;
    const lengths = new Float64Array(n);
    const docsOf: number[][] = [];
    const freqsOf: number[][] = [];
    let averageLength = 0;
    for (const [doc, text] of documents.entries()) {
      const tokens = tokenize(text);
      lengths[doc] = new Set(tokens).size;
      // MiniSearch keeps a running average; the same arithmetic gives the same scores to the last bit.
      averageLength = (averageLength * doc + lengths[doc]!) / (doc + 1);
      const freqs = new Map<number, number>();
      for (const token of tokens) {
        const term = this.term(token);
        if (!term) continue;
        let id = this.termIds.get(term);
        if (id === undefined) {
          id = this.termIds.size;
          this.termIds.set(term, id);
          docsOf.push([]);
          freqsOf.push([]);
        }
        freqs.set(id, (freqs.get(id) ?? 0) + 1);
      }
      for (const [id, freq] of freqs) {
        docsOf[id]!.push(doc);
        freqsOf[id]!.push(freq);
      }
    }
    const terms = this.termIds.size;
    this.postingStart = new Int32Array(terms + 1);
    for (let t = 0; t < terms; t++) this.postingStart[t + 1] = this.postingStart[t]! + docsOf[t]!.length;
    this.postingDoc = new Int32Array(this.postingStart[terms]!);
    this.postingScore = new Float64Array(this.postingStart[terms]!);
    for (let t = 0; t < terms; t++) {
      const docs = docsOf[t]!;
      const idf = Math.log(1 + (n - docs.length + 0.5) / (docs.length + 0.5));
      for (let i = 0; i < docs.length; i++) {
        const doc = docs[i]!;
        const tf = freqsOf[t]![i]!;
        const p = this.postingStart[t]! + i;
        this.postingDoc[p] = doc;
        this.postingScore[p] = idf * (DELTA + (tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * lengths[doc]!) / averageLength)));
      }
    }
    this.sortedTerms = options.prefix ? [...this.termIds.keys()].sort() : [];
    this.sum = new Float64Array(n);
    this.matched = new Int32Array(n);
    this.queryMark = new Int32Array(n);
    this.wordMark = new Int32Array(n);
    this.touched = new Int32Array(n);
  }

  get size(): number {
    return this.sum.length;
  }

  /** A token as indexed and searched: lower case; '' for a stop word or an empty token. */
  private term(token: string): string {
    const t = token.toLowerCase();
    return this.stopWords.has(t) ? '' : t;
  }

  /** The indexed words a query word matches, with their weights: itself (1), then longer ones it begins. */
  private expansions(word: string): [number, number][] {
    const out: [number, number][] = [];
    const exact = this.termIds.get(word);
    if (exact !== undefined) out.push([exact, 1]);
    if (!this.options.prefix) return out;
    let lo = 0;
    let hi = this.sortedTerms.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.sortedTerms[mid]! < word) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < this.sortedTerms.length && this.sortedTerms[i]!.startsWith(word); i++) {
      const term = this.sortedTerms[i]!;
      const extra = term.length - word.length;
      if (extra > 0) out.push([this.termIds.get(term)!, (PREFIX_WEIGHT * term.length) / (term.length + 0.3 * extra)]);
    }
    return out;
  }

  /**
   * The `k` best documents for `query`, best first; equal scores go to the
   * earlier document, so the order never depends on anything but the input.
   * Documents sharing no word with the query are not returned.
   */
  top(query: string, k: number): Bm25Hit[] {
    if (!(k >= 1)) return [];
    if (this.querySerial > 2 ** 30 || this.wordSerial > 2 ** 30) this.resetMarks();
    const mark = ++this.querySerial;
    const seen = new Set<string>();
    let count = 0;
    for (const token of tokenize(query)) {
      const word = this.term(token);
      if (!word) continue;
      // A repeated word adds its scores again but is no new word matched: it counts once in `matched`.
      const repeated = seen.has(word);
      seen.add(word);
      const serial = ++this.wordSerial;
      for (const [t, weight] of this.expansions(word)) {
        for (let p = this.postingStart[t]!, end = this.postingStart[t + 1]!; p < end; p++) {
          const doc = this.postingDoc[p]!;
          if (this.queryMark[doc] !== mark) {
            this.queryMark[doc] = mark;
            this.sum[doc] = 0;
            this.matched[doc] = 0;
            this.touched[count++] = doc;
          }
          if (!repeated && this.wordMark[doc] !== serial) {
            this.wordMark[doc] = serial;
            this.matched[doc]!++;
          }
          this.sum[doc]! += weight * this.postingScore[p]!;
        }
      }
    }
    return this.best(count, k);
  }

  private resetMarks(): void {
    this.queryMark.fill(0);
    this.wordMark.fill(0);
    this.querySerial = 0;
    this.wordSerial = 0;
  }

  /** The k best of the documents the query touched: all sorted when k is near their number, else a short insertion list. */
  private best(count: number, k: number): Bm25Hit[] {
    const hits: Bm25Hit[] = [];
    if (k * 8 >= count) {
      for (let i = 0; i < count; i++) {
        const doc = this.touched[i]!;
        hits.push({ index: doc, score: this.sum[doc]! * this.matched[doc]! });
      }
      return hits.sort((a, b) => b.score - a.score || a.index - b.index).slice(0, k);
    }
    for (let i = 0; i < count; i++) {
      const doc = this.touched[i]!;
      const score = this.sum[doc]! * this.matched[doc]!;
      if (hits.length >= k) {
        const last = hits[hits.length - 1]!;
        if (!before(score, doc, last.score, last.index)) continue;
        hits.pop();
      }
      let at = hits.length;
      while (at > 0 && before(score, doc, hits[at - 1]!.score, hits[at - 1]!.index)) at--;
      hits.splice(at, 0, { index: doc, score });
    }
    return hits;
  }
}
