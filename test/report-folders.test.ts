/**
 * Where reports go: reports/<time>/ per run with reports/latest pointing at
 * the newest, a partial report naming the newest full one, an old-style
 * reports/latest folder kept under a dated name, and a page that needs
 * nothing from anywhere else.
 */
import { existsSync, lstatSync, mkdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReportData, ReportScope } from '../lib/report/report-data.ts';
import type { SummaryRow } from '../lib/report/summary.ts';
import { wilsonInterval } from '../lib/report/wilson.ts';
import { writeReport } from '../lib/report/write-report.ts';
import { tempDir } from './helpers/run.ts';

const row = (provider: string, domain: string, split: string, correct: number, n: number): SummaryRow => ({
  provider,
  domain,
  split,
  n,
  correct,
  accuracy: correct / n,
  ci95: wilsonInterval(correct, n),
  errors: 0,
});

const summary = (at: string, domains: string[], scope?: ReportScope): ReportData => ({
  generatedAt: at,
  evals: domains.map((d) => ({ domain: d, evalId: `eval-${d}`, tests: 10 })),
  rows: domains.flatMap((d) => [row('lookup', d, 'memorization', 10, 10), row('lookup', d, 'rephrased', 4, 10)]),
  curves: [],
  recipes: [],
  comparisons: [],
  ...(scope ? { scope } : {}),
});

describe('report folders', () => {
  it('writes reports/<time>/ and points reports/latest at the newest; a partial report names the newest full one', async () => {
    const root = tempDir('ftbench-reports-');
    const env = { FTBENCH_REPORTS_DIR: root };
    const full = await writeReport(summary('2026-05-01T07:39:34.120Z', ['people', 'control'], { domains: ['people', 'control'], partial: false }), { env });
    expect(path.basename(full.dir)).toBe('2026-05-01T07-39-34Z');
    const again = await writeReport(summary('2026-05-01T07:39:34.900Z', ['people', 'control']), { env });
    expect(path.basename(again.dir)).toBe('2026-05-01T07-39-34Z-2'); // same second: its own folder
    const partial = await writeReport(summary('2026-05-01T08:00:00.000Z', ['people'], { domains: ['people'], partial: true, missing: ['control'], how: 'npm start -- --only people' }), { env });
    expect(readlinkSync(path.join(root, 'latest'))).toBe('2026-05-01T08-00-00Z');
    const written = JSON.parse(readFileSync(path.join(root, 'latest', 'summary.json'), 'utf8'));
    expect(written.scope).toEqual({ domains: ['people'], partial: true, missing: ['control'], how: 'npm start -- --only people', latestFull: '2026-05-01T07-39-34Z-2' });
    const html = readFileSync(partial.html, 'utf8');
    expect(html).toContain('<title>Evaluation report (partial: people)</title>');
    expect(html).toMatch(/<strong>Partial report\.<\/strong> It holds people only \(npm start -- --only people\); it is not the whole picture\. Not in this report: control\. The newest report holding every domain is reports\/2026-05-01T07-39-34Z-2\./);
    expect(readFileSync(partial.markdown, 'utf8')).toContain('> **Partial report: it holds people only (npm start -- --only people), not the whole picture. Not in it: control.');
  });

  it('keeps an old-style reports/latest folder under a dated name', async () => {
    const root = tempDir('ftbench-reports-');
    mkdirSync(path.join(root, 'latest'));
    writeFileSync(path.join(root, 'latest', 'summary.json'), '{}');
    const w = await writeReport(summary('2026-05-02T00:00:00.000Z', ['people']), { env: { FTBENCH_REPORTS_DIR: root } });
    expect(lstatSync(path.join(root, 'latest')).isSymbolicLink()).toBe(true);
    expect(existsSync(path.join(root, `latest-before-${path.basename(w.dir)}`, 'summary.json'))).toBe(true);
  });

  it('--out writes into that folder and leaves reports/latest alone', async () => {
    const root = tempDir('ftbench-reports-');
    const out = tempDir('ftbench-out-');
    const w = await writeReport(summary('2026-05-03T00:00:00.000Z', ['people']), { dir: out, env: { FTBENCH_REPORTS_DIR: root } });
    expect(w).toMatchObject({ dir: out, html: path.join(out, 'index.html') });
    expect(w.latest).toBeUndefined();
    expect(existsSync(path.join(root, 'latest'))).toBe(false);
  });

  it('the page is self-contained: no script, no stylesheet or image from elsewhere, and domain text is escaped', async () => {
    const hostile = summary('2026-05-04T00:00:00.000Z', ['people']);
    hostile.rows.push(row('<img src=x onerror=alert(1)>', 'people', 'memorization', 1, 2));
    const w = await writeReport(hostile, { dir: tempDir('ftbench-out-') });
    const html = readFileSync(w.html, 'utf8');
    expect(html).not.toMatch(/<script|<link|<iframe|src="http|href="http|url\(http|@import/i);
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});
