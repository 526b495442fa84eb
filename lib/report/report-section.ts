/**
 * What one section of the HTML report is: a title, a sentence on how to read
 * it, an optional chart (chart-specs.ts) and the table of the same numbers.
 * The list of sections the report shows is report-sections.ts.
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
