/**
 * Issue 19.3: promptfoo's viewer, as `npm run view` serves it (startViewer:
 * its guard and its stylesheet), readable with six provider columns, the
 * most a suite holds unless asked (lib/suites/suite-columns.ts). At 1600×1000
 * and 1280×800 every column's label is whole (no word broken or clipped, the
 * label the suite gave it), and nothing scrolls sideways.
 *
 * One small eval, offline and cheap: a tiny domain's suite built by the
 * project's builder with six columns labelled by the project's labeller, for
 * the longest labels a study makes (tuned runs with a recipe, told apart by
 * epochs and learning rate, answered by an emulator: `… (emulation)`), base,
 * in-context and lookup. Each column is answered by the lookup provider
 * (no model, no network): this test is about the columns, not the answers.
 * Screenshots go to $FTBENCH_SHOTS_DIR when set (else a temporary folder).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../lib/foundation/content-hash.ts';
import { parseDomainText } from '../lib/domain/load.ts';
import type { ProviderIdentity, RunIdentity } from '../lib/ledger/provider-identity.ts';
import { runPromptfooEval } from '../lib/eval/run-promptfoo.ts';
import { startViewer, type RunningViewer } from '../lib/eval/viewer.ts';
import { buildSuite, renderSuiteYaml, suiteFileOf, suiteRelative } from '../lib/suites/build-suite.ts';
import { EMULATED_MARK, LABEL_MAX } from '../lib/suites/column-labels.ts';
import { DEFAULT_MAX_COLUMNS, labelColumns, splitColumns, type ProviderColumn } from '../lib/suites/suite-columns.ts';
import { BROWSER_SKIP_NOTE, CHROMIUM_MISSING, HAS_CHROMIUM, launchChromium, type Browser } from './helpers/browser.ts';
import { tempDir } from './helpers/run.ts';
import { tinyDomain } from './helpers/tiny-domain.ts';
import { freePort } from './helpers/free-port.ts';


const EMULATOR = 'http://127.0.0.1:9/v1';

describe.skipIf(!HAS_CHROMIUM && !process.env.CI)(`promptfoo's viewer with six columns, in chromium${BROWSER_SKIP_NOTE}`, () => {
  const work = tempDir('ftbench-viewer-columns-');
  const shots = process.env.FTBENCH_SHOTS_DIR ?? path.join(work, 'shots');
  const env: NodeJS.ProcessEnv = { ...process.env, PROMPTFOO_CONFIG_DIR: path.join(work, 'promptfoo') };
  let labels: string[] = [];
  let evalId: string;
  let viewer: RunningViewer;
  let browser: Browser;

  beforeAll(async () => {
    if (!HAS_CHROMIUM) throw new Error(`${CHROMIUM_MISSING} (CI is set; .ci/run installs it)`);
    mkdirSync(shots, { recursive: true });
    const text = tinyDomain(6);
    mkdirSync(path.join(work, 'domains'));
    const file = path.join(work, 'domains', 'tiny-people.yaml');
    writeFileSync(file, text);
    const loaded = { domain: parseDomainText(text, file), file, text };
    const version = sha256(text).slice(0, 12);
    const run = (key: string, over: Partial<RunIdentity>): RunIdentity => ({
      key,
      name: `tiny-people.gpt-4o-mini.${key}`,
      platform: 'openai',
      domain: 'tiny-people',
      domainVersion: version,
      epochs: 3,
      batchSize: 'auto',
      learningRateMultiplier: 'auto',
      seed: 42,
      recipe: 'variants+statements',
      platformOptions: {},
      ...over,
    });
    const tuned = (r: RunIdentity): ProviderIdentity => ({ role: 'tuned', baseModel: 'gpt-4o-mini-2024-07-18', run: r });
    const identities: [ProviderIdentity, boolean][] = [
      [tuned(run('00000000000000a1', {})), true],
      [tuned(run('00000000000000a2', { learningRateMultiplier: 2 })), true],
      [tuned(run('00000000000000a3', { epochs: 10 })), true],
      [{ role: 'base', baseModel: 'gpt-4o-mini-2024-07-18' }, true],
      [{ role: 'in-context', baseModel: 'gpt-4o-mini-2024-07-18' }, true],
      [{ role: 'lookup' }, false],
    ];
    const columns: ProviderColumn[] = identities.map(([identity, emulated]) => ({
      id: `file://${suiteRelative('providers/lookup.ts', work)}`,
      config: { domainFile: file, identity },
      ...(emulated && { asks: EMULATOR }),
    }));
    const parts = splitColumns(labelColumns(columns, new Set([EMULATOR]), { currentDomainVersion: version }));
    expect(parts.map((p) => p.columns.length)).toEqual([DEFAULT_MAX_COLUMNS]);
    const providers = parts[0]!.columns.map((c) => c.provider);
    labels = providers.map((p) => p.label);
    const suiteFile = suiteFileOf(work, loaded.domain.id);
    writeFileSync(suiteFile, renderSuiteYaml(loaded, buildSuite(loaded, providers, work, { name: loaded.domain.id }), suiteFile));
    // Chromium starts while promptfoo evaluates (both take seconds); the viewer once the eval is stored.
    const launched = launchChromium().then((b) => (browser = b)); // set at once, so afterAll closes it whatever fails
    launched.catch(() => {}); // awaited below; an eval that throws first must not leave it unhandled
    const out = await runPromptfooEval(suiteFile, path.join(work, 'results.json'), { env });
    expect(out.evalId).toBeTruthy();
    evalId = out.evalId!;
    viewer = await startViewer({ port: await freePort() }, env);
    await launched;
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    viewer?.stop();
  });

  /**
   * The eval's page, loaded once (the viewer takes seconds to draw its table)
   * and shown at each size in turn by resizing the window, as a person does:
   * the layout is read after the resize has settled.
   */
  let evalPage: Promise<Page> | undefined;
  function pageAt(width: number, height: number): Promise<Page> {
    evalPage ??= (async () => {
      const page = await browser.context.newPage();
      await page.setViewportSize({ width, height });
      await page.goto(`${viewer.url}/eval/${encodeURIComponent(evalId)}`);
      await page.locator('.output-header').first().waitFor({ timeout: 30_000 });
      await page.locator('table.results-table tbody tr').first().waitFor({ timeout: 30_000 });
      return page;
    })();
    return evalPage.then(async (page) => {
      await page.setViewportSize({ width, height });
      await page.waitForFunction((w) => document.documentElement.clientWidth === w, width, { timeout: 30_000 });
      return page;
    });
  }

  it('the six labels are short, distinct, and say which columns an emulator answers', () => {
    expect(labels).toHaveLength(6);
    expect(new Set(labels).size).toBe(6);
    for (const l of labels) expect(l.replace(EMULATED_MARK, '').length, l).toBeLessThanOrEqual(LABEL_MAX);
    expect(labels.filter((l) => l.endsWith(EMULATED_MARK))).toHaveLength(5);
    console.log(`labels: ${labels.join(' | ')}`);
  });

  for (const [width, height] of [
    [1600, 1000],
    [1280, 800],
  ] as const)
    it(`at ${width}×${height} every column's label is whole and nothing scrolls sideways`, async () => {
      const page = await pageAt(width, height);
      await page.waitForTimeout(300);
      const layout = await page.evaluate(() => {
        const heads = [...document.querySelectorAll('th .output-header')];
        // Every box around the tables that could scroll sideways, up to the page itself.
        const boxes = new Set<Element>([document.scrollingElement!]);
        for (const table of document.querySelectorAll('table.results-table')) for (let el = table.parentElement; el; el = el.parentElement) boxes.add(el);
        /** The words of an element's text that are broken across lines (a break after a hyphen is a word's end) or lie outside its header cell. */
        const whole = (el: Element) => {
          const th = el.closest('th')!.getBoundingClientRect();
          const broken: string[] = [];
          const texts = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
          for (let node = texts.nextNode(); node; node = texts.nextNode())
          for (const m of node.textContent!.matchAll(/[^\s-]+-?/g)) {
            const range = document.createRange();
            range.setStart(node, m.index);
            range.setEnd(node, m.index + m[0].length);
            const rects = [...range.getClientRects()].filter((r) => r.width > 0);
            const r = range.getBoundingClientRect();
            if (rects.length !== 1 || r.left < th.left - 0.5 || r.right > th.right + 0.5) broken.push(m[0]);
          }
          const style = getComputedStyle(el);
          if (el.scrollWidth > el.clientWidth + 1 && style.overflow !== 'visible') broken.push(`(clipped ${el.scrollWidth} > ${el.clientWidth})`);
          return broken;
        };
        return {
          width: document.documentElement.clientWidth,
          saysEmulated: document.body.innerText.includes('EMULATED: columns marked (emulation) are answered by a loopback emulator'),
          headers: heads.map((h) => {
            const p = h.querySelector('.provider')!;
            const r = h.closest('th')!.getBoundingClientRect();
            return { label: p.textContent!.trim(), broken: whole(p), left: Math.round(r.left), right: Math.round(r.right), lines: Math.round(p.getBoundingClientRect().height / parseFloat(getComputedStyle(p).lineHeight || '20')) };
          }),
          // The other headers (Description, Variables, question, expected, Outputs), which the stylesheet sizes too.
          fixedHeaders: [...document.querySelectorAll('table.results-table thead th')]
            .filter((th) => !th.querySelector('.output-header') && th.textContent!.trim())
            .map((th) => ({ label: th.textContent!.trim(), broken: whole(th) })),
          overflowing: [...boxes].filter((el) => el.scrollWidth > el.clientWidth).map((el) => `${el.tagName}.${String(el.className)} ${el.scrollWidth} > ${el.clientWidth}`),
        };
      });
      await page.screenshot({ path: path.join(shots, `viewer-${width}.png`) });
      console.log(`${width}×${height}: ${layout.headers.map((h) => `${h.label} [${h.left}-${h.right}, ${h.lines} line(s)]`).join(' · ')}`);
      expect(layout.width).toBe(width);
      // The eval's description, above the table, says what the mark means.
      expect(layout.saysEmulated).toBe(true);
      expect(layout.headers.map((h) => h.label)).toEqual(labels);
      for (const h of layout.headers) {
        expect(h.broken, `${width}: ${h.label}`).toEqual([]);
        expect(h.left, h.label).toBeGreaterThanOrEqual(0);
        expect(h.right, h.label).toBeLessThanOrEqual(width);
      }
      expect(layout.fixedHeaders.map((h) => h.label)).toContain('Description');
      for (const h of layout.fixedHeaders) expect(h.broken, `${width}: ${h.label}`).toEqual([]);
      expect(layout.overflowing).toEqual([]);
    });

  it("the browser helper's guard: a page's request to another host is recorded and never resolved", async () => {
    const page = await browser.context.newPage();
    const failed = page.waitForEvent('requestfailed');
    await page.setContent('<img src="https://phone-home.example/pixel.png">');
    expect((await failed).failure()?.errorText).toMatch(/NAME_NOT_RESOLVED/);
    expect(browser.offMachine).toContain('https://phone-home.example/pixel.png');
    // Neighbours: an address written as IPv4 or IPv6 (no name to resolve), a fetch, and a WebSocket (no request to playwright).
    const urls = ['http://203.0.113.7/pixel.png', 'http://[2001:db8::1]/pixel.png', 'https://fetch.example/f', 'wss://socket.example/s'];
    const failures: string[] = [];
    page.on('requestfailed', (r) => failures.push(`${r.url()} ${r.failure()?.errorText}`));
    const socketError = page.waitForEvent('console', (m) => m.text().includes('socket.example'));
    await page.setContent(`<img src="${urls[0]}"><img src="${urls[1]}"><script>fetch('${urls[2]}').catch(() => {}); new WebSocket('${urls[3]}');</script>`);
    expect((await socketError).text()).toMatch(/NAME_NOT_RESOLVED/);
    await expect.poll(() => failures.length, { timeout: 10_000 }).toBe(3);
    for (const f of failures) expect(f).toMatch(/NAME_NOT_RESOLVED$/);
    expect(browser.offMachine).toEqual(expect.arrayContaining(urls.map((u) => new URL(u).href)));
    await page.close();
  });
});
