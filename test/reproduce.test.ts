/**
 * `npm run reproduce -- --json` on the upstream data, offline: the study's
 * recorded responses replayed through promptfoo and regraded. The paper
 * grader's numbers are checked against the study's own rule (strip, lower,
 * compare) applied here to the upstream CSVs.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { meanMemorization, publishedSection } from '../lib/finetunebench/published-section.ts';
import type { ReproduceReport } from '../lib/finetunebench/reproduce.ts';
import { renderTerminal } from '../lib/report/report-sections.ts';
import { runPromptfoo, runScript, tempDir } from './helpers/run.ts';
import { HAS_UPSTREAM, UPSTREAM_DIR, UPSTREAM_SKIP_NOTE, upstreamCsv } from './helpers/upstream.ts';

const MODELS = ['gpt-4o-mini-2024-07-18', 'gpt-3.5-turbo-0125', 'gpt-4o-2024-08-06', 'gemini-1.5-flash-002', 'gemini-1.5-pro-002'];
const MEMORIZATION_FILES: Record<string, string> = {
  'finetunebench-latest-news': 'model_responses/latest_news/latest_news_original_w_responses.csv',
  'finetunebench-fictional-people': 'model_responses/fictional_people/fictional_people_original_w_responses.csv',
};

describe.skipIf(!HAS_UPSTREAM)(`npm run reproduce -- --json${UPSTREAM_SKIP_NOTE}`, () => {
  const configDir = tempDir('ftbench-pfdb-');
  const out = tempDir('ftbench-reproduce-');
  const reports = tempDir('ftbench-reports-');
  let report: ReproduceReport;
  let stderr: string;

  // The real process, as `npm run reproduce` starts it (its time is the machine's business: no timing is asserted here).
  beforeAll(() => {
    const r = runScript('reproduce.ts', ['--from', UPSTREAM_DIR, '--out', out, '--json'], { PROMPTFOO_CONFIG_DIR: configDir, FTBENCH_REPORTS_DIR: reports });
    // Exit 0: the only errors are the questions of the excluded grade columns, known gaps of the published data.
    expect(r.code, r.stderr).toBe(0);
    report = JSON.parse(r.stdout) as ReproduceReport;
    stderr = r.stderr;
  });

  const row = (model: string, domain: string, split: string, grader: string) => {
    const found = report.rows.find((r) => r.provider === model && r.domain === domain && r.split === split && r.grader === grader);
    if (!found) throw new Error(`no row ${model} ${domain} ${split} ${grader}`);
    return found;
  };

  it('prints rows in the shape of summary.json, each with a grader, for the five recorded models', () => {
    // summary.json's order: generatedAt, evals, the overview (memorization vs generalization), then the rows.
    expect(Object.keys(report).slice(0, 4)).toEqual(['generatedAt', 'evals', 'overview', 'rows']);
    expect(report.graders).toEqual(['exact', 'contains', 'paper']);
    for (const r of report.rows) {
      expect(r).toMatchObject({ provider: expect.any(String), domain: expect.any(String), split: expect.any(String), n: expect.any(Number), correct: expect.any(Number), errors: expect.any(Number) });
      // n = 0 (no recorded response) is no data, not an accuracy of 0.
      expect(r.accuracy).toEqual(r.n ? expect.any(Number) : null);
      expect(report.graders).toContain(r.grader);
    }
    expect([...new Set(report.rows.map((r) => r.provider))].sort()).toEqual([...MODELS].sort());
    expect(report.evals.map((e) => e.domain).sort()).toEqual(['finetunebench-fictional-people', 'finetunebench-latest-news']);
    expect(report.skipped.sort()).toEqual(['finetunebench-code-updates', 'finetunebench-medical-guidelines']);
  });

  it('gpt-4o-mini memorizes (exact match ≥ 0.98 on both domains) and both Gemini models do not', () => {
    for (const domain of Object.keys(MEMORIZATION_FILES)) {
      expect(row('gpt-4o-mini-2024-07-18', domain, 'memorization', 'exact').accuracy).toBeGreaterThanOrEqual(0.98);
      for (const gemini of ['gemini-1.5-flash-002', 'gemini-1.5-pro-002'])
        expect(row(gemini, domain, 'memorization', 'exact').accuracy).toBeLessThan(0.1);
    }
  });

  it("the paper grader's memorization equals the study's rule applied to the recorded responses", () => {
    for (const [domain, file] of Object.entries(MEMORIZATION_FILES)) {
      const rows = upstreamCsv(file);
      for (const model of MODELS) {
        const correct = rows.filter((r) => r[`${model}_response`]!.trim().toLowerCase() === r.answer!.trim().toLowerCase()).length;
        expect(row(model, domain, 'memorization', 'paper'), `${model} ${domain}`).toMatchObject({ n: rows.length, correct });
      }
    }
  });

  it("replays no answer for the Gemini columns that hold grades: those questions are errors", () => {
    for (const model of ['gemini-1.5-flash-002', 'gemini-1.5-pro-002']) {
      expect(row(model, 'finetunebench-fictional-people', 'rephrased', 'exact')).toMatchObject({ n: 0, errors: 150 });
      expect(report.excluded).toContainEqual(expect.objectContaining({ model, column: `${model}_response`, file: 'model_responses/fictional_people/fictional_people_rephrased_w_responses.csv' }));
    }
    expect(row('gpt-4o-mini-2024-07-18', 'finetunebench-fictional-people', 'rephrased', 'exact')).toMatchObject({ n: 150, errors: 0 });
  });

  it('containment counts the sentences of rephrased answers that exact match cannot', () => {
    const exact = row('gpt-4o-mini-2024-07-18', 'finetunebench-latest-news', 'rephrased', 'exact');
    const contains = row('gpt-4o-mini-2024-07-18', 'finetunebench-latest-news', 'rephrased', 'contains');
    expect(contains.correct).toBeGreaterThan(exact.correct);
  });

  it('grades comparisons against the recomputed labels, without the self-comparison', () => {
    const upstream = upstreamCsv('model_responses/fictional_people/fictional_people_comparison_w_responses.csv');
    const self = upstream.filter((r) => r.id!.split('-').slice(0, 3).join('-') === r.id!.split('-').slice(3, 6).join('-'));
    expect(row('gpt-4o-mini-2024-07-18', 'finetunebench-fictional-people', 'comparison', 'exact').n).toBe(upstream.length - self.length);
  });

  it("carries the study's published aggregates, read from its README", () => {
    const readme = readFileSync(path.join(UPSTREAM_DIR, 'README.md'), 'utf8');
    expect(report.published.map((p) => p.model)).toEqual(MODELS);
    for (const p of report.published) expect(readme).toMatch(new RegExp(`\\| ${p.model.replace(/\./g, '\\.')}\\s+\\| ${p.memorization}\\s+\\| ${p.generalization}\\s+\\|`));
  });

  it('renders the model × domain × split table, one accuracy per grader, beside the published aggregates', () => {
    const text = renderTerminal(report, [publishedSection(report)]);
    expect(text).toMatch(/domain\s+│\s+model\s+│\s+split\s+│\s+n\s+│\s+exact\s+│\s+contains\s+│\s+paper\s+│\s+errors/);
    expect(text).toMatch(/gemini-1\.5-pro-002\s+│\s+rephrased\s+│\s+0\s+│\s+—/);
    expect(text).toMatch(/no judge is configured, so these are exact match only/);
    expect(text).toMatch(/study: memorization\s+│\s+study: generalization/);
    expect(text).toMatch(/gpt-4o-mini-2024-07-18\s+│\s+0\.99\s+│\s+0\.6475\s+│\s+1\.000/);
  });

  it('writes the HTML report with the study\'s published aggregates beside this run, and says the excluded questions are known gaps', () => {
    const written = JSON.parse(readFileSync(path.join(reports, 'latest', 'summary.json'), 'utf8')) as ReproduceReport & { charts: { id: string; data: { category: string; series: string; value: number }[] }[] };
    expect(written.rows).toEqual(report.rows);
    expect(written.published).toEqual(report.published);
    const published = written.charts.find((c) => c.id === 'chart-published')!;
    for (const p of report.published) {
      expect(published.data).toContainEqual({ category: p.model, series: 'study: memorization', value: p.memorization });
      expect(published.data).toContainEqual({ category: p.model, series: 'study: generalization', value: p.generalization });
    }
    const ours = published.data.find((d) => d.category === 'gpt-4o-mini-2024-07-18' && d.series === 'this run: memorization (exact)')!;
    expect(ours.value).toBeCloseTo(meanMemorization(report.rows, 'gpt-4o-mini-2024-07-18', 'exact')!, 12);
    const html = readFileSync(path.join(reports, 'latest', 'index.html'), 'utf8');
    expect(html).toContain('data-chart="chart-published"');
    // A row with no recorded response has no accuracy, and says why.
    const gemini = written.rows.find((r) => r.provider === 'gemini-1.5-pro-002' && r.split === 'rephrased')!;
    expect(gemini).toMatchObject({ n: 0, accuracy: null, ci95: null });
    expect(gemini.firstErrors![0]).toMatch(/no recorded response for ".*" in .*grades/);
    expect(stderr).toMatch(/note: no test errored \(300 more are known gaps of the data and not counted\)/);
  });

  it('stores both evals in the promptfoo database named by PROMPTFOO_CONFIG_DIR, for promptfoo view', () => {
    const list = runPromptfoo(['list', 'evals'], { PROMPTFOO_CONFIG_DIR: configDir });
    expect(list.code, list.stderr).toBe(0);
    for (const e of report.evals) expect(list.stdout).toContain(e.evalId!);
  });
});
