/**
 * What a person sees, in Debian's chromium: the HTML report of an `npm start`
 * with the OpenAI emulator's tuned, base and in-context models beside lookup
 * (the README's emulator walk-through, on three small domains), and
 * promptfoo's viewer started by `npm run view` on the same evals. Screenshots
 * (1280 px, 1600×1000, print) go to a temporary folder whose paths are
 * printed. Skipped, saying how to enable it, where /usr/bin/chromium is
 * missing; with CI set, a missing browser fails.
 */
import { createServer } from 'node:net';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseProviderLabel } from '../lib/provider-labels.ts';
import type { BarDatum } from '../lib/report/chart-specs.ts';
import type { Comparison, ComparisonCell } from '../lib/report/comparison.ts';
import type { ReportData } from '../lib/report/report-data.ts';
import type { SummaryRow } from '../lib/report/summary.ts';
import { BROWSER_SKIP_NOTE, HAS_CHROMIUM, CHROMIUM_MISSING, launchChromium, type Browser } from './helpers/browser.ts';
import { tunedOpenAIWorkspace, type TunedOpenAIWorkspace } from './helpers/openai-tuned-workspace.ts';
import { main as startMain } from '../scripts/commands/main.ts';
import { runMain } from './helpers/command.ts';
import { startScript, tempDir, type StartedScript } from './helpers/run.ts';

type Written = ReportData & { charts: { id: string; title: string; measure: string; data: BarDatum[] }[] };

const three = (x: number | null) => (x === null ? '—' : x.toFixed(3));
const interval = (ci: [number, number] | null) => (ci ? `[${ci[0].toFixed(3)}, ${ci[1].toFixed(3)}]` : '—');
const side = (c: ComparisonCell | null) => (c === null ? 'not run' : three(c.accuracy));
const signed = (d: number | null) => (d === null ? '—' : `${d >= 0 ? '+' : '-'}${Math.abs(d).toFixed(3)}`);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** The text of every row of the tables in `selector`, cell by cell. */
function tableRows(page: Page, selector: string): Promise<string[][]> {
  return page.$$eval(`${selector} table tbody tr`, (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent!.trim())));
}

/** A bar's aria-label (`split: rephrased; accuracy: 0.5; series: lookup; 95% low: …`) as fields. */
function ariaFields(label: string): Record<string, string> {
  return Object.fromEntries(label.split('; ').map((kv) => [kv.slice(0, kv.indexOf(':')), kv.slice(kv.indexOf(':') + 2)]));
}

