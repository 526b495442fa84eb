/**
 * The issue's offline experiment, end to end, through the commands a person
 * runs, against the OpenAI emulator in this process: `npm run augment` writes
 * paraphrases, `npm run finetune -- start` trains two runs (recipe default,
 * and variants on the paraphrases), `npm run suites -- --checkpoints` adds
 * every checkpoint to the suite (as `npm start -- --checkpoints` does), a
 * plain `npx promptfoo eval` evaluates it and `npm run report` reads its
 * results; summary.json then holds a learning curve per run and a recipe
 * comparison with McNemar p-values, and summary.md shows them, labelled as
 * emulation. The suite's promptfoo extension writes the same summary.json
 * from the same eval: one path from results to every report.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startOpenAIEmulator, type OpenAIEmulator } from '../emulators/openai/server.ts';
import { BaseModelKnowledge } from '../emulators/shared/base-model.ts';
import { loadDomainFile } from '../lib/domain/load.ts';
import type { ReportData } from '../lib/report/report-data.ts';
import { main as augment } from '../scripts/commands/augment.ts';
import { main as buildSuites } from '../scripts/commands/build-suites.ts';
import { main as finetune } from '../scripts/commands/finetune.ts';
import { main as report } from '../scripts/commands/report.ts';
import { runMain } from './helpers/command.ts';
import { runPromptfooAsync, tempDir } from './helpers/run.ts';
import { tinyDomain } from './helpers/tiny-domain.ts';

describe('learning curves and a recipe comparison, offline (OpenAI emulator)', () => {
  let emu: OpenAIEmulator;
  const dir = tempDir('ftbench-curves-');
  const domains = path.join(dir, 'domains');
  const out = path.join(dir, 'report');
  const hookReports = path.join(dir, 'hook-reports');
  let env: NodeJS.ProcessEnv;
  let summary: ReportData;

  beforeAll(async () => {
    const { mkdirSync } = await import('node:fs');
    mkdirSync(domains);
    mkdirSync(path.join(dir, 'runs')); // finetune start needs an existing ledger folder (a typo must not pay twice)
    writeFileSync(path.join(domains, 'tiny-people.yaml'), tinyDomain(12));
    emu = await startOpenAIEmulator({ stepMs: 5, knowledge: BaseModelKnowledge.fromDomains([loadDomainFile(path.join(domains, 'tiny-people.yaml'))]) });
    env = { OPENAI_BASE_URL: emu.url, OPENAI_API_KEY: 'emulator-key', FTBENCH_RUNS_DIR: path.join(dir, 'runs'), PROMPTFOO_CONFIG_DIR: path.join(dir, 'promptfoo') };
    vi.stubEnv('OPENAI_BASE_URL', emu.url);
    vi.stubEnv('OPENAI_API_KEY', 'emulator-key');
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await emu?.close();
  });

  it('augment, two runs, a suite with checkpoints through plain promptfoo, npm run report: a curve per run, the recipe difference with its McNemar p', async () => {
    const augmented = await runMain(augment, ['--domain', 'tiny-people', '--domains', domains, '--with', 'openai:chat:gpt-4o-mini', '--paraphrases', '3'], { env, cwd: dir });
    expect(augmented.code, augmented.stderr).toBe(0);
    for (const recipe of ['default', 'variants']) {
      const r = await runMain(finetune, ['start', '--yes', '--wait', '--interval', '0.05', '--domains', domains, '--domain', 'tiny-people', '--model', 'gpt-4o-mini', '--epochs', '3', '--recipe', recipe], { env, cwd: dir });
      expect(r.code, r.stderr).toBe(0);
    }
    const suites = path.join(dir, 'suites');
    const built = await runMain(buildSuites, ['--checkpoints', '--retrieval', '0', '--domains', domains, '--out', suites], { env, cwd: dir });
    expect(built.code, built.stderr).toBe(0);
    const suite = path.join(suites, 'tiny-people.yaml');
    // Each run's checkpoints are a suite of their own (issue 19.3); promptfoo merges the three, each test asked of its own suite's providers.
    const files = readdirSync(suites).filter((f) => f.endsWith('.yaml')).sort();
    expect(files).toHaveLength(3);
    expect(files.filter((f) => /^tiny-people\.checkpoints\.[0-9a-f]{8}\.yaml$/.test(f))).toHaveLength(2);
    expect(files).toContain('tiny-people.yaml');
    const results = path.join(dir, 'results.json');
    const configs = files.flatMap((f) => ['-c', path.join(suites, f)]);
    const evaluated = await runPromptfooAsync(['eval', ...configs, '-o', results, '--no-progress-bar', '--no-table'], { ...env, FTBENCH_REPORTS_DIR: hookReports });
    expect([0, 100], evaluated.stderr + evaluated.stdout).toContain(evaluated.code); // 100: some answers are wrong (the base model's), which is the point
    const reported = await runMain(report, [results, '--out', out], { env, cwd: dir });
    expect(reported.code, reported.stderr).toBe(0);
    // The terminal of npm run report and of the plain eval (the suite's extension prints after promptfoo's own output) alike.
    for (const stdout of [reported.stdout, evaluated.stdout]) {
      expect(stdout).toContain('Learning curves: accuracy [95% Wilson interval] by epoch');
      expect(stdout).toMatch(/│ McNemar +│[^\n]*\n[^\n]*│ p +│/); // the column heads wrap at their spaces on the terminal
      // Emulated numbers say so wherever they are printed: the main table too.
      expect(stdout).toMatch(/│ 4o-mini base \(emulation\) +│ \d\.\d{3} n \d+ +│/);
      expect(stdout).toContain('tiny-people: accuracy by provider and split (emulation)');
      expect(stdout).toContain('\n(emulation): these numbers come from the loopback emulators');
    }
    summary = JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8')) as ReportData;

    // The extension's summary.json is npm run report's on the same eval, but for when it was made and what each says of its scope and source.
    const hooked = JSON.parse(readFileSync(path.join(hookReports, 'latest', 'summary.json'), 'utf8')) as ReportData;
    const sameUpTo = (s: ReportData) => ({ ...s, generatedAt: '', scope: s.scope?.domains, evals: s.evals.map(({ suite: _, ...e }) => e) });
    expect(sameUpTo(hooked)).toEqual(sameUpTo(summary));
    expect(hooked.curves).toHaveLength(2);
    const paths = files.map((f) => path.join(suites, f));
    expect(paths).toContain(suite);
    expect(hooked.evals[0]!.suite).toBe(paths.join(', '));
    expect(hooked.scope).toMatchObject({ domains: ['tiny-people'], partial: true, how: `3 suites run with promptfoo: npx promptfoo eval ${paths.map((p) => `-c ${p}`).join(' ')}` });
    // Each suite's questions were asked of its own providers only; the hook says what the others were not asked.
    expect((hooked.scope as { leftOut?: { pairs: number } }).leftOut?.pairs).toBeGreaterThan(0);
    expect(summary.scope).toEqual({ domains: ['tiny-people'], partial: false, how: `npm run report -- ${results}` });

    const curves = summary.curves!;
    expect(curves.map((c) => [c.label, c.emulated])).toEqual([
      ['gpt-4o-mini, recipe default', true],
      [expect.stringMatching(/^gpt-4o-mini, recipe variants\+aug-[0-9a-f]{6}$/), true],
    ]);
    const series = (c: (typeof curves)[number], split: string) => c.points.filter((p) => p.split === split).map((p) => [p.epoch, p.accuracy]);
    const [plain, variants] = curves as [(typeof curves)[number], (typeof curves)[number]];
    // Memorization grows with the epoch and saturates; rephrased stays flat without paraphrases…
    const memorization = series(plain, 'memorization');
    expect(memorization.map(([e]) => e)).toEqual([1, 2, 3]);
    expect(memorization[0]![1]).toBeLessThan(memorization[2]![1]!);
    expect(memorization[2]![1]).toBe(1);
    expect(series(plain, 'rephrased')).toEqual([[1, 0], [2, 0], [3, 0]]);
    // …and rises with them.
    expect(series(variants, 'rephrased').at(-1)![1]).toBeGreaterThan(0.5);
    expect(plain.references.map((r) => r.role).sort()).toEqual(['base', 'base', 'in-context', 'in-context']);

    const [comparison] = summary.recipes!;
    expect(comparison).toMatchObject({ setting: 'recipe', emulated: true, runs: [{ value: 'default' }, { value: expect.stringMatching(/^variants\+aug-/) }] });
    const rephrased = comparison!.splits.find((s) => s.split === 'rephrased')!.differences[0]!;
    expect(rephrased.n).toBe(12);
    expect(rephrased.difference).toBeGreaterThan(0.5);
    expect(rephrased.excludesZero).toBe(true);
    expect(rephrased.pValue).toBeLessThan(0.01);
    // The HTML report: a learning curve per run (drawn, with its table) and the recipe comparison with its McNemar p.
    const html = readFileSync(path.join(out, 'index.html'), 'utf8');
    expect(html.match(/<figure id="figure-curve-tiny-people-[^"]*" data-figure="[^"]*"><svg/g)).toHaveLength(2);
    expect(html).toMatch(/<h2>tiny-people: learning curve, gpt-4o-mini, recipe default \(emulation\)<\/h2>/);
    expect(html).toMatch(/<h2>tiny-people: runs that differ in recipe \(gpt-4o-mini\) \(emulation\)<\/h2>/);
    expect(html).toContain('<th scope="col">McNemar p</th>');
    // The recipe comparison names its columns: setting, values, n, each side's accuracy, the difference, its interval, p.
    expect(html).toMatch(/<th scope="col">setting<\/th><th scope="col">reference<\/th><th scope="col">compared<\/th><th scope="col">paired n<\/th><th scope="col">accuracy, reference<\/th><th scope="col">accuracy, compared<\/th><th scope="col">difference<\/th><th scope="col">95% CI<\/th>/);
    // Every section of numbers an emulator gave says so in its title (retrieval's hit rate is measured without any model).
    // (The list of evals closing the page holds no measured number.)
    const titles = [...html.matchAll(/<section id="(?!evals")[^"]*">\s*<h2>([^<]*)<\/h2>/g)].map((m) => m[1]!);
    expect(titles.length).toBeGreaterThan(5);
    for (const title of titles) expect(title, title).toMatch(/^Retrieval hit rate: domains not measured$|: retrieval hit rate \(measured offline, no model\)$|\(emulation\)$/);
    const md = readFileSync(path.join(out, 'summary.md'), 'utf8');
    expect(md).toContain('## Learning curves');
    expect(md).toContain('## Recipe comparisons');
    expect(md).toMatch(/\n\(emulation\): these numbers come from the loopback emulators/);
    expect(summary.rows.every((r) => r.emulated === (r.provider !== 'lookup'))).toBe(true);
  });
});
