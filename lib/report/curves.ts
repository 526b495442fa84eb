/**
 * Learning curves: accuracy against epoch, per split, for one domain, base
 * model and training setting (recipe, learning rate, batch, seed, platform,
 * domain version, augmentation), from the points the results have: the
 * checkpoints of a run (`npm run suites -- --checkpoints`) and its tuned
 * model (the last epoch), and runs that differ only in epochs.
 *
 * A curve has one or more series: `<run name>` for a run with checkpoints
 * (its checkpoints, then its tuned model), and `final models` for the tuned
 * models of two or more runs of the setting with different epochs. A curve
 * is made when some series has two epochs or more. The base model and the
 * base model in-context are its horizontal references. A point with n = 0
 * has accuracy null ("no data"); a checkpoint known only by its step (no
 * epoch) is not on a curve.
 */
import { DEFAULT_SEED } from '../ledger/run-spec.ts';
import type { RunDescriptor } from '../ledger/run-descriptor.ts';
import { parseProviderLabel } from '../foundation/provider-labels.ts';
import type { RunResults } from './run-results.ts';
import type { SummaryRow } from './summary.ts';

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
}

export interface CurveReference {
  role: 'base' | 'in-context';
  split: string;
  provider: string;
  n: number;
  accuracy: number | null;
  ci95: [number, number] | null;
}

export interface Curve {
  domain: string;
  /** The domain the runs were trained on (another one for a control domain's locality curve). */
  trainedOn: string;
  baseModel: string;
  /** `gpt-4o-mini, recipe default`: the base model and the settings the curve holds fixed that are not defaults. */
  label: string;
  settings: Omit<RunDescriptor, 'key' | 'name' | 'domain' | 'baseModel' | 'epochs' | 'checkpoint'>;
  /** Some of its numbers came from an emulator. */
  emulated: boolean;
  splits: string[];
  points: CurvePoint[];
  references: CurveReference[];
}

const settingsOf = (r: RunDescriptor): Curve['settings'] => ({
  platform: r.platform,
  domainVersion: r.domainVersion,
  batchSize: r.batchSize,
  learningRateMultiplier: r.learningRateMultiplier,
  seed: r.seed,
  recipe: r.recipe,
  adapterSize: r.adapterSize,
  trainingType: r.trainingType,
});

export function curveLabel(baseModel: string, s: Curve['settings']): string {
  const parts = [`recipe ${s.recipe}`];
  if (s.learningRateMultiplier !== 'auto') parts.push(`lr ${s.learningRateMultiplier}`);
  if (s.batchSize !== 'auto') parts.push(`batch ${s.batchSize}`);
  if (s.seed !== DEFAULT_SEED) parts.push(`seed ${s.seed}`);
  if (s.adapterSize !== null) parts.push(`adapter ${s.adapterSize}`);
  if (s.trainingType === 'full') parts.push('full');
  if (s.platform !== 'openai') parts.push(`on ${s.platform}`);
  return `${baseModel}, ${parts.join(', ')}`;
}

const accuracyOf = (row: SummaryRow): number | null => (row.n === 0 ? null : row.accuracy);
const intervalOf = (row: SummaryRow): [number, number] | null => (row.n === 0 ? null : row.ci95);

export function buildCurves(rows: readonly SummaryRow[], results: RunResults): Curve[] {
  // Tuned providers (runs and checkpoints) grouped by domain and setting.
  const groups = new Map<string, { domain: string; run: RunDescriptor; providers: { provider: string; run: RunDescriptor }[] }>();
  const providersByDomain = new Map<string, Set<string>>();
  for (const row of rows) {
    if (row.grader) continue;
    let set = providersByDomain.get(row.domain);
    if (!set) providersByDomain.set(row.domain, (set = new Set()));
    set.add(row.provider);
  }
  for (const [domain, providers] of providersByDomain) {
    for (const provider of providers) {
      const run = results.runs.get(provider);
      if (!run) continue;
      // On a control domain the runs were trained on other domains (locality): the training domain is part of the setting.
      const key = JSON.stringify([domain, run.domain, run.baseModel, settingsOf(run)]);
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { domain, run, providers: [] }));
      g.providers.push({ provider, run });
    }
  }

  const curves: Curve[] = [];
  for (const g of groups.values()) {
    // Each provider's place on the epoch axis, and its series.
    const placed: { provider: string; run: RunDescriptor; epoch: number; step: number | null; series: string }[] = [];
    const byRun = new Map<string, { provider: string; run: RunDescriptor; epoch: number; step: number | null }[]>();
    for (const { provider, run } of g.providers) {
      const epoch = run.checkpoint ? run.checkpoint.epoch : run.epochs;
      if (epoch === null) continue;
      const list = byRun.get(run.key) ?? [];
      list.push({ provider, run, epoch, step: run.checkpoint?.step ?? null });
      byRun.set(run.key, list);
    }
    for (const list of byRun.values()) if (list.length >= 2) for (const p of list) placed.push({ ...p, series: p.run.name });
    const finals = [...byRun.values()].flatMap((list) => list.filter((p) => p.step === null));
    if (new Set(finals.map((p) => p.epoch)).size >= 2) for (const p of finals) placed.push({ ...p, series: 'final models' });
    if (placed.length === 0) continue;

    const rowsOf = rows.filter((r) => r.domain === g.domain && !r.grader);
    const points: CurvePoint[] = [];
    for (const p of placed) {
      for (const row of rowsOf.filter((r) => r.provider === p.provider)) {
        points.push({ series: p.series, epoch: p.epoch, step: p.step, split: row.split, provider: p.provider, run: p.run.name, n: row.n, correct: row.correct, accuracy: accuracyOf(row), ci95: intervalOf(row) });
      }
    }
    const splitRank = (s: string) => sortSplits([...new Set(points.map((p) => p.split))]).indexOf(s);
    points.sort((a, b) => a.series.localeCompare(b.series) || splitRank(a.split) - splitRank(b.split) || a.epoch - b.epoch || (a.step ?? Infinity) - (b.step ?? Infinity));
    const splits = [...new Set(rowsOf.filter((r) => placed.some((p) => p.provider === r.provider)).map((r) => r.split))];
    const references: CurveReference[] = [];
    for (const row of rowsOf) {
      const label = parseProviderLabel(row.provider);
      if (!label || label.baseModel !== g.run.baseModel || !splits.includes(row.split)) continue;
      // The plain in-context reference (not a top-k variant), as in the tuned vs base comparison.
      const role = label.role === 'base' ? 'base' : label.role === 'in-context' && label.detail === '' ? 'in-context' : null;
      if (role) references.push({ role, split: row.split, provider: row.provider, n: row.n, accuracy: accuracyOf(row), ci95: intervalOf(row) });
    }
    const settings = settingsOf(g.run);
    const involved = new Set([...placed.map((p) => p.provider), ...references.map((r) => r.provider)]);
    curves.push({
      domain: g.domain,
      trainedOn: g.run.domain,
      baseModel: g.run.baseModel,
      label: `${curveLabel(g.run.baseModel, settings)}${g.run.domain === g.domain ? '' : `, trained on ${g.run.domain}`}`,
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
