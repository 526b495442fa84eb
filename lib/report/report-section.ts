/**
 * What one section of a report is. A `Section` is the unit a report is made
 * of: it reads the summary (report-data.ts) and renders itself for the
 * terminal, for summary.md and for index.html; the list of sections every
 * report shows is report-sections.ts. Its HTML is zero or more
 * `ReportSection`s: a title, a sentence on how to read it, an optional chart
 * (chart-specs.ts) and the table of the same numbers.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Chart } from './chart-specs.ts';
import type { ReportData } from './report-data.ts';

export interface ReportTable {
  head: string[];
  rows: string[][];
}

export interface ReportSection {
  /** The section's anchor in the page; unique within a report. */
  id: string;
  title: string;
  /** One or two sentences: what is drawn and how to read it. */
  intro: string;
  chart?: Chart;
  /**
   * A chart that is not bars (a learning curve: lines, bands, reference
   * rules): its own Vega-Lite spec, drawn the same way. Its data is in
   * summary.json under its own key (`curves`), not in `charts`.
   */
  figure?: { id: string; title: string; spec: TopLevelSpec };
  table: ReportTable;
  /** Shown under the table: what has no bar and why (all calls failed, not run). */
  notes?: string[];
}

/** Reads the report's data and returns its sections (none when the data has nothing for it). */
export type SectionBuilder = (report: ReportData) => ReportSection[];

/**
 * One section of every output. Each rendering reads only the summary and
 * returns '' (or no HTML section) when the summary has nothing for it.
 */
export interface Section {
  /** Its block of the terminal output (npm start, npm run report, a plain promptfoo eval, reproduce); blocks are separated by a blank line. */
  terminal?: (report: ReportData) => string;
  /** Its part of summary.md, ending with a line break. */
  markdown?: (report: ReportData) => string;
  /** Its sections of index.html (their charts' data go to summary.json's `charts`). */
  html: SectionBuilder;
}
