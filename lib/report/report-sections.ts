/**
 * The HTML report is a list of sections; each has a title, a sentence on how
 * to read it, an optional chart (a Vega-Lite spec built from its data, see
 * chart-specs.ts) and the table of the same numbers beside it.
 *
 * To add a section with a chart (a learning curve, a recipe comparison):
 *   1. write lib/report/sections/<name>.ts exporting a SectionBuilder
 *      (report-section.ts): it reads the ReportData and returns zero or more
 *      sections (none when the data has nothing for it), each with a `chart`
 *      (id, title, data, series, categories, colours) and a `table` (head,
 *      rows of strings);
 *   2. add it to SECTION_BUILDERS below (or pass it to writeReport's
 *      `extraSections` when only one command produces its data, as
 *      `npm run reproduce` does for the study's published aggregates).
 * The page, the SVG, summary.json's `charts` and the browser test's bar count
 * follow from the section; nothing else needs to change.
 */
import type { ReportData } from './report-data.ts';
import type { ReportSection, SectionBuilder } from './report-section.ts';
import { accuracySections } from './sections/accuracy.ts';
import { comparisonSections } from './sections/comparison.ts';
import { curveSections } from './sections/curves.ts';
import { localitySections } from './sections/locality.ts';
import { recipeSections } from './sections/recipes.ts';
import { retrievalSections } from './sections/retrieval.ts';
import { staleSections } from './sections/stale.ts';

export const SECTION_BUILDERS: SectionBuilder[] = [accuracySections, retrievalSections, comparisonSections, localitySections, staleSections, curveSections, recipeSections];

export function buildSections(report: ReportData, extra: readonly SectionBuilder[] = []): ReportSection[] {
  const sections = [...SECTION_BUILDERS, ...extra].flatMap((build) => build(report));
  const ids = new Set<string>();
  for (const s of sections) {
    if (ids.has(s.id)) throw new Error(`two report sections have the id ${s.id}`);
    ids.add(s.id);
  }
  return sections;
}