describe.skipIf(!HAS_CHROMIUM && !process.env.CI)(`the HTML report and npm run view in chromium${BROWSER_SKIP_NOTE}`, () => {
  let t: TunedOpenAIWorkspace;
  let browser: Browser;
  let report: Written;
  let env: NodeJS.ProcessEnv;
  const reports = tempDir('ftbench-reports-');
  const shots = tempDir('ftbench-screenshots-');
  const screenshots: string[] = [];

  beforeAll(async () => {
    if (!HAS_CHROMIUM) throw new Error(`${CHROMIUM_MISSING} (CI is set; .ci/run installs it)`);
    t = await tunedOpenAIWorkspace();
    env = { ...t.w.env, FTBENCH_REPORTS_DIR: reports };
    const start = await runMain(startMain, ['--domains', t.w.domains, '--suites', t.w.suites], { env });
    expect(start.code, start.stderr).toBe(0);
    report = JSON.parse(readFileSync(path.join(reports, 'latest', 'summary.json'), 'utf8')) as Written;
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await t?.emu.close();
    if (screenshots.length) console.log(`screenshots:\n${screenshots.map((s) => `  ${s}`).join('\n')}`);
  });

  async function shoot(page: Page, name: string, fullPage = false): Promise<void> {
    const file = path.join(shots, `${name}.png`);
    await page.screenshot({ path: file, fullPage });
    screenshots.push(file);
  }

  it('npm start evaluated the tuned, base and in-context models beside lookup', () => {
    const roles = new Set(report.rows.map((r) => parseProviderLabel(r.provider)?.role ?? r.provider));
    expect([...roles].sort()).toEqual(['base', 'in-context', 'lookup', 'tuned']);
    expect(report.scope).toMatchObject({ partial: false });
  });

  it('the report draws every chart with one bar per datum, at the height summary.json says, with its error bars', async () => {
    const page = await browser.context.newPage();
    await page.goto(`file://${path.join(reports, 'latest', 'index.html')}`);
    const ids = report.charts.map((c) => c.id);
    // Accuracy per domain, tuned vs base vs in-context per tuned domain, locality, stale answers.
    for (const d of ['fictional-people', 'python-renames', 'general-knowledge-control']) expect(ids).toContain(`chart-accuracy-${d}`);
    expect(ids).toEqual(expect.arrayContaining(['chart-compare-fictional-people-gpt-4o-mini', 'chart-compare-python-renames-gpt-4o-mini', 'chart-locality', 'chart-stale-python-renames']));
    for (const chart of report.charts) {
      const figure = page.locator(`figure[data-chart="${chart.id}"]`);
      const bars = figure.locator('svg g.mark-rect.role-mark path');
      expect(await bars.count(), chart.id).toBe(chart.data.length);
      expect(chart.data.length, chart.id).toBeGreaterThan(0);
      expect(await figure.locator('svg g.mark-rule.role-mark line').count(), chart.id).toBe(chart.data.filter((d) => d.lo !== undefined).length);
      // Each bar says what it is; its value and height are the datum's.
      const drawn = await bars.evaluateAll((paths) => paths.map((p) => ({ label: p.getAttribute('aria-label')!, height: (p as SVGGraphicsElement).getBBox().height })));
      const plotHeight = 220;
      for (const bar of drawn) {
        const f = ariaFields(bar.label);
        const datum = chart.data.find((d) => d.series === f.series && Object.values(f).includes(d.category))!;
        expect(datum, `${chart.id}: ${bar.label}`).toBeDefined();
        expect(Number(f[chart.measure])).toBeCloseTo(datum.value, 9);
        expect(bar.height / plotHeight).toBeCloseTo(datum.value, 2);
      }
    }
    await shoot(page, 'report-1280', true);
    await page.setViewportSize({ width: 1600, height: 1000 });
    await shoot(page, 'report-1600x1000');
    await page.emulateMedia({ media: 'print' });
    await shoot(page, 'report-print', true);
    const pdf = path.join(shots, 'report-print.pdf');
    await page.pdf({ path: pdf, format: 'A4' });
    screenshots.push(pdf);
    await page.close();
  });

  it("the report's tables show summary.json's numbers", async () => {
    const page = await browser.context.newPage();
    await page.goto(`file://${path.join(reports, 'latest', 'index.html')}`);
    for (const domain of new Set(report.rows.map((r) => r.domain))) {
      const shown = await tableRows(page, `#accuracy-${domain}`);
      const rows = report.rows.filter((r) => r.domain === domain);
      expect(shown).toHaveLength(rows.length);
      const stale = rows.some((r) => r.stale !== undefined);
      for (const r of rows as SummaryRow[]) {
        const expected = [r.provider, r.split, String(r.n), three(r.accuracy), interval(r.ci95), ...(stale ? [r.stale === undefined ? '' : three(r.stale)] : [])];
        expect(shown, `${domain} ${r.provider} ${r.split}`).toContainEqual(expected);
      }
    }
    const byDomain = new Map<string, Comparison[]>();
    for (const c of report.comparisons.filter((x) => x.split !== 'locality')) byDomain.set(c.domain, [...(byDomain.get(c.domain) ?? []), c]);
    for (const [domain, comparisons] of byDomain) {
      const shown = await tableRows(page, `#compare-${domain}-gpt-4o-mini`);
      for (const c of comparisons) {
        const run = c.tuned!.provider.slice(c.tuned!.provider.indexOf(' ') + 1);
        expect(shown).toContainEqual([c.split, run, side(c.tuned), side(c.base), side(c.inContext), signed(c.tunedMinusBase), signed(c.inContextMinusTuned)]);
      }
    }
    const locality = await tableRows(page, '#locality');
    const local = report.comparisons.filter((c) => c.split === 'locality');
    expect(locality).toHaveLength(local.length);
    for (const c of local) expect(locality).toContainEqual([c.domain, c.baseModel, c.tuned!.provider.slice(c.tuned!.provider.indexOf(' ') + 1), side(c.tuned), side(c.base), signed(c.tunedMinusBase)]);
    await page.close();
  });

  describe('npm run view on those evals', () => {
    let viewer: StartedScript;
    let url: string;
    let stdout = '';
    let stderr = '';

    beforeAll(async () => {
      viewer = startScript('view.ts', ['--port', String(await freePort())], env);
      viewer.child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
      url = await new Promise<string>((resolve, reject) => {
        viewer.child.stdout!.on('data', (d: Buffer) => {
          stdout += d.toString();
          const m = /promptfoo's viewer: (http:\/\/\S+)/.exec(stdout);
          if (m && stdout.includes(report.evals.at(-1)!.domain)) resolve(m[1]!);
        });
        void viewer.result.then((r) => reject(new Error(`npm run view exited ${r.code}: ${r.stderr}`)));
      });
    }, 60_000);

    afterAll(() => viewer?.kill('SIGTERM'));

    it('prints its URL and a link to each eval of the newest report; no banner, no warning', () => {
      expect(url).toMatch(/^http:\/\/localhost:\d+$/);
      for (const e of report.evals) expect(stdout).toContain(`${e.domain}: ${url}/eval/${encodeURIComponent(e.evalId!)}`);
      expect(`${stdout}${stderr}`).not.toMatch(/Node\.js 20 support|ExperimentalWarning|telemetry|share/i);
    });

    it('shows one output column per provider, with a chip per split whose score is the summary\'s', async () => {
      const page = await browser.context.newPage();
      await page.setViewportSize({ width: 1600, height: 1000 });
      const chipsSeen: string[] = [];
      for (const e of report.evals) {
        await page.goto(`${url}/eval/${encodeURIComponent(e.evalId!)}`);
        await page.locator('.output-header').first().waitFor({ timeout: 30_000 });
        const rows = report.rows.filter((r) => r.domain === e.domain);
        const providers = [...new Set(rows.map((r) => r.provider))];
        const columns = await page.$$eval('th .output-header', (headers) =>
          headers.map((h) => ({
            provider: h.querySelector('.provider')!.textContent!.trim(),
            chips: [...h.querySelectorAll('.metric-chip')].map((c) => ({
              split: c.querySelector('.metric-name')!.textContent!.trim(),
              value: c.querySelector('.metric-value')!.textContent!.trim(),
            })),
          })),
        );
        expect(columns.map((c) => c.provider).sort(), e.domain).toEqual([...providers].sort());
        for (const column of columns) {
          const own = rows.filter((r) => r.provider === column.provider);
          // One chip per split, and `stale` (a named score of its own) where questions have a previous answer.
          const withStale = own.filter((r) => r.stale !== undefined);
          const expected = new Map(own.map((r) => [r.split, [r.correct, r.n]]));
          if (withStale.length) expected.set('stale', [withStale.reduce((s, r) => s + Math.round(r.stale! * r.n), 0), withStale.reduce((s, r) => s + r.n, 0)]);
          expect(column.chips.map((c) => c.split).sort(), `${e.domain} ${column.provider}`).toEqual([...expected.keys()].sort());
          for (const chip of column.chips) {
            const m = /\(([\d.]+)\/([\d.]+)\)/.exec(chip.value)!;
            expect([Number(m[1]), Number(m[2])], `${e.domain} ${column.provider} ${chip.split}: ${chip.value}`).toEqual(expected.get(chip.split));
          }
          chipsSeen.push(`${e.domain} | ${column.provider} | ${column.chips.map((c) => `${c.split} ${c.value}`).join(' · ')}`);
        }
        if (e.domain === 'fictional-people') await shoot(page, 'viewer-eval-1600x1000');
      }
      console.log(`viewer columns and chips:\n${chipsSeen.join('\n')}`);
      await page.close();
    });

    it("lists each eval with its suite's test count", async () => {
      const page = await browser.context.newPage();
      await page.setViewportSize({ width: 1600, height: 1000 });
      await page.goto(`${url}/evals`);
      await page.locator(`a[href="/eval/${report.evals[0]!.evalId}"]`).waitFor({ timeout: 30_000 });
      const column = await page.$$eval('table thead th', (ths) => ths.findIndex((th) => /tests/i.test(th.textContent ?? '')));
      expect(column).toBeGreaterThan(0);
      for (const e of report.evals) {
        const cells = await page.locator('table tbody tr', { has: page.locator(`a[href="/eval/${e.evalId}"]`) }).locator('td').allTextContents();
        expect(Number(cells[column]!.trim()), e.domain).toBe(e.tests);
        console.log(`eval list: ${e.domain} ${e.evalId}: ${cells[column]!.trim()} tests (suite: ${e.tests})`);
      }
      await shoot(page, 'viewer-evals-1600x1000');
      await page.close();
    });

    it('sends nothing off the machine: the pages tried no other host', () => {
      expect(browser.offMachine).toEqual([]);
    });
  });
});
