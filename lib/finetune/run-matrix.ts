/**
 * A batch of runs from lists of values (`--model a,b --epochs 3,10`): the
 * cartesian product, in a stable order, without duplicates. A platform's own
 * settings (`--adapter-size 4,8`) multiply the batch like the common
 * hyperparameters; they are kept as given, for the platform's declaration
 * to check when each run is planned.
 */
import { canonicalJson } from '../foundation/content-hash.ts';
import type { Hyperparameters } from '../ledger/run-spec.ts';

export interface RunMatrix {
  platforms: string[];
  domains: string[];
  models: string[];
  epochs: number[];
  batchSizes: Hyperparameters['batchSize'][];
  learningRateMultipliers: Hyperparameters['learningRateMultiplier'][];
  /** A platform's own settings, by key (`adapterSize`): the values asked for; a setting not asked for is absent. */
  platformOptions: Readonly<Record<string, readonly unknown[]>>;
  seeds: number[];
}

export interface RunCell {
  platform: string;
  domain: string;
  model: string;
  hyperparameters: Hyperparameters & { epochs: number };
  /** Unchecked: the platform's declaration checks them (registry.checkPlatformOptions). */
  platformOptions: Record<string, unknown>;
  seed: number;
}

/** Every combination of the platform options' values: [{}] when none is asked for. */
function optionCombinations(options: RunMatrix['platformOptions']): Record<string, unknown>[] {
  let combos: Record<string, unknown>[] = [{}];
  for (const [key, values] of Object.entries(options)) combos = combos.flatMap((c) => values.map((v) => ({ ...c, [key]: v })));
  return combos;
}

export function expandRunMatrix(m: RunMatrix): RunCell[] {
  const cells: RunCell[] = [];
  const seen = new Set<string>();
  const combos = optionCombinations(m.platformOptions);
  for (const platform of m.platforms)
    for (const domain of m.domains)
      for (const model of m.models)
        for (const epochs of m.epochs)
          for (const batchSize of m.batchSizes)
            for (const learningRateMultiplier of m.learningRateMultipliers)
              for (const platformOptions of combos)
                for (const seed of m.seeds) {
                  const cell: RunCell = { platform, domain, model, hyperparameters: { epochs, batchSize, learningRateMultiplier }, platformOptions, seed };
                  const id = canonicalJson(cell);
                  if (seen.has(id)) continue;
                  seen.add(id);
                  cells.push(cell);
                }
  return cells;
}
