/**
 * A report is a list of sections (report-section.ts), each read from the
 * summary (build-summary.ts) and rendered by itself for the terminal, for
 * summary.md and for index.html. In the page each has a title, a sentence on
 * how to read it, an optional chart (a Vega-Lite spec built from its data,
 * see chart-specs.ts) and the table of the same numbers beside it.
 *
 * To add a section (a learning curve, a recipe comparison, a new measure):
 *   1. write lib/report/sections/<name>.ts exporting a `Section`: `html`
 *      reads the ReportData and returns zero or more page sections (none when
 *      the data has nothing for it), each with a `chart` (id, title, data,
 *      series, categories, colours) and a `table` (head, rows of strings);
 *      `terminal` and `markdown` return its block of the terminal output and
 *      its part of summary.md ('' when it has nothing to show);
 *   2. add it to SECTIONS below (or pass it as an extra section when only one
 *      command has its data, as `npm run reproduce` does for the study's
 *      published aggregates).
 * Every command's terminal output, summary.md, the page, the SVG,
 * summary.json's `charts` and the browser test's bar count follow from the
 * section; nothing else needs to change (unless the section needs data the
 * summary does not hold yet: then build-summary.ts computes it).
 */
import type { ReportData } from './report-data.ts';
import type { ReportSection, Section } from './report-section.ts';
import { accuracySection } from './sections/accuracy.ts';
import { agreementSection } from './sections/agreement.ts';
import { comparisonSection } from './sections/comparison.ts';
import { curvesSection } from './sections/curves.ts';
import { decisionSection } from './sections/decisions.ts';
import { overviewSection } from './sections/overview.ts';
import { retrievalSection } from './sections/retrieval.ts';
import { staleSection } from './sections/stale.ts';

/** Every report's sections, in the order they are shown. */
export const SECTIONS: readonly Section[] = [overviewSection, accuracySection, retrievalSection, comparisonSection, decisionSection, staleSection, curvesSection, agreementSection];

/** The sections of a report: every report's, then those only one command has data for. */
export function reportSections(extra: readonly Section[] = []): Section[] {
  return [...SECTIONS, ...extra];
}

/** The page sections of index.html, in order; their ids are unique. */
export function buildSections(report: ReportData, extra: readonly Section[] = []): ReportSection[] {
  const sections = reportSections(extra).flatMap((s) => s.html(report));
  const ids = new Set<string>();
  for (const s of sections) {
    if (ids.has(s.id)) throw new Error(`two report sections have the id ${s.id}`);
    ids.add(s.id);
  }
  return sections;
}

/** What a command prints of a report: each section's terminal block, a blank line between them. */
export function renderTerminal(report: ReportData, extra: readonly Section[] = []): string {
  return reportSections(extra)
    .map((s) => s.terminal?.(report) ?? '')
    .filter(Boolean)
    .join('\n\n');
}
