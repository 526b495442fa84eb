/**
 * The HTML report as one self-contained page: inline SVG charts (rendered at
 * build time), inline CSS, no script, no font or file from anywhere else, so
 * it opens from disk, offline, and prints. Every text that came from a
 * domain, a provider label or an error message is escaped.
 */
import { leftOutLine } from './render.ts';
import type { ReportData } from './report-data.ts';
import type { ReportSection } from './report-section.ts';

export const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

const STYLE = `
:root { color-scheme: light; --ink: #1d2330; --muted: #5b6472; --line: #d9dde3; --warn-bg: #fff4d6; --warn-line: #e0b100; --err-bg: #fde8e8; --err-line: #d64545; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: #fff; }
header, main { max-width: 1240px; margin: 0 auto; padding: 0 20px; }
header { padding-top: 20px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 28px 0 6px; padding-top: 10px; border-top: 1px solid var(--line); }
p { margin: 4px 0 10px; max-width: 980px; }
.meta { color: var(--muted); }
.banner { padding: 10px 14px; border-left: 4px solid; margin: 10px 0; max-width: none; }
.banner.partial { background: var(--warn-bg); border-color: var(--warn-line); }
.banner.errors { background: var(--err-bg); border-color: var(--err-line); }
nav ul { columns: 2; padding-left: 18px; margin: 6px 0 0; }
.pair { display: flex; flex-wrap: wrap; gap: 20px 28px; align-items: flex-start; }
figure { margin: 0; flex: 0 1 auto; max-width: 100%; }
figure svg { max-width: 100%; height: auto; display: block; }
.table-wrap { flex: 1 1 420px; min-width: 0; overflow-x: auto; }
.table-wrap.wide { flex-basis: 100%; }
table { border-collapse: collapse; font-size: 13px; font-variant-numeric: tabular-nums; }
th, td { border-bottom: 1px solid var(--line); padding: 3px 8px; text-align: left; vertical-align: top; }
th { background: #f4f6f8; font-weight: 600; }
td.num { text-align: right; white-space: nowrap; }
td { white-space: pre-line; }
td.lines { white-space: pre; }
ul.notes { color: var(--muted); margin: 6px 0 0; padding-left: 18px; }
code { font-size: 12px; }
@media print {
  body { font-size: 11px; }
  header, main { max-width: none; padding: 0; }
  nav { display: none; }
  h2 { break-after: avoid; }
  figure, tr { break-inside: avoid; }
  .pair { display: block; }
  .table-wrap { overflow: visible; margin-top: 8px; }
  table { font-size: 10px; }
}
@page { margin: 14mm; }
`;

/** Cells that hold a number (right-aligned): 0.123, [0.1, 0.2], +0.5, 12, —. */
const NUMERIC = /^(?:[+-]?\d+(?:\.\d+)?|\[[\d.]+, [\d.]+\]|—)$/;

/** A number is right-aligned; a cell of several lines (a matrix cell: accuracy, n, undecided, …) keeps its lines as written. */
const cellClass = (c: string) => (NUMERIC.test(c) ? ' class="num"' : c.includes('\n') ? ' class="lines"' : '');

