/**
 * Update domains: the share of answers that still give the answer from
 * before the update (stale), per provider and split, with its 95% Wilson
 * interval. A tuned model that learned the update should be near 0. The
 * terminal and summary.md show it as the accuracy table's `stale` column;
 * the HTML report charts it.
 */
import { EMULATION_LEGEND, markEmulated } from '../../models/emulation.ts';
import { formatAccuracy, formatInterval } from '../format.ts';
import { orderProviders, providerColors } from '../provider-order.ts';
import type { ReportData } from '../report-data.ts';
import type { ReportSection, Section } from '../report-section.ts';
import { splitRank } from '../summary.ts';
import { chartedGrader } from './accuracy.ts';
import { anchor } from './section-kit.ts';

export function staleSections(report: ReportData): ReportSection[] {
  const colors = providerColors(report.rows);
  const grader = chartedGrader(report);
  const rows = report.rows.filter((r) => r.stale !== undefined && (grader === undefined || r.grader === grader));
  const domains = [...new Set(rows.map((r) => r.domain))];
  return domains.map((domain) => {
    const own = rows.filter((r) => r.domain === domain);
    const providers = orderProviders(own);
    const ordered = [...own].sort((a, b) => providers.indexOf(a.provider) - providers.indexOf(b.provider) || splitRank(a.split) - splitRank(b.split));
    const emulated = own.some((r) => r.emulated);
    return {
      id: anchor('stale', domain),
      title: markEmulated(`${domain}: stale answers`, emulated),
      intro: 'The share of answers that still give the answer from before the update, with its 95% Wilson interval. Lower is better: 0 means no answer was stale.',
      chart: {
        id: anchor('chart', 'stale', domain),
        title: markEmulated(`${domain}: stale rate by split`, emulated),
        measure: 'stale rate',
        categoryTitle: 'split',
        categories: [...new Set(ordered.map((r) => r.split))],
        series: providers,
        colors: providers.map((p) => colors.get(p)!),
        data: ordered.map((r) => ({ category: r.split, series: r.provider, value: r.stale!, lo: r.staleCi95?.[0], hi: r.staleCi95?.[1], n: r.n, ...(r.emulated ? { emulated: true as const } : {}) })),
      },
      table: {
        head: ['provider', 'split', 'n', 'stale', '95% CI'],
        rows: ordered.map((r) => [markEmulated(r.provider, r.emulated), r.split, String(r.n), formatAccuracy(r.stale), formatInterval(r.staleCi95)]),
      },
      ...(emulated ? { notes: [EMULATION_LEGEND] } : {}),
    };
  });
}

export const staleSection: Section = { html: staleSections };
