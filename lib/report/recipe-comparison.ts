/**
 * Training recipes compared: the tuned models of runs of one domain and base
 * model that differ in exactly one setting, among recipe (with its
 * augmentation sidecar), epochs, learning-rate multiplier and seed, and agree
 * on the rest (platform, batch size, adapter, training type, domain version).
 * Runs that differ only in that setting form one comparison; the first run
 * (recipe `default`, the fewest epochs, lr `auto` or the smallest, seed 42 or
 * the smallest) is the reference the others are read against, per split:
 *
 *   difference   accuracy(run) − accuracy(reference) on the questions both
 *                answered (paired), with its 95% interval (Newcombe's paired
 *                score interval) and whether that interval excludes 0;
 *   McNemar p    the exact two-sided McNemar test on the same pairs
 *                (paired-test.ts): how likely a split of the discordant
 *                questions at least this uneven is if the runs are equally good.
 *
 * Checkpoints are not compared here (they are the learning curves). Runs are
 * read from each row's identity (lib/ledger/provider-identity.ts), never
 * from labels; a platform's own settings are compared as a whole.
 */
import { canonicalJson } from '../foundation/content-hash.ts';
import type { RunIdentity } from '../ledger/provider-identity.ts';
import { DEFAULT_SEED } from '../ledger/run-spec.ts';
import { mcnemarExact, pairedDifferenceInterval, type PairedCounts } from './paired-test.ts';
import { verdictKey, type RunResults } from './run-results.ts';
import { sortSplits } from './curves.ts';
import type { SummaryRow } from './summary.ts';

export const COMPARED_SETTINGS = ['recipe', 'epochs', 'learningRateMultiplier', 'seed'] as const;
export type ComparedSetting = (typeof COMPARED_SETTINGS)[number];

/** How a setting is named in tables. */
export const SETTING_NAMES: Record<ComparedSetting, string> = { recipe: 'recipe', epochs: 'epochs', learningRateMultiplier: 'lr multiplier', seed: 'seed' };

export interface RecipeRun {
  provider: string;
  run: string;
  /** The setting's value for this run, as text (`variants+aug-1e4482`, `3`, `auto`, `42`). */
  value: string;
}

export interface RecipeDifference extends PairedCounts {
  provider: string;
  /** The reference run's provider. */
  against: string;
  /** Questions both runs answered. */
  n: number;
  /** accuracy(provider) − accuracy(against) on those questions; null when n = 0. */
  difference: number | null;
  ci95: [number, number] | null;
  excludesZero: boolean;
  /** McNemar's exact two-sided p; null when n = 0. */
  pValue: number | null;
}

export interface RecipeSplit {
  split: string;
  /** accuracy and ci95 are null when n = 0 (no data). */
  accuracies: { provider: string; n: number; correct: number; accuracy: number | null; ci95: [number, number] | null; emulated?: true }[];
  differences: RecipeDifference[];
}

export interface RecipeComparison {
  domain: string;
  baseModel: string;
  setting: ComparedSetting;
  /** The other compared settings, equal across the runs (and the platform and fixed hyperparameters). */
  fixed: Record<string, string | number | boolean | null>;
  emulated: boolean;
  /** Reference first. */
  runs: RecipeRun[];
  splits: RecipeSplit[];
}

const valueOf = (r: RunIdentity & { baseModel: string }, s: ComparedSetting): string => String(r[s] ?? '?');

/** Order of values within a setting: the default first, then numbers ascending, then text. */
function valueRank(setting: ComparedSetting, value: string): [number, number, string] {
  const isDefault = (setting === 'recipe' && value === 'default') || (setting === 'learningRateMultiplier' && value === 'auto') || (setting === 'seed' && value === String(DEFAULT_SEED));
  const num = Number(value);
  return [isDefault ? 0 : 1, Number.isFinite(num) ? num : Infinity, value];
}

const byValue = (setting: ComparedSetting) => (a: RecipeRun, b: RecipeRun) => {
  const [x, y] = [valueRank(setting, a.value), valueRank(setting, b.value)];
  return x[0] - y[0] || x[1] - y[1] || x[2].localeCompare(y[2]) || a.run.localeCompare(b.run);
};

