/**
 * Writes a report from its summary (build-summary.ts): summary.json,
 * summary.md and index.html (self-contained, charts inline), each made of
 * the report's sections (report-sections.ts), and, given the results,
 * results.csv (results-csv.ts) into one folder. By default every run gets its own folder,
 * reports/<timestamp>/, and reports/latest is a link to the newest; `dir`
 * (a command's --out) writes into that folder instead and leaves
 * reports/latest alone. FTBENCH_REPORTS_DIR moves reports/ elsewhere.
 */
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { writeFilesAtomic } from '../foundation/atomic-write.ts';
import { UserError } from '../foundation/errors.ts';
import { PROJECT_ROOT } from '../foundation/project-root.ts';
import { barChartSpec } from './chart-specs.ts';
import { renderHtmlPage } from './html-page.ts';
import { renderMarkdown } from './render.ts';
import { RESULTS_CSV, resultsCsv } from './results-csv.ts';
import type { ReportData, ReportScope } from './report-data.ts';
import type { Section } from './report-section.ts';
import { buildSections, reportSections } from './report-sections.ts';
import { renderSvg } from './render-svg.ts';
import type { PromptfooResultLike } from './summary.ts';

export const LATEST = 'latest';

/** The folder that holds one folder per report and the `latest` link. */
export function reportsRoot(env: NodeJS.ProcessEnv = process.env): string {
  return env.FTBENCH_REPORTS_DIR ? path.resolve(env.FTBENCH_REPORTS_DIR) : path.join(PROJECT_ROOT, 'reports');
}

export interface WriteReportOptions {
  /** Write into this folder (a command's --out) instead of reports/<timestamp>/. */
  dir?: string;
  /** Sections only one command has data for (reproduce's published aggregates). */
  extraSections?: readonly Section[];
  /** The error gate's message, shown in a banner of the HTML page. */
  errorNote?: string;
  env?: NodeJS.ProcessEnv;
  /** The promptfoo results the summary was made from: written one row per test and output to results.csv. */
  results?: readonly PromptfooResultLike[];
}

export interface WrittenReport {
  dir: string;
  json: string;
  markdown: string;
  html: string;
  /** results.csv, when the results were given. */
  csv?: string;
  /** reports/latest, when it was moved to this report. */
  latest?: string;
}

/** reports/2026-05-01T07-39-34Z; a second report in the same second gets -2, -3, … */
function claimRunDir(root: string, generatedAt: string): string {
  mkdirSync(root, { recursive: true });
  const stamp = generatedAt.replace(/\.\d+Z$/, 'Z').replace(/:/g, '-');
  for (let i = 1; ; i++) {
    const dir = path.join(root, i === 1 ? stamp : `${stamp}-${i}`);
    try {
      mkdirSync(dir);
      return dir;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
}

/** Points reports/latest at `dir` (a relative link, replaced in one rename). An old-style latest folder becomes a dated one. */
function pointLatestAt(root: string, dir: string): string {
  const latest = path.join(root, LATEST);
  let stat;
  try {
    stat = lstatSync(latest);
  } catch {
    stat = null;
  }
  if (stat?.isDirectory()) renameSync(latest, path.join(root, `${LATEST}-before-${path.basename(dir)}`));
  const tmp = path.join(root, `.${LATEST}.${process.pid}.${Date.now()}.tmp`);
  symlinkSync(path.basename(dir), tmp);
  try {
    renameSync(tmp, latest);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
  return latest;
}

/** The newest report under `root` that holds every domain, by folder name. */
function newestFullReport(root: string): string | undefined {
  if (!existsSync(root)) return undefined;
  const dirs = readdirSync(root)
    .filter((n) => n !== LATEST && !n.startsWith('.'))
    .sort()
    .reverse();
  for (const name of dirs) {
    try {
      const summary = JSON.parse(readFileSync(path.join(root, name, 'summary.json'), 'utf8')) as { scope?: ReportScope };
      if (!summary.scope?.partial) return name;
    } catch {
      // not a report folder
    }
  }
  return undefined;
}

/**
 * Writes `summary` (and any field a command adds to it, e.g. reproduce's
 * published aggregates) as summary.json, with the data of every chart.
 */
export async function writeReport(summary: ReportData, options: WriteReportOptions = {}): Promise<WrittenReport> {
  const root = reportsRoot(options.env);
  // A partial report written among the others names the newest that holds every domain.
  const data = summary.scope?.partial && !options.dir ? { ...summary, scope: { ...summary.scope, latestFull: newestFullReport(root) } } : summary;
  const sections = buildSections(data, options.extraSections);
  const charts = sections.flatMap((s) => (s.chart ? [s.chart] : []));
  // One chart at a time: vega is quick (tens of ms per chart) and the machine is shared.
  const svgs = new Map<string, string>();
  for (const chart of charts) svgs.set(chart.id, await renderSvg(barChartSpec(chart)));
  for (const { figure } of sections) if (figure) svgs.set(figure.id, await renderSvg(figure.spec));

  let dir: string;
  if (options.dir) {
    if (existsSync(options.dir) && !lstatSync(options.dir).isDirectory()) throw new UserError(`--out ${options.dir}: not a folder`);
    dir = options.dir;
  } else dir = claimRunDir(root, summary.generatedAt);
  const json = path.join(dir, 'summary.json');
  const markdown = path.join(dir, 'summary.md');
  const html = path.join(dir, 'index.html');
  const csv = options.results ? path.join(dir, RESULTS_CSV) : undefined;
  const chartData = charts.map((c) => ({ id: c.id, title: c.title, measure: c.measure, data: c.data }));
  // All or none (a full disk mid-way must not leave a report without its page); a dated folder this run made goes too.
  try {
    writeFilesAtomic([
      { file: json, content: `${JSON.stringify({ ...data, charts: chartData }, null, 2)}\n` },
      { file: markdown, content: renderMarkdown(data, reportSections(options.extraSections)) },
      { file: html, content: renderHtmlPage(data, sections, svgs, { errorNote: options.errorNote }) },
      ...(csv ? [{ file: csv, content: resultsCsv(options.results!) }] : []),
    ]);
  } catch (error) {
    if (!options.dir) rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const latest = options.dir ? undefined : pointLatestAt(root, dir);
  return { dir, json, markdown, html, ...(csv ? { csv } : {}), ...(latest ? { latest } : {}) };
}
