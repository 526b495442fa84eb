/**
 * What a person sees, in Debian's chromium: the HTML report of an `npm start`
 * with the OpenAI emulator's tuned, base and in-context models beside lookup
 * (the README's emulator walk-through, on three small domains), and
 * promptfoo's viewer started by `npm run view` on the same evals. Screenshots
 * (1280 px, 1600×1000, print) go to a temporary folder whose paths are
 * printed. Skipped, saying how to enable it, where /usr/bin/chromium is
 * missing; with CI set, a missing browser fails.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PROMPTFOO_NODE_ARGS, promptfooEnv } from '../lib/eval/promptfoo-env.ts';
import { PROMPTFOO_BIN } from '../lib/eval/run-promptfoo.ts';
import type { BarDatum } from '../lib/report/chart-specs.ts';
import type { Comparison, ComparisonCell } from '../lib/report/comparison.ts';
import type { ReportData } from '../lib/report/report-data.ts';
import type { SummaryRow } from '../lib/report/summary.ts';
import { textOf } from '../lib/suites/verbatim.ts';
import { BROWSER_SKIP_NOTE, HAS_CHROMIUM, CHROMIUM_MISSING, launchChromium, type Browser } from './helpers/browser.ts';
import { tunedOpenAIWorkspace, type TunedOpenAIWorkspace } from './helpers/openai-tuned-workspace.ts';
import { main as startMain } from '../scripts/commands/main.ts';
import { runMain } from './helpers/command.ts';
import { startScript, tempDir, type StartedScript } from './helpers/run.ts';
import { freePort } from './helpers/free-port.ts';

const execFileAsync = promisify(execFile);

type Written = ReportData & { charts: { id: string; title: string; measure: string; data: BarDatum[] }[] };

/** A label as the report shows an emulated provider's: marked once (a generated suite's label may already carry the mark). */
const marked = (label: string, emulated?: boolean) => (emulated && !label.endsWith(' (emulation)') ? `${label} (emulation)` : label);
const three = (x: number | null) => (x === null ? '—' : x.toFixed(3));
const interval = (ci: [number, number] | null) => (ci ? `[${ci[0].toFixed(3)}, ${ci[1].toFixed(3)}]` : '—');
const side = (c: ComparisonCell | null) => (c === null ? 'not run' : three(c.accuracy));
const signed = (d: number | null) => (d === null ? '—' : `${d >= 0 ? '+' : '-'}${Math.abs(d).toFixed(3)}`);

/** The text of every row of the tables in `selector`, cell by cell. */
function tableRows(page: Page, selector: string): Promise<string[][]> {
  return page.$$eval(`${selector} table tbody tr`, (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent!.trim())));
}