function paired(results: RunResults, domain: string, split: string, a: string, b: string): PairedCounts & { n: number } {
  const va = results.verdicts.get(verdictKey(a, domain)) ?? new Map();
  const vb = results.verdicts.get(verdictKey(b, domain)) ?? new Map();
  const t = { both: 0, onlyA: 0, onlyB: 0, neither: 0, n: 0 };
  for (const [question, x] of va) {
    const y = vb.get(question);
    if (x.split !== split || !y) continue;
    t.n++;
    if (x.correct && y.correct) t.both++;
    else if (x.correct) t.onlyA++;
    else if (y.correct) t.onlyB++;
    else t.neither++;
  }
  return t;
}

export function compareRecipes(rows: readonly SummaryRow[], results: RunResults): RecipeComparison[] {
  // The tuned model (not checkpoints) of each run, per domain it was asked on.
  const finals: { domain: string; provider: string; run: RunIdentity & { baseModel: string } }[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    const i = row.identity;
    if (i?.role !== 'tuned' || !i.run || i.checkpoint || row.grader || i.run.domain !== row.domain) continue;
    const run = { ...i.run, baseModel: i.baseModel };
    const id = verdictKey(row.provider, row.domain);
    if (seen.has(id)) continue;
    seen.add(id);
    finals.push({ domain: row.domain, provider: row.provider, run });
  }
  const out: RecipeComparison[] = [];
  for (const setting of COMPARED_SETTINGS) {
    const groups = new Map<string, typeof finals>();
    for (const f of finals) {
      const r = f.run;
      const fixed = { platform: r.platform, domainVersion: r.domainVersion, batchSize: r.batchSize, platformOptions: canonicalJson(r.platformOptions) };
      const others = Object.fromEntries(COMPARED_SETTINGS.filter((s) => s !== setting).map((s) => [s, r[s]]));
      const key = JSON.stringify([f.domain, r.baseModel, fixed, others]);
      groups.set(key, [...(groups.get(key) ?? []), f]);
    }
    for (const group of groups.values()) {
      if (new Set(group.map((f) => valueOf(f.run, setting))).size < 2) continue;
      const first = group[0]!;
      const runs = group.map((f) => ({ provider: f.provider, run: f.run.name, value: valueOf(f.run, setting) })).sort(byValue(setting));
      const reference = runs[0]!;
      const domainRows = rows.filter((r) => r.domain === first.domain && !r.grader);
      const splits = sortSplits([...new Set(domainRows.filter((r) => runs.some((x) => x.provider === r.provider)).map((r) => r.split))]);
      const r = first.run;
      out.push({
        domain: first.domain,
        baseModel: r.baseModel,
        setting,
        fixed: {
          platform: r.platform,
          batchSize: r.batchSize,
          ...Object.fromEntries(COMPARED_SETTINGS.filter((s) => s !== setting).map((s) => [s, r[s]])),
          ...Object.fromEntries(Object.entries(r.platformOptions).sort(([a], [b]) => a.localeCompare(b))),
        },
        emulated: runs.some((x) => results.emulated.has(x.provider)),
        runs,
        splits: splits.map((split) => ({
          split,
          accuracies: runs.flatMap((x) => {
            const row = domainRows.find((y) => y.provider === x.provider && y.split === split);
            return row
              ? [{ provider: x.provider, n: row.n, correct: row.correct, accuracy: row.n ? row.accuracy : null, ci95: row.n ? row.ci95 : null, ...(row.emulated ? { emulated: true as const } : {}) }]
              : [];
          }),
          differences: runs.slice(1).map((x) => {
            const t = paired(results, first.domain, split, reference.provider, x.provider);
            const difference = t.n ? (t.onlyB - t.onlyA) / t.n : null;
            const ci95 = pairedDifferenceInterval(t);
            return {
              provider: x.provider,
              against: reference.provider,
              ...t,
              difference,
              ci95,
              excludesZero: ci95 !== null && (ci95[0] > 0 || ci95[1] < 0),
              pValue: t.n ? mcnemarExact(t.onlyA, t.onlyB) : null,
            };
          }),
        })),
      });
    }
  }
  return out.sort(
    (a, b) => a.domain.localeCompare(b.domain) || a.baseModel.localeCompare(b.baseModel) || a.setting.localeCompare(b.setting) || canonicalJson(a.fixed).localeCompare(canonicalJson(b.fixed)),
  );
}
