/**
 * No number without measurement: a provider whose every call failed has no
 * accuracy (null, shown "—", "all N calls failed: …"), a comparison with
 * that side missing says so instead of 0.000 and +0.000, and `npm start` and
 * `npm run report` write their report and then exit 3, unless
 * --max-error-rate accepts that share of errors. The failure is real: the
 * OpenAI emulator refuses the key (401) that `npm start` is given after the
 * models were tuned with a good one.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Comparison } from '../lib/report/comparison.ts';
import { EXIT_TESTS_ERRORED } from '../lib/report/error-gate.ts';
import type { Summary } from '../lib/report/summary.ts';
import { main as reportMain } from '../scripts/commands/report.ts';
import { main as startMain } from '../scripts/commands/main.ts';
import { runMain } from './helpers/command.ts';
import { runPromptfooAsync, tempDir, type RunResult } from './helpers/run.ts';
import { tunedOpenAIWorkspace, type TunedOpenAIWorkspace } from './helpers/openai-tuned-workspace.ts';

const REJECTED = `sk-rejected-${process.pid}-canary`;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

describe('every call of the tuned, base and in-context models fails (401)', () => {
  let t: TunedOpenAIWorkspace;
  let env: NodeJS.ProcessEnv;
  let start: RunResult;
  let summary: Summary & { comparisons: Comparison[] };
  const reports = tempDir('ftbench-reports-');

  beforeAll(async () => {
    t = await tunedOpenAIWorkspace({ rejectKey: REJECTED });
    env = { ...t.w.env, OPENAI_API_KEY: REJECTED, FTBENCH_REPORTS_DIR: reports };
    start = await runMain(startMain, ['--domains', t.w.domains, '--suites', t.w.suites, '--only', 'fictional-people', '--retrieval', '0'], { env });
    summary = JSON.parse(readFileSync(path.join(reports, 'latest', 'summary.json'), 'utf8')) as typeof summary;
  }, 120_000);

  afterAll(async () => {
    await t?.emu.close();
  });

  it(`npm start writes the report, then exits ${EXIT_TESTS_ERRORED} saying how many tests errored`, () => {
    expect(start.code, start.stderr).toBe(EXIT_TESTS_ERRORED);
    const tests = summary.rows.reduce((s, r) => s + r.n + r.errors, 0);
    const errors = summary.rows.reduce((s, r) => s + r.errors, 0);
    expect(errors).toBe((tests * 3) / 4); // three providers of four (lookup needs no key)
    expect(start.stdout).toContain(`error: ${errors} of ${tests} tests errored (75.0%)`);
    expect(start.stdout).toContain(`exit ${EXIT_TESTS_ERRORED}`);
    // The progress lines counted the same errors as they happened (through the suite's extension hook).
    expect(start.stderr).toMatch(new RegExp(`^fictional-people: ${tests}/${tests} tests, ${errors} error\\(s\\), \\S+ elapsed, ETA done$`, 'm'));
    const html = readFileSync(path.join(reports, 'latest', 'index.html'), 'utf8');
    expect(html).toContain(`${errors} of ${tests} tests errored`);
    // --only: the report says it is partial and what it lacks.
    expect((summary as unknown as { scope: object }).scope).toEqual({
      domains: ['fictional-people'],
      partial: true,
      missing: ['general-knowledge-control', 'python-renames'],
      how: 'npm start -- --only fictional-people',
    });
    expect(html).toContain('<strong>Partial report.</strong> It holds fictional-people only');
    expect(start.stdout).toContain('partial report: it holds fictional-people only');
  });

  it('a row whose calls all failed has accuracy null, no interval, and says why', () => {
    const failed = summary.rows.filter((r) => r.provider !== 'lookup');
    expect(failed.length).toBeGreaterThan(0);
    for (const row of failed) {
      expect(row).toMatchObject({ n: 0, correct: 0, accuracy: null, ci95: null });
      expect(row.errors).toBeGreaterThan(0);
      expect(row.firstErrors!.length).toBeGreaterThan(0);
      expect(row.firstErrors!.join(' ')).toMatch(/401/);
    }
    for (const row of summary.rows.filter((r) => r.provider === 'lookup')) expect(row.accuracy).toEqual(expect.any(Number));
    // The terminal table: — and the reason, never 0.000.
    // The matrix cell: no data and why, no number where nothing was measured; the full reason under the table.
    expect(start.stdout).toMatch(/│ 4o-mini base \(emulation\)\s+│ no data\s+│[^\n]*\n│\s+│ all \d+ calls failed\s+│/);
    expect(start.stdout).toMatch(/\n4o-mini base \(emulation\), fictional-people, memorization: no data: all \d+ calls failed: .*401/);
    const md = readFileSync(path.join(reports, 'latest', 'summary.md'), 'utf8');
    expect(md).toMatch(/\| 4o-mini base \(emulation\) \| no data<br>all \d+ calls failed \|/);
    expect(md).toMatch(/\n- 4o-mini base \(emulation\), fictional-people, memorization: no data: all \d+ calls failed: .*401/);
  });

  it('comparisons with a missing side say so: no difference, no 0.000', () => {
    expect(summary.comparisons.length).toBeGreaterThan(0);
    for (const c of summary.comparisons) {
      expect(c.tuned?.accuracy ?? null).toBeNull();
      expect(c.tunedMinusBase).toBeNull();
      expect(c.inContextMinusTuned).toBeNull();
    }
    const line = start.stdout.split('\n').find((l) => /│ fictional-people\s+│ memorization\s+│ gpt-4o-mini\s+│ 4o-mini ft1 \(emulation\)/.test(l))!;
    expect(line).toMatch(/│ no data: all \d+ calls failed\s+│ no data: all \d+ calls failed\s+│ no data: all \d+ calls failed\s+│ —\s+│ —\s+│$/);
    expect(line).not.toMatch(/0\.000/);
    expect(start.stdout).toMatch(/a difference with such a side is —, never \+0\.000/);
  });

  it('--max-error-rate accepts a share of errors; a bad value is one clear line', async () => {
    const accepted = await runMain(startMain, ['--domains', t.w.domains, '--suites', t.w.suites, '--only', 'fictional-people', '--max-error-rate', '80%', '--retrieval', '0'], { env });
    expect(accepted.code, accepted.stderr).toBe(0);
    expect(accepted.stdout).toMatch(/note: \d+ of \d+ tests errored \(75\.0%\).*accepted by --max-error-rate 0\.8/);
    const bad = await runMain(startMain, ['--max-error-rate', 'lots'], { env });
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim()).toBe('error: --max-error-rate: expected a share of tests from 0 to 1 (e.g. 0.05) or a percentage (5%), got "lots"');
  });

  it('npm run report on a promptfoo results file: exit 3 with errors, 0 when they are accepted', async () => {
    // npm start's eval of fictional-people, as promptfoo writes its results file (`promptfoo export eval` writes what `eval -o` does): no second eval.
    const results = path.join(tempDir(), 'results.json');
    const pf = await runPromptfooAsync(['export', 'eval', summary.evals[0]!.evalId!, '-o', results], env);
    expect(pf.code, pf.stderr).toBe(0);
    const out = tempDir();
    const refused = await runMain(reportMain, [results, '--out', out], { env });
    expect(refused.code, refused.stderr).toBe(EXIT_TESTS_ERRORED);
    expect(refused.stdout).toMatch(/error: \d+ of \d+ tests errored \(75\.0%\)/);
    const written = JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8')) as Summary;
    expect(written.rows.find((r) => r.provider === '4o-mini base (emulation)')).toMatchObject({ n: 0, accuracy: null });
    const accepted = await runMain(reportMain, [results, '--out', out, '--max-error-rate', '0.75'], { env });
    expect(accepted.code, accepted.stderr).toBe(0);
  });

  it('the refused key is in no report, suite or output', () => {
    for (const file of [...filesUnder(reports), ...filesUnder(t.w.suites)]) expect(readFileSync(file).includes(REJECTED), file).toBe(false);
    expect(`${start.stdout}${start.stderr}`.includes(REJECTED)).toBe(false);
  });
});
