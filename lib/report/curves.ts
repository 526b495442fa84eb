/**
 * Learning curves: accuracy against epoch, per split, for one domain, base
 * model and training setting (recipe, learning rate, batch, seed, platform,
 * the platform's own settings, domain version, augmentation), from the points the results have: the
 * checkpoints of a run (`npm run suites -- --checkpoints`) and its tuned
 * model (the last epoch), and runs that differ only in epochs.
 *
 * A curve has one or more series: `<run name>` for a run with checkpoints
 * (its checkpoints, then its tuned model), and `final models` for the tuned
 * models of two or more runs of the setting with different epochs. A curve
 * is made when some series has two epochs or more. The base model and the
 * base model in-context are its horizontal references. A point with n = 0
 * has accuracy null ("no data"); a checkpoint known only by its step (no
 * epoch) is not on a curve. Runs, checkpoints and references are read from
 * each row's identity (lib/ledger/provider-identity.ts), never from labels.
 */
import { DEFAULT_SEED } from '../ledger/run-spec.ts';
import { orderSettingKeys, settingLabel } from '../platforms/registry.ts';
import type { CheckpointIdentity, RunIdentity } from '../ledger/provider-identity.ts';
import type { RunResults } from './run-results.ts';
import type { SummaryRow } from './summary.ts';

/** A tuned provider's run as a curve reads it: the run, its base model, and the checkpoint when it is one. */
interface RunPoint {
  baseModel: string;
  run: RunIdentity;
  checkpoint?: CheckpointIdentity;
}

export interface CurvePoint {
  series: string;
  epoch: number;
  /** The checkpoint's step; null for a run's tuned model. */
  step: number | null;
  split: string;
  provider: string;
  run: string;
  n: number;
  correct: number;
  accuracy: number | null;
  /** null when n = 0. */
  ci95: [number, number] | null;
  /** Its answers came (some of them) from an emulator. */
  emulated?: true;
}

export interface CurveReference {
  role: 'base' | 'in-context';
  split: string;
  provider: string;
  n: number;
  accuracy: number | null;
  ci95: [number, number] | null;
  /** Its answers came (some of them) from an emulator. */
  emulated?: true;
}

export interface Curve {
  domain: string;
  /** The domain the runs were trained on (another one for a control domain's locality curve). */
  trainedOn: string;
  baseModel: string;
  /** `gpt-4o-mini, recipe default`: the base model and the settings the curve holds fixed that are not defaults. */
  label: string;
  settings: Omit<RunIdentity, 'key' | 'name' | 'domain' | 'epochs'>;
  /** Some of its numbers came from an emulator. */
  emulated: boolean;
  splits: string[];
  points: CurvePoint[];
  references: CurveReference[];
}

const settingsOf = ({ key: _key, name: _name, domain: _domain, epochs: _epochs, ...settings }: RunIdentity): Curve['settings'] => settings;

export function curveLabel(baseModel: string, s: Curve['settings']): string {
  const parts = [`recipe ${s.recipe}`];
  if (s.learningRateMultiplier !== 'auto') parts.push(`lr ${s.learningRateMultiplier}`);
  if (s.batchSize !== 'auto') parts.push(`batch ${s.batchSize}`);
  if (s.seed !== DEFAULT_SEED) parts.push(`seed ${s.seed}`);
  // A platform's own settings, in the words its declaration gives them ('' for one it leaves out, e.g. its default).
  for (const key of orderSettingKeys(Object.keys(s.platformOptions))) {
    const words = settingLabel(s.platform, key, s.platformOptions[key] ?? null);
    if (words) parts.push(words);
  }
  if (s.platform !== 'openai') parts.push(`on ${s.platform}`);
  return `${baseModel}, ${parts.join(', ')}`;
}

/** The run a row's provider asked, when its identity says it is a tuned run's model or checkpoint. */
function runPointOf(row: SummaryRow): RunPoint | null {
  const i = row.identity;
  if (i?.role !== 'tuned' || !i.run) return null;
  return { baseModel: i.baseModel, run: i.run, ...(i.checkpoint && { checkpoint: i.checkpoint }) };
}

const accuracyOf = (row: SummaryRow): number | null => (row.n === 0 ? null : row.accuracy);
const intervalOf = (row: SummaryRow): [number, number] | null => (row.n === 0 ? null : row.ci95);
const emulatedOf = (row: SummaryRow) => (row.emulated ? { emulated: true as const } : {});

