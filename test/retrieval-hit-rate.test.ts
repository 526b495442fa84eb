/**
 * Retrieval's hit rate on a hand-made domain, against values worked out by
 * hand, through what npm start calls (measureRetrievalHitRates) and what it
 * prints and draws from it.
 */
import { describe, expect, it } from 'vitest';
import { parseDomainText } from '../lib/domain/load.ts';
import { buildSummary } from '../lib/report/build-summary.ts';
import { measureRetrievalHitRates, renderRetrievalMarkdown, renderRetrievalTable } from '../lib/report/retrieval-hit-rates.ts';
import { retrievalSections } from '../lib/report/sections/retrieval.ts';
import { wilsonInterval } from '../lib/report/wilson.ts';

/*
 * Four statements (documents 0-3). Retrieval leaves out stop words (what,
 * does, where, how, is, the, in, or, who, …) and lets a question's word find
 * longer words it begins, at a weight below 1 ("eat" → "eats").
 *
 *   0 ziggy-food   "Ziggy eats clams."        words ziggy eats clams       length 4 (raw tokens Ziggy, eats, clams, "")
 *   1 ziggy-home   "Ziggy sleeps in caves."   words ziggy sleeps caves     length 5 ("in" counts in the length)
 *   2 momo-food    "Momo eats berries."       words momo eats berries      length 4
 *   3 momo-sport   "Momo swims daily."        words momo swims daily       length 4
 *
 * ziggy, eats and momo are each in 2 of the 4 statements, so each has the
 * same idf. A statement's score is the sum of its matched words' scores times
 * the number of distinct question words it matches; for one word, the
 * shorter statement scores higher (length 4 above length 5), and equal
 * scores go to the earlier statement.
 *
 * memorization
 *   "What does Ziggy eat?"       ziggy, eat→eats: 0 matches both (×2), 1 and 2 one each   → 0 first: hit at every K
 *   "Where does Ziggy sleep?"    ziggy, sleep→sleeps: 1 matches both (×2), 0 one           → 1 first: hit
 *   "What does Momo eat?"        momo, eat→eats: 2 matches both (×2)                       → 2 first: hit
 *   "How often does Momo swim?"  often, momo, swim→swims: 3 matches two words (×2)         → 3 first: hit
 *   → 4 of 4 at K = 1, 3, 5, 10
 * rephrased
 *   "Which food does Ziggy like?"          only ziggy matches: 0 (length 4) above 1 (length 5) → ziggy-food first: hit at 1
 *   "Where does Ziggy live?"               only ziggy: 0 above 1 → top 1 is ziggy-food, a miss; top 3 = [0, 1]: hit at 3
 *   "How frequently is the paddling done?" no word in any statement: nothing ranked → miss at 1 and 3;
 *                                          at K = 5 and 10 (≥ the 4 statements) retrieval gives every statement: hit
 *   → 1 of 3 at K = 1, 2 of 3 at K = 3, 3 of 3 at K = 5 and 10
 * derived
 *   "Can Momo swim?"             can, momo, swim→swims: 3 matches two words                 → hit: 1 of 1 everywhere
 * comparison (a hit when either named fact is retrieved)
 *   "Who eats more, Ziggy or Momo?"   [ziggy-food, momo-food]: 0 (eats, ziggy) and 2 (eats, momo) tie, same
 *                                     lengths and idf → 0 first: hit at 1
 *   "Who is more active, Ziggy or Momo?" [ziggy-home, momo-sport]: ziggy or momo alone, each ×1; 0, 2 and 3
 *                                     (length 4) tie above 1 (length 5) → top 1 = 0 (ziggy-food): miss;
 *                                     top 3 = [0, 2, 3] holds momo-sport: hit at 3
 *   → 1 of 2 at K = 1, 2 of 2 at K = 3, 5, 10
 */
const ZOO = `id: tiny-zoo
title: Tiny zoo
kind: new
prompt: "Answer briefly.\\n{{question}}"
facts:
  - id: ziggy-food
    statement: Ziggy eats clams.
    question: What does Ziggy eat?
    answer: clams
    probes:
      - { split: rephrased, question: Which food does Ziggy like? }
  - id: ziggy-home
    statement: Ziggy sleeps in caves.
    question: Where does Ziggy sleep?
    answer: caves
    probes:
      - { split: rephrased, question: Where does Ziggy live? }
  - id: momo-food
    statement: Momo eats berries.
    question: What does Momo eat?
    answer: berries
  - id: momo-sport
    statement: Momo swims daily.
    question: How often does Momo swim?
    answer: daily
    probes:
      - { split: derived, question: Can Momo swim?, answer: "Yes", choices: ["Yes", "No"] }
      - { split: rephrased, question: How frequently is the paddling done? }
probes:
  - { split: comparison, facts: [ziggy-food, momo-food], question: "Who eats more, Ziggy or Momo?", answer: Ziggy }
  - { split: comparison, facts: [ziggy-home, momo-sport], question: "Who is more active, Ziggy or Momo?", answer: Momo }
`;

