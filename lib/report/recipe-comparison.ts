/**
 * Training recipes compared: the tuned models of runs of one domain and base
 * model that differ in exactly one setting, among recipe (with its
 * augmentation sidecar), epochs, learning-rate multiplier, seed and each of
 * the platform's own settings (Vertex AI's adapter size, Together AI's
 * training type, whatever a platform declares), and agree on the rest
 * (platform, batch size, domain version). Runs that differ only in that
 * setting form one comparison; the first run (recipe `default`, the fewest
 * epochs, lr `auto` or the smallest, seed 42 or the smallest, a platform
 * setting's default or the smallest) is the reference the others are read
 * against, per split:
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
 * from labels; a platform's settings are named by its declaration
 * (lib/platforms/<id>-settings.ts), so a new one is compared with no edit here.
 */
import { canonicalJson } from '../foundation/content-hash.ts';
import type { RunIdentity } from '../ledger/provider-identity.ts';
import { DEFAULT_SEED } from '../ledger/run-spec.ts';
import { orderSettingKeys, settingDefault, settingName as platformSettingName } from '../platforms/registry.ts';
import { mcnemarExact, pairedDifferenceInterval, type PairedCounts } from './paired-test.ts';
import { verdictKey, type RunResults } from './run-results.ts';
import { sortSplits } from './curves.ts';
import type { SummaryRow } from './summary.ts';

/** The common settings compared; each platform's own follow (the keys of its runs' platformOptions). */
export const COMPARED_SETTINGS = ['recipe', 'epochs', 'learningRateMultiplier', 'seed'] as const;
type CommonSetting = (typeof COMPARED_SETTINGS)[number];

/** How the common settings are named in tables. */
const COMMON_NAMES: Record<string, string> = { recipe: 'recipe', epochs: 'epochs', learningRateMultiplier: 'lr multiplier', seed: 'seed', batchSize: 'batch size', platform: 'platform' };

/** How a setting (a common one or a platform's own) is named in tables; `platform` is the runs' platform. */
export function settingName(setting: string, platform: string): string {
  return COMMON_NAMES[setting] ?? platformSettingName(platform, setting);
}

/** What a run without a value of a platform setting shows for it: the platform's default. */
const PLATFORM_DEFAULT = 'default';

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
  /** A common setting (COMPARED_SETTINGS) or a key of the platform's own settings (`adapterSize`). */
  setting: string;
  /** The other compared settings, equal across the runs (and the platform and fixed hyperparameters). */
  fixed: Record<string, string | number | boolean | null>;
  emulated: boolean;
  /** Reference first. */
  runs: RecipeRun[];
  splits: RecipeSplit[];
}

type Run = RunIdentity & { baseModel: string };

const isCommon = (setting: string): setting is CommonSetting => (COMPARED_SETTINGS as readonly string[]).includes(setting);

/** A run's value of a setting, as text: a platform setting the run does not set shows `default`. */
function valueOf(r: Run, setting: string): string {
  if (isCommon(setting)) return String(r[setting] ?? '?');
  const value = r.platformOptions[setting];
  return value === undefined ? PLATFORM_DEFAULT : String(value);
}

/** Order of values within a setting: the default first, then numbers ascending, then text. */
function valueRank(setting: string, platform: string, value: string): [number, number, string] {
  const declared = settingDefault(platform, setting);
  const isDefault =
    (setting === 'recipe' && value === 'default') ||
    (setting === 'learningRateMultiplier' && value === 'auto') ||
    (setting === 'seed' && value === String(DEFAULT_SEED)) ||
    (!isCommon(setting) && (value === PLATFORM_DEFAULT || (declared !== undefined && value === String(declared))));
  const num = Number(value);
  return [isDefault ? 0 : 1, Number.isFinite(num) ? num : Infinity, value];
}

const byValue = (setting: string, platform: string) => (a: RecipeRun, b: RecipeRun) => {
  const [x, y] = [valueRank(setting, platform, a.value), valueRank(setting, platform, b.value)];
  return x[0] - y[0] || x[1] - y[1] || x[2].localeCompare(y[2]) || a.run.localeCompare(b.run);
};

/** Every setting but `setting`, as a run has them: the common compared ones, then the platform's own in declared order. */
function otherSettings(r: Run, setting: string, optionKeys: readonly string[]): Record<string, string | number | boolean | null> {
  const common = COMPARED_SETTINGS.filter((s) => s !== setting).map((s) => [s, r[s]] as const);
  const own = optionKeys.filter((k) => k !== setting && r.platformOptions[k] !== undefined).map((k) => [k, r.platformOptions[k]!] as const);
  return Object.fromEntries([...common, ...own]);
}

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
  const finals: { domain: string; provider: string; run: Run }[] = [];
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
  // The platforms' own settings these runs set, each compared like a common one.
  const optionKeys = orderSettingKeys(finals.flatMap((f) => Object.keys(f.run.platformOptions)));
  for (const setting of [...COMPARED_SETTINGS, ...optionKeys]) {
    const groups = new Map<string, typeof finals>();
    for (const f of finals) {
      const r = f.run;
      const fixed = { platform: r.platform, domainVersion: r.domainVersion, batchSize: r.batchSize };
      const key = canonicalJson([f.domain, r.baseModel, fixed, otherSettings(r, setting, optionKeys)]);
      groups.set(key, [...(groups.get(key) ?? []), f]);
    }
    for (const group of groups.values()) {
      if (new Set(group.map((f) => valueOf(f.run, setting))).size < 2) continue;
      const first = group[0]!;
      const runs = group.map((f) => ({ provider: f.provider, run: f.run.name, value: valueOf(f.run, setting) })).sort(byValue(setting, first.run.platform));
      const reference = runs[0]!;
      const domainRows = rows.filter((r) => r.domain === first.domain && !r.grader);
      const splits = sortSplits([...new Set(domainRows.filter((r) => runs.some((x) => x.provider === r.provider)).map((r) => r.split))]);
      const r = first.run;
      out.push({
        domain: first.domain,
        baseModel: r.baseModel,
        setting,
        fixed: { platform: r.platform, batchSize: r.batchSize, ...otherSettings(r, setting, optionKeys) },
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
