/**
 * The BM25 index lookup and retrieval share (lib/baselines/bm25-index.ts):
 * its rankings and scores are MiniSearch's (the library lookup used before,
 * so lookup's answers and accuracies do not move), its top K is ordered by
 * score then document, and one index serves every caller of a domain in a
 * process (lib/baselines/domain-search.ts).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { Bm25Index } from '../lib/baselines/bm25-index.ts';
import { domainSearch, loadDomainSearch } from '../lib/baselines/domain-search.ts';
import { STOP_WORDS, StatementRetrieval } from '../lib/baselines/fact-retrieval.ts';
import { loadDomainFile } from '../lib/domain/load.ts';
import { domainQuestions } from '../lib/domain/questions.ts';
import { DOMAINS_DIR } from '../lib/suites/write-suites.ts';
import { BUNDLED_DOMAIN_IDS } from './helpers/bundled-domains.ts';
import { tempDir } from './helpers/run.ts';
import { teamDomainYaml } from './helpers/team-domain.ts';

/** MiniSearch's ranking, best first, ties to the earlier document (what lookup and in-context did with it). */
function miniSearchTop(documents: readonly string[], query: string, k: number, statements: boolean) {
  const search = new MiniSearch<{ id: number; text: string }>({
    fields: ['text'],
    idField: 'id',
    ...(statements && {
      processTerm: (term: string) => {
        const t = term.toLowerCase();
        return STOP_WORDS.has(t) ? null : t;
      },
      searchOptions: { prefix: true },
    }),
  });
  search.addAll(documents.map((text, id) => ({ id, text })));
  return (q: string) =>
    search
      .search(q)
      .sort((a, b) => b.score - a.score || (a.id as number) - (b.id as number))
      .slice(0, k)
      .map((h) => ({ index: h.id as number, score: h.score }));
}

describe('Bm25Index ranks as MiniSearch did', () => {
  for (const id of BUNDLED_DOMAIN_IDS) {
    const { domain } = loadDomainFile(path.join(DOMAINS_DIR, `${id}.yaml`));
    const questions = domainQuestions(domain);
    const trained = questions.filter((q) => q.trained).map((q) => q.question);
    const statements = domain.facts.map((f) => f.statement);

    it.skipIf(trained.length === 0)(`${id}: every question against the trained questions (lookup): the same top 10, the same scores to the bit`, () => {
      const ours = new Bm25Index(trained);
      const theirs = miniSearchTop(trained, '', 10, false);
      for (const q of questions) expect(ours.top(q.question, 10), q.question).toEqual(theirs(q.question));
    });

    it(`${id}: every question against the fact statements (stop words, prefixes): the same top 10, the same scores`, () => {
      const ours = new Bm25Index(statements, { stopWords: STOP_WORDS, prefix: true });
      const theirs = miniSearchTop(statements, '', 10, true);
      for (const q of questions) {
        const got = ours.top(q.question, 10);
        const want = theirs(q.question);
        expect(got.map((h) => h.index), q.question).toEqual(want.map((h) => h.index));
        // Prefix expansions are added in another order than MiniSearch's tree walk: equal up to rounding.
        got.forEach((h, i) => expect(h.score).toBeCloseTo(want[i]!.score, 12));
      }
    });
  }
});

