/**
 * The report's headline, FineTuneBench's own: fine-tuned models memorize
 * what they were trained on and generalize little (the study: 37% on new
 * knowledge, 19% on updated knowledge). Per provider and kind of knowledge
 * (the domains' `kind`: new, update), this run's memorization accuracy, its
 * accuracy on the generalization splits (rephrased, derived, comparison,
 * applied; pooled question by question), and the gap between them with a 95%
 * interval (difference-interval.ts). A side nothing measured is null ("no
 * data"), and so is the gap. Undecided answers count wrong, as in every
 * accuracy; `range` gives the gap whichever way they are decided.
 * summary.json holds it as `overview`.
 */
import { PROBE_SPLITS } from '../domain/schema.ts';
import { differenceInterval } from './difference-interval.ts';
import { orderProviders } from './provider-order.ts';
import type { PromptfooResultLike, SummaryRow } from './summary.ts';
import { wilsonInterval } from './wilson.ts';

export const MEMORIZATION_SPLIT = 'memorization';

/** The splits that ask what a fact implies rather than the trained question: generalization. */
export const GENERALIZATION_SPLITS: readonly string[] = PROBE_SPLITS.filter((s) => s !== 'abstain');

/** What the study reported (Wu, Wu & Zou 2024, arXiv 2411.05059; the mean of GPT-4o, GPT-4o mini, GPT-3.5 Turbo, Gemini 1.5 Flash and Pro). */
export const STUDY = {
  source: 'FineTuneBench (Wu, Wu & Zou, 2024, arXiv 2411.05059)',
  finding: 'memorization high, generalization low',
  generalization: { new: 0.37, update: 0.19 },
} as const;

export interface OverviewSide {
  /** The splits pooled (those this provider was asked). */
  splits: string[];
  /** Questions answered; with repeats, correct and undecided are sums of shares. */
  n: number;
  correct: number;
  undecided: number;
  /** correct / n (undecided counted wrong); null when n = 0. */
  accuracy: number | null;
  ci95: [number, number] | null;
  /** The accuracy if every undecided answer were right; null when n = 0. */
  upper: number | null;
  upperCi95: [number, number] | null;
}

export interface OverviewGap {
  provider: string;
  /** The domains' kind (`new`, `update`; `unknown` when the results do not say). */
  kind: string;
  domains: string[];
  /** Some of its answers came from an emulator (lib/models/emulation.ts). */
  emulated?: true;
  memorization: OverviewSide;
  generalization: OverviewSide;
  /** memorization − generalization accuracy; null when a side has no data. */
  gap: number | null;
  /** 95% interval of the gap (Newcombe's hybrid score interval, independent questions). */
  ci95: [number, number] | null;
  /** When some answer is undecided: the gap if the undecided were decided worst and best for it (memorization lower − generalization upper, and the reverse). */
  range?: [number, number];
}

export interface Overview {
  study: typeof STUDY;
  generalizationSplits: readonly string[];
  gaps: OverviewGap[];
}

/** Each domain's kind as its tests' metadata say it (the suite builder writes it). */
export function domainKinds(results: readonly PromptfooResultLike[]): Map<string, string> {
  const kinds = new Map<string, string>();
  for (const r of results) {
    const meta = { ...(r.metadata ?? {}), ...(r.testCase?.metadata ?? {}) };
    if (meta.domain !== undefined && typeof meta.kind === 'string' && !kinds.has(String(meta.domain))) kinds.set(String(meta.domain), meta.kind);
  }
  return kinds;
}

function side(rows: readonly SummaryRow[]): OverviewSide {
  const n = rows.reduce((s, r) => s + r.n, 0);
  const correct = tidy(rows.reduce((s, r) => s + r.correct, 0));
  const undecided = tidy(rows.reduce((s, r) => s + (r.undecided ?? 0), 0));
  return {
    splits: [...new Set(rows.map((r) => r.split))],
    n,
    correct,
    undecided,
    accuracy: n ? correct / n : null,
    ci95: n ? wilsonInterval(correct, n) : null,
    upper: n ? (correct + undecided) / n : null,
    upperCi95: n ? wilsonInterval(correct + undecided, n) : null,
  };
}

const tidy = (x: number) => Math.round(x * 1e9) / 1e9;

const KIND_ORDER = ['new', 'update'];
const kindRank = (k: string) => (KIND_ORDER.includes(k) ? KIND_ORDER.indexOf(k) : KIND_ORDER.length);

/**
 * The gaps of every provider and kind that has a memorization or a
 * generalization split, providers in report order. `rows` are one grader's
 * (or the only) rows.
 */
export function buildOverview(rows: readonly SummaryRow[], kinds: ReadonlyMap<string, string>): Overview {
  const gaps: OverviewGap[] = [];
  const counted = rows.filter((r) => r.split === MEMORIZATION_SPLIT || GENERALIZATION_SPLITS.includes(r.split));
  const kindOf = (r: SummaryRow) => kinds.get(r.domain) ?? 'unknown';
  for (const provider of orderProviders(counted)) {
    const own = counted.filter((r) => r.provider === provider);
    for (const kind of [...new Set(own.map(kindOf))].sort((a, b) => kindRank(a) - kindRank(b) || a.localeCompare(b))) {
      const mine = own.filter((r) => kindOf(r) === kind);
      const memorization = side(mine.filter((r) => r.split === MEMORIZATION_SPLIT));
      const generalization = side(mine.filter((r) => r.split !== MEMORIZATION_SPLIT).sort((a, b) => GENERALIZATION_SPLITS.indexOf(a.split) - GENERALIZATION_SPLITS.indexOf(b.split)));
      const gap = differenceInterval(memorization.correct, memorization.n, generalization.correct, generalization.n);
      const undecided = memorization.undecided + generalization.undecided > 0;
      gaps.push({
        provider,
        kind,
        domains: [...new Set(mine.map((r) => r.domain))],
        ...(mine.some((r) => r.emulated) ? { emulated: true as const } : {}),
        memorization,
        generalization,
        gap: gap?.difference ?? null,
        ci95: gap?.ci95 ?? null,
        ...(gap && undecided ? { range: [memorization.accuracy! - generalization.upper!, memorization.upper! - generalization.accuracy!] as [number, number] } : {}),
      });
    }
  }
  return { study: STUDY, generalizationSplits: GENERALIZATION_SPLITS, gaps };
}