function renderTable(head: string[], rows: string[][]): string {
  const th = head.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('');
  const body = rows
    .map((r) => `<tr>${r.map((c) => `<td${cellClass(c)}>${escapeHtml(c)}</td>`).join('')}</tr>`)
    .join('\n');
  return `<table><thead><tr>${th}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

/** A table of more columns than this goes under its chart, not beside it (a recipe comparison, a learning curve of several epochs, a comparison). */
const WIDE_TABLE_COLUMNS = 6;

function renderSection(section: ReportSection, svg: string | undefined): string {
  const chart = section.chart;
  const other = section.figure;
  const figure = chart
    ? `<figure id="${escapeHtml(chart.id)}" data-chart="${escapeHtml(chart.id)}" data-bars="${chart.data.length}" data-intervals="${chart.data.filter((d) => d.lo !== undefined).length}">${svg ?? ''}` +
      `<figcaption class="meta">${escapeHtml(chart.title)}: ${chart.data.length} bar(s)</figcaption></figure>`
    : other
      ? `<figure id="${escapeHtml(other.id)}" data-figure="${escapeHtml(other.id)}">${svg ?? ''}<figcaption class="meta">${escapeHtml(other.title)}</figcaption></figure>`
      : '';
  const notes = section.notes?.length ? `<ul class="notes">${section.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>` : '';
  return [
    `<section id="${escapeHtml(section.id)}">`,
    `<h2>${escapeHtml(section.title)}</h2>`,
    `<p>${escapeHtml(section.intro)}</p>`,
    `<div class="pair">${figure}<div class="table-wrap${section.table.head.length > WIDE_TABLE_COLUMNS ? ' wide' : ''}">${renderTable(section.table.head, section.table.rows)}${notes}</div></div>`,
    '</section>',
  ].join('\n');
}

function scopeBanner(report: ReportData): string {
  const scope = report.scope;
  if (!scope?.partial) return '';
  const missing = scope.missing?.length ? ` Not in this report: ${scope.missing.join(', ')}.` : '';
  const full = scope.latestFull ? ` The newest report holding every domain is reports/${scope.latestFull}.` : ' No earlier report holds every domain.';
  return `<p class="banner partial" id="scope"><strong>Partial report.</strong> It holds ${escapeHtml(scope.domains.join(', '))} only${
    scope.how ? ` (${escapeHtml(scope.how)})` : ''
  }; it is not the whole picture.${escapeHtml(missing)}${escapeHtml(full)}</p>`;
}

/** What an eval of merged suites left out (render.ts words it), whether or not the report is partial. */
function leftOutBanner(report: ReportData): string {
  const line = leftOutLine(report.scope);
  return line ? `<p class="banner partial" id="left-out"><strong>Left out.</strong> ${escapeHtml(line.replace(/^Left out /, ''))}</p>` : '';
}

function errorBanner(report: ReportData, errorNote: string | undefined): string {
  return errorNote ? `<p class="banner errors" id="errors"><strong>Errors.</strong> ${escapeHtml(errorNote)}</p>` : '';
}

function evalList(report: ReportData): string {
  const items = report.evals.map(
    (e) =>
      `<li>${escapeHtml(e.domain)}: ${e.evalId ? `eval <code>${escapeHtml(e.evalId)}</code>` : 'not stored'}${e.tests !== undefined ? `, ${e.tests} tests` : ''}${
        e.suite ? ` from <code>${escapeHtml(e.suite)}</code>` : ''
      }</li>`,
  );
  return [
    '<section id="evals">',
    '<h2>Evals</h2>',
    `<ul>${items.join('') || '<li>none</li>'}</ul>`,
    '<p>Every answer, with the prompt as sent and the grader\'s reason, is in promptfoo\'s viewer: <code>npm run view</code>.</p>',
    '</section>',
  ].join('\n');
}

export interface PageOptions {
  /** Shown in a banner when tests errored (the error gate's message). */
  errorNote?: string;
}

/** The page; `svgs` holds each chart's SVG by chart id. */
export function renderHtmlPage(report: ReportData, sections: readonly ReportSection[], svgs: ReadonlyMap<string, string>, options: PageOptions = {}): string {
  const domains = report.scope?.domains ?? [...new Set(report.rows.map((r) => r.domain))];
  const providers = new Set(report.rows.map((r) => r.provider));
  const title = `Evaluation report${report.scope?.partial ? ` (partial: ${domains.join(', ')})` : ''}`;
  const nav = sections.map((s) => `<li><a href="#${escapeHtml(s.id)}">${escapeHtml(s.title)}</a></li>`).join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${escapeHtml(title)}</h1>
<p class="meta">Generated ${escapeHtml(report.generatedAt)} · ${domains.length} domain(s): ${escapeHtml(domains.join(', '))} · ${providers.size} provider(s) · accuracy with 95% Wilson intervals</p>
${scopeBanner(report)}
${leftOutBanner(report)}
${errorBanner(report, options.errorNote)}
<nav><strong>Contents</strong><ul>${nav}<li><a href="#evals">Evals</a></li></ul></nav>
</header>
<main>
${sections.map((s) => renderSection(s, s.chart ? svgs.get(s.chart.id) : s.figure ? svgs.get(s.figure.id) : undefined)).join('\n')}
${evalList(report)}
</main>
</body>
</html>
`;
}