describe('Bm25Index', () => {
  const docs = ['Ada Lune lives in Lisbon.', 'Bo Quill lives in Lisbon.', 'Ada Lune weighs 140 pounds.', 'Cy Vorn keeps bees.'];
  const index = new Bm25Index(docs);

  it('orders by score, and equal scores by the earlier document', () => {
    // Documents 0 and 1 have the same length and match "lives in Lisbon" alike: a tie, given to 0.
    const top = index.top('who lives in Lisbon', 4);
    expect(top.map((h) => h.index)).toEqual([0, 1]);
    expect(top[0]!.score).toBe(top[1]!.score);
    // A twin of document 0 placed later ranks right after it.
    const twins = new Bm25Index(['x y', 'Ada Lune', 'z', 'Ada Lune']);
    expect(twins.top('Ada', 3).map((h) => h.index)).toEqual([1, 3]);
  });

  it("a smaller K's list is the start of a larger K's, for every K", () => {
    const all = index.top('Ada Lune lives in Lisbon, pounds?', 10);
    for (let k = 1; k <= all.length; k++) expect(index.top('Ada Lune lives in Lisbon, pounds?', k)).toEqual(all.slice(0, k));
  });

  it('matches more query words before stronger single words (score × words matched)', () => {
    expect(index.top('Ada pounds', 1)[0]!.index).toBe(2);
  });

  it('returns nothing for no shared word, an empty query or K < 1', () => {
    expect(index.top('quantum chromodynamics', 5)).toEqual([]);
    expect(index.top('', 5)).toEqual([]);
    expect(index.top('?!', 5)).toEqual([]);
    expect(index.top('Ada', 0)).toEqual([]);
    expect(new Bm25Index([]).top('Ada', 3)).toEqual([]);
  });

  it('adds a repeated query word again but counts it once among the words matched, as MiniSearch does', () => {
    const once = index.top('Ada Bo', 4);
    const twice = index.top('Ada Ada Bo', 4);
    expect(twice[0]!.index).toBe(0);
    expect(twice[0]!.score).toBeGreaterThan(once.find((h) => h.index === 0)!.score);
    // The repeat after other words (the case a per-word mark alone would count twice).
    for (const q of ['Ada Lune Bo Ada?', 'Lisbon Ada Lisbon Lune Lisbon', 'pounds Ada pounds']) expect(index.top(q, 4), q).toEqual(miniSearchTop(docs, '', 4, false)(q));
  });

  it('leaves stop words out and finds longer words by their beginning, only when asked', () => {
    const plain = new Bm25Index(['Pemea weighs 182 pounds.', 'The weight of Pemea is the secret.']);
    expect(plain.top('weigh', 2)).toEqual([]);
    const retrieval = new Bm25Index(['Pemea weighs 182 pounds.', 'The weight of Pemea is the secret.'], { stopWords: STOP_WORDS, prefix: true });
    expect(retrieval.top('How much does Pemea weigh?', 2).map((h) => h.index)).toEqual([0, 1]);
    expect(retrieval.top('the of is', 2)).toEqual([]);
  });

  it('answers the same after many queries (its scratch marks are reset, never stale)', () => {
    const first = index.top('Ada Lune', 3);
    for (let i = 0; i < 5000; i++) index.top(i % 2 ? 'Lisbon' : 'bees pounds', 2);
    expect(index.top('Ada Lune', 3)).toEqual(first);
  });
});

describe('one search per domain and process', () => {
  it('every caller of the same domain text gets the same indexes; an edited file gets new ones', () => {
    const dir = tempDir('ftbench-search-');
    const file = path.join(dir, 'team.yaml');
    writeFileSync(file, teamDomainYaml('search-team', 'Search team'));
    const a = loadDomainSearch(file);
    const b = loadDomainSearch(file);
    expect(b).toBe(a);
    expect(b.lookup).toBe(a.lookup);
    expect(b.statements).toBe(a.statements);
    expect(domainSearch(loadDomainFile(file))).toBe(a);
    writeFileSync(file, teamDomainYaml('search-team', 'Search team, renamed'));
    expect(loadDomainSearch(file)).not.toBe(a);
  });

  it('a malformed domain file is the loader\'s error, naming the file, and nothing is kept', () => {
    const dir = tempDir('ftbench-search-');
    const file = path.join(dir, 'bad.yaml');
    writeFileSync(file, 'id: bad\nfacts: 3\n');
    expect(() => loadDomainSearch(file)).toThrow(/bad\.yaml/);
    expect(() => loadDomainSearch(file)).toThrow(/bad\.yaml/);
  });

  it("retrieval gives every statement in domain order when K covers them, else BM25's K best", () => {
    const facts = [
      { id: 'a', statement: 'Ada Lune lives in Lisbon.' },
      { id: 'b', statement: 'Bo Quill weighs 210 pounds.' },
    ];
    const r = new StatementRetrieval(facts);
    expect(r.retrieve('How much does Bo Quill weigh?', 2).map((f) => f.id)).toEqual(['a', 'b']);
    expect(r.retrieve('How much does Bo Quill weigh?', 1).map((f) => f.id)).toEqual(['b']);
    expect(() => r.retrieve('x', 0)).toThrow(/k must be a positive whole number/);
  });
});
