// One path from promptfoo results to every output: buildSummary makes the
// summary (rows, comparisons, curves, recipes, scope; per grader and
// agreement when asked), and each report section renders itself for the
// terminal, summary.md and index.html from it, so a new section is one file
// and one list entry.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ProviderIdentity } from '../lib/ledger/provider-identity.ts';
import { buildSummary, evalOf } from '../lib/report/build-summary.ts';
import { renderMarkdown } from '../lib/report/render.ts';
import type { ReportData } from '../lib/report/report-data.ts';
import type { Section } from '../lib/report/report-section.ts';
import { buildSections, renderTerminal, SECTIONS } from '../lib/report/report-sections.ts';
import type { PromptfooResultLike } from '../lib/report/summary.ts';
import { writeReport } from '../lib/report/write-report.ts';
import { atEpoch, baseId, inContextId, LOOKUP, runOf, tunedId } from './helpers/identity.ts';
import { tempDir } from './helpers/run.ts';

/** `right` of 10 questions per split answered right; each graded by the cascade (exact, then contains) and by paper mode. */
function answers(provider: string, right: Record<string, number>, options: { identity: ProviderIdentity; emulated?: boolean; domain?: string }): PromptfooResultLike[] {
  return Object.entries(right).flatMap(([split, k]) =>
    Array.from({ length: 10 }, (_, i) => {
      const exact = i < k - 1;
      const pass = i < k; // the last right answer only containment accepts
      const stages = exact ? [{ stage: 'exact', verdict: 'correct', reason: '' }] : [{ stage: 'exact', verdict: 'undecided', reason: '' }, { stage: 'contains', verdict: pass ? 'correct' : 'incorrect', reason: '' }];
      return {
        provider: { id: 'x', label: provider },
        testCase: { metadata: { domain: options.domain ?? 'people', split, question_id: `${split}-${i}` } },
        metadata: { identity: options.identity, ...(options.emulated && { emulated: true }) },
        success: pass,
        gradingResult: {
          pass,
          componentResults: [
            { pass, metadata: { grader: 'cascade', decided_by: exact ? 'exact' : 'contains', stages, stale: null, split } },
            { pass: exact, metadata: { grader: 'paper', decided_by: 'exact', stages: [{ stage: 'exact', verdict: exact ? 'correct' : 'incorrect', reason: '' }], stale: null, split } },
          ],
        },
      };
    }),
  );
}

const M = 'gpt-4o-mini';
const plain = runOf({ name: 'people.e3' });
const variants = runOf({ name: 'people.e3.variants', recipe: 'variants' });
const results = [
  ...answers('gpt-4o-mini base', { memorization: 1, rephrased: 1 }, { identity: baseId(M), emulated: true }),
  ...answers('gpt-4o-mini in-context', { memorization: 10, rephrased: 9 }, { identity: inContextId(M), emulated: true }),
  ...answers('gpt-4o-mini tuned 3 epochs, recipe default', { memorization: 10, rephrased: 1 }, { identity: tunedId(M, plain), emulated: true }),
  ...answers('gpt-4o-mini tuned 3 epochs, recipe default @ epoch 1', { memorization: 4, rephrased: 1 }, { identity: atEpoch(M, plain, 1), emulated: true }),
  ...answers('gpt-4o-mini tuned 3 epochs, recipe variants', { memorization: 10, rephrased: 9 }, { identity: tunedId(M, variants), emulated: true }),
  ...answers('lookup', { memorization: 10, rephrased: 5 }, { identity: LOOKUP }),
];
const evals = [evalOf(results, 'eval-1', 'suites/people.yaml')];

