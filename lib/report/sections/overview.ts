/**
 * The report opens with its headline (overview.ts): per provider and kind of
 * knowledge, memorization beside generalization and the gap between them
 * with its 95% interval, read against the study's finding; then, per
 * provider, a matrix of domain × split (accuracy-matrix.ts) before the
 * per-domain sections. On the terminal the gap table only (the matrices
 * there are per domain, sections/accuracy.ts). Numbers an emulator gave are
 * marked `(emulation)`.
 */
import Table from 'cli-table3';
import { EMULATION_LEGEND, markEmulated } from '../../models/emulation.ts';
import { domainSplitMatrix, matrixLegend, matrixTable, splitsOf, type CellLayout } from '../accuracy-matrix.ts';
import { formatAccuracy, formatDifference, formatInterval } from '../format.ts';
import { markdownRow, markdownText } from '../markdown-text.ts';
import { GENERALIZATION_SPLITS, STUDY, type Overview, type OverviewGap, type OverviewSide } from '../overview.ts';
import { orderProviders } from '../provider-order.ts';
import type { ReportData } from '../report-data.ts';
import type { ReportSection, Section } from '../report-section.ts';
import { formatCount } from '../undecided.ts';
import { chartedGrader } from './accuracy.ts';

const NO_DATA_TEXT = 'no data';
const KIND_NAMES: Record<string, string> = { new: 'new knowledge', update: 'updated knowledge' };
const kindName = (kind: string) => KIND_NAMES[kind] ?? kind;

/** What the study found, in one sentence. */
export const STUDY_SENTENCE =
  `${STUDY.source} found ${STUDY.finding}: fine-tuned models answered the trained questions but only ` +
  `${Math.round(STUDY.generalization.new * 100)}% of the generalization questions on new knowledge and ${Math.round(STUDY.generalization.update * 100)}% on updated knowledge (the mean of five models).`;

const WHAT = `Memorization is the trained question asked as trained; generalization pools the questions of the splits ${GENERALIZATION_SPLITS.join(', ')} that a provider was asked. The gap is memorization − generalization, with its 95% interval (Newcombe's hybrid score interval for two proportions).`;

function sideText(s: OverviewSide, layout: CellLayout): string {
  if (s.n === 0) return NO_DATA_TEXT;
  const lines = layout === 'wide' ? [`${formatAccuracy(s.accuracy)} ${formatInterval(s.ci95)}`, `n ${s.n}`] : [`${formatAccuracy(s.accuracy)} n ${s.n}`, formatInterval(s.ci95)];
  if (s.undecided > 0) lines.push(`${formatCount(s.undecided)} undecided`, layout === 'wide' ? `upper ${formatAccuracy(s.upper)} ${formatInterval(s.upperCi95)}` : `upper ${formatAccuracy(s.upper)}`);
  return lines.join('\n');
}

const signedInterval = (ci: [number, number]) => `[${formatDifference(ci[0])}, ${formatDifference(ci[1])}]`;

function gapText(g: OverviewGap, layout: CellLayout): string {
  if (g.gap === null || g.ci95 === null) return NO_DATA_TEXT;
  if (layout === 'wide') return `${formatDifference(g.gap)} ${signedInterval(g.ci95)}`;
  // The terminal has no room for a column of its own: the range goes under the gap.
  return [formatDifference(g.gap), signedInterval(g.ci95), ...(g.range ? [RANGE_SHORT, signedInterval(g.range)] : [])].join('\n');
}

const RANGE_HEAD = 'gap, undecided either way';
const RANGE_SHORT = 'undecided either way:';

const studyText = (kind: string) => (kind in STUDY.generalization ? STUDY.generalization[kind as keyof typeof STUDY.generalization].toFixed(2) : '');

function gapTable(overview: Overview, layout: CellLayout): { head: string[]; rows: string[][] } {
  const wide = layout === 'wide';
  const withRange = wide && overview.gaps.some((g) => g.range);
  return {
    head: ['provider', 'knowledge', ...(wide ? ['domains'] : []), 'memorization', 'generalization', 'gap', ...(withRange ? [RANGE_HEAD] : []), 'study: generalization'],
    rows: overview.gaps.map((g) => [
      markEmulated(g.provider, g.emulated),
      wide ? kindName(g.kind) : g.kind,
      ...(wide ? [g.domains.join(', ')] : []),
      sideText(g.memorization, layout),
      sideText(g.generalization, layout),
      gapText(g, layout),
      ...(withRange ? [g.range ? signedInterval(g.range) : ''] : []),
      studyText(g.kind),
    ]),
  };
}