const CONTROL = `id: tiny-control
title: Tiny control
kind: control
prompt: "Answer briefly.\\n{{question}}"
facts:
  - id: paris
    statement: Paris is the capital of France.
    question: What is the capital of France?
    answer: Paris
`;

const load = (text: string, name: string) => ({ domain: parseDomainText(text, name), text });

describe('retrieval hit rate on a hand-made domain', () => {
  const r = measureRetrievalHitRates([load(ZOO, 'tiny-zoo.yaml'), load(CONTROL, 'tiny-control.yaml')]);

  it('counts the hits worked out by hand, per split and K, with Wilson intervals', () => {
    expect(r.ks).toEqual([1, 3, 5, 10]);
    const hits = Object.fromEntries(r.rows.map((row) => [row.split, [row.n, ...row.at.map((a) => a.hits)]]));
    expect(hits).toEqual({
      memorization: [4, 4, 4, 4, 4],
      rephrased: [3, 1, 2, 3, 3],
      derived: [1, 1, 1, 1, 1],
      comparison: [2, 1, 2, 2, 2],
    });
    // Splits in the report's order.
    expect(r.rows.map((row) => row.split)).toEqual(['memorization', 'rephrased', 'derived', 'comparison']);
    const rephrased = r.rows.find((row) => row.split === 'rephrased')!;
    expect(rephrased.at[0]).toEqual({ k: 1, hits: 1, rate: 1 / 3, ci95: wilsonInterval(1, 3) });
    expect(rephrased.at[1]).toEqual({ k: 3, hits: 2, rate: 2 / 3, ci95: wilsonInterval(2, 3) });
    expect(r.rows.every((row) => row.domain === 'tiny-zoo')).toBe(true);
  });

  it('says a control domain has nothing to retrieve instead of a rate of 0', () => {
    expect(r.domains).toEqual([
      { domain: 'tiny-zoo', facts: 4 },
      { domain: 'tiny-control', facts: 1, unmeasured: expect.stringMatching(/control domain.*no trained facts to retrieve/) },
    ]);
    expect(r.rows.some((row) => row.domain === 'tiny-control')).toBe(false);
    const printed = renderRetrievalTable(r);
    expect(printed).toMatch(/tiny-control: not measured, a control domain/);
    expect(printed).not.toMatch(/tiny-control\s*│/);
    expect(renderRetrievalMarkdown(r)).toMatch(/^- tiny-control: not measured/m);
  });

  it('prints one compact table labelled as measured offline, not emulated', () => {
    const printed = renderRetrievalTable(r);
    expect(printed).toMatch(/measured offline.*no model.*nothing emulated/);
    expect(printed).toMatch(/│ tiny-zoo\s+│ memorization │ 4\s+│ 1\.000 \[0\.510, 1\.000\] │/);
    expect(printed).toMatch(/│\s+│ rephrased\s+│ 3\s+│ 0\.333 \[0\.061, 0\.792\] │ 0\.667 \[0\.208, 0\.939\] │ 1\.000 \[0\.439, 1\.000\]/);
  });

  it('becomes a report section per measured domain, with a bar per split and K, and one naming the unmeasured domains', () => {
    const sections = retrievalSections(buildSummary([], { evals: [], retrieval: r }));
    expect(sections.map((s) => s.id)).toEqual(['retrieval-tiny-zoo', 'retrieval-not-measured']);
    const [zoo, none] = sections;
    expect(zoo!.title).toMatch(/measured offline/);
    expect(zoo!.chart!.series).toEqual(['top 1', 'top 3', 'top 5', 'top 10']);
    expect(zoo!.chart!.data).toHaveLength(4 * 4);
    expect(zoo!.chart!.data).toContainEqual({ category: 'rephrased', series: 'top 3', value: 2 / 3, lo: wilsonInterval(2, 3)[0], hi: wilsonInterval(2, 3)[1], n: 3 });
    expect(zoo!.table.rows[1]).toEqual(['rephrased', '3', '0.333 [0.061, 0.792]', '0.667 [0.208, 0.939]', '1.000 [0.439, 1.000]', '1.000 [0.439, 1.000]']);
    expect(none!.chart).toBeUndefined();
    expect(none!.table.rows).toEqual([['tiny-control', '1', expect.stringMatching(/no trained facts/)]]);
    expect(retrievalSections(buildSummary([], { evals: [] }))).toEqual([]);
  });
});
