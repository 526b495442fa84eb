/**
 * A batch of runs from lists of values (`--model a,b --epochs 3,10`): the
 * cartesian product, in a stable order, without duplicates.
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
  /** Vertex AI; [undefined] when not given. */
  adapterSizes: Hyperparameters['adapterSize'][];
  /** Together AI; [undefined] when not given. */
  trainingTypes: Hyperparameters['trainingType'][];
  seeds: number[];
}

export interface RunCell {
  platform: string;
  domain: string;
  model: string;
  hyperparameters: Hyperparameters & { epochs: number };
  seed: number;
}

export function expandRunMatrix(m: RunMatrix): RunCell[] {
  const cells: RunCell[] = [];
  const seen = new Set<string>();
  for (const platform of m.platforms)
    for (const domain of m.domains)
      for (const model of m.models)
        for (const epochs of m.epochs)
          for (const batchSize of m.batchSizes)
            for (const learningRateMultiplier of m.learningRateMultipliers)
              for (const adapterSize of m.adapterSizes)
                for (const trainingType of m.trainingTypes)
                  for (const seed of m.seeds) {
                    const hyperparameters = {
                      epochs,
                      batchSize,
                      learningRateMultiplier,
                      ...(adapterSize !== undefined && { adapterSize }),
                      ...(trainingType !== undefined && { trainingType }),
                    };
                    const cell: RunCell = { platform, domain, model, hyperparameters, seed };
                    const id = canonicalJson(cell);
                    if (seen.has(id)) continue;
                    seen.add(id);
                    cells.push(cell);
                  }
  return cells;
}
