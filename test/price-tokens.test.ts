/**
 * What tokens cost at a model's list price (lib/models/inference-price.ts
 * priceTokens), as promptfoo's viewer shows it for one answer (`cost`, or
 * `costIfReal` for an emulator's) and as the report and the augment estimate
 * sum it: tokens × price, without float noise such as 0.000021900000000000004.
 */
import { describe, expect, it } from 'vitest';
import { inferencePrice, priceTokens } from '../lib/models/inference-price.ts';
import { baseModel, priceFile } from '../lib/models/prices.ts';

describe('priceTokens', () => {
  it('is tokens × price per million for every listed model, base and tuned, and reads without float noise', () => {
    let noisy = 0;
    for (const [platform, entries] of Object.entries(priceFile().platforms))
      for (const snapshot of Object.keys(entries.models)) {
        const info = baseModel(platform, snapshot);
        for (const tuned of [false, true])
          for (let prompt = 0; prompt <= 400; prompt += 7)
            for (let completion = 0; completion <= 60; completion += 3) {
              const p = tuned ? info.tuned : info.base;
              const sum = (prompt * p.input + completion * p.output) / 1_000_000;
              if (Number(sum.toPrecision(12)) !== sum) noisy++;
              const cost = priceTokens(inferencePrice(info, tuned), prompt, completion);
              expect(Math.abs(cost - sum)).toBeLessThan(1e-12);
              expect(Number(cost.toPrecision(12)), `${platform} ${snapshot} ${tuned} ${prompt}+${completion}`).toBe(cost);
            }
      }
    // The float sums themselves are noisy, so the check above can fail.
    expect(noisy).toBeGreaterThan(0);
  });

  it('gives the example the viewer showed as 0.000021900000000000004 as 0.0000219', () => {
    const info = baseModel('openai', 'gpt-4o-mini');
    // 0.15 and 0.6 USD per million tokens: 142 prompt and 1 completion tokens make that float sum.
    expect((142 * info.base.input + 1 * info.base.output) / 1_000_000).not.toBe(0.0000219);
    expect(priceTokens(inferencePrice(info, false), 142, 1)).toBe(0.0000219);
  });
});
