/**
 * End to end, offline, through the commands a person runs: `npm start` (the
 * real process), `npm run suites` and `npm run report` (their main(argv, io)),
 * and `npx promptfoo eval` on a generated suite, each against a temporary
 * promptfoo database and a copy of the bundled domains.
 */
import { existsSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ReportData, ReportScope } from '../lib/report/report-data.ts';
import type { Summary } from '../lib/report/summary.ts';
import { main as buildSuites } from '../scripts/commands/build-suites.ts';
import { main as report } from '../scripts/commands/report.ts';
import { BUNDLED_DOMAIN_IDS, copyBundledDomains } from './helpers/bundled-domains.ts';
import { runMain } from './helpers/command.ts';
import { runNpm, runPromptfoo, tempDir, type RunResult } from './helpers/run.ts';
import { teamDomainYaml } from './helpers/team-domain.ts';

const MINIMAL = teamDomainYaml('my-team', 'My team');

describe('npm start (offline)', () => {
  const configDir = tempDir('ftbench-pfdb-');
  const domains = copyBundledDomains();
  const suites = tempDir();
  const out = tempDir();
  let run: RunResult;

  beforeAll(() => {
    writeFileSync(path.join(domains, 'my-team.yaml'), MINIMAL); // a new domain: one file, no code change
    run = runNpm(['start', '--', '--domains', domains, '--suites', suites, '--out', out], { PROMPTFOO_CONFIG_DIR: configDir });
  });

  it('exits 0 and prints the provider × domain × split table', () => {
    expect(run.code, run.stderr).toBe(0);
    // Per domain, a provider × split matrix: accuracy and n, then the interval, in each cell.
    expect(run.stdout).toMatch(/fictional-people: accuracy by provider and split\n┌[^\n]*\n│ provider\s+│ memorization\s+│ rephrased\s+│[^\n]*\n[^\n]*\n│ lookup\s+│ 1\.000 n 150\s+│/);
    expect(run.stderr).toMatch(/\[1\/4\] fictional-people: 510 tests/);
    // Progress without a terminal: plain lines, the last one of each domain complete.
    expect(run.stderr).toMatch(/^fictional-people: 510\/510 tests, 0 error\(s\), \S+ elapsed, ETA done$/m);
  });

  it('ends by saying that only the lookup baseline was measured, that no model was asked, and what to run next', () => {
    const last = run.stdout.trimEnd().split('\n').slice(-3);
    expect(last[0]).toMatch(/^measured: the lookup baseline only \(.*BM25\) on \d+ questions of 4 domains, and retrieval's hit rate$/);
    expect(last[1]).toMatch(/^no model was asked: the ledger \(FTBENCH_RUNS_DIR\) holds no succeeded fine-tuning run of these domains/);
    expect(last[2]).toMatch(/^next: try a platform offline with the emulator tour: npm run -s emulator -- openai --state \S+ .*; or, with a key, fine-tune: npm run finetune -- plan --domain fictional-people --model gpt-4o-mini --epochs 3$/);
  });

  it('warns in one line that my-team (2 facts) can be evaluated but not fine-tuned, and about no bundled domain', () => {
    const warnings = run.stderr.split('\n').filter((l) => l.includes('fine-tuning needs at least'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^warning: \S*my-team\.yaml: domain "my-team" has 2 facts; fine-tuning needs at least 10, so it can be evaluated but not fine-tuned/);
  });

  it('writes summary.json in the documented shape, with lookup at 1.0 on memorization', () => {
    const summary = JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8')) as ReportData;
    expect(Object.keys(summary).sort()).toEqual(['charts', 'comparisons', 'curves', 'evals', 'generatedAt', 'overview', 'recipes', 'retrieval', 'rows', 'scope']);
    // Only lookup ran: no tuned, base or in-context provider to compare, no run to draw a curve of.
    expect(summary.comparisons).toEqual([]);
    expect([summary.curves, summary.recipes]).toEqual([[], []]);
    expect(summary.evals.map((e) => e.domain).sort()).toEqual(['fictional-people', 'general-knowledge-control', 'my-team', 'python-renames']);
    for (const row of summary.rows) {
      expect(row).toMatchObject({ provider: expect.any(String), domain: expect.any(String), split: expect.any(String), n: expect.any(Number), correct: expect.any(Number), accuracy: expect.any(Number), emulated: false });
      expect(row.ci95![0]).toBeLessThanOrEqual(row.accuracy!);
      expect(row.ci95![1]).toBeGreaterThanOrEqual(row.accuracy!);
    }
    const acc = (domain: string, split: string) => summary.rows.find((r) => r.domain === domain && r.split === split && r.provider === 'lookup')!;
    for (const domain of ['fictional-people', 'python-renames', 'my-team']) expect(acc(domain, 'memorization').accuracy).toBe(1);
    // Surface matching cannot answer closed questions that need the fact: near chance.
    for (const split of ['derived', 'comparison']) {
      const row = acc('fictional-people', split);
      expect(row.accuracy).toBeGreaterThan(0.3);
      expect(row.accuracy).toBeLessThan(0.7);
    }
    expect(acc('fictional-people', 'rephrased').accuracy).toBeLessThan(1);
    expect(acc('python-renames', 'applied').accuracy).toBeLessThan(1);
    expect(acc('python-renames', 'applied').stale).toBe(0);
    expect(acc('general-knowledge-control', 'locality').n).toBe(50);
    expect(readFileSync(path.join(out, 'summary.md'), 'utf8')).toMatch(/### my-team\n\n\| provider \| memorization \| rephrased \|\n\| --- \| --- \| --- \|\n\| lookup \| 1\.000 \\\[[\d.]+, 1\.000\\\]<br>n 2 \|/);
    // results.csv beside it: one row per test and output, the texts as asked (lib/report/results-csv.ts).
    const csv = readFileSync(path.join(out, 'results.csv'), 'utf8');
    expect(csv.split('\n')[0]).toBe('domain,split,question_id,provider,prompt,question,expected,accept,output,verdict,decided_by,stale,error');
    expect(csv).not.toContain('[object Object]');
    expect(csv).toMatch(/^my-team,memorization,[^,]+,lookup,/m);
  });

  it("prints retrieval's hit rate for every domain, measured offline, and writes it to summary.json, summary.md and the charts", () => {
    expect(run.stdout).toMatch(/Retrieval hit rate[^\n]*\n\(measured offline[^)]*nothing emulated/);
    expect(run.stdout.indexOf('Retrieval hit rate')).toBeGreaterThan(run.stdout.search(/accuracy by provider and split/));
    const { retrieval, charts } = JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8')) as Required<Pick<ReportData, 'retrieval'>> & { charts: { id: string }[] };
    expect(retrieval.domains.map((d) => d.domain).sort()).toEqual(['fictional-people', 'general-knowledge-control', 'my-team', 'python-renames']);
    expect(retrieval.domains.find((d) => d.domain === 'general-knowledge-control')!.unmeasured).toMatch(/no trained facts to retrieve/);
    expect(run.stdout).toMatch(/general-knowledge-control: not measured/);
    // my-team has 2 facts: every K ≥ 2 gives both statements, so every question hits there.
    const team = retrieval.rows.filter((r) => r.domain === 'my-team');
    expect(team.map((r) => [r.split, r.n, r.at.slice(1).map((a) => a.hits)])).toEqual([['memorization', 2, [2, 2, 2]], ['rephrased', 1, [1, 1, 1]]]);
    for (const split of ['memorization', 'rephrased', 'derived', 'comparison']) expect(run.stdout).toMatch(new RegExp(`│ ${split}\\s+│ \\d+\\s+│ \\d\\.\\d{3} \\[`));
    expect(charts.map((c) => c.id)).toEqual(expect.arrayContaining(['chart-retrieval-fictional-people', 'chart-retrieval-python-renames', 'chart-retrieval-my-team']));
    expect(readFileSync(path.join(out, 'summary.md'), 'utf8')).toMatch(/## Retrieval hit rate[\s\S]*\| fictional-people \| memorization \| 150 \|/);
  });

  it('stores every eval in the promptfoo database named by PROMPTFOO_CONFIG_DIR', () => {
    const summary = JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8')) as Summary;
    const list = runPromptfoo(['list', 'evals'], { PROMPTFOO_CONFIG_DIR: configDir });
    expect(list.code, list.stderr).toBe(0);
    for (const e of summary.evals) expect(list.stdout).toContain(e.evalId!);
  });
});

describe('generated suites run with plain promptfoo', () => {
  const suites = tempDir('ftbench-suites-');
  /** python-renames' summary from its own eval (the first test), to compare a merged eval's rows with. */
  let alone: Summary | undefined;
  beforeAll(async () => {
    const domains = copyBundledDomains();
    writeFileSync(path.join(domains, 'my-team.yaml'), MINIMAL);
    const r = await runMain(buildSuites, ['--domains', domains, '--out', suites]);
    expect(r.code, r.stderr).toBe(0);
  });

  // One domain through plain promptfoo (npm start above evaluates them all): the update domain, whose report has the most sections.
  it.each(['python-renames'])('npx promptfoo eval -c <suites>/%s.yaml', async (domain) => {
    const configDir = tempDir('ftbench-pfdb-');
    const reports = tempDir('ftbench-reports-');
    const outFile = path.join(tempDir(), 'results.json');
    const r = runPromptfoo(['eval', '-c', path.join(suites, `${domain}.yaml`), '-o', outFile, '--no-progress-bar', '--no-table'], { PROMPTFOO_CONFIG_DIR: configDir, FTBENCH_REPORTS_DIR: reports });
    expect([0, 100], r.stderr).toContain(r.code); // 100: some tests failed, which a baseline does
    const results = JSON.parse(readFileSync(outFile, 'utf8')).results.results as { success: boolean; testCase: { metadata: { split: string } }; gradingResult: { namedScores: Record<string, number> } }[];
    expect(results.length).toBeGreaterThan(0);
    for (const r of results) expect(Object.keys(r.gradingResult.namedScores)).toContain(r.testCase.metadata.split);
    const memorized = results.filter((r) => r.testCase.metadata.split === 'memorization');
    expect(memorized.every((r) => r.success)).toBe(true);

    // npm run report rebuilds the same kind of summary from that file.
    const reportDir = tempDir();
    const rep = await runMain(report, [outFile, '--out', reportDir]);
    expect(rep.code, rep.stderr).toBe(0);
    const summary = JSON.parse(readFileSync(path.join(reportDir, 'summary.json'), 'utf8')) as Summary;
    const n = summary.rows.reduce((s, r) => s + r.n + r.errors, 0);
    expect(n).toBe(results.length);
    expect(existsSync(path.join(reportDir, 'summary.md'))).toBe(true);

    // The suite's extension hook: plain promptfoo ends with the split table and writes the same report, marked partial.
    expect(r.stdout.trimEnd()).toMatch(
      new RegExp(`${domain}: accuracy by provider and split\\n┌[\\s\\S]*│ lookup\\s+│[\\s\\S]*\\nwrote [^\\n]*index\\.html[\\s\\S]*partial report: it holds ${domain} only\\n(no answer needs a judge|[\\d.]+ of \\d+ answers need a judge)[^\\n]*$`),
    );
    const hooked = JSON.parse(readFileSync(path.join(reports, 'latest', 'summary.json'), 'utf8')) as Summary & { scope: ReportScope };
    alone = hooked;
    // The same summary.json, but for when it was made and what each says of its scope and source (the suite, or the results file).
    const sameUpTo = (s: Summary & { scope?: ReportScope }) => ({ ...s, generatedAt: '', scope: s.scope?.domains, evals: s.evals.map(({ suite: _, ...e }) => e) });
    expect(sameUpTo(hooked)).toEqual(sameUpTo(summary));
    expect(hooked.scope).toMatchObject({ domains: [domain], partial: true, how: `one suite run with promptfoo: npx promptfoo eval -c ${path.join(suites, `${domain}.yaml`)}` });
    expect(readFileSync(path.join(reports, 'latest', 'index.html'), 'utf8')).toContain('<strong>Partial report.</strong>');
  });

  // promptfoo merges `-c a.yaml -c b.yaml` into one eval of every provider on every test: the suites' hook keeps each provider bound to one suite off the other's tests.
  it('npx promptfoo eval -c python-renames.yaml -c my-team.yaml: each domain as in its own eval, and the report says what it left out', () => {
    const configDir = tempDir('ftbench-pfdb-');
    const reports = tempDir('ftbench-reports-');
    const outFile = path.join(tempDir(), 'results.json');
    const configs = ['python-renames', 'my-team'].flatMap((d) => ['-c', path.join(suites, `${d}.yaml`)]);
    const env = { PROMPTFOO_CONFIG_DIR: configDir, FTBENCH_REPORTS_DIR: reports };
    const r = runPromptfoo(['eval', ...configs, '-o', outFile, '--no-progress-bar', '--no-table'], env);
    expect([0, 100], r.stderr).toContain(r.code);
    // Each question asked once, of its own domain's lookup: 60 + 3, not 2 × 63.
    const results = JSON.parse(readFileSync(outFile, 'utf8')).results.results as { testCase: { metadata: { domain: string } }; provider: { id: string } }[];
    expect(results).toHaveLength(63);
    for (const x of results) expect(x.provider.id).toBe(`${x.testCase.metadata.domain}/lookup:${x.testCase.metadata.domain}`);

    const merged = JSON.parse(readFileSync(path.join(reports, 'latest', 'summary.json'), 'utf8')) as ReportData;
    const rowsOf = (s: Summary, domain: string) => s.rows.filter((x) => x.domain === domain);
    expect(alone, 'the single-suite eval above ran').toBeDefined();
    expect(rowsOf(merged, 'python-renames')).toEqual(rowsOf(alone!, 'python-renames'));
    expect(rowsOf(merged, 'python-renames').find((x) => x.split === 'memorization')).toMatchObject({ n: 30, accuracy: 1 });
    expect(rowsOf(merged, 'my-team').map((x) => [x.split, x.n, x.accuracy])).toEqual([
      ['memorization', 2, 1],
      ['rephrased', 1, 1],
    ]);
    // What was left out, and why: in summary.json, on the terminal, in summary.md and on the page.
    expect(merged.scope).toMatchObject({
      domains: ['my-team', 'python-renames'],
      partial: true,
      how: `2 suites run with promptfoo: npx promptfoo eval ${configs.join(' ')}`,
      leftOut: {
        pairs: 63,
        of: 126,
        reason: expect.stringContaining("its own suite's providers"),
        providers: [
          { provider: 'lookup', suite: 'python-renames', questions: 3, domains: ['my-team'] },
          { provider: 'lookup', suite: 'my-team', questions: 60, domains: ['python-renames'] },
        ],
      },
    });
    const line = /^Left out 63 of 126 question × provider pairs: each question was asked only of its own suite's providers .*lookup \(suite python-renames\) not asked 3 question\(s\) of my-team; lookup \(suite my-team\) not asked 60 question\(s\) of python-renames\.$/m;
    expect(r.stdout).toMatch(line);
    expect(readFileSync(path.join(reports, 'latest', 'summary.md'), 'utf8')).toContain('Left out 63 of 126 question × provider pairs');
    expect(readFileSync(path.join(reports, 'latest', 'index.html'), 'utf8')).toMatch(/<p class="banner partial" id="left-out"><strong>Left out\.<\/strong> 63 of 126 question × provider pairs/);
    // One report for the eval, although each suite declares the hook.
    const written = () => readdirSync(reports).sort();
    expect(written()).toHaveLength(2); // <time>/ and latest
    const latest = readlinkSync(path.join(reports, 'latest'));

    // An eval that ran no test (a filter that matches none) writes no report and leaves latest as it was.
    const none = runPromptfoo(['eval', ...configs, '--filter-metadata', 'split=no-such-split', '--no-progress-bar', '--no-table'], env);
    expect(none.code, none.stderr).toBe(0);
    expect(none.stdout).toContain(`ftbench: promptfoo ran no test (did a filter match none?): no report written, ${path.join(reports, 'latest')} left as it was`);
    expect(written()).toHaveLength(2);
    expect(readlinkSync(path.join(reports, 'latest'))).toBe(latest);
  });

  it('npm run report explains a file that is not promptfoo output', async () => {
    const bad = path.join(tempDir(), 'nope.json');
    writeFileSync(bad, '{"hello": 1}');
    const r = await runMain(report, [bad]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/nope\.json: not a promptfoo results file/);
  });
});
