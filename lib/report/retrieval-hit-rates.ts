/**
 * summary.json's `retrieval`: for every evaluated domain and split, the share
 * of questions whose fact statement retrieval finds among its top K
 * (K = 1, 3, 5, 10; lib/baselines/retrieval-hit-rate.ts defines a hit), with
 * 95% Wilson intervals; and its terminal and Markdown tables. It is measured
 * from the domain files alone: no model answers and nothing is emulated, so
 * it is a real number offline too. The HTML section is sections/retrieval.ts.
 */
import Table from 'cli-table3';
import { domainSearch } from '../baselines/domain-search.ts';
import { countRetrievalHits, HIT_RATE_KS } from '../baselines/retrieval-hit-rate.ts';
import type { LoadedDomain } from '../domain/load.ts';
import { formatAccuracy, formatInterval } from './format.ts';
import { markdownRow, markdownText } from './markdown-text.ts';
import { splitRank } from './summary.ts';
import { wilsonInterval } from './wilson.ts';

export const RETRIEVAL_MEASURED = "measured offline: a BM25 search of each domain's fact statements, no model asked, nothing emulated";

export interface HitRateAtK {
  k: number;
  hits: number;
  /** null when n = 0. */
  rate: number | null;
  ci95: [number, number] | null;
}

export interface RetrievalHitRateRow {
  domain: string;
  split: string;
  n: number;
  at: HitRateAtK[];
}

export interface RetrievalDomain {
  domain: string;
  facts: number;
  /** Why the domain has no rows (a control domain). */
  unmeasured?: string;
}

export interface RetrievalHitRates {
  measured: string;
  ks: number[];
  domains: RetrievalDomain[];
  rows: RetrievalHitRateRow[];
}

/** The one field a summary (and summary.json) carries for it; npm start fills it. */
export interface WithRetrieval {
  retrieval?: RetrievalHitRates;
}

/** The hit rates of these domains, in their order, splits in the report's order. */
export function measureRetrievalHitRates(loaded: readonly Pick<LoadedDomain, 'domain' | 'text'>[], ks: readonly number[] = HIT_RATE_KS): RetrievalHitRates {
  const domains: RetrievalDomain[] = [];
  const rows: RetrievalHitRateRow[] = [];
  for (const d of loaded) {
    const counted = countRetrievalHits(d.domain, domainSearch(d).statements, ks);
    if ('unmeasured' in counted) {
      domains.push({ domain: counted.domain, facts: counted.facts, unmeasured: counted.unmeasured });
      continue;
    }
    domains.push({ domain: counted.domain, facts: counted.facts });
    const splits = [...counted.splits].sort((a, b) => splitRank(a.split) - splitRank(b.split));
    for (const s of splits) {
      rows.push({
        domain: counted.domain,
        split: s.split,
        n: s.n,
        at: ks.map((k, i) => ({ k, hits: s.hits[i]!, rate: s.n ? s.hits[i]! / s.n : null, ci95: s.n ? wilsonInterval(s.hits[i]!, s.n) : null })),
      });
    }
  }
  return { measured: RETRIEVAL_MEASURED, ks: [...ks], domains, rows };
}

/** A rate with its interval: `0.873 [0.810, 0.918]`, or — when nothing was measured. */
export const formatHitRate = (at: HitRateAtK): string => (at.rate === null ? formatAccuracy(null) : `${formatAccuracy(at.rate)} ${formatInterval(at.ci95)}`);

export const RETRIEVAL_TITLE = 'Retrieval hit rate: is one of the question\'s fact statements among the top K that BM25 ranks for it?';

const unmeasuredLines = (r: RetrievalHitRates) => r.domains.filter((d) => d.unmeasured).map((d) => `${d.domain}: not measured, ${d.unmeasured}.`);

/** The table `npm start` prints: a block of rows per domain (its name on the first), then a line for each domain not measured. */
export function renderRetrievalTable(r: RetrievalHitRates): string {
  const head = ['domain', 'split', 'n', ...r.ks.map((k) => `top ${k}`)];
  // No rule between rows: the table stays as short as its rows.
  const table = new Table({ head, style: { head: [], border: [] }, chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' } });
  for (const d of r.domains.filter((x) => !x.unmeasured)) {
    r.rows
      .filter((x) => x.domain === d.domain)
      .forEach((row, i) => table.push([i === 0 ? d.domain : '', row.split, String(row.n), ...row.at.map(formatHitRate)]));
  }
  const measured = r.rows.length ? [table.toString()] : [];
  return [RETRIEVAL_TITLE, `(${r.measured}; 95% Wilson intervals)`, ...measured, ...unmeasuredLines(r)].join('\n');
}

export function renderRetrievalMarkdown(r: RetrievalHitRates): string {
  const line = markdownRow;
  const head = ['domain', 'split', 'n', ...r.ks.map((k) => `top ${k}`)];
  return [
    '## Retrieval hit rate',
    '',
    `${RETRIEVAL_TITLE} ${r.measured[0]!.toUpperCase()}${r.measured.slice(1)}; 95% Wilson intervals.`,
    '',
    ...(r.rows.length ? [line(head), line(head.map(() => '---')), ...r.rows.map((row) => line([row.domain, row.split, String(row.n), ...row.at.map(formatHitRate)])), ''] : []),
    ...unmeasuredLines(r).map((l) => `- ${markdownText(l)}`),
    '',
  ].join('\n');
}