/** Each test of the suite `npm start` built for `domain`: its description and its question var, the text the models were asked. */
function suiteQuestions(suites: string, domain: string): { description: string; question: string }[] {
  const suite = parse(readFileSync(path.join(suites, `${domain}.yaml`), 'utf8')) as { tests: { description: string; vars: { question: unknown } }[] };
  return suite.tests.map((test) => ({ description: test.description, question: textOf(test.vars.question)! }));
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
  // `npm run view` on those evals, for the tests under 'npm run view on those evals': started as soon as npm start has
  // stored the evals, so that it comes up, and its pages load, while the tests before them run.
  let viewer: StartedScript | undefined;
  let viewerUp: Promise<string>;
  let url: string;
  let stdout = '';
  let stderr = '';
  /** Requests of the pages that the viewer's guard refused (403). */
  const refused: string[] = [];

  beforeAll(async () => {
    if (!HAS_CHROMIUM) throw new Error(`${CHROMIUM_MISSING} (CI is set; .ci/run installs it)`);
    // Chromium starts while the models are tuned and evaluated; set at once, so afterAll closes it whatever fails.
    const launched = launchChromium().then((b) => (browser = b));
    launched.catch(() => {}); // awaited below
    t = await tunedOpenAIWorkspace();
    env = { ...t.w.env, FTBENCH_REPORTS_DIR: reports };
    const start = await runMain(startMain, ['--domains', t.w.domains, '--suites', t.w.suites, '--retrieval', '0'], { env });
    expect(start.code, start.stderr).toBe(0);
    report = JSON.parse(readFileSync(path.join(reports, 'latest', 'summary.json'), 'utf8')) as Written;
    await launched;
    browser.context.on('response', (r) => {
      if (r.status() === 403) refused.push(`${r.request().method()} ${r.url()}`);
    });
    viewerUp = startView();
    viewerUp.catch(() => {}); // awaited by the viewer's tests, which fail with its error
  }, 180_000);

  afterAll(async () => {
    viewer?.kill('SIGTERM');
    await browser?.close();
    await t?.emu.close();
    if (screenshots.length) console.log(`screenshots:\n${screenshots.map((s) => `  ${s}`).join('\n')}`);
  });

  /** Starts `npm run view`; resolves with its URL once it lists the newest report's evals, and starts loading the eval pages. */
  async function startView(): Promise<string> {
    const started = startScript('view.ts', ['--port', String(await freePort())], env);
    viewer = started;
    started.child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    url = await new Promise<string>((resolve, reject) => {
      started.child.stdout!.on('data', (d: Buffer) => {
        stdout += d.toString();
        const m = /promptfoo's viewer: (http:\/\/\S+)/.exec(stdout);
        if (m && stdout.includes(report.evals.at(-1)!.domain)) resolve(m[1]!);
      });
      void started.result.then((r) => reject(new Error(`npm run view exited ${r.code}: ${r.stderr}`)));
    });
    // The viewer takes seconds to draw an eval's table: every eval's page loads at once (each test awaits the page it reads).
    for (const e of report.evals) evalPage(e.evalId!).catch(() => {});
    return url;
  }

  /**
   * Each eval's page at 1600×1000, loaded once and read by the viewer's tests
   * below: they run in order, and each leaves the page as it found it (a
   * dialog closed, the table at its top). The test that filters and searches
   * opens a page of its own (filterPage).
   */
  const evalPages = new Map<string, Promise<Page>>();
  function evalPage(evalId: string): Promise<Page> {
    let page = evalPages.get(evalId);
    if (!page) {
      page = loadEvalPage(evalId);
      evalPages.set(evalId, page);
    }
    return page;
  }
  async function loadEvalPage(evalId: string): Promise<Page> {
    const p = await browser.context.newPage();
    await p.setViewportSize({ width: 1600, height: 1000 });
    await p.goto(`${url}/eval/${encodeURIComponent(evalId)}`);
    // Up to a minute: the pages load side by side.
    await p.locator('.output-header').first().waitFor({ timeout: 60_000 });
    await p.locator('table.results-table tbody tr').first().waitFor({ timeout: 60_000 });
    return p;
  }
  let filtering: Promise<Page> | undefined;
  function filterPage(): Promise<Page> {
    filtering ??= loadEvalPage(report.evals.find((x) => x.domain === 'fictional-people')!.evalId!);
    return filtering;
  }
  /** The viewer's list of evals, read by the list test, then used as a same-origin page by the write-refusal test. */
  let evalList: Promise<Page> | undefined;
  function evalListPage(): Promise<Page> {
    evalList ??= (async () => {
      const page = await browser.context.newPage();
      await page.setViewportSize({ width: 1600, height: 1000 });
      await page.goto(`${url}/evals`);
      return page;
    })();
    return evalList;
  }

  async function shoot(page: Page, name: string, fullPage = false): Promise<void> {
    const file = path.join(shots, `${name}.png`);
    await page.screenshot({ path: file, fullPage });
    screenshots.push(file);
  }

  it('npm start evaluated the tuned, base and in-context models beside lookup', () => {
    const roles = new Set(report.rows.map((r) => r.identity?.role ?? r.provider));
    expect([...roles].sort()).toEqual(['base', 'in-context', 'lookup', 'tuned']);
    expect(report.scope).toMatchObject({ partial: false });
  });

  it("npm start's promptfoo runs write no debug log (the project's promptfoo environment turns it off)", () => {
    // promptfoo writes its per-run logs beside its database; the error log stays on.
    const logs = readdirSync(path.join(t.w.promptfoo, 'logs'));
    expect(logs.some((f) => f.startsWith('promptfoo-error-')), logs.join(', ')).toBe(true);
    expect(logs.filter((f) => f.startsWith('promptfoo-debug-'))).toEqual([]);
  });

  it("promptfoo's own results table (promptfoo show eval) shows each question as asked, not the in-context prompt", async () => {
    const withInContext = report.evals.filter((e) => report.rows.some((r) => r.domain === e.domain && r.identity?.role === 'in-context'));
    expect(withInContext.map((e) => e.domain).sort()).toEqual(['fictional-people', 'python-renames']);
    // Both at once: each is a promptfoo process of a few seconds.
    const shows = await Promise.all(
      withInContext.map((e) => execFileAsync(process.execPath, [...PROMPTFOO_NODE_ARGS, PROMPTFOO_BIN, 'show', 'eval', e.evalId!], { env: promptfooEnv(env), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })),
    );
    for (const [i, e] of withInContext.entries()) {
      const shown = shows[i]!;
      expect(shown.stdout, e.domain).toMatch(/in-context/);
      expect(shown.stdout, e.domain).toMatch(/\[(PASS|FAIL)\]/);
      // The in-context prompt starts "Facts:"; no question does.
      expect(shown.stdout, e.domain).not.toContain('Facts:');
    }
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
    // Every section of numbers an emulator gave says so in its title (retrieval's hit rate is measured without a model).
    const titles = await page.$$eval('section:not(#evals) h2', (hs) => hs.map((h) => h.textContent!.trim()));
    expect(titles[0]).toBe('Overview: memorization vs generalization (emulation)');
    for (const title of titles) expect(title).toMatch(/^Retrieval hit rate: domains not measured$|: retrieval hit rate \(measured offline, no model\)$|\(emulation\)$/);
    // Legends name every series whole: no label cut, no two alike.
    const legends = await page.$$eval('figure svg', (svgs) => svgs.map((svg) => [...svg.querySelectorAll('g.role-legend-label text')].map((t) => t.textContent!)));
    for (const labels of legends) {
      expect(new Set(labels).size).toBe(labels.length);
      for (const label of labels) expect(label).not.toContain('…');
    }
    // No table scrolls sideways, at 1280 px or at 1600×1000: matrices use narrow cells, wide tables go under their charts.
    const overflowing = () => page.$$eval('.table-wrap', (wraps) => wraps.filter((w) => w.scrollWidth > w.clientWidth + 1).map((w) => w.closest('section')!.id));
    expect(await overflowing()).toEqual([]);
    await shoot(page, 'report-1280', true);
    await page.setViewportSize({ width: 1600, height: 1000 });
    expect(await overflowing()).toEqual([]);
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
      // A provider × split matrix: a row per provider (marked when an emulator answered), a column per split.
      const shown = await tableRows(page, `#accuracy-${domain}`);
      const head = await page.$$eval(`#accuracy-${domain} table thead th`, (ths) => ths.map((th) => th.textContent!.trim()));
      const rows = report.rows.filter((r) => r.domain === domain) as SummaryRow[];
      expect(head[0]).toBe('provider');
      expect(head.slice(1).sort()).toEqual([...new Set(rows.map((r) => r.split))].sort());
      expect(shown).toHaveLength(new Set(rows.map((r) => r.provider)).size);
      for (const r of rows) {
        const label = marked(r.provider, r.emulated);
        const row = shown.find((cells) => cells[0] === label);
        expect(row, `${domain} ${label}`).toBeDefined();
        const cell = row![head.indexOf(r.split)]!.split('\n');
        if (r.n === 0) {
          expect(cell[0]).toBe('no data');
          continue;
        }
        // Accuracy and n, then the interval (and errors); then the undecided, the upper bound and the stale share where there are any.
        expect(cell.slice(0, 2), `${domain} ${r.provider} ${r.split}`).toEqual([`${three(r.accuracy)} n ${r.n}`, interval(r.ci95)]);
        if (r.errors) expect(cell[2]).toBe(`${r.errors} error${r.errors === 1 ? '' : 's'}`);
        if ((r.undecided ?? 0) > 0) expect(cell).toContain(`upper ${three(r.bounds!.upper)}`);
        if (r.stale !== undefined) expect(cell).toContain(`stale ${three(r.stale)}`);
      }
    }
    const byDomain = new Map<string, Comparison[]>();
    for (const c of report.comparisons.filter((x) => x.split !== 'locality')) byDomain.set(c.domain, [...(byDomain.get(c.domain) ?? []), c]);
    for (const [domain, comparisons] of byDomain) {
      const shown = await tableRows(page, `#compare-${domain}-gpt-4o-mini`);
      for (const c of comparisons) {
        expect(shown).toContainEqual([c.split, marked(c.tuned!.provider, true), side(c.tuned), side(c.base), side(c.inContext), signed(c.tunedMinusBase), signed(c.inContextMinusTuned)]);
      }
    }
    const locality = await tableRows(page, '#locality');
    const local = report.comparisons.filter((c) => c.split === 'locality');
    expect(locality).toHaveLength(local.length);
    for (const c of local) expect(locality).toContainEqual([c.domain, c.baseModel, marked(c.tuned!.provider, true), side(c.tuned), side(c.base), signed(c.tunedMinusBase)]);
    await page.close();
  });

  describe('npm run view on those evals', () => {
    beforeAll(async () => {
      await viewerUp;
    }, 60_000);

    afterAll(async () => {
      for (const page of [...evalPages.values(), filtering, evalList]) await page?.then((p) => p.close(), () => {});
      viewer?.kill('SIGTERM');
    });

    it('prints its URL and a link to each eval of the newest report; no banner, no warning', () => {
      expect(url).toMatch(/^http:\/\/localhost:\d+$/);
      for (const e of report.evals) expect(stdout).toContain(`${e.domain}: ${url}/eval/${encodeURIComponent(e.evalId!)}`);
      expect(`${stdout}${stderr}`).not.toMatch(/Node\.js 20 support|ExperimentalWarning|telemetry|share/i);
      expect(stdout).toMatch(/read-only, on 127\.0\.0\.1 and ::1 only: \d+ of the \d+ routes of promptfoo's API are served/);
    });

    it('shows one output column per provider, with a chip per split whose score is the summary\'s', async () => {
      const chipsSeen: string[] = [];
      for (const e of report.evals) {
        const page = await evalPage(e.evalId!);
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
          // One chip per split; the column's share undecided and its upper bound (no judge here); `stale` where questions have a previous answer.
          const withStale = own.filter((r) => r.stale !== undefined);
          const expected = new Map(own.map((r) => [r.split, [r.correct, r.n]]));
          const total = (f: (r: SummaryRow) => number) => own.reduce((s, r) => s + f(r), 0);
          expected.set('undecided', [total((r) => r.undecided!), total((r) => r.n)]);
          expected.set('upper', [total((r) => r.correct + r.undecided!), total((r) => r.n)]);
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
    });

    it('at 1600×1000 shows the question, the expected answer and every output column, without horizontal scrolling', async () => {
      const seen: string[] = [];
      for (const e of report.evals) {
        const page = await evalPage(e.evalId!);
        const layout = await page.evaluate(() => {
          const box = (el: Element) => {
            const r = el.getBoundingClientRect();
            return { left: Math.round(r.left), right: Math.round(r.right) };
          };
          const [header] = document.querySelectorAll('table.results-table');
          const heads = [...header!.querySelectorAll('thead tr:last-child > th')];
          const column = (name: string) => heads.find((th) => th.textContent!.trim() === name);
          // Every box around the tables that could scroll sideways, up to the page itself.
          const boxes = new Set<Element>([document.scrollingElement!]);
          for (const table of document.querySelectorAll('table.results-table')) for (let el = table.parentElement; el; el = el.parentElement) boxes.add(el);
          return {
            width: document.documentElement.clientWidth,
            stylesheet: document.querySelectorAll('style#ftbench-viewer-table').length,
            question: column('question') && box(column('question')!),
            expected: column('expected') && box(column('expected')!),
            outputs: heads.filter((th) => th.querySelector('.output-header')).map(box),
            firstRow: [...document.querySelectorAll('table.results-table tbody tr:first-child > td')].map(box),
            overflowing: [...boxes].filter((el) => el.scrollWidth > el.clientWidth).map((el) => `${el.tagName}.${String(el.className)} ${el.scrollWidth} > ${el.clientWidth}`),
            splitChipNames: [...document.querySelectorAll('.metric-name')].filter((n) => n.getClientRects().length > 1).map((n) => n.textContent),
          };
        });
        const providers = new Set(report.rows.filter((r) => r.domain === e.domain).map((r) => r.provider));
        expect(layout.width).toBe(1600);
        expect(layout.stylesheet, 'npm run view adds its stylesheet once').toBe(1);
        expect(layout.overflowing, e.domain).toEqual([]);
        expect(layout.outputs.length, e.domain).toBe(providers.size);
        expect(layout.outputs.length).toBeGreaterThanOrEqual(3);
        for (const [name, b] of [['question', layout.question], ['expected', layout.expected], ...layout.outputs.map((o, i) => [`output ${i + 1}`, o] as const)] as const) {
          expect(b, `${e.domain} ${name}`).toBeTruthy();
          expect(b!.left, `${e.domain} ${name}`).toBeGreaterThanOrEqual(0);
          expect(b!.right, `${e.domain} ${name}`).toBeLessThanOrEqual(layout.width);
        }
        // Readable: an output column keeps 200 px or more, and a metric's name is never broken across lines.
        for (const o of layout.outputs) expect(o.right - o.left, e.domain).toBeGreaterThanOrEqual(200);
        expect(layout.splitChipNames, e.domain).toEqual([]);
        for (const cell of layout.firstRow) expect(cell.right, e.domain).toBeLessThanOrEqual(layout.width);
        seen.push(`${e.domain}: question ${layout.question!.left}-${layout.question!.right}, expected ${layout.expected!.left}-${layout.expected!.right}, ${layout.outputs.length} outputs ${layout.outputs.map((o) => `${o.left}-${o.right}`).join(' ')} (window ${layout.width})`);
        if (e.domain === 'python-renames') {
          await shoot(page, 'viewer-fit-1600x1000');
          await page.mouse.move(800, 700);
          await page.mouse.wheel(0, 600);
          await page.waitForTimeout(500);
          await shoot(page, 'viewer-fit-rows-1600x1000');
          await page.mouse.wheel(0, -600);
          await page.waitForTimeout(500);
        }
      }
      console.log(`viewer columns at 1600×1000:\n${seen.join('\n')}`);
    });

    it("shows each row's question as the models were asked it; the in-context prompt is in the output's details", async () => {
      for (const domain of ['fictional-people', 'python-renames']) {
        const e = report.evals.find((x) => x.domain === domain)!;
        const page = await evalPage(e.evalId!);
        const rows = await page.$$eval('table.results-table tbody tr', (trs) =>
          trs.map((tr) => ({ description: tr.querySelector('td:nth-child(1)')!.textContent!, question: tr.querySelector('td:nth-child(2)')!.textContent! })),
        );
        const byDescription = (a: { description: string }, b: { description: string }) => a.description.localeCompare(b.description);
        expect([...rows].sort(byDescription), domain).toEqual(suiteQuestions(t.w.suites, domain).sort(byDescription));
        // The in-context column's first output: its details' metadata hold the prompt really sent, facts first.
        const column = (await page.$$eval('th .output-header .provider', (ps) => ps.map((p) => p.textContent!.trim()))).findIndex((p) => / in-context( \(emulation\))?$/.test(p));
        expect(column, domain).toBeGreaterThanOrEqual(0);
        const cell = page.locator('table.results-table tbody tr').first().locator('td').nth(3 + column);
        // The details button is pressed from the keyboard: on hover the cell's toolbar gains buttons and wraps onto a
        // second line, moving the details button from under a pointer that aimed at it (a mouse click then missed,
        // now and then). Only a press that opened no dialog is retried: on a loaded machine the dialog can take
        // seconds to draw, and closing a slow one to press again never lets it finish.
        const details = page.getByRole('dialog');
        const detailsButton = cell.getByRole('button', { name: 'View output and test details' });
        for (let attempt = 1; ; attempt++) {
          await cell.hover();
          await detailsButton.focus();
          await page.keyboard.press('Enter');
          try {
            await details.waitFor({ timeout: 15_000 });
            break;
          } catch (error) {
            if (attempt === 3) throw error;
          }
        }
        const metadataTab = details.getByRole('tab', { name: 'Metadata' });
        await metadataTab.waitFor({ timeout: 60_000 });
        await metadataTab.click();
        await details.getByText('inContextPrompt').waitFor({ timeout: 30_000 });
        const text = await details.innerText();
        expect(text, domain).toMatch(/inContextPrompt\s+Facts:\n- /);
        expect(text, domain).toContain(`\n\n${rows[0]!.question}`);
        if (domain === 'fictional-people') await shoot(page, 'viewer-in-context-details-1600x1000');
        await page.keyboard.press('Escape');
        await details.waitFor({ state: 'hidden', timeout: 30_000 });
      }
    });

    it("lists each eval with its suite's test count", async () => {
      const page = await evalListPage();
      await page.locator(`a[href="/eval/${report.evals[0]!.evalId}"]`).waitFor({ timeout: 30_000 });
      const column = await page.$$eval('table thead th', (ths) => ths.findIndex((th) => /tests/i.test(th.textContent ?? '')));
      expect(column).toBeGreaterThan(0);
      for (const e of report.evals) {
        const cells = await page.locator('table tbody tr', { has: page.locator(`a[href="/eval/${e.evalId}"]`) }).locator('td').allTextContents();
        expect(Number(cells[column]!.trim()), e.domain).toBe(e.tests);
        console.log(`eval list: ${e.domain} ${e.evalId}: ${cells[column]!.trim()} tests (suite: ${e.tests})`);
      }
      await shoot(page, 'viewer-evals-1600x1000');
    });

    it('filters by a split and by a search, draws charts, and compares evals', async () => {
      const e = report.evals.find((x) => x.domain === 'fictional-people')!;
      // A page of its own: the tests above leave the shared one hovered and scrolled, where a click on a header chip can land on a row.
      const page = await filterPage();
      const rows = page.locator('table.results-table tbody tr');
      const total = e.tests!;
      await rows.first().waitFor({ timeout: 30_000 });
      const shown = async () => Number(/of ([\d,]+) results/.exec(await page.getByText(/Showing \d+ to \d+ of [\d,]+ results/).innerText())![1]!.replace(/,/g, ''));
      expect(await shown()).toBe(total);
      // The memorization chip filters the rows to that split: the summary's n of them, each a trained question.
      const memorization = report.rows.find((r) => r.domain === e.domain && r.split === 'memorization')!.n;
      await page.getByRole('button', { name: 'Filter by metric memorization' }).first().click();
      await expect.poll(shown, { timeout: 30_000 }).toBe(memorization);
      for (const text of await rows.locator('td:nth-child(1)').allInnerTexts()) expect(text).toMatch(/\/memorization$/);
      await page.goto(`${url}/eval/${encodeURIComponent(e.evalId!)}`);
      await expect.poll(shown, { timeout: 30_000 }).toBe(total);
      // A search for one question's text: a few rows (outputs and grading reasons are searched too), its own among them.
      const questions = suiteQuestions(t.w.suites, e.domain);
      const asked = (q: { question: string }) => q.question.split('\n').at(-1)!;
      const sought = questions.find((q) => questions.filter((x) => x.question.includes(asked(q))).length === 1)!;
      await page.locator('input[type=search]').first().fill(asked(sought));
      await expect.poll(shown, { timeout: 30_000 }).toBeLessThan(total);
      expect(await shown()).toBeGreaterThan(0);
      expect(await rows.locator('td:nth-child(1)').allInnerTexts()).toContain(sought.description);
      await page.locator('input[type=search]').first().fill('');
      await expect.poll(shown, { timeout: 30_000 }).toBe(total);
      // Charts: promptfoo draws them (canvases: pass rate, score distribution, scatter) from the table the page already has.
      await page.getByRole('button', { name: 'Show Charts' }).click();
      await page.locator('canvas').first().waitFor({ timeout: 30_000 });
      const canvases = await page.$$eval('canvas', (cs) => cs.map((c) => ({ width: c.width, height: c.height })));
      expect(canvases.length).toBeGreaterThanOrEqual(1);
      for (const c of canvases) expect(c.width * c.height).toBeGreaterThan(0);
      await shoot(page, 'viewer-charts-1600x1000');
      // Comparison: the dialog lists the evals of the same tests (this one), and the compared table has both evals' columns.
      await page.getByRole('button', { name: 'Eval actions' }).click();
      await page.getByRole('menuitem', { name: 'Compare with another eval' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText(e.evalId!.slice(0, 12)).first().waitFor({ timeout: 30_000 });
      await page.keyboard.press('Escape');
      const compared = await page.evaluate(async (id) => {
        const r = await fetch(`/api/eval/${encodeURIComponent(id)}/table?offset=0&limit=5&filterMode=all&comparisonEvalIds=${encodeURIComponent(id)}`);
        return { status: r.status, columns: ((await r.json()) as { table: { head: { prompts: unknown[] } } }).table.head.prompts.length };
      }, e.evalId!);
      const providers = new Set(report.rows.filter((r) => r.domain === e.domain).map((r) => r.provider)).size;
      expect(compared).toEqual({ status: 200, columns: 2 * providers });
      await page.close();
    });

    it('answered every request of the pages while browsing (no 403, no refusal said)', () => {
      expect(refused).toEqual([]);
      expect(stderr).not.toContain('refused');
    });

    it('lets the page itself change or delete nothing: a same-origin DELETE, PATCH or eval job gets 403 and the evals stay', async () => {
      // The list of evals, as the list test left it: a page of the viewer's own origin.
      const page = await evalListPage();
      const e = report.evals[0]!;
      const answers = await page.evaluate(async (id) => {
        const call = async (method: string, path: string, body?: unknown) =>
          (await fetch(path, { method, headers: { 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) })).status;
        return [
          await call('DELETE', `/api/eval/${encodeURIComponent(id)}`),
          await call('DELETE', '/api/eval/', { ids: [id] }),
          await call('PATCH', `/api/eval/${encodeURIComponent(id)}/author`, { author: 'someone' }),
          await call('POST', '/api/eval/job', { prompts: ['hello'], providers: ['echo'], tests: [{ vars: { a: 'b' } }] }),
        ];
      }, e.evalId!);
      expect(answers).toEqual([403, 403, 403, 403]);
      const listed = await page.evaluate(async () => ((await (await fetch('/api/results')).json()) as { data: { evalId: string; author?: string | null }[] }).data);
      for (const x of report.evals) expect(listed.map((l) => l.evalId)).toContain(x.evalId);
      expect(listed.find((l) => l.evalId === e.evalId)?.author ?? null).not.toBe('someone');
      await page.close();
    });

    it('sends nothing off the machine: the pages tried no other host', () => {
      expect(browser.offMachine).toEqual([]);
    });
  });
});