describe('buildSummary', () => {
  it('makes rows, comparisons, a learning curve, a recipe comparison and the scope from results alone', () => {
    const summary = buildSummary(results, { evals, scope: { partial: true, how: 'by hand' }, now: Date.parse('2026-01-02T03:04:05Z') });
    expect(Object.keys(summary)).toEqual(['generatedAt', 'evals', 'overview', 'rows', 'curves', 'recipes', 'comparisons', 'decisions', 'scope']);
    expect(summary.generatedAt).toBe('2026-01-02T03:04:05.000Z');
    expect(summary.evals).toEqual([{ domain: 'people', evalId: 'eval-1', suite: 'suites/people.yaml', tests: results.length }]);
    expect(summary.scope).toEqual({ domains: ['people'], partial: true, how: 'by hand' });
    expect(summary.rows).toHaveLength(12);
    expect(summary.comparisons.map((c) => [c.split, c.tuned?.provider])).toEqual([
      ['memorization', 'gpt-4o-mini tuned 3 epochs, recipe default'],
      ['memorization', 'gpt-4o-mini tuned 3 epochs, recipe variants'],
      ['rephrased', 'gpt-4o-mini tuned 3 epochs, recipe default'],
      ['rephrased', 'gpt-4o-mini tuned 3 epochs, recipe variants'],
    ]);
    expect(summary.curves.map((c) => c.points.filter((p) => p.split === 'memorization').map((p) => [p.epoch, p.accuracy]))).toEqual([[[1, 0.4], [3, 1]]]);
    expect(summary.recipes.map((r) => [r.setting, r.runs.map((x) => x.value)])).toEqual([['recipe', ['default', 'variants']]]);
  });

  it('gives rows once per grader when asked (reproduce), and the analyses from each answer\'s own verdict', () => {
    const summary = buildSummary(results, { evals, byGrader: true });
    expect(summary.graders).toEqual(['exact', 'contains', 'paper']);
    expect(summary.paperJudged).toBe(false);
    const acc = (grader: string) => summary.rows.find((r) => r.provider === 'lookup' && r.split === 'rephrased' && r.grader === grader)!.accuracy;
    expect([acc('exact'), acc('contains'), acc('paper')]).toEqual([0.4, 0.5, 0.4]);
    expect(summary.curves).toEqual(buildSummary(results, { evals }).curves);
    expect(summary.comparisons.every((c) => c.grader)).toBe(true);
  });

  it('adds the graders\' agreement when asked, and only then', () => {
    expect(buildSummary(results, { evals }).agreement).toBeUndefined();
    const { agreement } = buildSummary(results, { evals, agreement: true });
    const lookup = agreement!.find((r) => r.provider === 'lookup' && r.split === 'rephrased')!;
    // contains ran only where exact match did not decide: no accuracy of its own.
    expect(lookup).toMatchObject({ n: 10, exact: 0.4, contains: null, cascade: 0.5 });
  });
});