export function buildCurves(rows: readonly SummaryRow[], results: RunResults): Curve[] {
  // Tuned providers (runs and checkpoints) grouped by domain and setting, each provider once per domain.
  const groups = new Map<string, { domain: string; first: RunPoint; providers: { provider: string; point: RunPoint }[] }>();
  const seen = new Set<string>();
  for (const row of rows) {
    const point = runPointOf(row);
    if (row.grader || !point || seen.has(JSON.stringify([row.domain, row.provider]))) continue;
    seen.add(JSON.stringify([row.domain, row.provider]));
    // On a control domain the runs were trained on other domains (locality): the training domain is part of the setting.
    const key = JSON.stringify([row.domain, point.run.domain, point.baseModel, settingsOf(point.run)]);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { domain: row.domain, first: point, providers: [] }));
    g.providers.push({ provider: row.provider, point });
  }

  const curves: Curve[] = [];
  for (const g of groups.values()) {
    // Each provider's place on the epoch axis, and its series.
    const placed: { provider: string; run: RunIdentity; epoch: number; step: number | null; series: string }[] = [];
    const byRun = new Map<string, { provider: string; run: RunIdentity; epoch: number; step: number | null }[]>();
    for (const { provider, point } of g.providers) {
      const epoch = point.checkpoint ? point.checkpoint.epoch : point.run.epochs;
      if (epoch === null) continue;
      const list = byRun.get(point.run.key) ?? [];
      list.push({ provider, run: point.run, epoch, step: point.checkpoint?.step ?? null });
      byRun.set(point.run.key, list);
    }
    for (const list of byRun.values()) if (list.length >= 2) for (const p of list) placed.push({ ...p, series: p.run.name });
    const finals = [...byRun.values()].flatMap((list) => list.filter((p) => p.step === null));
    if (new Set(finals.map((p) => p.epoch)).size >= 2) for (const p of finals) placed.push({ ...p, series: 'final models' });
    if (placed.length === 0) continue;

    const rowsOf = rows.filter((r) => r.domain === g.domain && !r.grader);
    const points: CurvePoint[] = [];
    for (const p of placed) {
      for (const row of rowsOf.filter((r) => r.provider === p.provider)) {
        points.push({
          series: p.series,
          epoch: p.epoch,
          step: p.step,
          split: row.split,
          provider: p.provider,
          run: p.run.name,
          n: row.n,
          correct: row.correct,
          accuracy: accuracyOf(row),
          ci95: intervalOf(row),
          ...emulatedOf(row),
        });
      }
    }
    const splitRank = (s: string) => sortSplits([...new Set(points.map((p) => p.split))]).indexOf(s);
    points.sort(
      (a, b) =>
        a.series.localeCompare(b.series) || splitRank(a.split) - splitRank(b.split) || a.epoch - b.epoch || (a.step ?? Infinity) - (b.step ?? Infinity) || a.run.localeCompare(b.run),
    );
    const splits = [...new Set(rowsOf.filter((r) => placed.some((p) => p.provider === r.provider)).map((r) => r.split))];
    const references: CurveReference[] = [];
    const { baseModel, run } = g.first;
    for (const row of rowsOf) {
      const i = row.identity;
      if (!i || !('baseModel' in i) || i.baseModel !== baseModel || !splits.includes(row.split)) continue;
      // The plain in-context reference (not a variant), as in the tuned vs base comparison.
      const role = i.role === 'base' ? 'base' : i.role === 'in-context' && i.variant === undefined ? 'in-context' : null;
      if (role) references.push({ role, split: row.split, provider: row.provider, n: row.n, accuracy: accuracyOf(row), ci95: intervalOf(row), ...emulatedOf(row) });
    }
    references.sort((a, b) => Number(a.role !== 'base') - Number(b.role !== 'base') || splitRank(a.split) - splitRank(b.split));
    const settings = settingsOf(run);
    const involved = new Set([...placed.map((p) => p.provider), ...references.map((r) => r.provider)]);
    curves.push({
      domain: g.domain,
      trainedOn: run.domain,
      baseModel,
      label: `${curveLabel(baseModel, settings)}${run.domain === g.domain ? '' : `, trained on ${run.domain}`}`,
      settings,
      emulated: [...involved].some((p) => results.emulated.has(p)),
      splits: sortSplits(splits),
      points,
      references,
    });
  }
  return curves.sort((a, b) => a.domain.localeCompare(b.domain) || a.label.localeCompare(b.label));
}

const SPLIT_ORDER = ['memorization', 'rephrased', 'derived', 'comparison', 'applied', 'abstain', 'locality'];

export function sortSplits(splits: string[]): string[] {
  const rank = (s: string) => (SPLIT_ORDER.includes(s) ? SPLIT_ORDER.indexOf(s) : SPLIT_ORDER.length);
  return [...splits].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}