/** The lines under the gap table. */
function gapNotes(overview: Overview): string[] {
  return [
    ...(overview.gaps.some((g) => g.range)
      ? [`undecided: answers no grading stage could decide (no judge configured), counted wrong; upper: the accuracy if every one were right; ${RANGE_SHORT} the gap if they were all decided against it and all for it.`]
      : []),
    ...(overview.gaps.some((g) => g.gap === null) ? [`${NO_DATA_TEXT}: a side that no question of this provider measured (n = 0, or not asked); its gap is not a number.`] : []),
    ...(overview.gaps.some((g) => g.emulated) ? [EMULATION_LEGEND] : []),
  ];
}

/** The rows the per-provider matrices show: one grader's when rows are given per grader. */
function matrixRows(report: ReportData) {
  const grader = chartedGrader(report);
  return report.rows.filter((r) => grader === undefined || r.grader === grader);
}

export function overviewSections(report: ReportData): ReportSection[] {
  const overview = report.overview;
  const rows = matrixRows(report);
  if (rows.length === 0) return [];
  const sections: ReportSection[] = [];
  if (overview?.gaps.length) {
    const emulated = overview.gaps.some((g) => g.emulated);
    sections.push({
      id: 'overview',
      title: markEmulated('Overview: memorization vs generalization', emulated),
      intro: `${STUDY_SENTENCE} This run, per provider and kind of knowledge: ${WHAT}`,
      table: gapTable(overview, 'wide'),
      notes: gapNotes(overview),
    });
  }
  // Every provider's matrix has the same columns: every split of the report.
  const columns = splitsOf(rows);
  const table = { head: ['provider', 'domain', ...columns], rows: [] as string[][] };
  for (const provider of orderProviders(rows)) {
    const own = rows.filter((r) => r.provider === provider);
    const m = matrixTable(domainSplitMatrix(own, columns), 'narrow');
    m.rows.forEach((cells, i) => table.rows.push([i === 0 ? markEmulated(provider, own.some((r) => r.emulated)) : '', ...cells]));
  }
  const grader = chartedGrader(report);
  sections.push({
    id: 'overview-matrix',
    title: markEmulated('Overview: accuracy by provider, domain and split', rows.some((r) => r.emulated)),
    intro:
      'Each provider\'s accuracy on every domain it answered, a row per domain and a column per split (empty: a split the domain does not have). The sections below give each domain\'s chart and its providers side by side.' +
      (grader ? ` Graded by ${grader}.` : ''),
    table,
    notes: matrixLegend(rows, 'narrow'),
  });
  return sections;
}

function terminal(report: ReportData): string {
  const overview = report.overview;
  if (!overview?.gaps.length) return '';
  const { head, rows } = gapTable(overview, 'narrow');
  // The provider column wraps past 30 characters and the study's column under its head, so the table keeps within about 120 columns.
  const provider = Math.min(30, Math.max(...rows.map((r) => r[0]!.length), 8)) + 2;
  const table = new Table({ head, style: { head: [], border: [] }, colWidths: [provider, ...head.slice(1, -1).map(() => null), 16] as unknown as number[], wordWrap: true });
  table.push(...rows);
  return [markEmulated('Memorization vs generalization', overview.gaps.some((g) => g.emulated)), STUDY_SENTENCE, WHAT, table.toString(), ...gapNotes(overview)].join('\n');
}

function markdown(report: ReportData): string {
  const sections = overviewSections(report);
  if (sections.length === 0) return '';
  const out: string[] = [];
  for (const [i, s] of sections.entries()) {
    out.push(`${i === 0 ? '##' : '###'} ${markdownText(s.title)}`, '', markdownText(s.intro), '');
    out.push(markdownRow(s.table.head), markdownRow(s.table.head.map(() => '---')), ...s.table.rows.map(markdownRow), '');
    if (s.notes?.length) out.push(...s.notes.map(markdownText), '');
  }
  return out.join('\n');
}

export const overviewSection: Section = { terminal, markdown, html: overviewSections };