describe('report sections', () => {
  const summary = buildSummary(results, { evals, scope: { partial: false } });

  it('the terminal is each section\'s block in order: the overview, accuracy (emulation marked), comparisons, the decision table, learning curves and recipes', () => {
    const text = renderTerminal(summary);
    const blocks = SECTIONS.map((s) => s.terminal?.(summary) ?? '').filter(Boolean);
    expect(text).toBe(blocks.join('\n\n'));
    expect(blocks).toHaveLength(5);
    const at = (s: string, from = 0) => text.indexOf(s, from);
    expect(at('Memorization vs generalization (emulation)')).toBe(0);
    const matrix = at('people: accuracy by provider and split (emulation)');
    expect(matrix).toBeGreaterThan(0);
    // The matrix: a row per provider, a column per split; each emulated provider marked, the lookup (no emulator) not.
    expect(text.slice(matrix)).toMatch(/│ provider {20,}│ memorization {3}│ rephrased {6}│\n/);
    expect(at('│ gpt-4o-mini base (emulation)   │ 0.100 n 10     │ 0.100 n 10     │', matrix)).toBeGreaterThan(matrix);
    expect(at('│ lookup                         │ 1.000 n 10     │ 0.500 n 10     │', matrix)).toBeGreaterThan(matrix);
    expect(at('(emulation): these numbers come from the loopback emulators', matrix)).toBeGreaterThan(at('│ lookup', matrix));
    expect(at('Tuned vs base vs in-context (accuracy) (emulation)')).toBeGreaterThan(at('(emulation): these numbers', matrix));
    expect(text).toContain('│ gpt-4o-mini tuned 3 epochs, recipe default (emulation)  │ 1.000 │ 0.100 │');
    expect(at('people: gpt-4o-mini, recipe default (emulation)')).toBeGreaterThan(0);
    // The answers reported no tokens: the decision table says so, never $0.
    expect(at('people: fine-tune or retrieve? accuracy and cost')).toBeGreaterThan(at('Tuned vs base vs in-context'));
    expect(text).toContain('no data: no tokens reported');
    expect(at('Learning curves: accuracy [95% Wilson interval] by epoch')).toBeGreaterThan(at('people: fine-tune or retrieve?'));
    expect(at('Runs that differ in one setting')).toBeGreaterThan(at('Learning curves'));
    expect(text).not.toContain('κ exact·contains'); // agreement only when asked
    const withAgreement = SECTIONS.at(-1)!.terminal!(buildSummary(results, { evals, agreement: true }));
    expect(withAgreement).toContain('κ exact·contains');
    // The agreement table marks emulated providers as every other table does.
    expect(withAgreement).toMatch(/│ gpt-4o-mini base \(emulation\)/);
    expect(withAgreement).toMatch(/│ lookup /);
    expect(withAgreement.trimEnd().split('\n').at(-1)).toMatch(/^\(emulation\): these numbers come from the loopback emulators/);
  });

  it('rows per grader print one accuracy column per grader', () => {
    const text = renderTerminal(buildSummary(results, { evals, byGrader: true }));
    expect(text).toMatch(/│ people\s+│ lookup\s+│ rephrased\s+│ 10 │ 0\.400 │ 0\.500\s+│ 0\.400\* │ 0\s+│/);
    expect(text).toMatch(/│ people\s+│ gpt-4o-mini base \(emulation\)\s+│ memorization │/);
    expect(text).toContain('Accuracy per grader: exact = the cascade stopped after exact; contains = the cascade stopped after contains; paper = the study\'s own grading');
    // The study judged rephrased answers; without a judge, paper mode's are exact match only.
    expect(text).toMatch(/\n\* the study graded .*rephrased.* no judge is configured, so these are exact match only/);
  });

  it('a section added beside the list shows in the terminal, summary.md, index.html and summary.json\'s charts', async () => {
    const extra: Section = {
      terminal: (r: ReportData) => `Providers counted: ${new Set(r.rows.map((x) => x.provider)).size}`,
      markdown: (r: ReportData) => `## Providers counted\n\n${new Set(r.rows.map((x) => x.provider)).size}\n`,
      html: (r: ReportData) => [
        {
          id: 'counted',
          title: 'Providers counted',
          intro: 'How many providers answered.',
          chart: { id: 'chart-counted', title: 'Providers counted', measure: 'accuracy', categoryTitle: 'all', categories: ['all'], series: ['n'], colors: ['#4e79a7'], data: [{ category: 'all', series: 'n', value: new Set(r.rows.map((x) => x.provider)).size / 10 }] },
          table: { head: ['providers'], rows: [[String(new Set(r.rows.map((x) => x.provider)).size)]] },
        },
      ],
    };
    expect(renderTerminal(summary, [extra]).endsWith('\n\nProviders counted: 6')).toBe(true);
    const markdown = renderMarkdown(summary, [...SECTIONS, extra]);
    expect(markdown.indexOf('## Providers counted')).toBeGreaterThan(markdown.indexOf('## Recipe comparisons'));
    expect(markdown.indexOf('## Providers counted')).toBeLessThan(markdown.indexOf('## Evals'));
    expect(buildSections(summary, [extra]).at(-1)!.id).toBe('counted');
    const written = await writeReport(summary, { dir: tempDir('ftbench-sections-'), extraSections: [extra] });
    expect(readFileSync(written.html, 'utf8')).toContain('<section id="counted">');
    expect(readFileSync(written.markdown, 'utf8')).toContain('## Providers counted\n\n6\n');
    const json = JSON.parse(readFileSync(written.json, 'utf8')) as ReportData & { charts: { id: string }[] };
    expect(json.charts.map((c) => c.id)).toContain('chart-counted');
    expect({ ...json, charts: undefined }).toEqual({ ...summary, charts: undefined });
  });
});
